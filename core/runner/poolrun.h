#pragma once

#include "collectionrunner.h"
#include "http/protocolchoice.h"
#include "poolrunresult.h"

#include <QHash>
#include <QObject>
#include <memory>

namespace mr {

class ConnectionLog;
class HttpClient;

// A collection run under pool settings of its own — how many connections each origin may
// have, keep-alive on or off — in an HttpClient of its own, configured as a given one (TLS
// trust, timeouts, proxy as the window has them) so the run neither disturbs nor is helped
// by the session's connections. Every exchange is recorded in a ConnectionLog of its own.
// Two PoolRuns of one plan with different pool settings show what reuse buys.
class PoolRun : public QObject
{
    Q_OBJECT
public:
    struct Setup {
        int iterations = 1;
        int concurrency = 1;   // requests in flight
        int maxPerOrigin = 6;  // connections per origin
        bool keepAlive = true; // false: a new connection for every request
        // The HTTP version its client uses (HTTP/2 on http:// is prior knowledge).
        ProtocolChoice protocol = ProtocolChoice::Auto;
        QString environment;
        QHash<QString, QString> variables; // above the environment's
        QString target;                    // what runs, in words ("File: pool.http")
        // Files outside the workspace the user allowed a body to read (the window asked).
        QStringList allowedOutsideFiles;

        // "File: pool.http × 50, 6 in flight" (+ ", environment demo"): runs compare only
        // when this is the same.
        QString workload() const;
        // "pooled (6 per origin)" / "unpooled"; with a version asked for, "HTTP/1.1, pooled
        // (6 per origin)" or "HTTP/2 (1 connection)".
        QString label() const;
        // As a run takes it: at least one iteration and one in flight, the per-origin limit
        // within the pool's bounds (the most there can be without keep-alive).
        Setup normalized() const;
    };

    // A run's log keeps its most recent exchanges up to this many, and of their response
    // bodies this much all together, so 100,000 iterations do not fill the memory.
    static constexpr int KeptExchanges = 10000;
    static constexpr qsizetype RunBodyBudgetBytes = 64 * 1024 * 1024;

    PoolRun(const HttpClient &settingsFrom, RunPlan plan, const Setup &setup,
            QObject *parent = nullptr);
    ~PoolRun() override;

    void start();
    // Cancels what is in flight; finished() follows.
    void cancel();
    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_runner->isFinished(); }

    const Setup &setup() const { return m_setup; }
    const RunPlan &plan() const { return m_runner->plan(); }
    ConnectionLog *log() const { return m_log; }
    HttpClient *client() const { return m_client.get(); }
    const RunSummary &summary() const { return m_runner->summary(); }
    PoolRunResult result() const;
    // What a run of `setup` that got as far as `summary` shows (no cancel, latency or
    // unanswered count: those only the run knows).
    static PoolRunResult resultOf(const Setup &setup, const RunSummary &summary);

Q_SIGNALS:
    void progressed(int done, int planned);
    void finished();

private:
    void onStepFinished(const RunStep &step);

    Setup m_setup;
    std::unique_ptr<HttpClient> m_client;
    ConnectionLog *m_log;
    CollectionRunner *m_runner;
    bool m_started = false;
    bool m_cancelled = false;
    int m_simulatedLatencyMs = 0;
    int m_unanswered = 0;
};

} // namespace mr
