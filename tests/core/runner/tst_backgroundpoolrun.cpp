// BackgroundPoolRun against the demo service over loopback: the run's PoolRun, HttpClient and
// ConnectionLog live in a thread that is not the caller's, and its steps finish there; what
// reaches the caller (what the run's log heard, the counts, the result) arrives in the
// caller's thread, in batches rather than one report per request, and the caller's log ends
// as the run's did; cancelling from the caller's thread and
// destroying the run mid-way are clean; the window's client is read once, when the run is
// made.
#include "connections/connectionlog.h"
#include "demo/demoserverthread.h"
#include "net/httpclient.h"
#include "runner/backgroundpoolrun.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mr;

class tst_BackgroundPoolRun : public QObject
{
    Q_OBJECT
    DemoServerThread m_service; // with latency: requests overlap and a run takes a while
    QTemporaryDir m_dir;
    QString m_file;
    static constexpr int Latency = 5;

    static QSet<QString> serverConnections(const ConnectionLog &log)
    {
        QSet<QString> serials;
        for (int i = 0; i < log.exchangeCount(); ++i)
            serials.insert(QString::fromLatin1(
                log.exchangeAt(i).exchange.responseHeaders.value("X-Demo-Connection")));
        return serials;
    }

    static PoolRun::Setup setup(int iterations, int concurrency, int perOrigin, bool keepAlive)
    {
        PoolRun::Setup setup;
        setup.iterations = iterations;
        setup.concurrency = concurrency;
        setup.maxPerOrigin = perOrigin;
        setup.keepAlive = keepAlive;
        return setup;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        DemoServer::Options options;
        options.latencyMs = Latency;
        QVERIFY2(m_service.start(options, &error), qPrintable(error));
        QString base = m_service.httpUrl().toString();
        if (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        QFile file(m_dir.filePath(QStringLiteral("pool.http")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("@base = %1\n\n### one\nGET %1/get\n\n### two\nGET %1/json\n")
                       .arg(base)
                       .toUtf8());
        m_file = file.fileName();
    }

    void runsInAThreadOfItsOwnAndReportsInTheCallers()
    {
        QThread *const gui = QCoreApplication::instance()->thread();
        QCOMPARE(QThread::currentThread(), gui);
        HttpClient window;
        BackgroundPoolRun run(window, RunPlan::build({m_file}), setup(150, 8, 4, true));
        QCOMPARE(run.summary().planned, 300);
        QCOMPARE(run.log()->thread(), gui);
        QList<QThread *> reportedIn;
        int liveExchanges = 0;
        int liveConnections = 0;
        QElapsedTimer clock;
        connect(&run, &BackgroundPoolRun::progressed, this, [&](int done, int planned) {
            reportedIn.append(QThread::currentThread());
            QCOMPARE(planned, 300);
            QCOMPARE(done, run.summary().run);
            liveExchanges = run.log()->exchangeCount();
            // The live log heard the run's pool events too: why each connection opened.
            for (const QString &id : run.log()->connectionIds())
                QVERIFY2(run.log()->connection(id)->openReasonKnown, qPrintable(id));
            liveConnections = int(run.log()->connectionIds().size());
        });
        QThread *finishedIn = nullptr;
        connect(&run, &BackgroundPoolRun::finished, this,
                [&] { finishedIn = QThread::currentThread(); });
        QSignalSpy finished(&run, &BackgroundPoolRun::finished);
        clock.start();
        run.start();
        QVERIFY(run.isStarted());
        QVERIFY(!run.isFinished()); // however fast, the end comes by the event loop
        QVERIFY(finished.wait(60000));
        const qint64 elapsed = clock.elapsed();
        QVERIFY(run.isFinished());

        // The run's parts lived in its thread, not the caller's; its steps finished there.
        const BackgroundPoolRun::Threads threads = run.threads();
        QVERIFY(threads.poolRun);
        QVERIFY(threads.poolRun != gui);
        QCOMPARE(threads.poolRun, run.runThread());
        QCOMPARE(threads.client, threads.poolRun);
        QCOMPARE(threads.log, threads.poolRun);
        QCOMPARE(threads.steps, threads.poolRun);
        QTRY_VERIFY(!run.runThread()->isRunning()); // it ends with the run

        // What the caller heard, it heard in its own thread, in batches.
        QCOMPARE(finishedIn, gui);
        QVERIFY(!reportedIn.isEmpty());
        for (QThread *thread : std::as_const(reportedIn))
            QCOMPARE(thread, gui);
        QVERIFY2(
            reportedIn.size() <= elapsed / BackgroundPoolRun::BatchIntervalMs + 2,
            qPrintable(QStringLiteral("%1 reports in %2 ms").arg(reportedIn.size()).arg(elapsed)));
        QVERIFY2(reportedIn.size() < 300, qPrintable(QString::number(reportedIn.size())));
        QVERIFY(liveExchanges > 0); // the live log followed the run
        QVERIFY(liveConnections > 0 && liveConnections <= 4);

        // The result, and the caller's log as the run's ended: every exchange, one lane per
        // connection the service saw.
        const PoolRunResult result = run.result();
        QCOMPARE(result.requests, 300);
        QCOMPARE(result.failed, 0);
        QVERIFY(result.complete());
        QCOMPARE(result.connectionsOpened, 4);
        QCOMPARE(run.summary().run, 300);
        const ConnectionLog *log = run.log();
        QCOMPARE(log->thread(), gui);
        QCOMPARE(log->parent(), &run);
        QVERIFY(!log->client()); // it follows nothing any more
        QCOMPARE(log->exchangeCount(), 300);
        QCOMPARE(int(serverConnections(*log).size()), 4);
        QCOMPARE(int(log->connectionIds().size()), 4);
        // The end came once the run's connections had closed: why they opened and closed.
        for (const QString &id : log->connectionIds()) {
            QVERIFY2(!log->connection(id)->isOpen(), qPrintable(id + " open in the log"));
            QVERIFY(log->connection(id)->openReasonKnown);
        }
        // Nothing comes after the end.
        QTest::qWait(2 * BackgroundPoolRun::BatchIntervalMs);
        QCOMPARE(run.log()->exchangeCount(), 300);
        QCOMPARE(finished.count(), 1);
    }

    void readsTheWindowsClientOnlyWhenMade()
    {
        // The window's client may go (or change) once the run is made: the run took a copy
        // of its settings in the caller's thread.
        auto window = std::make_unique<HttpClient>();
        BackgroundPoolRun run(*window, RunPlan::build({m_file}), setup(3, 2, 2, false));
        window.reset();
        QSignalSpy finished(&run, &BackgroundPoolRun::finished);
        run.start();
        QVERIFY(finished.wait(30000));
        QCOMPARE(run.result().requests, 6);
        QCOMPARE(run.result().failed, 0);
        QCOMPARE(run.result().connectionsOpened, 6); // keep-alive off: one each
    }

    void cancelsFromTheCallersThread()
    {
        HttpClient window;
        BackgroundPoolRun run(window, RunPlan::build({m_file}), setup(5000, 2, 2, true));
        QSignalSpy finished(&run, &BackgroundPoolRun::finished);
        run.start();
        QTRY_VERIFY_WITH_TIMEOUT(run.summary().run >= 4, 20000);
        QVERIFY(!run.isFinished());
        run.cancel();
        run.cancel(); // twice is once
        QVERIFY(finished.wait(20000));
        const PoolRunResult result = run.result();
        QVERIFY(result.cancelled);
        QVERIFY(!result.complete());
        QVERIFY2(result.requests < 10000, qPrintable(result.text()));
        QCOMPARE(run.summary().run, result.requests);
        QCOMPARE(run.log()->thread(), QCoreApplication::instance()->thread());
        QVERIFY(run.log()->exchangeCount() <= result.requests);
        run.cancel(); // after the end: nothing
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
    }

    void destroyingMidRunEndsItsThread_data()
    {
        QTest::addColumn<int>("after"); // -1: never started; 0: right after start; else done
        QTest::newRow("never started") << -1;
        QTest::newRow("right after start") << 0;
        QTest::newRow("after a batch") << 1;
        QTest::newRow("well into it") << 40;
    }

    void destroyingMidRunEndsItsThread()
    {
        QFETCH(int, after);
        HttpClient window;
        auto run = std::make_unique<BackgroundPoolRun>(window, RunPlan::build({m_file}),
                                                       setup(5000, 6, 6, after % 2 == 0));
        QSignalSpy finished(run.get(), &BackgroundPoolRun::finished);
        if (after >= 0)
            run->start();
        if (after > 0)
            QTRY_VERIFY_WITH_TIMEOUT(run->summary().run >= after, 20000);
        QElapsedTimer clock;
        clock.start();
        run.reset();
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(finished.count(), 0);
        // Nothing of it arrives later.
        QTest::qWait(2 * BackgroundPoolRun::BatchIntervalMs);
        // The service still answers: the run's connections went cleanly.
        HttpClient probe;
        BackgroundPoolRun next(probe, RunPlan::build({m_file}), setup(1, 1, 1, true));
        QSignalSpy done(&next, &BackgroundPoolRun::finished);
        next.start();
        QVERIFY(done.wait(20000));
        QCOMPARE(next.result().failed, 0);
    }

    void destroyingAfterTheEndBeforeItIsHeard()
    {
        // The run's thread ended and handed its log over; the caller never ran its event
        // loop to hear it. The log on its way goes with the run.
        HttpClient window;
        auto run = std::make_unique<BackgroundPoolRun>(window, RunPlan::build({m_file}),
                                                       setup(2, 1, 1, true));
        run->start();
        QDeadlineTimer deadline(20000);
        while (run->runThread()->isRunning() && !deadline.hasExpired())
            QThread::msleep(5);
        QVERIFY(!run->runThread()->isRunning());
        QVERIFY(!run->isFinished());
        run.reset();
    }
};

QTEST_GUILESS_MAIN(tst_BackgroundPoolRun)
#include "tst_backgroundpoolrun.moc"
