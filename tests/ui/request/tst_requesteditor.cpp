// The request editor driven as a user would: keys into the URL and the tables, the body mode
// and auth pickers, the options; each tab's edit shows in the others and in request().
#include "autheditor.h"
#include "bodyeditor.h"
#include "keyvaluetable.h"
#include "mainwindow.h"
#include "optionseditor.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responsebodyview.h"
#include "responseview.h"
#include "variablelineedit.h"
#include "windowfixture.h"
#include "workspacepanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolTip>
#include <QTreeView>

using namespace mr;

namespace {

RequestDefinition plainGet(const QString &url)
{
    RequestDefinition request;
    request.name = QStringLiteral("Sample");
    request.method = QStringLiteral("GET");
    request.url = url;
    return request;
}

QString headerValue(const RequestDefinition &request, const QString &name)
{
    for (const auto &header : request.headers) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0)
            return header.value;
    }
    return {};
}

bool hasHeader(const RequestDefinition &request, const QString &name)
{
    for (const auto &header : request.headers) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Picks a combo box entry with the keyboard, as a user tabbing through the form would.
void choose(QComboBox *combo, int data)
{
    const int target = combo->findData(data);
    QVERIFY(target >= 0);
    combo->setFocus();
    while (combo->currentIndex() < target)
        QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > target)
        QTest::keyClick(combo, Qt::Key_Up);
    QCOMPARE(combo->currentIndex(), target);
}

// Types into a table cell: the first key opens the cell's editor, Return commits it.
QLineEdit *typeIntoCell(QTableView *table, int row, int column, const QString &text)
{
    table->setFocus();
    table->setCurrentIndex(table->model()->index(row, column));
    QTest::keyClick(table, text.at(0).toLatin1());
    auto *editor = qobject_cast<QLineEdit *>(table->indexWidget(table->currentIndex()));
    if (!editor)
        editor = table->viewport()->findChild<QLineEdit *>();
    if (!editor)
        return nullptr;
    QTest::keyClicks(editor, text.mid(1));
    return editor;
}

// The delegate commits a cell on Return through a queued call.
void commitCell(QLineEdit *editor)
{
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents();
}

// Types into a table cell and commits it; false when the cell opened no editor.
bool enterCell(QTableView *table, int row, int column, const QString &text)
{
    QLineEdit *editor = typeIntoCell(table, row, column, text);
    if (!editor)
        return false;
    commitCell(editor);
    return true;
}

// A mouse click on a row's checkbox.
void clickCheckBox(QTableView *table, int row)
{
    const QRect cell = table->visualRect(table->model()->index(row, 0));
    const int indicator = table->style()->pixelMetric(QStyle::PM_IndicatorWidth);
    const QPoint where(cell.left() + 3 + indicator / 2, cell.center().y());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, where);
}

QStringList completions(QCompleter *completer)
{
    QStringList offered;
    for (int i = 0; completer->setCurrentRow(i); ++i)
        offered.append(completer->currentCompletion());
    return offered;
}

} // namespace

class tst_RequestEditor : public QObject
{
    Q_OBJECT
    std::unique_ptr<RequestEditor> m_editor;

    void open(const RequestDefinition &request)
    {
        m_editor = std::make_unique<RequestEditor>();
        m_editor->resize(700, 600);
        m_editor->setRequest(request, QStringLiteral("sample.http:1"));
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
        m_editor->activateWindow();
    }

