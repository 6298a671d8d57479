// The Connections view's models against the demo service's ground truth, over loopback: every
// response says which server-side connection carried it and the request's index on it
// (X-Demo-*, read only here), and the log's lanes must group exchanges exactly that way.
#include "connections/connectionlog.h"
#include "connections/connectionsummary.h"
#include "connections/poolstatemodel.h"
#include "connections/waterfallmodel.h"
#include "demo/demoserverthread.h"
#include "formats/harwriter.h"
#include "http/servertiming.h"
#include "loadandwait.h"
#include "net/enginereply.h"
#include "net/httpclient.h"
#include "runner/loadrunner.h"
#include "sendandwait.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_ConnectionLog : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;

    static QUrl url(const QString &path, const DemoServerThread &service)
    {
        return service.httpUrl(path);
    }

    static LoadRunner::Result load(HttpClient &client, const QUrl &target, int n, int c)
    {
        LoadRunner::Options options;
        options.request.url = target;
        options.requests = n;
        options.concurrency = c;
        return loadAndWait(client, options);
    }

    static Exchange fetch(HttpClient &client, const QUrl &target)
    {
        return takeExchange(client.get(QNetworkRequest(target)));
    }

    static int header(const Exchange &exchange, const char *name)
    {
        return exchange.responseHeaders.value(name).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    void lanesMatchTheServer_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("concurrency");
        QTest::addColumn<bool>("keepAlive");
        for (int k : {1, 6, 16}) {
            QTest::addRow("K=%d sequential", k) << k << 1 << true;
            QTest::addRow("K=%d parallel C=%d", k, 2 * k) << k << 2 * k << true;
        }
        QTest::newRow("keep-alive off, sequential") << 6 << 1 << false;
        QTest::newRow("keep-alive off, parallel") << 6 << 6 << false;
    }

    void lanesMatchTheServer()
    {
        QFETCH(int, limit);
        QFETCH(int, concurrency);
        QFETCH(bool, keepAlive);
        HttpClient client;
        PoolSettings settings;
        settings.maxPerOrigin = limit;
        settings.keepAlive = keepAlive;
        client.setPoolSettings(settings);
        ConnectionLog log;
        log.attach(&client);
        WaterfallModel waterfall(&log);
        PoolStateModel pool(&log);
        // Both models are checked through every live change, not only at the end.
        QAbstractItemModelTester waterfallTester(
            &waterfall, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester poolTester(&pool,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);

        const int n = 200;
        const LoadRunner::Result result =
            load(client, url(QStringLiteral("/uuid"), m_service), n, concurrency);
        QCOMPARE(result.completed, n);
        QTRY_COMPARE(log.exchangeCount(), n);
        const int expected = keepAlive ? qMin(limit, concurrency) : n;
        QCOMPARE(result.connectionsOpened, expected);

        // One lane per server-side connection, each exchange under the one that carried it.
        QCOMPARE(waterfall.rowCount(), expected);
        QSet<int> serverConnections;
        int rows = 0;
        for (int lane = 0; lane < waterfall.rowCount(); ++lane) {
            const QModelIndex laneIndex = waterfall.index(lane, 0);
            QVERIFY(laneIndex.data(WaterfallModel::IsLaneRole).toBool());
            const QString id = laneIndex.data(WaterfallModel::ConnectionIdRole).toString();
            QVERIFY2(QRegularExpression(QStringLiteral("^127\\.0\\.0\\.1:\\d+#\\d+$"))
                         .match(id)
                         .hasMatch(),
                     qPrintable(id));
            const ConnectionRecord *record = log.connection(id);
            QVERIFY(record);
            QVERIFY(laneIndex.data().toString().startsWith(id));
            int serverSerial = -1;
            const int children = waterfall.rowCount(laneIndex);
            QVERIFY(children > 0);
            if (!keepAlive)
                QCOMPARE(children, 1);
            for (int child = 0; child < children; ++child) {
                const LoggedExchange *entry =
                    waterfall.exchange(waterfall.index(child, 0, laneIndex));
                QVERIFY(entry);
                QCOMPARE(entry->connectionId, id);
                const Exchange &exchange = entry->exchange;
                if (serverSerial < 0)
                    serverSerial = header(exchange, "X-Demo-Connection");
                QCOMPARE(header(exchange, "X-Demo-Connection"), serverSerial);
                QCOMPARE(header(exchange, "X-Demo-Client-Port"), int(record->localPort));
                // In the order the connection carried them: 1st, 2nd, ...
                QCOMPARE(header(exchange, "X-Demo-Connection-Request"), child + 1);
                QCOMPARE(exchange.finalAttempt()->reused, child > 0);
                // Bars: on the shared axis, inside it, new connections with a tcp phase.
                const QList<WaterfallSegment> bar = waterfall.segments(
                    waterfall.index(child, WaterfallModel::TimelineColumn, laneIndex));
                QVERIFY(!bar.isEmpty());
                QVERIFY(bar.first().startMs >= waterfall.axisStart());
                QVERIFY(bar.last().endMs <= waterfall.axisEnd());
                bool hasTcp = false;
                for (const WaterfallSegment &segment : bar) {
                    QVERIFY(segment.endMs >= segment.startMs);
                    hasTcp = hasTcp || segment.phase == WaterfallSegment::Tcp;
                }
                QCOMPARE(hasTcp, child == 0);
                ++rows;
            }
            QVERIFY(!serverConnections.contains(serverSerial));
            serverConnections.insert(serverSerial);
            // Why it opened comes from the pool's live events.
            QTRY_VERIFY(log.connection(id)->openReasonKnown);
            if (!keepAlive) {
                QCOMPARE(log.connection(id)->openReason, OpenReason::KeepAliveOff);
                QTRY_VERIFY(log.connection(id)->closeKnown);
                QVERIFY2(log.connection(id)->closeReason == CloseReason::KeepAliveOff ||
                             log.connection(id)->closeReason == CloseReason::ConnectionClose,
                         qPrintable(log.connection(id)->closedWhy()));
            } else {
                QCOMPARE(log.connection(id)->openReason,
                         lane == 0 ? OpenReason::FirstToOrigin : OpenReason::PoolBusy);
                QCOMPARE(log.connection(id)->requests, children);
            }
        }
        QCOMPARE(rows, n);
        QCOMPARE(serverConnections.size(), expected);

        // The pool: one origin, its connections open and idle (or all closed without
        // keep-alive), as the engine reported last.
        QCOMPARE(pool.rowCount(), 1);
        const QModelIndex origin = pool.index(0, 0);
        QCOMPARE(origin.data().toString(), log.origins().first());
        QCOMPARE(pool.rowCount(origin), expected);
        QTRY_COMPARE(
            pool.index(0, PoolStateModel::OpenColumn).data(PoolStateModel::CountRole).toInt(),
            keepAlive ? expected : 0);
        QCOMPARE(
            pool.index(0, PoolStateModel::QueuedColumn).data(PoolStateModel::CountRole).toInt(), 0);
        QTRY_COMPARE(
            pool.index(0, PoolStateModel::BusyColumn).data(PoolStateModel::CountRole).toInt(), 0);

        // The summary agrees with the runner's own counts.
        const ConnectionSummary summary = ConnectionSummary::of(log);
        QCOMPARE(summary.all.requests, n);
        QCOMPARE(summary.all.connectionsOpened, expected);
        QCOMPARE(summary.all.reused, n - expected);
        QCOMPARE(summary.origins.size(), 1);
        QCOMPARE(summary.all.reuseRatio(), double(n - expected) / n);
        QVERIFY(summary.all.setupMs > 0); // every new connection's tcp phase took some time
        QCOMPARE(summary.all.savedMs > 0, keepAlive);
        if (concurrency > limit && keepAlive)
            QVERIFY(summary.all.queuedMs > 0);
        QVERIFY(summary.text().startsWith(QStringLiteral("200 requests")));
    }

    void keepsTheMostRecent()
    {
        HttpClient client;
        ConnectionLog log;
        log.setLimit(5);
        log.attach(&client);
        WaterfallModel waterfall(&log);
        QAbstractItemModelTester tester(&waterfall,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy removed(&log, &ConnectionLog::exchangeRemoved);
        for (int i = 0; i < 12; ++i)
            fetch(client, url(QStringLiteral("/get"), m_service));
        QTRY_COMPARE(log.exchangeCount(), 5);
        QCOMPARE(removed.count(), 7);
        QCOMPARE(log.exchangeAt(0).sequence, quint64(8));
        QCOMPARE(log.exchangeAt(4).sequence, quint64(12));
        QCOMPARE(waterfall.rowCount(), 1);
        const QModelIndex lane = waterfall.index(0, 0);
        QCOMPARE(waterfall.rowCount(lane), 5);
        // The kept ones are the connection's 8th to 12th requests.
        QCOMPARE(header(waterfall.exchange(waterfall.index(0, 0, lane))->exchange,
                        "X-Demo-Connection-Request"),
                 8);
        QCOMPARE(log.connection(lane.data(WaterfallModel::ConnectionIdRole).toString())->requests,
                 12);
        // Raising the limit keeps what is there; lowering it drops the oldest at once.
        log.setLimit(2);
        QCOMPARE(log.exchangeCount(), 2);
        QCOMPARE(waterfall.rowCount(lane), 2);
        log.clear();
        QCOMPARE(waterfall.rowCount(), 0);
    }

    void closeIdleConnectionsShowsInThePool()
    {
        HttpClient client;
        ConnectionLog log;
        log.attach(&client);
        PoolStateModel pool(&log);
        QAbstractItemModelTester tester(&pool,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const LoadRunner::Result result =
            load(client, url(QStringLiteral("/uuid"), m_service), 12, 3);
        QCOMPARE(result.completed, 12);
        QTRY_COMPARE(
            pool.index(0, PoolStateModel::IdleColumn).data(PoolStateModel::CountRole).toInt(), 3);
        client.closeIdleConnections();
        QTRY_COMPARE(
            pool.index(0, PoolStateModel::OpenColumn).data(PoolStateModel::CountRole).toInt(), 0);
        const QModelIndex origin = pool.index(0, 0);
        QCOMPARE(pool.rowCount(origin), 3);
        for (int row = 0; row < 3; ++row) {
            const QString id =
                pool.index(row, 0, origin).data(PoolStateModel::ConnectionIdRole).toString();
            QTRY_VERIFY(log.connection(id)->closeKnown);
            QCOMPARE(log.connection(id)->closeReason, CloseReason::ClosedByClient);
            QVERIFY(pool.index(row, PoolStateModel::ClosedColumn, origin)
                        .data()
                        .toString()
                        .endsWith(QStringLiteral("closed by client")));
            QCOMPARE(pool.index(row, PoolStateModel::OpenColumn, origin).data().toString(),
                     QStringLiteral("closed"));
        }
    }

    void latencyIsMeasurable()
    {
        const int latency = 80;
        DemoServerThread distant;
        DemoServer::Options options;
        options.latencyMs = latency;
        QString error;
        QVERIFY2(distant.start(options, &error), qPrintable(error));
        QCOMPARE(distant.latencyMs(), latency);
        HttpClient client;
        const Exchange first = fetch(client, url(QStringLiteral("/get"), distant));
        const Exchange second = fetch(client, url(QStringLiteral("/get"), distant));
        QCOMPARE(first.status, 200);
        QCOMPARE(second.status, 200);
        const PhaseTimings &opened = first.attempts.last().timings;
        const PhaseTimings &reused = second.attempts.last().timings;
        QVERIFY(second.attempts.last().reused);
        // A new connection waits to be served, then for the first byte; a reused one only
        // for the first byte. Lower bounds only: a busy machine may take longer.
        QVERIFY2(qMax(0.0, opened.tcp) + opened.wait >= 2 * latency,
                 qPrintable(first.attempts.last().phasesText()));
        QVERIFY2(reused.wait >= latency, qPrintable(second.attempts.last().phasesText()));
        QCOMPARE(ServerTiming::simulatedLatencyMs(first.responseHeaders), latency);
        // The plain demo service does not claim any.
        HttpClient plain;
        QCOMPARE(ServerTiming::simulatedLatencyMs(
                     fetch(plain, url(QStringLiteral("/get"), m_service)).responseHeaders),
                 -1);
    }

    void exportsHarAndCsv()
    {
        HttpClient client;
        PoolSettings settings;
        settings.maxPerOrigin = 2;
        client.setPoolSettings(settings);
        ConnectionLog log;
        log.attach(&client);
        const LoadRunner::Result result =
            load(client, url(QStringLiteral("/uuid"), m_service), 10, 2);
        QCOMPARE(result.completed, 10);
        QTRY_COMPARE(log.exchangeCount(), 10);

        QTemporaryDir dir;
        const QString harPath = dir.filePath(QStringLiteral("session.har"));
        QString error;
        QVERIFY2(HarWriter::write(harPath, log.exchanges(), QStringLiteral("test"), &error),
                 qPrintable(error));
        QFile har(harPath);
        QVERIFY(har.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(har.readAll(), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        const QJsonArray entries = document.object()["log"].toObject()["entries"].toArray();
        QCOMPARE(entries.size(), 10);
        QSet<QString> connections;
        int connected = 0;
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            const QString connection = entry["connection"].toString();
            QVERIFY2(QRegularExpression(QStringLiteral("^127\\.0\\.0\\.1:\\d+#\\d+$"))
                         .match(connection)
                         .hasMatch(),
                     qPrintable(connection));
            connections.insert(connection);
            const QJsonObject timings = entry["timings"].toObject();
            if (timings["connect"].toDouble() >= 0)
                ++connected;
            QVERIFY(timings["wait"].toDouble() >= 0);
        }
        QCOMPARE(connections.size(), 2);
        QCOMPARE(connected, 2); // the two new connections paid for connecting, no other

        const QString csvPath = dir.filePath(QStringLiteral("summary.csv"));
        QVERIFY2(ConnectionSummary::of(log).writeCsv(csvPath, &error), qPrintable(error));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // header, the origin, all
        QVERIFY(lines[0].startsWith("origin,requests,connections_opened,reused,reuse_ratio"));
        QVERIFY(lines[2].startsWith("*,10,2,8,0.8000,"));
        // A folder that is not there: an error naming the path, nothing written.
        const QString bad = dir.filePath(QStringLiteral("missing/summary.csv"));
        QVERIFY(!ConnectionSummary::of(log).writeCsv(bad, &error));
        QVERIFY(error.startsWith(bad));
    }

    void qtPathExchangesAreLabelledInferred()
    {
        HttpClient client;
        ConnectionLog log;
        log.attach(&client);
        WaterfallModel waterfall(&log);
        QAbstractItemModelTester tester(&waterfall,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // A data: URL goes through Qt's own path: recorded, with no connection identity.
        QNetworkReply *reply = client.get(QNetworkRequest(QUrl(QStringLiteral("data:,hello"))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(reply->isFinished() || finished.wait(5000));
        QTRY_COMPARE(log.exchangeCount(), 1);
        QCOMPARE(reply->readAll(), QByteArray("hello")); // the log only peeked at the body
        delete reply;
        QCOMPARE(log.exchangeAt(0).exchange.path, Exchange::Path::QtOther);
        QCOMPARE(log.connection(log.exchangeAt(0).connectionId)->kind,
                 ConnectionRecord::Kind::QtPath);

        // An HTTP/2 exchange (Qt's path says so) gets a lane per origin, labelled inferred.
        Exchange http2;
        http2.path = Exchange::Path::QtHttp2;
        http2.request.method = "GET";
        http2.request.url = QUrl(QStringLiteral("https://example.org/a"));
        http2.startedAt = QDateTime::currentDateTimeUtc();
        http2.durationMs = 12;
        http2.status = 200;
        log.record(http2);
        http2.request.url = QUrl(QStringLiteral("https://example.org/b"));
        log.record(http2);
        QCOMPARE(waterfall.rowCount(), 2);
        const QModelIndex lane =
            waterfall.laneIndex(QStringLiteral("https://example.org:443 (HTTP/2)"));
        QVERIFY(lane.isValid());
        QCOMPARE(waterfall.rowCount(lane), 2);
        QVERIFY2(lane.data().toString().contains(QStringLiteral("(inferred)")),
                 qPrintable(lane.data().toString()));
        const QList<WaterfallSegment> bar = waterfall.segments(waterfall.index(0, 0, lane));
        QCOMPARE(bar.size(), 1);
        QCOMPARE(bar.first().phase, WaterfallSegment::Inferred);
        QCOMPARE(bar.first().endMs - bar.first().startMs, 12.0);
        const ConnectionSummary summary = ConnectionSummary::of(log);
        QCOMPARE(summary.all.inferred, 3);
        QVERIFY(summary.text().contains(QStringLiteral("inferred")));
    }
};

QTEST_GUILESS_MAIN(tst_ConnectionLog)
#include "tst_connectionlog.moc"
