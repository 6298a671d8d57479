// A response whose body did not arrive whole is a failed exchange everywhere: the engine says
// how many bytes came of how many announced, Qt's own path says so too, and the history, the
// Connections view, the Runs page and {{name.response.body…}} references treat it as failed.
// Over real sockets: the demo service's /fault/truncate and /fault/reset, and a scripted
// server for exact byte counts.
#include "connections/connectionlog.h"
#include "connections/waterfallmodel.h"
#include "demo/demoserverthread.h"
#include "history/historymodel.h"
#include "history/historystore.h"
#include "net/httpclient.h"
#include "runner/poolrun.h"
#include "runner/runplan.h"
#include "scriptedserver.h"
#include "sendandwait.h"
#include "workspace/namedresponses.h"

#include <QFile>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_IncompleteBody : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;
    QTemporaryDir m_dir;

    QUrl at(const QString &path) const
    {
        QUrl url = m_service.httpUrl();
        url.setPath(path);
        return url;
    }

    static HttpRequest get(const QUrl &url, int retries = 0)
    {
        HttpRequest request;
        request.url = url;
        request.options.retries = retries;
        return request;
    }

    // Head and the first 3 of 10 announced bytes, then the connection closes.
    static ScriptedServer::Answer cutShort(const QByteArray &, int)
    {
        return {"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nabc",
                true};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    void bodyCutShortSaysHowManyBytesCame_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("truncate") << QStringLiteral("/fault/truncate");
        QTest::newRow("reset") << QStringLiteral("/fault/reset");
    }

    void bodyCutShortSaysHowManyBytesCame()
    {
        QFETCH(QString, fault);
        HttpClient client;
        const Exchange e = sendAndWait(client, get(at(fault)));
        QCOMPARE(e.status, 200);
        const qint64 announced = e.responseHeaders.value("Content-Length").toLongLong();
        QVERIFY(announced > 0);
        QVERIFY(e.responseBodySize > 0);
        QVERIFY(e.responseBodySize < announced);
        const QString counts =
            QStringLiteral("%1 of %2 bytes").arg(e.responseBodySize).arg(announced);
        QVERIFY2(e.error.startsWith(QStringLiteral("Incomplete response body: ")) &&
                     e.error.contains(counts),
                 qPrintable(e.error));
    }

    void retriedReadStartsTheBodyAfresh()
    {
        // The first answer is cut short and the GET is re-sent: the body is the second
        // answer's, not the first one's bytes with the second's after them.
        int answers = 0;
        ScriptedServer server([&](const QByteArray &request, int index) {
            if (++answers == 1)
                return cutShort(request, index);
            return ScriptedServer::Answer{
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n"
                "0123456789",
                false};
        });
        HttpClient client;
        const Exchange e = sendAndWait(client, get(QUrl(server.baseUrl() + "/"), 1));
        QCOMPARE(e.attempts.size(), 2);
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
        QCOMPARE(e.responseBody, QByteArray("0123456789"));
        QCOMPARE(e.responseBodySize, qint64(10));
    }

    void bodyCutShortOnQtsPathFailsTheExchange()
    {
        // Qt's own path (here: plain http through an HTTP proxy, played by the scripted
        // server) reports the status and an error.
        ScriptedServer server(&tst_IncompleteBody::cutShort);
        HttpClient client;
        ConnectionLog log;
        log.attach(&client);
        client.setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), server.port()));
        HttpRequest request = get(QUrl(QStringLiteral("http://api.example/")));
        const Exchange e = sendAndWait(client, request);
        QVERIFY(e.path != Exchange::Path::Pool);
        QCOMPARE(e.status, 200);
        QVERIFY2(e.error.startsWith(QStringLiteral("Incomplete response body: 3 of 10 bytes")),
                 qPrintable(e.error));
        QTRY_COMPARE(log.exchangeCount(), 1);
        const QString logged = log.exchangeAt(0).exchange.error;
        QVERIFY2(logged.startsWith(QStringLiteral("Incomplete response body: 3 of 10 bytes")),
                 qPrintable(logged));
    }

    void tooManyRedirectsOnQtsPathIsNotABodyCutShort()
    {
        // An error after a whole 3xx response says what it is, not "incomplete".
        ScriptedServer loop([](const QByteArray &, int) {
            return ScriptedServer::Answer{
                "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n", false};
        });
        HttpClient client;
        client.setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), loop.port()));
        HttpRequest request = get(QUrl(QStringLiteral("http://api.example/")));
        const Exchange e = sendAndWait(client, request);
        QVERIFY(e.path != Exchange::Path::Pool);
        QVERIFY(!e.isComplete());
        QVERIFY2(!e.error.isEmpty() && !e.error.contains(QStringLiteral("Incomplete")),
                 qPrintable(e.error));
    }

    void bodyCutShortIsFailedInTheConnectionsView()
    {
        HttpClient client;
        ConnectionLog log;
        log.attach(&client);
        WaterfallModel waterfall(&log);
        const Exchange e = sendAndWait(client, get(at(QStringLiteral("/fault/truncate"))));
        QCOMPARE(e.status, 200);
        QTRY_COMPARE(log.exchangeCount(), 1);
        const QModelIndex lane = waterfall.index(0, 0);
        const QModelIndex row = waterfall.index(0, WaterfallModel::StatusColumn, lane);
        const QString status = row.data().toString();
        QVERIFY2(status.startsWith(QStringLiteral("200 failed")), qPrintable(status));
        const QString tip = waterfall.index(0, 0, lane).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Incomplete response body")), qPrintable(tip));
    }

    void bodyCutShortIsFailedInTheHistory()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.path());
        QVERIFY2(store.isOpen(), qPrintable(store.openMessage()));
        HttpClient client;
        const Exchange e = sendAndWait(client, get(at(QStringLiteral("/fault/truncate"))));
        QVERIFY(!e.error.isEmpty());
        const qint64 id = store.record(e, {});
        QVERIFY(id > 0);
        HistoryModel model(&store);
        QCOMPARE(model.rowCount(), 1);
        const QString status = model.index(0, HistoryModel::StatusColumn).data().toString();
        QVERIFY2(status.contains(QStringLiteral("failed")), qPrintable(status));
        const auto entry = store.load(id);
        QVERIFY(entry);
        QCOMPARE(entry->exchange.error, e.error); // shown again when the entry is reopened
    }

    void bodyCutShortFailsOnTheRunsPage()
    {
        QFile file(m_dir.filePath(QStringLiteral("truncate.http")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("# @retries 0\nGET %1\n")
                       .arg(at(QStringLiteral("/fault/truncate")).toString())
                       .toUtf8());
        file.close();
        HttpClient window;
        PoolRun::Setup setup;
        setup.iterations = 2;
        setup.target = QStringLiteral("truncate");
        PoolRun run(window, RunPlan::build({file.fileName()}), setup);
        QSignalSpy finished(&run, &PoolRun::finished);
        run.start();
        if (!run.isFinished())
            QVERIFY(finished.wait(30000));
        QCOMPARE(run.result().failed, 2);
        QCOMPARE(run.result().unanswered, 2); // not compared as if it were an answer
    }

    void incompleteBodyIsNotUsedByReferences()
    {
        Exchange exchange;
        exchange.status = 200;
        exchange.responseBody = "{\"token\": \"abc";
        exchange.responseBodySize = exchange.responseBody.size();
        exchange.responseHeaders.append("X-Token", "from-the-head");
        exchange.error = QStringLiteral("Incomplete response body: 14 of 30 bytes arrived; the "
                                        "server closed the connection.");
        NamedResponses named;
        named.remember(QStringLiteral("login"), exchange);
        QString value, reason;
        QCOMPARE(named.resolve(QStringLiteral("login.response.body.*"), &value, &reason),
                 NamedResponses::Match::Unresolved);
        QVERIFY2(reason.contains(QStringLiteral("Incomplete response body")), qPrintable(reason));
        // The head arrived whole: its headers stand.
        QCOMPARE(named.resolve(QStringLiteral("login.response.headers.X-Token"), &value, &reason),
                 NamedResponses::Match::Resolved);
        QCOMPARE(value, QStringLiteral("from-the-head"));
    }
};

QTEST_GUILESS_MAIN(tst_IncompleteBody)
#include "tst_incompletebody.moc"
