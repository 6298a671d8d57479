// Send for the current tab without a window, against the demo service on loopback: the
// response pane shows the exchange, the history records it (not with "# @no-log"), a chained
// reference waits for its request, and a body reading a file outside the workspace is sent
// only after the user allows it.
#include "demo/demoserverthread.h"
#include "history/historystore.h"
#include "outsidefilesdialog.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "responseview.h"
#include "runner/requestsender.h"
#include "tabsender.h"
#include "workspacepartsfixture.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace mr;

class tst_TabSender : public QObject
{
    Q_OBJECT

    DemoServerThread m_service;
    std::unique_ptr<WorkspacePartsFixture> m_ws;
    std::unique_ptr<QWidget> m_parent;
    std::unique_ptr<HistoryStore> m_history;
    RequestTabs *m_tabs = nullptr;
    RequestSender *m_sender = nullptr;
    TabSender *m_tabSender = nullptr;

    RequestTab *open(int index)
    {
        return m_tabs->open(
            m_ws->model.requestIndex(m_ws->path(QStringLiteral("api.http")), index));
    }
    OutsideFilesDialog *dialog() const { return m_parent->findChild<OutsideFilesDialog *>(); }
    // Sends the current tab and waits for its exchange to end.
    bool sendAndWait()
    {
        QSignalSpy finished(m_tabSender, &TabSender::exchangeFinished);
        m_tabSender->send();
        return m_tabs->current()->job() && finished.wait(20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    void init()
    {
        m_ws = std::make_unique<WorkspacePartsFixture>();
        const QByteArray base = m_service.httpUrl().toString().toUtf8();
        m_ws->write(QStringLiteral("api.http"),
                    "@base = " + base +
                        "\n\n"
                        "### Echo\n# @name echo\nGET {{base}}/get?x=1\n\n"
                        "### Quiet\n# @no-log\nGET {{base}}/get?quiet=1\n\n"
                        "### Chained\nGET {{base}}/get?from={{echo.response.body.$.args.x}}\n\n"
                        "### Upload\nPOST {{base}}/upload\nContent-Type: text/plain\n\n< " +
                        m_ws->dir.filePath(QStringLiteral("elsewhere.txt")).toUtf8() + "\n");
        QFile elsewhere(m_ws->dir.filePath(QStringLiteral("elsewhere.txt")));
        QVERIFY(elsewhere.open(QIODevice::WriteOnly));
        elsewhere.write("from outside the workspace\n");
        elsewhere.close();
        QString error;
        QVERIFY2(m_ws->open(&error), qPrintable(error));
        m_parent = std::make_unique<QWidget>();
        m_history = std::make_unique<HistoryStore>(m_ws->dir.filePath(QStringLiteral("data")));
        m_tabs = new RequestTabs(&m_ws->session, &m_ws->settings, m_parent.get());
        m_sender = new RequestSender(&m_ws->client, m_parent.get());
        TabSender::Scope scope;
        scope.expander = [this] {
            const HttpFile *file = m_ws->model.workspace().file(m_ws->path("api.http"));
            VariableExpander expander = m_ws->model.workspace().expander(*file, QString(), {});
            expander.setNamedResponses(m_sender->namedResponses());
            return expander;
        };
        scope.environment = [] { return QString(); };
        scope.secrets = [](const RequestDefinition &) { return SecretRedactor::disabled(); };
        m_tabSender = new TabSender(m_sender, m_tabs, &m_ws->model, scope, m_parent.get());
        m_tabSender->setHistory(m_history.get());
    }
    void cleanup()
    {
        m_parent.reset();
        m_history.reset();
        m_ws.reset();
    }

    void anExchangeIsShownAndRecorded()
    {
        RequestTab *tab = open(0);
        QVERIFY(sendAndWait());
        QVERIFY(!tab->job());
        QCOMPARE(tab->response()->statusLabel()->text(), QStringLiteral("200 OK"));
        QCOMPARE(m_history->count(), 1);
        open(1); // "# @no-log"
        QVERIFY(sendAndWait());
        QCOMPARE(m_history->count(), 1);
    }

    void aChainedRequestWaitsForTheOneItNames()
    {
        RequestTab *chained = open(2);
        m_tabSender->send(); // refused: "echo" was not sent yet
        QVERIFY(!chained->job());
        QCOMPARE(m_history->count(), 0);
        open(0);
        QVERIFY(sendAndWait());
        m_tabs->setCurrentWidget(chained);
        QVERIFY(sendAndWait());
        QCOMPARE(chained->response()->statusLabel()->text(), QStringLiteral("200 OK"));
    }

    void aFileOutsideTheWorkspaceIsSentOnlyWhenAllowed()
    {
        RequestTab *tab = open(3);
        m_tabSender->send();
        QVERIFY(!tab->job());
        QTRY_VERIFY(dialog());
        QTest::mouseClick(dialog()->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog());
        QCOMPARE(m_history->count(), 0);
        QVERIFY(m_tabSender->allowedOutsideFiles(m_ws->root()).isEmpty());

        QSignalSpy finished(m_tabSender, &TabSender::exchangeFinished);
        m_tabSender->send();
        QTRY_VERIFY(dialog());
        QTest::mouseClick(dialog()->sendButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QCOMPARE(m_tabSender->allowedOutsideFiles(m_ws->root()),
                 QStringList{QFileInfo(m_ws->dir.filePath("elsewhere.txt")).canonicalFilePath()});
        QCOMPARE(m_history->count(), 1);
    }
};

QTEST_MAIN(tst_TabSender)
#include "tst_tabsender.moc"
