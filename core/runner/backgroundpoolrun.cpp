#include "backgroundpoolrun.h"

#include "connections/connectionlog.h"
#include "net/httpclient.h"

#include <QSet>
#include <QTimer>
#include <utility>
#include <variant>

namespace mr {

namespace {

// What the run's log heard since the last batch, in the order it heard it: its client's pool
// events and the exchanges it recorded. The live log hears the same, in the same order.
struct Opened {
    ConnectionEvent event;
};
struct Closed {
    ConnectionEvent event;
};
struct Started {
    quint64 id = 0;
    QString connectionId;
};
struct Ended {
    quint64 id = 0;
};
using LogEvent = std::variant<Opened, Closed, OriginState, Started, Ended, Exchange>;

template<class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template<class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// The live log hears what the run's log heard, in the order it heard it: the pool's events
// and the exchanges as the run's log recorded them.
void replay(const QList<LogEvent> &events, ConnectionLog *log)
{
    for (const LogEvent &event : events) {
        std::visit(Overloaded{
                       [log](const Opened &opened) { log->onOpened(opened.event); },
                       [log](const Closed &closed) { log->onClosed(closed.event); },
                       [log](const OriginState &state) { log->onOriginState(state); },
                       [log](const Started &started) {
                           log->onRequestStarted(started.id, started.connectionId);
                       },
                       [log](const Ended &ended) { log->onRequestFinished(ended.id); },
                       [log](const Exchange &exchange) { log->record(exchange); },
                   },
                   event);
    }
}

} // namespace

struct BackgroundPoolRun::Batch {
    QList<LogEvent> events;
    RunSummary summary;
    Threads threads;
};

struct BackgroundPoolRun::Final {
    Batch last; // what the run's log heard since the last batch, its connections closing
    PoolRunResult result;
};

// The run's side, in the run's thread: makes the PoolRun there, batches what its log hears
// and, at the end, sends the last of it with the result. Everything it sends to the caller is
// a queued call to the BackgroundPoolRun, which outlives the run's thread (its destructor
// waits for it).
class BackgroundPoolRun::Worker : public QObject
{
public:
    Worker(BackgroundPoolRun *owner, RunPlan plan)
        : m_owner(owner)
        , m_plan(std::move(plan))
    {}

    void begin(const HttpClient *settings, const PoolRun::Setup &setup);
    void cancel()
    {
        if (m_run)
            m_run->cancel();
    }
    // Ends the run (cancelling what is in flight) and the thread.
    void shutdown();

private:
    void note(LogEvent event)
    {
        if (m_ended)
            return;
        m_pending.append(std::move(event));
        schedule();
    }
    void schedule()
    {
        if (!m_ended && !m_flush->isActive())
            m_flush->start();
    }
    void flush();
    void onRunFinished();
    void sendEnd();

