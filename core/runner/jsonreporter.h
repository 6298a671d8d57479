#pragma once

#include "runreporter.h"

#include <QByteArray>
#include <QJsonObject>

namespace mr {

// Every exchange of a run as one JSON document, streamed (a long run is never held in
// memory): {"tool", "version", "startedAt", "exchanges": [...], "summary": {...}}. Each
// exchange has its request and response headers and bodies (capped; text as UTF-8, other
// bytes as base64), timings, connection, every attempt and the assertion results.
class JsonReporter : public RunReporter
{
public:
    explicit JsonReporter(QIODevice *out, qint64 bodyLimit = 64 * 1024)
        : RunReporter(out)
        , m_bodyLimit(bodyLimit)
    {}

    void begin(const RunPlan &plan, int iterations) override;
    void step(const RunStep &step) override;
    void finish(const RunSummary &summary) override;

    // The step's JSON as one object; the report writes writeStep(), the same bytes that
    // QJsonDocument(stepObject(step)).toJson(QJsonDocument::Compact) would be, without it.
    QJsonObject stepObject(const RunStep &step) const;
    void writeStep(const RunStep &step, QByteArray *out) const;
    static QJsonObject summaryObject(const RunSummary &summary);

private:
    qint64 m_bodyLimit;
    bool m_first = true;
    QByteArray m_buffer;
};

} // namespace mr
