#include "bodyformatjob.h"

#include "base/inbackground.h"
#include "jsonfilter.h"

#include <QElapsedTimer>
#include <QThreadPool>

#include <atomic>

namespace mr {

struct BodyFormatJob::Task {
    quint64 id = 0;
    std::atomic_bool cancel{false};
};

BodyFormatJob::BodyFormatJob(QObject *parent)
    : QObject(parent)
    , m_pool(QThreadPool::globalInstance())
{}

BodyFormatJob::~BodyFormatJob()
{
    cancel();
}

void BodyFormatJob::setThreadPool(QThreadPool *pool)
{
    m_pool = pool ? pool : QThreadPool::globalInstance();
}

void BodyFormatJob::cancel()
{
    if (m_task)
        m_task->cancel = true;
    m_task.reset();
}

quint64 BodyFormatJob::format(const QByteArray &body, const QByteArray &contentType)
{
    return start([body, contentType](const Task &task) {
        BodyFormatter::Result formatted =
            BodyFormatter::format(body, contentType, &task.cancel, BodyFormatter::Encoding::Utf8);
        Result result;
        result.kind = formatted.kind;
        result.text = std::move(formatted.utf8);
        result.folds = std::move(formatted.folds);
        result.note = std::move(formatted.note);
        return result;
    });
}

quint64 BodyFormatJob::filter(const QByteArray &body, const QString &expression)
{
    return start([body, expression](const Task &task) {
        JsonFilter::Result filtered = JsonFilter::run(expression, body, &task.cancel);
        Result result;
        result.filtered = true;
        result.ok = filtered.ok;
        result.kind = BodyFormatter::Kind::Json;
        result.text = filtered.text.toUtf8();
        result.folds = std::move(filtered.folds);
        result.count = filtered.count;
        if (!filtered.ok)
            result.note = filtered.error;
        else if (filtered.language == JsonFilter::Language::JsonPath)
            result.note = filtered.count == 1 ? QStringLiteral("1 match")
                                              : QStringLiteral("%1 matches").arg(filtered.count);
        else
            result.note = filtered.count == 1 ? QStringLiteral("1 output")
                                              : QStringLiteral("%1 outputs").arg(filtered.count);
        if (filtered.truncated)
            result.note += QStringLiteral("; stopped after %1")
                               .arg(BodyFormatter::sizeText(JsonFilter::MaxOutputBytes));
        return result;
    });
}

quint64 BodyFormatJob::start(std::function<Result(const Task &)> work)
{
    cancel();
    auto task = std::make_shared<Task>();
    task->id = ++m_lastId;
    m_task = task;
    inBackground<Result>(
        m_pool, this,
        [task, work = std::move(work)] {
            QElapsedTimer timer;
            timer.start();
            Result result = work(*task);
            result.id = task->id;
            result.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
            return result;
        },
        [this, task](Result result) { deliver(task, result); });
    return task->id;
}

void BodyFormatJob::deliver(const std::shared_ptr<Task> &task, const Result &result)
{
    // A request superseded after its worker finished: drop it here.
    if (task != m_task)
        return;
    m_task.reset();
    Q_EMIT finished(result);
}

} // namespace mr
