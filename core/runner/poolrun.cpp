#include "poolrun.h"

#include "connections/connectionlog.h"
#include "http/servertiming.h"
#include "net/httpclient.h"

#include <QTimer>

namespace mr {

QString PoolRun::Setup::workload() const
{
    QString text = QStringLiteral("%1 \u00d7 %2, %3 in flight")
                       .arg(target.isEmpty() ? QStringLiteral("the requests") : target)
                       .arg(iterations)
                       .arg(concurrency);
    if (!environment.isEmpty())
        text += QStringLiteral(", environment %1").arg(environment);
    return text;
}

QString PoolRun::Setup::label() const
{
    QString text;
    if (!keepAlive)
        text = QStringLiteral("unpooled");
    else if (protocol == ProtocolChoice::Http2)
        return maxPerOrigin == 1 ? QStringLiteral("HTTP/2 (1 connection)")
                                 : QStringLiteral("HTTP/2 (%1 per origin)").arg(maxPerOrigin);
    else
        text = QStringLiteral("pooled (%1 per origin)").arg(maxPerOrigin);
    switch (protocol) {
    case ProtocolChoice::Http1: return QStringLiteral("HTTP/1.1, ") + text;
    case ProtocolChoice::Http2: return QStringLiteral("HTTP/2, ") + text;
    case ProtocolChoice::Auto: break;
    }
    return text;
}

PoolRun::Setup PoolRun::Setup::normalized() const
{
    Setup setup = *this;
    setup.iterations = qMax(1, setup.iterations);
    setup.concurrency = qMax(1, setup.concurrency);
    // Without keep-alive there is no pool to size: only the requests in flight limit the
    // connections, as for a client that opens one per request.
    setup.maxPerOrigin = setup.keepAlive
                             ? qBound(1, setup.maxPerOrigin, PoolSettings::MaxConnectionsPerOrigin)
                             : PoolSettings::MaxConnectionsPerOrigin;
    return setup;
}

PoolRun::PoolRun(const HttpClient &settingsFrom, RunPlan plan, const Setup &setup, QObject *parent)
    : QObject(parent)
    , m_setup(setup.normalized())
    , m_client(std::make_unique<HttpClient>())
    , m_log(new ConnectionLog(this))
{
    m_client->adoptSettings(settingsFrom);
    m_client->setDefaultProtocol(m_setup.protocol);
    PoolSettings pool = m_client->poolSettings();
    pool.maxPerOrigin = m_setup.maxPerOrigin;
    pool.keepAlive = m_setup.keepAlive;
    pool.blockWhenFull = true; // the limit holds: what waits for a connection shows as queued
    m_client->setPoolSettings(pool);

    CollectionRunner::Options options;
    options.iterations = m_setup.iterations;
    options.concurrency = m_setup.concurrency;
    options.environment = m_setup.environment;
    options.variables = m_setup.variables;
    options.keepAlive = m_setup.keepAlive;
    options.allowedOutsideFiles = m_setup.allowedOutsideFiles;
    options.outsideFilesHint =
        QStringLiteral("send the request from its tab once and choose Send to allow it here");
    const qint64 planned = qint64(m_setup.iterations) * plan.items.size();
    m_runner = new CollectionRunner(m_client.get(), std::move(plan), options, this);
    // The run's last exchanges stay in view (all of a run of up to KeptExchanges); the
    // result's counts cover the whole run either way.
    const int kept = int(qBound(qint64(1), planned, qint64(KeptExchanges)));
    m_log->setLimit(kept);
    // Bodies are kept for the HAR export within a budget for the run, so a long run of large
    // responses does not fill the memory (their sizes stay exact).
    m_log->setKeptBodyBytes(
        qMin<qsizetype>(RunBodyBudgetBytes / kept, ConnectionLog::KeptBodyBytes));
    m_log->attach(m_client.get());
    connect(m_runner, &CollectionRunner::stepFinished, this, &PoolRun::onStepFinished);
    connect(m_runner, &CollectionRunner::finished, this, [this] {
        // A finished run leaves no connection open behind it.
        m_client->closeIdleConnections();
        Q_EMIT finished();
    });
}

PoolRun::~PoolRun()
{
    m_log->attach(nullptr);
    delete m_runner; // cancels its jobs while the client still exists
    m_runner = nullptr;
}

void PoolRun::start()
{
    if (m_started)
        return;
    m_started = true;
    m_runner->start();
}

void PoolRun::cancel()
{
    if (!m_started || m_runner->isFinished())
        return;
    m_cancelled = true;
    m_runner->cancel();
}

void PoolRun::onStepFinished(const RunStep &step)
{
    m_simulatedLatencyMs =
        qMax(m_simulatedLatencyMs, ServerTiming::simulatedLatencyMs(step.exchange.responseHeaders));
    if (!step.exchange.isComplete())
        ++m_unanswered;
    Q_EMIT progressed(m_runner->summary().run, m_runner->summary().planned);
}

PoolRunResult PoolRun::resultOf(const Setup &setup, const RunSummary &summary)
{
    PoolRunResult result;
    result.label = setup.label();
    if (setup.protocol != ProtocolChoice::Auto)
        result.protocol = setup.protocol == ProtocolChoice::Http2 ? QStringLiteral("HTTP/2")
                                                                  : QStringLiteral("HTTP/1.1");
    result.workload = setup.workload();
    result.keepAlive = setup.keepAlive;
    result.maxPerOrigin = setup.maxPerOrigin;
    result.planned = summary.planned;
    result.requests = summary.run;
    result.failed = summary.failed;
    result.connectionsOpened = summary.connectionsOpened;
    result.reused = summary.reused;
    result.seconds = summary.seconds;
    return result;
}

PoolRunResult PoolRun::result() const
{
    PoolRunResult result = resultOf(m_setup, m_runner->summary());
    result.unanswered = m_unanswered;
    result.cancelled = m_cancelled;
    result.simulatedLatencyMs = m_simulatedLatencyMs;
    return result;
}

} // namespace mr
