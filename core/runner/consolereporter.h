#pragma once

#include "runreporter.h"

namespace mr {

// The run as people read it in a terminal or a CI log: one line per request — PASS/FAIL,
// name, status, time, connection ("#3 new", "#3 reused · 7th request") — with each failed
// assertion (expected and actual) or error and where the request is under it; then a
// summary with the connections opened and how many requests reused one.
class ConsoleReporter : public RunReporter
{
public:
    using RunReporter::RunReporter;

    void begin(const RunPlan &plan, int iterations) override;
    void step(const RunStep &step) override;
    void finish(const RunSummary &summary) override;

    static QString line(const RunStep &step, bool showIteration);

private:
    void write(const QString &text);

    bool m_showIteration = false;
};

} // namespace mr
