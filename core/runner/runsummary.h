#pragma once

#include <QString>

namespace mr {

// The counts of a finished collection run, for the reporters' summaries and the exit status.
struct RunSummary {
    int planned = 0; // requests × iterations
    int run = 0;     // steps finished (sent or not)
    int passed = 0;
    int failed = 0;
    int assertionsPassed = 0;
    int assertionsFailed = 0;
    int assertionsSkipped = 0;
    int connectionsOpened = 0; // attempts that opened a connection
    int reused = 0;            // steps whose final attempt reused a connection
    int attempts = 0;
    double seconds = 0;
    bool bailed = false; // --bail stopped it after a failure

    int notRun() const { return planned - run; }
    bool allPassed() const { return failed == 0 && run == planned; }
    // "12 requests, 11 passed, 1 failed · 20 assertions, 1 failed · 3 connections opened,
    // 9 requests reused one · 0.123 s"
    QString text() const;
};

} // namespace mr
