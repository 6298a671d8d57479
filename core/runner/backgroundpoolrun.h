#pragma once

#include "poolrun.h"
#include "poolrunresult.h"
#include "runsummary.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace mr {

class ConnectionLog;
class HttpClient;

// A PoolRun in a thread of its own, as the Runs page runs one: the run's HttpClient (and with
// it the sockets and the parsing of what comes back), its CollectionRunner and its
// ConnectionLog are created and live in that thread, never in the caller's (the GUI thread),
// which only shows what the run reports:
//
// - progress in batches, at most one every BatchIntervalMs however many requests finish: the
//   counts so far, and what the run's log heard since the last batch (its client's pool
//   events, the exchanges it recorded), which a log in the caller's thread (log()) hears in
//   the same order, so that a view follows the run live as if it were the run's log.
// - at the end, once the run's connections closed (or CloseWaitMs passed), the result and
//   the last of what the run's log heard: log() then holds what the run's own log held.
//
// The window's client is read once, here, in the caller's thread, into a copy the run takes
// its settings from; nothing reads the window's client from the run's thread. cancel() is
// queued to the run's thread. Destroying this object mid-run cancels the run in its thread,
// ends that thread and waits for it.
class BackgroundPoolRun : public QObject
{
    Q_OBJECT
public:
    static constexpr int BatchIntervalMs = 50;
    static constexpr int CloseWaitMs = 1000;

    // Where the run's parts lived (nullptr for what the run has not reported yet): the
    // PoolRun, its HttpClient and ConnectionLog, and the thread its steps finished in.
    struct Threads {
        QThread *poolRun = nullptr;
        QThread *client = nullptr;
        QThread *log = nullptr;
        QThread *steps = nullptr;
    };

    BackgroundPoolRun(const HttpClient &settingsFrom, RunPlan plan, const PoolRun::Setup &setup,
                      QObject *parent = nullptr);
    ~BackgroundPoolRun() override;

    void start();
    // Cancels what is in flight (in the run's thread); finished() follows.
    void cancel();
    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }

    // As the run takes it (PoolRun::Setup::normalized()).
    const PoolRun::Setup &setup() const { return m_setup; }
    // The counts as of the last batch; the run's own once finished.
    const RunSummary &summary() const { return m_summary; }
    // The run's result once finished; before, what the counts so far come to.
    PoolRunResult result() const;
    // In the caller's thread: the run's log as of the last batch; as it was at the end once
    // finished (the run's own goes with the run's thread).
    ConnectionLog *log() const { return m_log; }
    // The thread the run lives in (not running before start() or after the end).
    const QThread *runThread() const { return &m_thread; }
    Threads threads() const { return m_threads; }

Q_SIGNALS:
    // A batch arrived: log() has its exchanges, summary() its counts.
    void progressed(int done, int planned);
    // The run is over: result(), summary() and log() are final.
    void finished();

private:
    class Worker;
    struct Batch;
    struct Final;

    void onBegan(const Threads &threads, int keptExchanges, qsizetype keptBodyBytes);
    void onBatch(const Batch &batch);
    void onFinished(const Final &final);

    PoolRun::Setup m_setup;
    // In the caller's thread: first the window's client's settings as they were when the
    // run was made, which the run's thread reads once as it begins; then the live log's
    // stand-in for the run's client, through whose signals the batches' pool events reach
    // it. Sends nothing.
    std::unique_ptr<HttpClient> m_client;
    QThread m_thread;
    Worker *m_worker;
    bool m_started = false;
    bool m_finished = false;
    RunSummary m_summary;
    PoolRunResult m_result;
    Threads m_threads;
    ConnectionLog *m_log;
};

} // namespace mr
