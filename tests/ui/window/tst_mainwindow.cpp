// The window end to end, offscreen: open the demo workspace, pick a request, send it to the
// demo service over loopback and read the response.
#include "importexportactions.h"
#include "mainwindow.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responsebodyview.h"
#include "responseview.h"
#include "windowfixture.h"
#include "workspace/demoworkspace.h"
#include "workspacepanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace mr;

class tst_MainWindow : public QObject
{
    Q_OBJECT
    WindowFixture m_fx;
    MainWindow *m_window = nullptr;

    QModelIndex proxyIndexOf(const QString &name) const
    {
        QTreeView *tree = m_window->workspacePanel()->view();
        const QModelIndexList found =
            tree->model()->match(tree->model()->index(0, 0), Qt::DisplayRole, name, 1,
                                 Qt::MatchExactly | Qt::MatchRecursive);
        return found.value(0);
    }

    void clickRequest(const QString &name)
    {
        QTreeView *tree = m_window->workspacePanel()->view();
        const QModelIndex index = proxyIndexOf(name);
        QVERIFY2(index.isValid(), qPrintable(name));
        tree->scrollTo(index);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
    }

    // The current response's body once formatting (in the background) is done.
    QString bodyText() const
    {
        ResponseBodyView *body = m_window->responseView()->body();
        if (!QTest::qWaitFor([body] { return !body->isBusy(); }, 10000))
            return QStringLiteral("(still formatting)");
        return body->toPlainText();
    }

    // Closes the current tab, throwing its edits away.
    void discardCurrentTab()
    {
        m_window->setCloseQuestion(
            [](const QString &) { return MainWindow::CloseAnswer::Discard; });
        QVERIFY(m_window->closeTab(m_window->tabs()->currentIndex()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fx.openDemo(QString(), &error), qPrintable(error));
        m_window = m_fx.window();
    }

    void treeModelIsSound()
    {
        QAbstractItemModelTester tester(m_window->workspacePanel()->view()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_window->environmentPicker()->currentData().toString(), QStringLiteral("demo"));
    }

    void pickAndSendShowsTheResponse()
    {
        clickRequest(QStringLiteral("Echo a GET"));
        QCOMPARE(m_window->requestEditor()->urlEdit()->text(),
                 QStringLiteral("{{baseUrl}}/get?city=Lisbon&lang=en"));
        QTest::mouseClick(m_window->requestEditor()->sendButton(), Qt::LeftButton);
        ResponseView *response = m_window->responseView();
        QTRY_COMPARE(response->statusLabel()->text(), QStringLiteral("200 OK"));
        const QString body = bodyText();
        QVERIFY2(body.contains(QStringLiteral("\"url\": \"%1/get?city=Lisbon&lang=en\"")
                                   .arg(m_fx.service.httpUrl().toString())),
                 qPrintable(body));
        // Pretty-printed: one key per line, indented.
        QVERIFY(body.contains(QLatin1String("\n  \"args\": {\n    \"city\": \"Lisbon\"")));
        const auto headers = response->headersView()->findItems(QStringLiteral("X-Demo-Connection"),
                                                                Qt::MatchExactly, 0);
        QCOMPARE(headers.size(), 1);
        QCOMPARE(
            response->findChild<QLabel *>(QStringLiteral("responseTime"))->text().endsWith(" ms"),
            true);
        QCOMPARE(response->findChild<QLabel *>(QStringLiteral("responseConnection"))->text(),
                 QStringLiteral("#1 new"));
    }

    void sendingAgainReusesTheConnection()
    {
        clickRequest(QStringLiteral("Echo a GET"));
        QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
        auto *connection =
            m_window->responseView()->findChild<QLabel *>(QStringLiteral("responseConnection"));
        QTRY_COMPARE(connection->text(), QString::fromUtf8("#1 reused \u00b7 2nd request"));
        QVERIFY(connection->toolTip().contains(QLatin1String("wait")));
    }

    void ctrlEnterSends()
    {
        clickRequest(QStringLiteral("I'm a teapot"));
        QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(),
                     QStringLiteral("418 I'm a teapot"));
        QCOMPARE(bodyText(), QStringLiteral("I'm a teapot\n"));
    }