    // The editor's models, each checked by QAbstractItemModelTester while the test runs.
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testModels()
    {
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (QAbstractItemModel *model :
             {static_cast<QAbstractItemModel *>(m_editor->paramsTable()->rowsModel()),
              static_cast<QAbstractItemModel *>(m_editor->headersTable()->rowsModel()),
              static_cast<QAbstractItemModel *>(m_editor->bodyEditor()->formTable()->rowsModel()),
              static_cast<QAbstractItemModel *>(
                  m_editor->bodyEditor()->partsTable()->rowsModel())}) {
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
        return testers;
    }

    // Opens the request on that tab of the editor, its tables' models under test.
    std::vector<std::unique_ptr<QAbstractItemModelTester>> openOn(const RequestDefinition &request,
                                                                  RequestEditor::Tab tab)
    {
        open(request);
        auto testers = testModels();
        m_editor->tabs()->setCurrentIndex(tab);
        return testers;
    }

private Q_SLOTS:
    void init() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { m_editor.reset(); }

    void showingARequestChangesNothing()
    {
        RequestDefinition request = plainGet(QStringLiteral("{{baseUrl}}/a?flag&x=%20y#top"));
        request.method = QStringLiteral("POST");
        request.headers = {
            {QStringLiteral("authorization"), QStringLiteral("Basic ZGVtbzpzM2NyZXQ="), 3},
            {QStringLiteral("content-type"), QStringLiteral("application/json; charset=utf-8"), 4}};
        request.body = QStringLiteral("{\n  \"a\": {{id}}\n}");
        request.directives = {{QStringLiteral("timeout"), QStringLiteral("30"), 1},
                              {QStringLiteral("no-redirect"), QString(), 2}};
        m_editor = std::make_unique<RequestEditor>();
        QSignalSpy edited(m_editor.get(), &RequestEditor::edited);
        m_editor->setRequest(request, QString());
        QCOMPARE(edited.count(), 0);
        const RequestDefinition shown = m_editor->request();
        QCOMPARE(shown.url, request.url);
        QCOMPARE(shown.headers, request.headers);
        QCOMPARE(shown.body, request.body);
        QCOMPARE(shown.directives, request.directives);
        QCOMPARE(m_editor->authEditor()->auth().kind, RequestAuth::Kind::Basic);
        QCOMPARE(m_editor->authEditor()->auth().user, QStringLiteral("demo"));
        QCOMPARE(m_editor->bodyEditor()->choice(), BodyEditor::Json);
        QCOMPARE(m_editor->optionsEditor()->timeoutBox()->value(), 30000);
        QVERIFY(!m_editor->optionsEditor()->followRedirectsBox()->isChecked());
        QCOMPARE(m_editor->tabs()->tabText(RequestEditor::ParamsTab), QStringLiteral("Params (2)"));
        QCOMPARE(m_editor->tabs()->tabText(RequestEditor::HeadersTab),
                 QStringLiteral("Headers (2)"));
        QCOMPARE(m_editor->tabs()->currentIndex(), int(RequestEditor::BodyTab));
    }

    void typingTheUrlFillsTheParams()
    {
        open(plainGet(QStringLiteral("http://example.com/x")));
        auto testers = testModels();
        QSignalSpy edited(m_editor.get(), &RequestEditor::edited);
        QLineEdit *url = m_editor->urlEdit();
        url->setFocus();
        QTest::keyClick(url, Qt::Key_End);
        QTest::keyClicks(url, QStringLiteral("?a=1&b=2"));
        QVERIFY(edited.count() > 0);
        const QList<KeyValueModel::Row> rows = m_editor->paramsTable()->rowsModel()->rows();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).name, QStringLiteral("a"));
        QCOMPARE(rows.at(0).value, QStringLiteral("1"));
        QCOMPARE(rows.at(1).name, QStringLiteral("b"));
        QCOMPARE(rows.at(1).value, QStringLiteral("2"));
        QCOMPARE(m_editor->tabs()->tabText(RequestEditor::ParamsTab), QStringLiteral("Params (2)"));
        // Typing never lost the cursor: it is still at the end.
        QCOMPARE(url->cursorPosition(), url->text().size());
        QCOMPARE(m_editor->request().url, QStringLiteral("http://example.com/x?a=1&b=2"));
    }

    void toggledParamsLeaveAndComeBack()
    {
        auto testers = openOn(plainGet(QStringLiteral("http://example.com/x?a=1&b=2")),
                              RequestEditor::ParamsTab);
        KeyValueTable *params = m_editor->paramsTable();
        clickCheckBox(params, 0);
        QCOMPARE(params->rowsModel()->rows().at(0).enabled, false);
        QCOMPARE(m_editor->urlEdit()->text(), QStringLiteral("http://example.com/x?b=2"));
        QCOMPARE(m_editor->request().url, QStringLiteral("http://example.com/x?b=2"));
        // Editing the URL keeps the disabled row.
        QLineEdit *url = m_editor->urlEdit();
        QTest::keyClick(url, Qt::Key_End);
        QTest::keyClicks(url, QStringLiteral("&c=3"));
        QCOMPARE(params->rowsModel()->rows().size(), 3);
        QCOMPARE(params->rowsModel()->rows().at(0).name, QStringLiteral("a"));
        clickCheckBox(params, 0);
        QCOMPARE(m_editor->urlEdit()->text(), QStringLiteral("http://example.com/x?a=1&b=2&c=3"));
    }

    void editingTheParamsTableRewritesTheUrl()
    {
        auto testers =
            openOn(plainGet(QStringLiteral("{{host}}/x?a=1#frag")), RequestEditor::ParamsTab);
        KeyValueTable *params = m_editor->paramsTable();
        QVERIFY(enterCell(params, 0, 1, QStringLiteral("42")));
        QCOMPARE(m_editor->urlEdit()->text(), QStringLiteral("{{host}}/x?a=42#frag"));
        // The empty last row adds a param.
        QVERIFY(enterCell(params, 1, 0, QStringLiteral("q")));
        QVERIFY(enterCell(params, 1, 1, QStringLiteral("a b&c")));
        QCOMPARE(m_editor->urlEdit()->text(), QStringLiteral("{{host}}/x?a=42&q=a%20b%26c#frag"));
        QCOMPARE(params->rowsModel()->rowCount(), 3); // two params and the empty row
        // Delete removes the selected row.
        params->setFocus();
        params->selectRow(0);
        QTest::keyClick(params, Qt::Key_Delete);
        QCOMPARE(m_editor->urlEdit()->text(), QStringLiteral("{{host}}/x?q=a%20b%26c#frag"));
    }

    void headerNamesAreCompleted()
    {
        auto testers =
            openOn(plainGet(QStringLiteral("http://example.com/")), RequestEditor::HeadersTab);
        KeyValueTable *headers = m_editor->headersTable();
        QLineEdit *editor = typeIntoCell(headers, 0, 0, QStringLiteral("cont"));
        QVERIFY(editor);
        QVERIFY(editor->completer());
        QTRY_VERIFY(editor->completer()->popup()->isVisible());
        QVERIFY2(completions(editor->completer()).contains(QStringLiteral("Content-Type")),
                 qPrintable(completions(editor->completer()).join(QLatin1Char(','))));
        // Pick "Content-Type" in the popup.
        QAbstractItemView *popup = editor->completer()->popup();
        const QModelIndexList found = popup->model()->match(
            popup->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("Content-Type"));
        QCOMPARE(found.size(), 1);
        popup->setCurrentIndex(found.first());
        QTest::keyClick(popup, Qt::Key_Return);
        QCOMPARE(editor->text(), QStringLiteral("Content-Type"));
        commitCell(editor);
        QVERIFY(enterCell(headers, 0, 1, QStringLiteral("text/plain")));
        QCOMPARE(headerValue(m_editor->request(), QStringLiteral("Content-Type")),
                 QStringLiteral("text/plain"));
        QCOMPARE(m_editor->tabs()->tabText(RequestEditor::HeadersTab),
                 QStringLiteral("Headers (1)"));
        // Always an empty row to type a new header into.
        QCOMPARE(headers->rowsModel()->rowCount(), 2);
    }

    void bodyModesWriteBodyAndContentType()
    {
        RequestDefinition request = plainGet(QStringLiteral("http://example.com/post"));
        request.method = QStringLiteral("POST");
        auto testers = openOn(request, RequestEditor::BodyTab);
        BodyEditor *body = m_editor->bodyEditor();

        choose(body->modePicker(), BodyEditor::Json);
        QCOMPARE(headerValue(m_editor->request(), QStringLiteral("Content-Type")),
                 QStringLiteral("application/json"));
        // The Headers tab shows what the Body tab wrote.
        QCOMPARE(m_editor->headersTable()->rowsModel()->rows().value(0).name,
                 QStringLiteral("Content-Type"));
        body->textEdit()->setFocus();
        QTest::keyClicks(body->textEdit(), QStringLiteral("{\"a\": 1}"));
        QCOMPARE(m_editor->request().body, QStringLiteral("{\"a\": 1}"));
        QVERIFY(m_editor->tabs()->tabText(RequestEditor::BodyTab).contains(QLatin1String("JSON")));

        choose(body->modePicker(), BodyEditor::Xml);
        QCOMPARE(headerValue(m_editor->request(), QStringLiteral("Content-Type")),
                 QStringLiteral("application/xml"));

        choose(body->modePicker(), BodyEditor::Form);
        QCOMPARE(headerValue(m_editor->request(), QStringLiteral("Content-Type")),
                 QStringLiteral("application/x-www-form-urlencoded"));
        KeyValueTable *form = body->formTable();
        QVERIFY(enterCell(form, 0, 0, QStringLiteral("name")));
        QVERIFY(enterCell(form, 0, 1, QStringLiteral("Ada")));
        QVERIFY(enterCell(form, 1, 0, QStringLiteral("lang")));
        QVERIFY(enterCell(form, 1, 1, QStringLiteral("en")));
        QCOMPARE(m_editor->request().body, QStringLiteral("name=Ada&lang=en"));
        clickCheckBox(form, 1);
        QCOMPARE(m_editor->request().body, QStringLiteral("name=Ada"));

        choose(body->modePicker(), BodyEditor::Multipart);
        const QString multipart = headerValue(m_editor->request(), QStringLiteral("Content-Type"));
        QVERIFY2(multipart.startsWith(QLatin1String("multipart/form-data; boundary=")),
                 qPrintable(multipart));
        QVERIFY(m_editor->request().body.contains(QLatin1String("name=\"name\"")));
        // A file part, typed into the File column (its editor has a "Choose file…" button).
        KeyValueTable *parts = body->partsTable();
        QCOMPARE(parts->rowsModel()->columnOf(KeyValueModel::File), 2);
        QVERIFY(enterCell(parts, 2, 0, QStringLiteral("upload")));
        parts->setFocus();
        parts->setCurrentIndex(parts->model()->index(2, 2));
        QTest::keyClick(parts, Qt::Key_F2);
        QWidget *fileCell = parts->indexWidget(parts->currentIndex());
        QVERIFY(fileCell);
        QVERIFY(fileCell->findChild<QWidget *>(QStringLiteral("chooseFile")));
        QLineEdit *editor = fileCell->findChild<QLineEdit *>();
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("./data.bin"));
        commitCell(editor);
        QVERIFY2(m_editor->request().body.contains(QLatin1String("< ./data.bin")),
                 qPrintable(m_editor->request().body));

        choose(body->modePicker(), BodyEditor::Binary);
        body->fileEdit()->selectAll();
        QTest::keyClicks(body->fileEdit(), QStringLiteral("./photo.png"));
        QCOMPARE(m_editor->request().body, QStringLiteral("< ./photo.png"));

        choose(body->modePicker(), BodyEditor::None);
        QCOMPARE(m_editor->request().body, QString());
        QVERIFY(!hasHeader(m_editor->request(), QStringLiteral("Content-Type")));
        QCOMPARE(m_editor->headersTable()->rowsModel()->rows().size(), 0);
    }

    void invalidJsonShowsWhere()
    {
        RequestDefinition request = plainGet(QStringLiteral("http://example.com/post"));
        request.method = QStringLiteral("POST");
        request.headers = {{QStringLiteral("Content-Type"), QStringLiteral("application/json"), 0}};
        open(request);
        m_editor->tabs()->setCurrentIndex(RequestEditor::BodyTab);
        BodyEditor *body = m_editor->bodyEditor();
        QCOMPARE(body->choice(), BodyEditor::Json);
        QPlainTextEdit *text = body->textEdit();
        text->setFocus();
        // QTest has no key for "\n": Return between lines.
        const QStringList lines = {QStringLiteral("{"), QStringLiteral("\"a\": {{id}},"),
                                   QStringLiteral("\"b\" 2"), QStringLiteral("}")};
        for (const QString &line : lines) {
            if (line != lines.first())
                QTest::keyClick(text, Qt::Key_Return);
            QTest::keyClicks(text, line);
        }
        QVERIFY(body->problemLabel()->isVisible());
        QVERIFY2(body->problemLabel()->text().startsWith(QLatin1String("Line 3, column 5: ")),
                 qPrintable(body->problemLabel()->text()));
        // Fixed: the label goes.
        QTextCursor cursor = text->textCursor();
        cursor.setPosition(int(text->toPlainText().indexOf(QLatin1String(" 2"))));
        text->setTextCursor(cursor);
        QTest::keyClicks(text, QStringLiteral(":"));
        QVERIFY(!body->problemLabel()->isVisible());
        QCOMPARE(m_editor->request().body, QStringLiteral("{\n\"a\": {{id}},\n\"b\": 2\n}"));
    }

    void basicAuthWritesTheAuthorizationHeader()
    {
        auto testers =
            openOn(plainGet(QStringLiteral("http://example.com/")), RequestEditor::AuthTab);
        AuthEditor *auth = m_editor->authEditor();
        choose(auth->kindPicker(), int(RequestAuth::Kind::Basic));
        QTest::keyClicks(auth->userEdit(), QStringLiteral("demo"));
        QTest::keyClicks(auth->passwordEdit(), QStringLiteral("s3cret"));
        QCOMPARE(auth->passwordEdit()->echoMode(), QLineEdit::Password);
        auth->passwordEdit()->findChild<QAction *>(QStringLiteral("showPassword"))->trigger();
        QCOMPARE(auth->passwordEdit()->echoMode(), QLineEdit::Normal);
        const QString authorization =
            headerValue(m_editor->request(), QStringLiteral("Authorization"));
        QVERIFY2(authorization.startsWith(QLatin1String("Basic ")), qPrintable(authorization));
        QCOMPARE(m_editor->headersTable()->rowsModel()->rows().value(0).name,
                 QStringLiteral("Authorization"));
        QVERIFY(m_editor->tabs()->tabText(RequestEditor::AuthTab).contains(QLatin1String("Basic")));

        // A Bearer token without a token is not written, and the tab says why.
        choose(auth->kindPicker(), int(RequestAuth::Kind::Bearer));
        QVERIFY(auth->problemLabel()->isVisible());
        QVERIFY(auth->problemLabel()->text().contains(QLatin1String("empty")));
        QTest::keyClicks(auth->tokenEdit(), QStringLiteral("{{token}}"));
        QVERIFY(!auth->problemLabel()->isVisible());
        QCOMPARE(headerValue(m_editor->request(), QStringLiteral("Authorization")),
                 QStringLiteral("Bearer {{token}}"));

        // An edit in the Headers tab shows in the Auth tab.
        m_editor->tabs()->setCurrentIndex(RequestEditor::HeadersTab);
        QVERIFY(enterCell(m_editor->headersTable(), 0, 1, QStringLiteral("Bearer other")));
        QCOMPARE(auth->tokenEdit()->text(), QStringLiteral("other"));

        // An API key in the query goes into the URL and the Params tab.
        m_editor->tabs()->setCurrentIndex(RequestEditor::AuthTab);
        choose(auth->kindPicker(), int(RequestAuth::Kind::ApiKey));
        choose(auth->keyWherePicker(), int(RequestAuth::Where::Query));
        auth->keyNameEdit()->selectAll();
        QTest::keyClicks(auth->keyNameEdit(), QStringLiteral("api_key"));
        QTest::keyClicks(auth->keyValueEdit(), QStringLiteral("k1"));
        QCOMPARE(m_editor->urlEdit()->text(), QStringLiteral("http://example.com/?api_key=k1"));
        QCOMPARE(m_editor->paramsTable()->rowsModel()->rows().value(0).name,
                 QStringLiteral("api_key"));
        QVERIFY(!hasHeader(m_editor->request(), QStringLiteral("Authorization")));
    }

    void optionsBecomeDirectives()
    {
        open(plainGet(QStringLiteral("http://example.com/")));
        m_editor->tabs()->setCurrentIndex(RequestEditor::OptionsTab);
        OptionsEditor *options = m_editor->optionsEditor();
        QSpinBox *timeout = options->timeoutBox();
        timeout->setFocus();
        timeout->selectAll();
        QTest::keyClicks(timeout, QStringLiteral("5000"));
        QVERIFY(m_editor->request().hasDirective(QStringLiteral("timeout")));
        QCOMPARE(RequestDefinition::parseDurationMs(
                     m_editor->request().directive(QStringLiteral("timeout"))),
                 std::optional<int>(5000));
        QCheckBox *redirects = options->followRedirectsBox();
        QTest::mouseClick(redirects, Qt::LeftButton, {},
                          QPoint(redirects->style()->pixelMetric(QStyle::PM_IndicatorWidth) / 2 + 2,
                                 redirects->height() / 2));
        QVERIFY(m_editor->request().hasDirective(QStringLiteral("no-redirect")));
        QComboBox *protocol = options->protocolBox();
        QCOMPARE(protocol->objectName(), QStringLiteral("optionProtocol"));
        QCOMPARE(protocol->count(), 3);
        QCOMPARE(protocol->currentText(), QStringLiteral("Default"));
        protocol->setFocus();
        QTest::keyClick(protocol, Qt::Key_Down); // HTTP/1.1 only
        QCOMPARE(protocol->currentText(), QStringLiteral("HTTP/1.1 only"));
        QVERIFY(m_editor->request().hasDirective(QStringLiteral("http1")));
        QTest::keyClick(protocol, Qt::Key_Down); // HTTP/2
        QVERIFY(m_editor->request().hasDirective(QStringLiteral("http2")));
        QVERIFY(!m_editor->request().hasDirective(QStringLiteral("http1")));
        QCOMPARE(m_editor->request().options().protocol,
                 std::optional<ProtocolChoice>(ProtocolChoice::Http2));
        QCOMPARE(m_editor->tabs()->tabText(RequestEditor::OptionsTab),
                 QStringLiteral("Options (3)"));
        QTest::keyClick(protocol, Qt::Key_Up);
        QTest::keyClick(protocol, Qt::Key_Up); // Default
        QVERIFY(!m_editor->request().hasDirective(QStringLiteral("http1")));
        QVERIFY(!m_editor->request().hasDirective(QStringLiteral("http2")));
        QCOMPARE(m_editor->tabs()->tabText(RequestEditor::OptionsTab),
                 QStringLiteral("Options (2)"));
        // Back to the default: the directive goes.
        timeout->selectAll();
        QTest::keyClick(timeout, Qt::Key_Delete);
        QTest::keyClick(timeout, Qt::Key_0);
        QVERIFY(!m_editor->request().hasDirective(QStringLiteral("timeout")));
    }

    void theHttpVersionIsShownFromDirectivesAndTheRequestLine()
    {
        RequestDefinition request = plainGet(QStringLiteral("https://example.com/"));
        request.httpVersion = QStringLiteral("HTTP/2");
        open(request);
        QComboBox *protocol = m_editor->optionsEditor()->protocolBox();
        QCOMPARE(protocol->currentText(), QStringLiteral("HTTP/2"));
        QCOMPARE(m_editor->tabs()->tabText(RequestEditor::OptionsTab),
                 QStringLiteral("Options (1)"));
        request.httpVersion.clear();
        request.directives.append({QStringLiteral("http1.1"), QString(), 0});
        open(request); // a new editor
        QCOMPARE(m_editor->optionsEditor()->protocolBox()->currentText(),
                 QStringLiteral("HTTP/1.1 only"));
    }

    void variablesAreHighlightedAndExplainedOnHover()
    {
        open(plainGet(QStringLiteral("{{host}}/users/{{nope}}")));
        m_editor->setVariables(VariableExpander(
            {{QStringLiteral("host"), QStringLiteral("https://api.example.com")}}));
        VariableLineEdit *url = m_editor->variableUrlEdit();
        QCOMPARE(url->spans().size(), 2);
        QVERIFY(url->spans().at(0).known);
        QVERIFY(!url->spans().at(1).known);
        QCOMPARE(url->toolTipAt(3), QStringLiteral("{{host}} = https://api.example.com"));
        QVERIFY(url->toolTipAt(18).contains(QLatin1String("unknown variable")));
        QCOMPARE(url->toolTipAt(9), QString());

        // Hovering the unknown one.
        url->setCursorPosition(19);
        const QPoint over =
            url->inputMethodQuery(Qt::ImCursorRectangle).toRect().center() - QPoint(4, 0);
        QHelpEvent hover(QEvent::ToolTip, over, url->mapToGlobal(over));
        QApplication::sendEvent(url, &hover);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QString::fromUtf8("unknown variable \u2014 define it")),
                 qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    void variableNamesAreCompletedAfterBraces()
    {
        open(plainGet(QString()));
        m_editor->setVariables(VariableExpander({{QStringLiteral("host"), QStringLiteral("h")},
                                                 {QStringLiteral("token"), QStringLiteral("t")}}));
        VariableLineEdit *url = m_editor->variableUrlEdit();
        url->setFocus();
        QTest::keyClicks(url, QStringLiteral("{{ho"));
        QCompleter *completer = url->variableCompleter();
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completions(completer), QStringList{QStringLiteral("host")});
        // Return picks the name (and does not send the request).
        QSignalSpy sent(m_editor.get(), &RequestEditor::sendRequested);
        completer->popup()->setCurrentIndex(completer->completionModel()->index(0, 0));
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(url->text(), QStringLiteral("{{host}}"));
        QCOMPARE(sent.count(), 0);
        QCOMPARE(url->spans().size(), 1);
        QVERIFY(url->spans().at(0).known);
        // Dynamic variables are offered too.
        QTest::keyClicks(url, QStringLiteral("/{{$uu"));
        QTRY_VERIFY(completer->popup()->isVisible());
        QVERIFY(completions(completer).contains(QStringLiteral("$uuid")));
    }

    void takeContentShowsAPastedRequest()
    {
        open(plainGet(QStringLiteral("http://example.com/")));
        RequestDefinition pasted = plainGet(QStringLiteral("http://example.com/put?x=1"));
        pasted.method = QStringLiteral("PUT");
        pasted.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer abc"), 0}};
        pasted.body = QStringLiteral("hello");
        m_editor->takeContent(pasted);
        QCOMPARE(m_editor->request().url, pasted.url);
        QCOMPARE(m_editor->request().body, QStringLiteral("hello"));
        QCOMPARE(m_editor->authEditor()->tokenEdit()->text(), QStringLiteral("abc"));
        QCOMPARE(m_editor->paramsTable()->rowsModel()->rows().size(), 1);
    }

    void editedThroughTheTabsAndSent()
    {
        // The whole way: the window, the demo workspace and the demo service over loopback.
        WindowFixture fx;
        QString error;
        QVERIFY2(fx.openDemo(QString(), &error), qPrintable(error));
        MainWindow &window = *fx.window();

        QTreeView *tree = window.workspacePanel()->view();
        const QModelIndex post =
            tree->model()
                ->match(tree->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("Post JSON"), 1,
                        Qt::MatchExactly | Qt::MatchRecursive)
                .value(0);
        QVERIFY(post.isValid());
        tree->scrollTo(post);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(post).center());
        RequestEditor *editor = window.requestEditor();
        QVERIFY(editor);
        // The URL knows the environment's variables.
        QVERIFY(editor->variableUrlEdit()->spans().value(0).known);

        editor->tabs()->setCurrentIndex(RequestEditor::BodyTab);
        BodyEditor *body = editor->bodyEditor();
        choose(body->modePicker(), BodyEditor::Form);
        for (int row = 0; row < 3; ++row)
            body->formTable()->rowsModel()->removeRows(0, 1); // JSON lines carried over, if any
        QVERIFY(enterCell(body->formTable(), 0, 0, QStringLiteral("drink")));
        QVERIFY(enterCell(body->formTable(), 0, 1, QStringLiteral("tea")));
        editor->tabs()->setCurrentIndex(RequestEditor::AuthTab);
        choose(editor->authEditor()->kindPicker(), int(RequestAuth::Kind::Bearer));
        QTest::keyClicks(editor->authEditor()->tokenEdit(), QStringLiteral("t0ken"));
        QVERIFY(window.currentTab()->isModified());

        QTest::mouseClick(editor->sendButton(), Qt::LeftButton);
        QTRY_COMPARE(window.responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        ResponseBodyView *view = window.responseView()->body();
        QVERIFY(QTest::qWaitFor([view] { return !view->isBusy(); }, 10000));
        const QString echoed = view->toPlainText();
        QVERIFY2(echoed.contains(QLatin1String("\"form\": {\n    \"drink\": \"tea\"")),
                 qPrintable(echoed));
        QVERIFY2(echoed.contains(QLatin1String("\"Authorization\": \"Bearer t0ken\"")),
                 qPrintable(echoed));
        QVERIFY(echoed.contains(QLatin1String("application/x-www-form-urlencoded")));
        window.setCloseQuestion([](const QString &) { return MainWindow::CloseAnswer::Discard; });
        QVERIFY(window.closeTab(window.tabs()->currentIndex()));
    }
};

QTEST_MAIN(tst_RequestEditor)
#include "tst_requesteditor.moc"
