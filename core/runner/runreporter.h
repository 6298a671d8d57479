#pragma once

#include "runplan.h"
#include "runstep.h"
#include "runsummary.h"

class QIODevice;

namespace mr {

// A report of a collection run, written as it goes: begin() once, step() for each finished
// request (in the order they finish), finish() once. Writes to a device it does not own
// (stdout, or a QSaveFile the caller commits).
class RunReporter
{
public:
    explicit RunReporter(QIODevice *out)
        : m_out(out)
    {}
    virtual ~RunReporter() = default;
    RunReporter(const RunReporter &) = delete;
    RunReporter &operator=(const RunReporter &) = delete;

    virtual void begin(const RunPlan &plan, int iterations)
    {
        Q_UNUSED(plan)
        Q_UNUSED(iterations)
    }
    virtual void step(const RunStep &step) = 0;
    virtual void finish(const RunSummary &summary) = 0;

protected:
    QIODevice *m_out;
};

} // namespace mr
