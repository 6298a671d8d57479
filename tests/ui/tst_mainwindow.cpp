// The window end to end, offscreen: open the demo workspace, pick a request, send it to the
// demo service over loopback and read the response.
#include "demo/demoserverthread.h"
#include "mainwindow.h"
#include "net/httpclient.h"
#include "requesteditor.h"
#include "responseview.h"
#include "workspace/demoworkspace.h"
#include "workspace/workspacemodel.h"
#include "workspacepanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace mr;

class tst_MainWindow : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    DemoServerThread m_service;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<WorkspaceModel> m_model;
    std::unique_ptr<MainWindow> m_window;

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

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString folder = m_dir.filePath(QStringLiteral("demo"));
        QString error;
        QVERIFY2(DemoWorkspace::install(folder, &error), qPrintable(error));
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
        m_client = std::make_unique<HttpClient>();
        m_model = std::make_unique<WorkspaceModel>();
        m_model->setWorkspace(Workspace::load(folder));
        m_window = std::make_unique<MainWindow>(m_client.get(), m_model.get());
        m_window->setOverrides(
            {{DemoWorkspace::baseUrlVariable(), m_service.httpUrl().toString()}});
        m_window->refreshEnvironments(DemoWorkspace::environmentName());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
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
        const QString body = response->bodyView()->toPlainText();
        QVERIFY2(body.contains(QStringLiteral("\"url\": \"%1/get?city=Lisbon&lang=en\"")
                                   .arg(m_service.httpUrl().toString())),
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
        QTest::keyClick(m_window.get(), Qt::Key_Return, Qt::ControlModifier);
        auto *connection =
            m_window->responseView()->findChild<QLabel *>(QStringLiteral("responseConnection"));
        QTRY_COMPARE(connection->text(), QString::fromUtf8("#1 reused \u00b7 2nd request"));
        QVERIFY(connection->toolTip().contains(QLatin1String("wait")));
    }

    void ctrlEnterSends()
    {
        clickRequest(QStringLiteral("I'm a teapot"));
        QTest::keyClick(m_window.get(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(),
                     QStringLiteral("418 I'm a teapot"));
        QCOMPARE(m_window->responseView()->bodyView()->toPlainText(),
                 QStringLiteral("I'm a teapot\n"));
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
        QTest::keyClick(m_window.get(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        QVERIFY(m_window->responseView()->bodyView()->toPlainText().contains(
            QLatin1String("\"json\": {\n    \"edited\": true")));
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
    }

    void copyAsCurlResolvesTheOpenRequest()
    {
        clickRequest(QStringLiteral("Echo a GET"));
        const QString command = m_window->copyAsCurl();
        QCOMPARE(command, QStringLiteral("curl '%1/get?city=Lisbon&lang=en' \\\n  -H 'Accept: "
                                         "application/json' \\\n  -L \\\n  --compressed")
                              .arg(m_service.httpUrl().toString(QUrl::StripTrailingSlash)));
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
        QTest::keyClick(m_window.get(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_window->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        QVERIFY(m_window->responseView()->bodyView()->toPlainText().contains(
            QLatin1String("\"X-Pasted\": \"yes\"")));
        // Something that is not a command leaves the request alone.
        QVERIFY(!m_window->pasteCurl(QStringLiteral("curl 'unterminated")));
        QCOMPARE(m_window->requestEditor()->request().method, QStringLiteral("PUT"));
    }

    void importAddsFilesToTheTree()
    {
        const QString input = m_dir.filePath(QStringLiteral("from-docs.sh"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("curl {{baseUrl}}/anything/imported -H 'X-From: docs' -k\n");
        file.close();
        QString error;
        const QString summary = m_window->importFile(input, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(summary.contains(QLatin1String("from-docs.http")), qPrintable(summary));
        QVERIFY(summary.contains(QLatin1String("-k has no .http equivalent")));
        QVERIFY(proxyIndexOf(QStringLiteral("from-docs.http")).isValid());

        const QString broken = m_dir.filePath(QStringLiteral("broken.sh"));
        QFile bad(broken);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("curl 'http://x\n");
        bad.close();
        m_window->importFile(broken, &error);
        QVERIFY2(error.contains(broken + QStringLiteral(":1:6: unterminated")), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_model.reset();
        m_client.reset();
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
