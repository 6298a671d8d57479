#pragma once

#include "assertionresult.h"
#include "net/exchange.h"

#include <QList>
#include <QString>

namespace mr {

class SecretRedactor;

// One request of a collection run in one iteration, once it is over: the exchange (with its
// attempts and connections), its assertions and whether it passed. What reporters and the
// Connections view receive, live, as each exchange finishes.
struct RunStep {
    int iteration = 1; // 1-based
    int item = 0;      // index in the RunPlan
    int sequence = 0;  // 0-based order in which the run started it
    QString name;      // the request's name, or "METHOD url" as written
    QString neededBy;  // not chosen: run because this request takes values from it
    QString file;
    int line = 0;         // the request line
    bool sent = false;    // false: it could not be sent (error says why)
    QString error;        // why it failed without a whole response; empty otherwise
    double startedMs = 0; // since the run started
    Exchange exchange;    // empty when not sent
    QList<AssertionResult> assertions;

    bool passed() const;
    int failedAssertions() const;
    // "#3 new" / "#3 reused · 7th request"; empty without a connection.
    QString connectionLabel() const;
    // The step as reports may write it: its exchange and every text about it (name, error,
    // assertions' expected and actual values) with the secrets masked.
    RunStep redacted(const SecretRedactor &secrets) const;
};

} // namespace mr
