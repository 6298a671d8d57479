// The history's entries without a window: opened in a tab with the response that was kept,
// sent again, saved into the workspace; an entry that is gone says so.
#include "history/historystore.h"
#include "historyactions.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "responseview.h"
#include "workspacepartsfixture.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace mr;

class tst_HistoryActions : public QObject
{
    Q_OBJECT

    std::unique_ptr<WorkspacePartsFixture> m_ws;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<RequestTabs> m_tabs;
    std::unique_ptr<HistoryActions> m_actions;

    // An exchange of api.http's "Users", as the window records it.
    qint64 recordUsers()
    {
        Exchange exchange;
        exchange.request.method = "GET";
        exchange.request.url = QUrl(QStringLiteral("http://127.0.0.1:1/users"));
        exchange.status = 200;
        exchange.reasonPhrase = "OK";
        exchange.responseBody = "[{\"id\":1}]";
        exchange.responseBodySize = exchange.responseBody.size();
        const HistorySource source{m_ws->path(QStringLiteral("api.http")), QStringLiteral("Users"),
                                   QString(), QStringLiteral("### Users\nGET {{base}}/users\n")};
        QString error;
        const qint64 id = m_store->record(exchange, source, &error);
        if (id < 0)
            qWarning("%s", qPrintable(error));
        return id;
    }

private Q_SLOTS:
    void init()
    {
        m_ws = std::make_unique<WorkspacePartsFixture>();
        QString error;
        QVERIFY2(m_ws->openWith("@base = http://127.0.0.1:1\n\n"
                                "### Users\nGET {{base}}/users\n",
                                &error),
                 qPrintable(error));
        m_store = std::make_unique<HistoryStore>(m_ws->dir.filePath(QStringLiteral("data")));
        m_tabs = std::make_unique<RequestTabs>(&m_ws->session, &m_ws->settings);
        m_actions = std::make_unique<HistoryActions>(m_store.get(), m_tabs.get(), &m_ws->model);
    }
    void cleanup()
    {
        m_actions.reset();
        m_tabs.reset();
        m_store.reset();
        m_ws.reset();
    }

    void anEntryOpensWithItsResponse()
    {
        const qint64 id = recordUsers();
        QVERIFY(id >= 0);
        QVERIFY(m_actions->open(id));
        RequestTab *tab = m_tabs->current();
        QVERIFY(tab);
        QVERIFY(tab->filePath().isEmpty()); // in no file until saved
        // Its file is still in the workspace: its variables apply.
        QCOMPARE(tab->sourceFile(), m_ws->path(QStringLiteral("api.http")));
        QCOMPARE(tab->editor()->request().url, QStringLiteral("{{base}}/users"));
        QCOMPARE(tab->response()->statusLabel()->text(), QStringLiteral("200 OK"));
    }

    void anEntryIsSavedIntoTheFileItCameFrom()
    {
        const qint64 id = recordUsers();
        QVERIFY(m_actions->save(id));
        QCOMPARE(m_tabs->current()->filePath(), m_ws->path(QStringLiteral("api.http")));
        const QByteArray file = m_ws->read(QStringLiteral("api.http"));
        QCOMPARE(file.count("GET {{base}}/users"), 2);
        QVERIFY2(file.contains("### Users (2)"), file.constData());
    }

    void resendingOpensThenAsksToSend()
    {
        const qint64 id = recordUsers();
        QSignalSpy send(m_actions.get(), &HistoryActions::sendRequested);
        QVERIFY(m_actions->resend(id));
        QCOMPARE(send.count(), 1);
        QCOMPARE(m_tabs->count(), 1);
    }

    void anEntryThatIsGoneSaysSo()
    {
        QSignalSpy message(m_actions.get(), &HistoryActions::message);
        QSignalSpy send(m_actions.get(), &HistoryActions::sendRequested);
        QVERIFY(!m_actions->open(4242));
        QVERIFY(!m_actions->resend(4242));
        QVERIFY(!m_actions->save(4242));
        QCOMPARE(m_tabs->count(), 0);
        QCOMPARE(send.count(), 0);
        QCOMPARE(message.first().at(0).toString(),
                 QStringLiteral("That history entry is not there any more"));
    }
};

QTEST_MAIN(tst_HistoryActions)
#include "tst_historyactions.moc"
