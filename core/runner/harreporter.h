#pragma once

#include "runreporter.h"

#include <QJsonArray>

namespace mr {

// The run's exchanges as HAR 1.2 (through HarWriter: real phases and the "connection"
// field), in the order they were started. Requests that could not be sent have no entry.
class HarReporter : public RunReporter
{
public:
    using RunReporter::RunReporter;

    void step(const RunStep &step) override;
    void finish(const RunSummary &summary) override;

private:
    QList<QPair<int, QJsonObject>> m_entries; // by the order the run started them
};

} // namespace mr
