// core/content: understanding response bodies — what kind they are and how to show them.
#pragma once

#include "bodyformatter.h"
#include "jsonprettyprinter.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThreadPool;

namespace mr {

// Formats or filters a body on a thread pool and reports in the GUI thread, so a 50 MB
// body never blocks the GUI. One request at a time: a new format() or filter() supersedes
// the running one, whose result is dropped. Destroying the job while a worker runs is safe:
// the worker is told to stop and its result goes nowhere.
class BodyFormatJob : public QObject
{
    Q_OBJECT
public:
    struct Result {
        quint64 id = 0;        // as returned by format() / filter()
        bool filtered = false; // from filter()
        bool ok = true;        // false: a filter failed (note says why)
        BodyFormatter::Kind kind = BodyFormatter::Kind::Empty;
        QByteArray text; // UTF-8: half a QString's memory for a body of tens of megabytes
        QList<JsonPrettyPrinter::FoldRegion> folds; // lines of text
        // Format: e.g. "Not valid JSON at line 3, column 7: …; shown as received."
        // Filter: its error, or "3 matches".
        QString note;
        int count = 0;        // filter: matches (JSONPath) or outputs (jq)
        double elapsedMs = 0; // the work itself, in the pool
    };

    explicit BodyFormatJob(QObject *parent = nullptr);
    ~BodyFormatJob() override;

    // Default: QThreadPool::globalInstance(). The pool must outlive the job's workers.
    void setThreadPool(QThreadPool *pool);

    quint64 format(const QByteArray &body, const QByteArray &contentType);
    // expression: JSONPath ("$…") or jq; see JsonFilter.
    quint64 filter(const QByteArray &body, const QString &expression);
    // Drops the running request, if any; no finished() for it.
    void cancel();
    bool isRunning() const { return m_task != nullptr; }

Q_SIGNALS:
    void finished(const mr::BodyFormatJob::Result &result);

private:
    struct Task;
    quint64 start(std::function<Result(const Task &)> work);
    void deliver(const std::shared_ptr<Task> &task, const Result &result);

    std::shared_ptr<Task> m_task;
    QThreadPool *m_pool = nullptr;
    quint64 m_lastId = 0;
};

} // namespace mr

Q_DECLARE_METATYPE(mr::BodyFormatJob::Result)
