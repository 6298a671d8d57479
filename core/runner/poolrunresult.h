#pragma once

#include <QString>

namespace mr {

// What one pool run came to, and how two compare: the wall time of the run, how many
// connections it opened for how many requests, and whether it went to a demo service that
// simulates network latency. The Connections view states these side by side.
struct PoolRunResult {
    QString label;    // "pooled (6 per origin)" / "unpooled"
    QString workload; // PoolRun::Setup::workload(): what ran, how often, how many at once
    bool keepAlive = true;
    int maxPerOrigin = 0;
    QString protocol;   // "HTTP/2", "HTTP/1.1"; empty for auto
    int planned = 0;    // requests × iterations
    int requests = 0;   // finished (sent or not)
    int failed = 0;     // not passed: no response, or an assertion failed
    int unanswered = 0; // no whole response (refused, reset, cut short, TLS, a timeout)
    int connectionsOpened = 0;
    int reused = 0;
    double seconds = 0;
    bool cancelled = false;
    int simulatedLatencyMs = 0; // the largest simulated latency a demo service told; 0: none

    bool complete() const { return !cancelled && requests == planned; }
    // "pooled (6 per origin): 412 ms, 6 connections" (+ ", 3 failed")
    // (+ ", cancelled after 120 of 200 requests")
    QString text() const;
    // How many times faster `a` was than `b` (b's time over a's); 0 when either took none.
    static double speedUp(const PoolRunResult &a, const PoolRunResult &b);
    // "pooled (6 per origin): 412 ms, 6 connections; unpooled: 1.9 s, 200 connections;
    // pooled 4.6× faster" — or why the two can't be compared (a run cancelled, different
    // workloads, failed requests).
    static QString comparison(const PoolRunResult &a, const PoolRunResult &b);
    // "412 ms", "1.9 s"
    static QString duration(double seconds);
};

} // namespace mr
