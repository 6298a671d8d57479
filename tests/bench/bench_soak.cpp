// `make bench BENCH_ARGS="--only soak"`: the pool under a server that closes idle kept-alive
// connections, thousands of times. Requests go in bursts; between bursts the client waits for
// a random time around the server's idle timeout, so some connections are closed well before
// their next request, some just as it is written, and some not at all. Reports, from the
// exchanges' own records: GETs that failed (the pool must notice or survive every close:
// none may fail), requests re-sent and why, POSTs that failed because their bytes may have
// reached a closing server (never re-sent silently), open file descriptors before and after,
// and resident memory at 10% and at 100% of the requests. Prints one JSON object.
// Usage: bench_soak URL REQUESTS IDLE_TIMEOUT_MS [CONCURRENCY [BURST]]
#include "filedescriptors.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

namespace {

double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

class Soak : public QObject
{
public:
    struct Options {
        QUrl url;
        int requests = 100000;
        int idleTimeoutMs = 200;
        int concurrency = 8;
        int burst = 200; // requests per burst
    };

    explicit Soak(const Options &options)
        : m_options(options)
        , m_client(new mr::HttpClient(this))
    {
        mr::PoolSettings pool = m_client->poolSettings();
        pool.maxPerOrigin = options.concurrency;
        m_client->setPoolSettings(pool);
    }

    QJsonObject run()
    {
        // One request first: what the process makes once (the engine thread's event loop,
        // the resolver) is not a leak; the count after it is the baseline.
        mr::HttpRequest warmUp;
        warmUp.url = m_options.url;
        QEventLoop loop;
        mr::ExchangeJob *job = m_client->send(warmUp, this);
        connect(job, &mr::ExchangeJob::finished, &loop, &QEventLoop::quit);
        loop.exec();
        job->deleteLater();
        m_client->closeIdleConnections();
        m_fdsBefore = settledFileDescriptors();
        m_clock.start();
        startBurst();
        QCoreApplication::exec();
        m_client->closeIdleConnections();
        const int fdsAfter = settledFileDescriptors();
        const double rssEnd = residentMegabytes();
        return QJsonObject{
            {QStringLiteral("requests"), m_finished},
            {QStringLiteral("seconds"), double(m_clock.elapsed()) / 1000.0},
            {QStringLiteral("idle_timeout_ms"), m_options.idleTimeoutMs},
            {QStringLiteral("pauses"), m_pauses},
            {QStringLiteral("pauses_past_idle_timeout"), m_pausesPastTimeout},
            {QStringLiteral("gets"), m_gets},
            {QStringLiteral("gets_failed"), m_getsFailed},
            {QStringLiteral("posts"), m_posts},
            {QStringLiteral("posts_failed"), m_postsFailed},
            {QStringLiteral("resent"), m_resent},
            {QStringLiteral("resent_without_reason"), m_resentWithoutReason},
            {QStringLiteral("posts_resent_after_bytes_left"), m_postsResentAfterBytesLeft},
            {QStringLiteral("connections_opened"), m_connectionsOpened},
            {QStringLiteral("first_errors"), m_firstErrors.join(QStringLiteral(" | "))},
            {QStringLiteral("fds_before"), m_fdsBefore},
            {QStringLiteral("fds_after"), fdsAfter},
            {QStringLiteral("rss_mb_at_10pct"), m_rssAtTenth},
            {QStringLiteral("rss_mb_at_end"), rssEnd},
        };
    }

private:
    void startBurst()
    {
        m_burstLeft = qMin(m_options.burst, m_options.requests - m_issued);
        while (m_inFlight < m_options.concurrency && m_burstLeft > 0)
            issue();
    }

