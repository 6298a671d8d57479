// Chaining in the window, offscreen, against the demo service on loopback: a reference to a
// named request not sent yet is marked and explains itself, sending it says which and why
// without sending anything, and once "login" has been sent the next request carries its token.
#include "keyvaluetable.h"
#include "mainwindow.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responsebodyview.h"
#include "responseview.h"
#include "variablelineedit.h"
#include "windowclicks.h"
#include "windowfixture.h"
#include "workspacepanel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeView>

using namespace mr;

class tst_WindowChaining : public QObject
{
    Q_OBJECT
    WindowFixture m_fx;
    MainWindow *m_window = nullptr;

    void clickRequest(const QString &name) { mr::clickRequest(m_window, name); }

    QString responseMessage() const { return mr::responseMessage(m_window); }

    QString bodyText() const
    {
        ResponseBodyView *body = m_window->responseView()->body();
        if (!QTest::qWaitFor([body] { return !body->isBusy(); }, 10000))
            return QStringLiteral("(still formatting)");
        return body->toPlainText();
    }

    // The editor the Headers table opens on the value of `row`.
    VariableLineEdit *headerValueEditor(int row)
    {
        KeyValueTable *headers = m_window->requestEditor()->headersTable();
        m_window->requestEditor()->tabs()->setCurrentIndex(RequestEditor::HeadersTab);
        const QModelIndex cell = headers->rowsModel()->index(row, 1);
        headers->setCurrentIndex(cell);
        headers->edit(cell);
        return headers->viewport()->findChild<VariableLineEdit *>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fx.openDemo(QStringLiteral("chaining.http"), &error), qPrintable(error));
        m_window = m_fx.window();
    }

    void aReferenceToARequestNotSentIsMarkedAndSaysWhy()
    {
        clickRequest(QStringLiteral("Use the token"));
        VariableLineEdit *value = headerValueEditor(0);
        QVERIFY(value);
        QCOMPARE(value->text(), QStringLiteral("Bearer {{login.response.body.$.json.token}}"));
        QCOMPARE(value->spans().size(), 1);
        QVERIFY(!value->spans().first().known);
        QCOMPARE(value->toolTipAt(10),
                 QStringLiteral("{{login.response.body.$.json.token}}: login has not been sent "
                                "yet: send the request named login first"));
        QTest::keyClick(value, Qt::Key_Escape);
    }

    void sendingItSaysWhichReferenceAndWhyAndSendsNothing()
    {
        clickRequest(QStringLiteral("Use the token"));
        QTest::mouseClick(m_window->requestEditor()->sendButton(), Qt::LeftButton);
        QCOMPARE(m_window->responseView()->statusLabel()->text(), QStringLiteral("Failed"));
        const QString message = responseMessage();
        QVERIFY2(message.contains(QStringLiteral("{{login.response.body.$.json.token}}: login has "
                                                 "not been sent yet")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("{{login.response.headers.X-Demo-Connection}}")),
                 qPrintable(message));
        QVERIFY(!m_window->currentTab()->job()); // nothing went out
    }

    void afterLoginTheNextRequestCarriesItsToken()
    {
        clickRequest(QStringLiteral("login"));
        QTest::mouseClick(m_window->requestEditor()->sendButton(), Qt::LeftButton);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        const NamedResponses::Entry *login = m_window->namedResponses().entry("login");
        QVERIFY(login);
        // The token the service received (and echoed) is the one the next request must carry.
        const QString token = QJsonDocument::fromJson(login->response.body)
                                  .object()
                                  .value("json")
                                  .toObject()
                                  .value("token")
                                  .toString();
        QVERIFY2(token.startsWith(QLatin1String("demo-")), qPrintable(token));

        clickRequest(QStringLiteral("Use the token"));
        VariableLineEdit *value = headerValueEditor(0);
        QVERIFY(value);
        QVERIFY(value->spans().first().known);
        QCOMPARE(value->toolTipAt(10),
                 QStringLiteral("{{login.response.body.$.json.token}} = %1").arg(token));
        QTest::keyClick(value, Qt::Key_Escape);

        QTest::mouseClick(m_window->requestEditor()->sendButton(), Qt::LeftButton);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        // /bearer answers with the token it received.
        const QString body = bodyText();
        QVERIFY2(body.contains(QStringLiteral("\"token\": \"%1\"").arg(token)), qPrintable(body));
        QVERIFY(!m_window->currentTab()->isModified());
    }

    void theBodyMarksReferencesWithoutAValue()
    {
        clickRequest(QStringLiteral("login"));
        auto *body =
            m_window->requestEditor()->findChild<QPlainTextEdit *>(QStringLiteral("requestBody"));
        QVERIFY(body);
        body->moveCursor(QTextCursor::End);
        QTest::keyClick(body, Qt::Key_Return);
        QTest::keyClicks(body,
                         QStringLiteral("{{login.request.body.$.user}} {{other.response.body.*}}"));
        // The last line: the first reference has a value (login was sent), the second not.
        const QList<QTextLayout::FormatRange> formats =
            body->document()->lastBlock().layout()->formats();
        bool knownMarked = false;
        bool unknownMarked = false;
        for (const QTextLayout::FormatRange &range : formats) {
            const bool wavy = range.format.underlineStyle() == QTextCharFormat::WaveUnderline;
            if (range.start == 0 && range.length == 29)
                knownMarked = !wavy;
            if (range.start == 30 && range.length == 25)
                unknownMarked = wavy;
        }
        QVERIFY(knownMarked);
        QVERIFY(unknownMarked);
        m_window->setCloseQuestion(
            [](const QString &) { return MainWindow::CloseAnswer::Discard; });
        QVERIFY(m_window->closeTab(m_window->tabs()->currentIndex()));
    }

    void theUrlMarksReferencesToo()
    {
        clickRequest(QStringLiteral("Use the token"));
        VariableLineEdit *url = m_window->requestEditor()->variableUrlEdit();
        url->selectAll();
        QTest::keyClicks(url, QStringLiteral("{{baseUrl}}/anything/{{login.response.body.$.nope}}"
                                             "?u={{login.request.body.$.user}}"));
        QCOMPARE(url->spans().size(), 3);
        QVERIFY(!url->spans().at(1).known);
        QCOMPARE(url->toolTipAt(int(url->spans().at(1).start) + 3),
                 QStringLiteral("{{login.response.body.$.nope}}: $.nope matches nothing in "
                                "login's response body"));
        QVERIFY(url->spans().at(2).known);
        QCOMPARE(url->spans().at(2).value, QStringLiteral("ada"));
        m_window->setCloseQuestion(
            [](const QString &) { return MainWindow::CloseAnswer::Discard; });
        QVERIFY(m_window->closeTab(m_window->tabs()->currentIndex()));
    }
};

QTEST_MAIN(tst_WindowChaining)
#include "tst_windowchaining.moc"
