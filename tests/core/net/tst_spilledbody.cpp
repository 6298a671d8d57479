// A body above the client's memory limit goes to a temporary file. The exchange owns that file
// for as long as any copy of it exists (a view, the history, another thread), so "Save body…"
// works after the reply is gone; a write error while spilling fails the exchange with the
// reason instead of passing off a truncated body as whole. Over real sockets against the demo
// service; the write error is real too (a file size limit on the test process).
#include "connections/connectionlog.h"
#include "demo/demoserverthread.h"
#include "net/httpclient.h"
#include "runner/loadrunner.h"
#include "sendandwait.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/resource.h>

using namespace mr;

namespace {

// Lowers the process's file size limit (writes past it fail with EFBIG instead of raising
// SIGXFSZ) and puts it back when it goes out of scope.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &m_previous);
        rlimit lowered = m_previous;
        lowered.rlim_cur = bytes;
        m_ok = setrlimit(RLIMIT_FSIZE, &lowered) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_previous);
        std::signal(SIGXFSZ, m_previousHandler);
    }
    bool ok() const { return m_ok; }
    Q_DISABLE_COPY_MOVE(FileSizeLimit)

private:
    rlimit m_previous{};
    void (*m_previousHandler)(int) = nullptr;
    bool m_ok = false;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_SpilledBody : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;

    HttpRequest get(const QString &pathAndQuery) const
    {
        HttpRequest request;
        request.url = QUrl(m_service.httpUrl().toString(QUrl::StripTrailingSlash) + pathAndQuery);
        request.options.retries = 0;
        return request;
    }

    // The same body kept in memory, to compare with.
    QByteArray reference(const QString &pathAndQuery)
    {
        HttpClient client;
        return sendAndWait(client, get(pathAndQuery)).responseBody;
    }

    static void deleteFinishedReplies()
    {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    void spilledBodyOutlivesItsReply()
    {
        const QString body = QStringLiteral("/bytes/50000?seed=4");
        const QByteArray expected = reference(body);
        QCOMPARE(expected.size(), 50000);
        HttpClient client;
        client.setBodyMemoryLimit(1000);
        Exchange exchange = sendAndWait(client, get(body));
        deleteFinishedReplies(); // the reply that wrote the file is gone
        QVERIFY2(exchange.error.isEmpty(), qPrintable(exchange.error));
        QVERIFY(exchange.responseBody.isEmpty());
        QCOMPARE(exchange.responseBodySize, qint64(50000));
        const QString spilled = exchange.responseBodyFile;
        QVERIFY(!spilled.isEmpty());

        QTemporaryDir dir;
        QString error;
        QVERIFY2(exchange.saveBody(dir.filePath(QStringLiteral("saved.bin")), &error),
                 qPrintable(error));
        QCOMPARE(readAll(dir.filePath(QStringLiteral("saved.bin"))), expected);

        // A copy in another thread keeps the file after this one is gone; the last copy
        // removes it.
        QByteArray savedThere;
        QThread *other = QThread::create([copy = exchange, &dir, &savedThere]() mutable {
            QString why;
            const QString path = dir.filePath(QStringLiteral("from-thread.bin"));
            if (copy.saveBody(path, &why))
                savedThere = readAll(path);
        });
        exchange = Exchange();
        other->start();
        QVERIFY(other->wait(10000));
        delete other;
        QCOMPARE(savedThere, expected);
        QVERIFY(!QFile::exists(spilled));
    }

    void spillWriteErrorFailsTheExchange()
    {
        // The disk refuses the body after 64 KiB: the exchange fails with the reason and the
        // bytes kept, never a shorter body passed off as the whole one.
        HttpClient client;
        client.setBodyMemoryLimit(1024);
        Exchange exchange;
        {
            FileSizeLimit limit(64 * 1024);
            QVERIFY(limit.ok());
            exchange = sendAndWait(client, get(QStringLiteral("/bytes/500000")));
        }
        QCOMPARE(exchange.status, 200);
        QVERIFY2(exchange.error.startsWith(QStringLiteral("Could not keep the response body: ")),
                 qPrintable(exchange.error));
        QVERIFY2(exchange.error.contains(QStringLiteral("File too large")),
                 qPrintable(exchange.error));
        QVERIFY2(exchange.error.contains(QStringLiteral("(after 65536 bytes)")),
                 qPrintable(exchange.error));
        // The client is fine afterwards: the next request on it succeeds.
        const Exchange next = sendAndWait(client, get(QStringLiteral("/bytes/100")));
        QVERIFY2(next.error.isEmpty(), qPrintable(next.error));
        QCOMPARE(next.responseBodySize, qint64(100));
    }

    void theLogKeepsTheBeginningOfASpilledBody()
    {
        // The Connections view keeps a few KB of each body, also of one that went to a file,
        // and does not keep the file (its log may hold thousands of exchanges).
        const QString body = QStringLiteral("/bytes/50000?seed=6");
        const QByteArray expected = reference(body);
        HttpClient client;
        client.setBodyMemoryLimit(1000);
        ConnectionLog log;
        log.setKeptBodyBytes(4096);
        log.attach(&client);
        const Exchange exchange = sendAndWait(client, get(body));
        deleteFinishedReplies();
        QTRY_COMPARE(log.exchangeCount(), 1);
        const Exchange &logged = log.exchangeAt(0).exchange;
        QCOMPARE(logged.responseBody, expected.left(4096));
        QCOMPARE(logged.responseBodySize, qint64(50000));
        QVERIFY(logged.responseBodyFile.isEmpty());
        QVERIFY(QFile::exists(exchange.responseBodyFile)); // still the exchange's own
    }

    void benchKeepsNoBodyFiles()
    {
        // bench --har keeps every exchange until the end: their records, not their files.
        HttpClient client;
        client.setBodyMemoryLimit(1000);
        LoadRunner::Options options;
        options.request = get(QStringLiteral("/bytes/5000"));
        options.requests = 3;
        LoadRunner runner(&client, options);
        QSignalSpy finished(&runner, &LoadRunner::finished);
        runner.start();
        QVERIFY(runner.isFinished() || finished.wait(10000));
        deleteFinishedReplies();
        QCOMPARE(runner.result().exchanges.size(), 3);
        for (const Exchange &kept : runner.result().exchanges) {
            QCOMPARE(kept.responseBodySize, qint64(5000));
            QVERIFY(kept.responseBodyFile.isEmpty());
            QVERIFY(!kept.responseBodyFileOwner);
        }
    }
};

QTEST_GUILESS_MAIN(tst_SpilledBody)
#include "tst_spilledbody.moc"