    void issue()
    {
        --m_burstLeft;
        ++m_issued;
        ++m_inFlight;
        mr::HttpRequest request;
        // One request in ten is a POST: it may be re-sent only while none of its bytes left.
        const bool post = m_issued % 10 == 0;
        request.method = post ? "POST" : "GET";
        request.url = m_options.url;
        request.url.setPath(post ? QStringLiteral("/post") : QStringLiteral("/get"));
        if (post) {
            request.headers.set("Content-Type", "application/json");
            request.body = "{\"n\":" + QByteArray::number(m_issued) + "}";
        }
        mr::ExchangeJob *job = m_client->send(request, this);
        connect(job, &mr::ExchangeJob::finished, this, [this, job, post] {
            account(job->exchange(), post);
            job->deleteLater();
            --m_inFlight;
            ++m_finished;
            if (m_finished == m_options.requests / 10)
                m_rssAtTenth = residentMegabytes();
            next();
        });
    }

    void account(const mr::Exchange &exchange, bool post)
    {
        const bool failed = !exchange.hasResponse() || !exchange.error.isEmpty();
        (post ? m_posts : m_gets)++;
        if (failed) {
            (post ? m_postsFailed : m_getsFailed)++;
            if (m_firstErrors.size() < 5 && !m_firstErrors.contains(exchange.error))
                m_firstErrors.append(exchange.error);
        }
        for (qsizetype i = 0; i < exchange.attempts.size(); ++i) {
            const mr::Attempt &attempt = exchange.attempts.at(i);
            if (!attempt.connectionId.isEmpty() && !attempt.reused)
                ++m_connectionsOpened;
            if (i == 0)
                continue;
            // A re-sent request: the attempt before it must say why it was re-sent.
            ++m_resent;
            const mr::Attempt &before = exchange.attempts.at(i - 1);
            if (before.outcome.isEmpty())
                ++m_resentWithoutReason;
            // A POST may be re-sent only when none of its bytes left: on a connection that
            // was never made, or, as the pool says, "before any request byte left".
            if (post && !before.connectionId.isEmpty() &&
                !before.outcome.contains(QLatin1String("before any request byte left")))
                ++m_postsResentAfterBytesLeft;
        }
    }

    void next()
    {
        if (m_burstLeft > 0) {
            issue();
            return;
        }
        if (m_inFlight > 0)
            return;
        if (m_issued >= m_options.requests) {
            QCoreApplication::quit();
            return;
        }
        // Every connection is idle now: wait around the server's idle timeout, so its
        // closes land before, during and after the next burst's first requests.
        const int spread = qMax(1, m_options.idleTimeoutMs / 2);
        const int pause = m_options.idleTimeoutMs - spread +
                          int(QRandomGenerator::global()->bounded(2 * spread + 1));
        ++m_pauses;
        if (pause >= m_options.idleTimeoutMs)
            ++m_pausesPastTimeout;
        QTimer::singleShot(pause, this, [this] { startBurst(); });
    }

    Options m_options;
    mr::HttpClient *m_client;
    QElapsedTimer m_clock;
    int m_issued = 0;
    int m_inFlight = 0;
    int m_finished = 0;
    int m_burstLeft = 0;
    int m_pauses = 0;
    int m_pausesPastTimeout = 0;
    int m_gets = 0;
    int m_getsFailed = 0;
    int m_posts = 0;
    int m_postsFailed = 0;
    int m_resent = 0;
    int m_resentWithoutReason = 0;
    int m_postsResentAfterBytesLeft = 0;
    int m_connectionsOpened = 0;
    QStringList m_firstErrors;
    int m_fdsBefore = 0;
    double m_rssAtTenth = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr,
                     "usage: bench_soak URL REQUESTS IDLE_TIMEOUT_MS [CONCURRENCY [BURST]]\n");
        return 2;
    }
    Soak::Options options;
    options.url = QUrl(QString::fromLocal8Bit(argv[1]));
    options.requests = std::max(1, std::atoi(argv[2]));
    options.idleTimeoutMs = std::max(1, std::atoi(argv[3]));
    if (argc > 4)
        options.concurrency = std::max(1, std::atoi(argv[4]));
    if (argc > 5)
        options.burst = std::max(1, std::atoi(argv[5]));
    Soak soak(options);
    const QJsonObject result = soak.run();
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