    BackgroundPoolRun *m_owner;
    RunPlan m_plan; // until the run takes it
    PoolRun *m_run = nullptr;
    QTimer *m_flush = nullptr;
    QTimer *m_closeWait = nullptr;
    QList<LogEvent> m_pending;
    QSet<QString> m_open; // connections still open after the run finished
    Threads m_threads;
    bool m_ended = false;
};

void BackgroundPoolRun::Worker::begin(const HttpClient *settings, const PoolRun::Setup &setup)
{
    m_flush = new QTimer(this);
    m_flush->setSingleShot(true);
    m_flush->setInterval(BatchIntervalMs);
    connect(m_flush, &QTimer::timeout, this, &Worker::flush);
    m_closeWait = new QTimer(this);
    m_closeWait->setSingleShot(true);
    m_closeWait->setInterval(CloseWaitMs);
    connect(m_closeWait, &QTimer::timeout, this, &Worker::sendEnd);

    m_run = new PoolRun(*settings, std::move(m_plan), setup, this);
    ConnectionLog *log = m_run->log();
    m_threads.poolRun = m_run->thread();
    m_threads.client = m_run->client()->thread();
    m_threads.log = log->thread();
    // Heard after the log (connected after it), so each event follows what the log made of
    // the one before.
    const HttpClient *client = m_run->client();
    connect(client, &HttpClient::connectionOpened, this,
            [this](const ConnectionEvent &event) { note(Opened{event}); });
    connect(client, &HttpClient::connectionClosed, this,
            [this](const ConnectionEvent &event) { note(Closed{event}); });
    connect(client, &HttpClient::originStateChanged, this,
            [this](const OriginState &state) { note(state); });
    connect(client, &HttpClient::requestStarted, this,
            [this](quint64 id, const QString &connectionId) {
                note(Started{id, connectionId});
            });
    connect(client, &HttpClient::requestFinished, this, [this](quint64 id) { note(Ended{id}); });
    connect(log, &ConnectionLog::exchangeAdded, this,
            [this](const LoggedExchange &entry) { note(entry.exchange); });
    connect(m_run, &PoolRun::progressed, this, [this] {
        m_threads.steps = QThread::currentThread();
        schedule();
    });
    // From the event loop, not from within the runner's signal: the end deletes the run.
    connect(m_run, &PoolRun::finished, this, &Worker::onRunFinished, Qt::QueuedConnection);
    // The settings were read: the caller may let them go.
    QMetaObject::invokeMethod(
        m_owner,
        [owner = m_owner, threads = m_threads, kept = log->limit(),
         bodyBytes = log->keptBodyBytes()] { owner->onBegan(threads, kept, bodyBytes); },
        Qt::QueuedConnection);
    m_run->start(); // requests that cannot be sent finish at once
}

void BackgroundPoolRun::Worker::flush()
{
    if (m_ended || !m_run)
        return;
    auto batch = std::make_shared<Batch>();
    batch->events = std::exchange(m_pending, {});
    batch->summary = m_run->summary();
    batch->threads = m_threads;
    QMetaObject::invokeMethod(
        m_owner, [owner = m_owner, batch] { owner->onBatch(*batch); }, Qt::QueuedConnection);
}

void BackgroundPoolRun::Worker::onRunFinished()
{
    if (m_ended || !m_run)
        return;
    m_flush->stop();
    flush();
    // The run closed its idle connections as it finished: their close events, with the
    // reasons, belong in the log, so the end waits for them a moment.
    ConnectionLog *log = m_run->log();
    for (const QString &id : log->connectionIds()) {
        const ConnectionRecord *record = log->connection(id);
        if (record && record->isOpen())
            m_open.insert(id);
    }
    if (m_open.isEmpty()) {
        sendEnd();
        return;
    }
    connect(log, &ConnectionLog::connectionChanged, this, [this, log](const QString &id) {
        const ConnectionRecord *record = log->connection(id);
        if (!record || !record->isOpen())
            m_open.remove(id);
        // Not from within the log's signal: the end deletes the run.
        if (m_open.isEmpty())
            QMetaObject::invokeMethod(this, &Worker::sendEnd, Qt::QueuedConnection);
    });
    m_closeWait->start();
}

void BackgroundPoolRun::Worker::sendEnd()
{
    if (m_ended || !m_run)
        return;
    m_ended = true;
    m_closeWait->stop();
    disconnect(m_run->log(), nullptr, this, nullptr);
    disconnect(m_run->client(), nullptr, this, nullptr);
    auto final = std::make_shared<Final>();
    final->last.events = std::exchange(m_pending, {});
    final->last.summary = m_run->summary();
    final->last.threads = m_threads;
    final->result = m_run->result();
    QMetaObject::invokeMethod(
        m_owner, [owner = m_owner, final = std::move(final)] { owner->onFinished(*final); },
        Qt::QueuedConnection);
    shutdown();
}

void BackgroundPoolRun::Worker::shutdown()
{
    if (m_flush)
        m_flush->stop();
    if (m_closeWait)
        m_closeWait->stop();
    if (m_run) {
        disconnect(m_run, nullptr, this, nullptr);
        disconnect(m_run->client(), nullptr, this, nullptr);
        if (ConnectionLog *log = m_run->log())
            disconnect(log, nullptr, this, nullptr);
        // Deleting the run cancels what is in flight while its client still exists.
        delete std::exchange(m_run, nullptr);
    }
    thread()->quit();
}

BackgroundPoolRun::BackgroundPoolRun(const HttpClient &settingsFrom, RunPlan plan,
                                     const PoolRun::Setup &setup, QObject *parent)
    : QObject(parent)
    , m_setup(setup.normalized())
    // Only settings: it sends nothing, so it needs no engine thread.
    , m_client(std::make_unique<HttpClient>(nullptr, HttpClient::EngineThread::Caller))
    , m_log(new ConnectionLog(this))
{
    m_client->adoptSettings(settingsFrom);
    m_summary.planned = m_setup.iterations * int(plan.items.size());
    m_thread.setObjectName(QStringLiteral("PoolRun"));
    m_worker = new Worker(this, std::move(plan));
    m_worker->moveToThread(&m_thread);
}

BackgroundPoolRun::~BackgroundPoolRun()
{
    if (m_started) {
        // Queued behind whatever the run's thread has still to do; a thread that ended
        // already returns at once.
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->shutdown(); }, Qt::QueuedConnection);
        m_thread.wait();
    }
    delete m_worker;
}

void BackgroundPoolRun::start()
{
    if (m_started)
        return;
    m_started = true;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, settings = m_client.get(), setup = m_setup] {
            worker->begin(settings, setup);
        },
        Qt::QueuedConnection);
    m_thread.start();
}

void BackgroundPoolRun::cancel()
{
    if (!m_started || m_finished)
        return;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->cancel(); }, Qt::QueuedConnection);
}

PoolRunResult BackgroundPoolRun::result() const
{
    return m_finished ? m_result : PoolRun::resultOf(m_setup, m_summary);
}

void BackgroundPoolRun::onBegan(const Threads &threads, int keptExchanges, qsizetype keptBodyBytes)
{
    m_threads = threads;
    m_log->setLimit(keptExchanges);
    m_log->setKeptBodyBytes(keptBodyBytes);
}

void BackgroundPoolRun::onBatch(const Batch &batch)
{
    if (m_finished)
        return;
    replay(batch.events, m_log);
    m_summary = batch.summary;
    m_threads = batch.threads;
    Q_EMIT progressed(m_summary.run, m_summary.planned);
}

void BackgroundPoolRun::onFinished(const Final &final)
{
    replay(final.last.events, m_log);
    m_client.reset();
    m_finished = true;
    m_result = final.result;
    m_summary = final.last.summary;
    m_threads = final.last.threads;
    Q_EMIT finished();
}

} // namespace mr
