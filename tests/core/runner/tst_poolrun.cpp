// PoolRun against the demo service: each run in a client of its own under its own pool
// settings, its ConnectionLog's lanes matching the connections the service saw (its
// X-Demo-Connection serials), keep-alive off giving one connection per request, and the
// comparison's wording. No timing is asserted beyond the lower bounds the simulated latency
// guarantees.
#include "connections/connectionlog.h"
#include "demo/demoserverthread.h"
#include "formats/harwriter.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "runner/poolrun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class tst_PoolRun : public QObject
{
    Q_OBJECT
    mr::DemoServerThread m_service; // with latency: requests overlap, so the limit is reached
    QTemporaryDir m_dir;
    QString m_file;
    QString m_base; // without a trailing slash
    static constexpr int Latency = 30;

    static QSet<QString> serverConnections(const mr::ConnectionLog &log)
    {
        QSet<QString> serials;
        for (int i = 0; i < log.exchangeCount(); ++i)
            serials.insert(QString::fromLatin1(
                log.exchangeAt(i).exchange.responseHeaders.value("X-Demo-Connection")));
        return serials;
    }

    // A .http file in the test's folder; its absolute path.
    QString write(const QString &name, const QByteArray &text)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(name));
        return file.fileName();
    }

    static void runToEnd(mr::PoolRun *run)
    {
        QSignalSpy finished(run, &mr::PoolRun::finished);
        run->start();
        if (!run->isFinished())
            QVERIFY(finished.wait(30000));
        QVERIFY(run->isFinished());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        mr::DemoServer::Options options;
        options.latencyMs = Latency;
        QVERIFY2(m_service.start(options, &error), qPrintable(error));
        m_base = m_service.httpUrl().toString();
        if (m_base.endsWith(QLatin1Char('/')))
            m_base.chop(1);
        m_file =
            write(QStringLiteral("pool.http"),
                  QStringLiteral("@base = %1\n\n### one\nGET {{base}}/get\n\n"
                                 "### two\nPOST {{base}}/post\nContent-Type: application/json\n\n"
                                 "{\"n\": 1}\n")
                      .arg(m_base)
                      .toUtf8());
    }

    void limitsHoldAndMatchTheService_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("keepAlive");
        QTest::addColumn<int>("expectedConnections");
        // 16 in flight, 48 requests: the pool opens up to its limit and no more; without
        // keep-alive every request has a connection of its own.
        QTest::newRow("1 per origin") << 1 << true << 1;
        QTest::newRow("6 per origin") << 6 << true << 6;
        QTest::newRow("16 per origin") << 16 << true << 16;
        QTest::newRow("keep-alive off") << 6 << false << 48; // the limit is for pools
    }

    void limitsHoldAndMatchTheService()
    {
        QFETCH(int, limit);
        QFETCH(bool, keepAlive);
        QFETCH(int, expectedConnections);
        mr::HttpClient window;
        mr::PoolRun::Setup setup;
        setup.iterations = 24;
        setup.concurrency = 16;
        setup.maxPerOrigin = limit;
        setup.keepAlive = keepAlive;
        const mr::RunPlan plan = mr::RunPlan::build({m_file});
        QVERIFY(plan.ok());
        mr::PoolRun run(window, plan, setup);
        QCOMPARE(run.client()->poolSettings().maxPerOrigin,
                 keepAlive ? limit : mr::PoolSettings::MaxConnectionsPerOrigin);
        QCOMPARE(run.client()->poolSettings().keepAlive, keepAlive);
        runToEnd(&run);

        const mr::PoolRunResult result = run.result();
        QCOMPARE(result.planned, 48);
        QCOMPARE(result.requests, 48);
        QCOMPARE(result.failed, 0);
        QVERIFY(result.complete());
        QCOMPARE(result.connectionsOpened, expectedConnections);
        QCOMPARE(result.reused, keepAlive ? 48 - expectedConnections : 0);
        QCOMPARE(result.simulatedLatencyMs, Latency);
        // The log kept every exchange (more than its default would for long runs), with one
        // lane per connection the service saw.
        const mr::ConnectionLog &log = *run.log();
        QCOMPARE(log.exchangeCount(), 48);
        QCOMPARE(int(serverConnections(log).size()), expectedConnections);
        QCOMPARE(int(log.connectionIds().size()), expectedConnections);
        // A finished run leaves no connection open behind it.
        for (const QString &id : log.connectionIds())
            QTRY_VERIFY2(!log.connection(id)->isOpen(), qPrintable(id + " open after the run"));
        // Lower bounds the simulated latency guarantees: 48 requests 16 at a time are three
        // rounds of at least one first-byte delay each.
        QVERIFY2(result.seconds * 1000 >= 3 * Latency, qPrintable(result.text()));
        QVERIFY(result.text().startsWith(run.setup().label() + QStringLiteral(": ")));
    }

    void runsDoNotShareTheWindowsConnections()
    {
        mr::HttpClient window;
        const QUrl url = m_service.httpUrl().resolved(QUrl(QStringLiteral("/get")));
        mr::HttpRequest request;
        request.method = "GET";
        request.url = url;
        mr::ExchangeJob *job = window.send(request, this);
        QSignalSpy sent(job, &mr::ExchangeJob::finished);
        QVERIFY(sent.wait(10000));
        QVERIFY(job->exchange().hasResponse());

        mr::PoolRun::Setup setup;
        setup.maxPerOrigin = 4;
        mr::PoolRun run(window, mr::RunPlan::build({m_file}), setup);
        runToEnd(&run);
        // The window's idle connection was there to take; the run opened its own.
        QCOMPARE(run.result().connectionsOpened, 1);
        QCOMPARE(run.result().reused, 1);
        QCOMPARE(window.poolSettings().maxPerOrigin, mr::PoolSettings().maxPerOrigin);
    }

    void variablesAndEnvironmentReachTheRequests()
    {
        const QString varsFile =
            write(QStringLiteral("vars.http"),
                  "### echo\nGET {{host}}/anything/{{who}}\n?? body $.url endsWith /anything/me\n");
        mr::HttpClient window;
        mr::PoolRun::Setup setup;
        setup.iterations = 3;
        setup.variables = {{QStringLiteral("host"), m_base},
                           {QStringLiteral("who"), QStringLiteral("me")}};
        mr::PoolRun run(window, mr::RunPlan::build({varsFile}), setup);
        runToEnd(&run);
        QCOMPARE(run.summary().assertionsPassed, 3);
        QCOMPARE(run.result().failed, 0);
    }

    void longRunsKeepBodiesWithinABudget()
    {
        const QString bigFile = write(QStringLiteral("big.http"),
                                      QStringLiteral("GET %1/bytes/100000\n").arg(m_base).toUtf8());
        mr::HttpClient window;
        mr::PoolRun::Setup setup;
        setup.iterations = 2;
        mr::PoolRun run(window, mr::RunPlan::build({bigFile}), setup);
        QCOMPARE(run.log()->keptBodyBytes(), mr::ConnectionLog::KeptBodyBytes);
        runToEnd(&run);
        const mr::Exchange &kept = run.log()->exchangeAt(0).exchange;
        QCOMPARE(kept.responseBody.size(), mr::ConnectionLog::KeptBodyBytes);
        QCOMPARE(kept.responseBodySize, 100000);
        // The HAR export says the whole size, and that the text is its beginning.
        const QString har = m_dir.filePath(QStringLiteral("big.har"));
        QString error;
        QVERIFY2(mr::HarWriter::write(har, run.log()->exchanges(), QStringLiteral("test"), &error),
                 qPrintable(error));
        QFile harFile(har);
        QVERIFY(harFile.open(QIODevice::ReadOnly));
        const QJsonObject content = QJsonDocument::fromJson(harFile.readAll())
                                        .object()["log"]
                                        .toObject()["entries"]
                                        .toArray()
                                        .first()
                                        .toObject()["response"]
                                        .toObject()["content"]
                                        .toObject();
        QCOMPARE(content["size"].toInt(), 100000);
        QCOMPARE(content["comment"].toString(), QStringLiteral("the first 65536 of 100000 bytes"));

        // A run of many requests keeps less of each.
        setup.iterations = 10000;
        mr::PoolRun many(window, mr::RunPlan::build({bigFile}), setup);
        QCOMPARE(many.log()->keptBodyBytes(), mr::PoolRun::RunBodyBudgetBytes / 10000);
        QCOMPARE(many.log()->limit(), 10000);
    }

    void closedConnectionsAreForgottenInBatches()
    {
        // 60 requests without keep-alive, a log of 10: closed connections with no exchange
        // left go, oldest first, a batch at a time — never more than an eighth (+16) past 10.
        mr::HttpClient window;
        mr::PoolRun::Setup setup;
        setup.iterations = 30;
        setup.concurrency = 4;
        setup.keepAlive = false;
        mr::PoolRun run(window, mr::RunPlan::build({m_file}), setup);
        run.log()->setLimit(10);
        int mostKept = 0;
        connect(run.log(), &mr::ConnectionLog::connectionAdded, this,
                [&] { mostKept = qMax(mostKept, int(run.log()->connectionIds().size())); });
        runToEnd(&run);
        QCOMPARE(run.result().connectionsOpened, 60);
        QCOMPARE(run.log()->exchangeCount(), 10);
        QVERIFY2(mostKept <= 10 + 10 / 8 + 16 + 1, qPrintable(QString::number(mostKept)));
        const QStringList kept = run.log()->connectionIds();
        QVERIFY(kept.size() >= 10);
        QVERIFY(kept.size() < 60);
        // The newest are kept: every lane of the log's exchanges is still there.
        for (int i = 0; i < run.log()->exchangeCount(); ++i)
            QVERIFY(kept.contains(run.log()->exchangeAt(i).connectionId));
    }

    void unansweredRequestsAreCounted()
    {
        QTcpServer closed; // a port nobody answers on once closed
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const QString refusedFile =
            write(QStringLiteral("refused.http"),
                  QStringLiteral("# @retries 0\nGET http://127.0.0.1:%1/\n").arg(port).toUtf8());
        mr::HttpClient window;
        mr::PoolRun::Setup setup;
        setup.iterations = 3;
        setup.target = QStringLiteral("refused");
        mr::PoolRun run(window, mr::RunPlan::build({refusedFile}), setup);
        runToEnd(&run);
        QCOMPARE(run.result().unanswered, 3);
        QCOMPARE(run.result().failed, 3);
        QCOMPARE(run.result().workload, QString::fromUtf8("refused \u00d7 3, 1 in flight"));
    }

    void cancelledRunSaysSo()
    {
        mr::HttpClient window;
        mr::PoolRun::Setup setup;
        setup.iterations = 200;
        setup.concurrency = 2;
        mr::PoolRun run(window, mr::RunPlan::build({m_file}), setup);
        QSignalSpy finished(&run, &mr::PoolRun::finished);
        QSignalSpy progressed(&run, &mr::PoolRun::progressed);
        run.start();
        QVERIFY(progressed.wait(10000));
        run.cancel();
        if (!run.isFinished())
            QVERIFY(finished.wait(10000));
        const mr::PoolRunResult result = run.result();
        QVERIFY(result.cancelled);
        QVERIFY(!result.complete());
        QVERIFY2(result.text().contains(QStringLiteral("cancelled after")),
                 qPrintable(result.text()));
        mr::PoolRunResult other = result;
        other.cancelled = false;
        other.requests = other.planned;
        QVERIFY(
            mr::PoolRunResult::comparison(other, result).contains(QStringLiteral("not compared")));
    }

    void comparisonStatesTheSpeedUp()
    {
        mr::PoolRunResult pooled;
        pooled.label = QStringLiteral("pooled (6 per origin)");
        pooled.maxPerOrigin = 6;
        pooled.planned = pooled.requests = 200;
        pooled.connectionsOpened = 6;
        pooled.seconds = 0.412;
        mr::PoolRunResult unpooled;
        unpooled.label = QStringLiteral("unpooled");
        unpooled.keepAlive = false;
        unpooled.maxPerOrigin = 6;
        unpooled.planned = unpooled.requests = 200;
        unpooled.connectionsOpened = 200;
        unpooled.seconds = 1.9;
        QCOMPARE(mr::PoolRunResult::comparison(pooled, unpooled),
                 QString::fromUtf8("pooled (6 per origin): 412 ms, 6 connections; unpooled: "
                                   "1.9 s, 200 connections; pooled 4.6\u00d7 faster"));
        QCOMPARE(mr::PoolRunResult::comparison(unpooled, pooled),
                 QString::fromUtf8("unpooled: 1.9 s, 200 connections; pooled (6 per origin): "
                                   "412 ms, 6 connections; pooled 4.6\u00d7 faster"));
        mr::PoolRunResult one = pooled;
        one.label = QStringLiteral("pooled (1 per origin)");
        one.maxPerOrigin = 1;
        one.connectionsOpened = 1;
        one.seconds = 5.5;
        QVERIFY(mr::PoolRunResult::comparison(pooled, one)
                    .endsWith(QString::fromUtf8("6 per origin 13\u00d7 faster")));
        mr::PoolRunResult same = pooled;
        same.seconds = 0.42;
        QVERIFY(
            mr::PoolRunResult::comparison(pooled, same).endsWith(QStringLiteral("about as fast")));
        mr::PoolRunResult fewer = unpooled;
        fewer.planned = fewer.requests = 100;
        QVERIFY(mr::PoolRunResult::comparison(pooled, fewer)
                    .endsWith(QStringLiteral("not compared: 200 requests against 100")));
        mr::PoolRunResult failing = unpooled;
        failing.failed = 3;
        QVERIFY(failing.text().endsWith(QStringLiteral("200 connections, 3 failed")));
        // Failed assertions still compare; requests without a response do not.
        QVERIFY(mr::PoolRunResult::comparison(pooled, failing)
                    .endsWith(QString::fromUtf8("pooled 4.6\u00d7 faster")));
        failing.unanswered = 3;
        QVERIFY(mr::PoolRunResult::comparison(pooled, failing)
                    .endsWith(QStringLiteral("not compared: 3 requests got no whole response")));
        // Different work is never compared, whatever the counts.
        mr::PoolRunResult other = unpooled;
        other.workload = QStringLiteral("File: b.http \u00d7 50, 6 in flight");
        QVERIFY(mr::PoolRunResult::comparison(pooled, other)
                    .endsWith(QString::fromUtf8(
                        "not compared: one ran , the other File: b.http \u00d7 50, 6 in flight")));
    }
};

QTEST_GUILESS_MAIN(tst_PoolRun)
#include "tst_poolrun.moc"