    void editedRequestIsSent()
    {
        clickRequest(QStringLiteral("Post JSON"));
        QCOMPARE(m_window->requestEditor()
                     ->findChild<QComboBox *>(QStringLiteral("method"))
                     ->currentText(),
                 QStringLiteral("POST"));
        auto *body =
            m_window->requestEditor()->findChild<QPlainTextEdit *>(QStringLiteral("requestBody"));
        body->setPlainText(QStringLiteral("{\"edited\": true}"));
        QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        QVERIFY(bodyText().contains(QLatin1String("\"json\": {\n    \"edited\": true")));
    }

    void filterNarrowsTheTree()
    {
        QLineEdit *filter = m_window->workspacePanel()->filter();
        QTest::keyClicks(filter, QStringLiteral("teapot"));
        QTreeView *tree = m_window->workspacePanel()->view();
        QVERIFY(proxyIndexOf(QStringLiteral("I'm a teapot")).isValid());
        QVERIFY(!proxyIndexOf(QStringLiteral("Echo a GET")).isValid());
        QCOMPARE(tree->model()->rowCount(), 1); // only basics.http remains at the top
        filter->clear();
        QVERIFY(proxyIndexOf(QStringLiteral("Echo a GET")).isValid());
    }

    void errorsAreShownInPlainWords()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        clickRequest(QStringLiteral("Echo a GET"));
        QLineEdit *url = m_window->requestEditor()->urlEdit();
        url->setText(QStringLiteral("http://127.0.0.1:%1/get").arg(port));
        QTest::mouseClick(m_window->requestEditor()->sendButton(), Qt::LeftButton);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(), QStringLiteral("Failed"));
        auto *message =
            m_window->responseView()->findChild<QLabel *>(QStringLiteral("responseMessage"));
        QVERIFY2(message->text().startsWith(QLatin1String("Connection refused")),
                 qPrintable(message->text()));

        url->setText(QStringLiteral("{{nowhere}}/get"));
        QTest::mouseClick(m_window->requestEditor()->sendButton(), Qt::LeftButton);
        QVERIFY2(message->text().contains(QLatin1String("undefined variables: nowhere")),
                 qPrintable(message->text()));
        discardCurrentTab();
    }

    void copyAsCurlResolvesTheOpenRequest()
    {
        clickRequest(QStringLiteral("Echo a GET"));
        const QString command = m_window->importExport()->copyAsCurl();
        QCOMPARE(command, QStringLiteral("curl '%1/get?city=Lisbon&lang=en' \\\n  -H 'Accept: "
                                         "application/json' \\\n  -L \\\n  --compressed")
                              .arg(m_fx.service.httpUrl().toString(QUrl::StripTrailingSlash)));
        QCOMPARE(QApplication::clipboard()->text(), command);
    }

    void aCurlCommandPastedIntoTheUrlFillsTheRequest()
    {
        clickRequest(QStringLiteral("Post JSON"));
        QLineEdit *url = m_window->requestEditor()->urlEdit();
        url->selectAll();
        // Typing a command is left alone until it is whole…
        QTest::keyClicks(url, QStringLiteral("curl -X"));
        QCOMPARE(url->text(), QStringLiteral("curl -X"));
        // …a pasted one is read at once.
        url->selectAll();
        QApplication::clipboard()->setText(
            QStringLiteral("curl -X PUT {{baseUrl}}/put -H 'X-Pasted: yes' --data-raw 'hello'"));
        QTest::keyClick(url, Qt::Key_V, Qt::ControlModifier);
        QTRY_COMPARE(url->text(), QStringLiteral("{{baseUrl}}/put"));
        const RequestDefinition request = m_window->requestEditor()->request();
        QCOMPARE(request.method, QStringLiteral("PUT"));
        QCOMPARE(request.name, QStringLiteral("Post JSON")); // still the same request
        QCOMPARE(request.body, QStringLiteral("hello"));
        QVERIFY(request.hasDirective(QStringLiteral("no-redirect")));
        QCOMPARE(request.headers.first().name, QStringLiteral("X-Pasted"));
        QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        QVERIFY(bodyText().contains(QLatin1String("\"X-Pasted\": \"yes\"")));
        // Something that is not a command leaves the request alone.
        QVERIFY(!m_window->importExport()->pasteCurl(QStringLiteral("curl 'unterminated")));
        QCOMPARE(m_window->requestEditor()->request().method, QStringLiteral("PUT"));
    }

    void importAddsFilesToTheTree()
    {
        const QString input = m_fx.dir.filePath(QStringLiteral("from-docs.sh"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("curl {{baseUrl}}/anything/imported -H 'X-From: docs' -k\n");
        file.close();
        QString error;
        const QString summary = m_window->importExport()->importFile(input, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(summary.contains(QLatin1String("from-docs.http")), qPrintable(summary));
        QVERIFY(summary.contains(QLatin1String("-k has no .http equivalent")));
        QVERIFY(proxyIndexOf(QStringLiteral("from-docs.http")).isValid());

        const QString broken = m_fx.dir.filePath(QStringLiteral("broken.sh"));
        QFile bad(broken);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("curl 'http://x\n");
        bad.close();
        m_window->importExport()->importFile(broken, &error);
        QVERIFY2(error.contains(broken + QStringLiteral(":1:6: unterminated")), qPrintable(error));
    }

    void aRequestOpensInItsOwnTabOnce()
    {
        clickRequest(QStringLiteral("Echo a GET"));
        clickRequest(QStringLiteral("I'm a teapot"));
        const int teapot = m_window->tabs()->currentIndex();
        const int tabs = m_window->tabs()->count();
        clickRequest(QStringLiteral("Echo a GET"));
        QCOMPARE(m_window->tabs()->count(), tabs);
        QCOMPARE(m_window->tabs()->tabText(m_window->tabs()->currentIndex()),
                 QStringLiteral("Echo a GET"));
        // Each tab keeps its own response.
        m_window->tabs()->setCurrentIndex(teapot);
        QCOMPARE(m_window->requestEditor()->request().name, QStringLiteral("I'm a teapot"));
    }

    void editsAreMarkedSavedWithCtrlSAndWrittenToTheFile()
    {
        const QString path = m_fx.model()->workspace().root() + QStringLiteral("/basics.http");
        QFile before(path);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray original = before.readAll();
        before.close();

        clickRequest(QStringLiteral("I'm a teapot"));
        const int index = m_window->tabs()->currentIndex();
        QVERIFY(!m_window->tabs()->tabText(index).startsWith(QChar(0x25CF)));
        QLineEdit *url = m_window->requestEditor()->urlEdit();
        const QString was = url->text();
        url->setText(was + QStringLiteral("?saved=1"));
        QVERIFY(m_window->currentTab()->isModified());
        QVERIFY(m_window->tabs()->tabText(index).startsWith(QChar(0x25CF)));
        // Typing the old text back is no edit.
        url->setText(was);
        QVERIFY(!m_window->currentTab()->isModified());
        url->setText(was + QStringLiteral("?saved=1"));

        QTest::keyClick(url, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!m_window->currentTab()->isModified());
        QVERIFY(!m_window->tabs()->tabText(index).startsWith(QChar(0x25CF)));
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        const QByteArray written = after.readAll();
        QVERIFY(written.contains((was + QStringLiteral("?saved=1")).toUtf8()));
        // Only that request's line changed.
        QCOMPARE(written.size(), original.size() + qsizetype(strlen("?saved=1")));
        // The tree reads the saved file.
        QCOMPARE(
            m_fx.model()
                ->request(m_fx.model()->requestIndex(path, m_window->currentTab()->requestIndex()))
                ->url,
            was + QStringLiteral("?saved=1"));
    }

    void closingATabWithEditsAsks()
    {
        clickRequest(QStringLiteral("Echo a GET"));
        const int tabs = m_window->tabs()->count();
        m_window->requestEditor()->urlEdit()->setText(QStringLiteral("{{baseUrl}}/anything"));
        QStringList asked;
        m_window->setCloseQuestion([&asked](const QString &what) {
            asked.append(what);
            return MainWindow::CloseAnswer::Cancel;
        });
        QVERIFY(!m_window->closeTab(m_window->tabs()->currentIndex()));
        QCOMPARE(asked, QStringList{QStringLiteral("Echo a GET")});
        QCOMPARE(m_window->tabs()->count(), tabs);
        QCOMPARE(m_window->requestEditor()->urlEdit()->text(),
                 QStringLiteral("{{baseUrl}}/anything"));
        // The window's close asks too, and a cancelled answer keeps it open.
        QVERIFY(!m_window->close());
        QVERIFY(m_window->isVisible());
        discardCurrentTab();
        QCOMPARE(m_window->tabs()->count(), tabs - 1);
    }

    void openingAnotherWorkspaceIsRemembered()
    {
        const QString other = m_fx.dir.filePath(QStringLiteral("other"));
        QVERIFY(QDir().mkpath(other));
        QFile file(other + QStringLiteral("/one.http"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("### Only one\nGET http://127.0.0.1:1/x\n");
        file.close();
        QFile environments(other + QStringLiteral("/http-client.env.json"));
        QVERIFY(environments.open(QIODevice::WriteOnly));
        environments.write("{\"beta\": {\"x\": \"1\"}, \"alpha\": {\"x\": \"2\"}}");
        environments.close();
        const QString demo = m_fx.model()->workspace().root();
        QVERIFY(m_window->openWorkspace(other));
        // Its first environment is chosen: "No environment" only ever by hand.
        QCOMPARE(m_window->currentEnvironment(), QStringLiteral("alpha"));
        QCOMPARE(m_window->tabs()->count(), 1);
        QCOMPARE(m_window->requestEditor()->request().name, QStringLiteral("Only one"));
        QVERIFY(m_window->windowTitle().startsWith(QLatin1String("other")));
        const QList<QAction *> recent = m_window->recentMenu()->actions();
        QVERIFY(recent.size() >= 2);
        QCOMPARE(recent.at(0)->data().toString(), QDir(other).canonicalPath());
        QCOMPARE(recent.at(1)->data().toString(), QDir(demo).canonicalPath());
        // A missing folder is reported and the open workspace stays.
        QVERIFY(!m_window->openWorkspace(m_fx.dir.filePath(QStringLiteral("gone"))));
        QCOMPARE(m_window->tabs()->count(), 1);
        m_window->recentMenu()->actions().at(1)->trigger();
        QCOMPARE(QDir(m_fx.model()->workspace().root()).canonicalPath(),
                 QDir(demo).canonicalPath());
        m_window->refreshEnvironments(DemoWorkspace::environmentName());
    }

    void savingNeverLandsOnAnotherRequest()
    {
        const QString folder = m_fx.dir.filePath(QStringLiteral("moving"));
        QVERIFY(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/api.http");
        const auto write = [&path](const QByteArray &bytes) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        };
        const auto read = [&path] {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        write("### One\nGET http://127.0.0.1:1/one\n\n### Two\nGET http://127.0.0.1:1/two\n");
        const QString demo = m_fx.model()->workspace().root();
        QVERIFY(m_window->openWorkspace(path));
        clickRequest(QStringLiteral("Two"));
        m_window->requestEditor()->urlEdit()->setText(
            QStringLiteral("http://127.0.0.1:1/two-edited"));

        // Another program adds a request above it: the save follows the request.
        write("### Zero\nGET http://127.0.0.1:1/zero\n\n### One\nGET http://127.0.0.1:1/one\n\n"
              "### Two\nGET http://127.0.0.1:1/two\n");
        m_fx.session()->reload();
        QVERIFY(m_window->currentTab()->isModified());
        QVERIFY(m_window->save());
        QCOMPARE(read(), QByteArray("### Zero\nGET http://127.0.0.1:1/zero\n\n### One\nGET "
                                    "http://127.0.0.1:1/one\n\n### Two\nGET "
                                    "http://127.0.0.1:1/two-edited\n"));
        QCOMPARE(m_window->currentTab()->requestIndex(), 2);

        // Another program rewrites the request being edited: nothing is written, edits stay.
        m_window->requestEditor()->urlEdit()->setText(QStringLiteral("http://127.0.0.1:1/mine"));
        const QByteArray theirs =
            "### Zero\nGET http://127.0.0.1:1/zero\n\n### One\nGET "
            "http://127.0.0.1:1/one\n\n### Two\nGET http://127.0.0.1:1/theirs\n";
        write(theirs);
        m_fx.session()->reload();
        QVERIFY(!m_window->save());
        QCOMPARE(read(), theirs);
        QCOMPARE(m_window->requestEditor()->urlEdit()->text(),
                 QStringLiteral("http://127.0.0.1:1/mine"));
        QVERIFY(m_window->statusBar()->currentMessage().contains(QLatin1String("changed on disk")));

        discardCurrentTab();
        QVERIFY(m_window->openWorkspace(demo));
        m_window->refreshEnvironments(DemoWorkspace::environmentName());
    }

    void cleanupTestCase()
    {
        m_window = nullptr;
        m_fx.app.reset();
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
