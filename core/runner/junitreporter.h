#pragma once

#include "runreporter.h"

#include <QList>

namespace mr {

// JUnit XML as CI servers read it (Jenkins, GitLab, GitHub test reporters): a <testsuite>
// per .http file, a <testcase> per request × iteration; a failed assertion is a <failure>
// with its message (expected and actual), a request without a response an <error>.
class JunitReporter : public RunReporter
{
public:
    using RunReporter::RunReporter;

    void begin(const RunPlan &plan, int iterations) override;
    void step(const RunStep &step) override;
    void finish(const RunSummary &summary) override;

private:
    struct Case {
        QString file;
        QString name;
        int item = 0;
        int iteration = 1;
        double seconds = 0;
        QString failure; // first failed assertion's message
        QString details; // every assertion, one per line
        QString error;
        QString neededBy; // not chosen: run for this request
    };
    QList<Case> m_cases;
    bool m_showIteration = false;
    QString m_startedAt;
};

} // namespace mr
