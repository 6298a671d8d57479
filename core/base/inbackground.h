#pragma once

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace mr {

// Runs `work` on `pool` and `done` with its result in the GUI thread, unless `owner` is gone
// by then. The result is posted to the application object, which outlives every owner, and
// the owner is looked up there, in the GUI thread: a worker never touches the owner, which may
// be destroyed at any moment while it runs. Needs a QCoreApplication.
template<typename Result>
void inBackground(QThreadPool *pool, QObject *owner, std::function<Result()> work,
                  std::function<void(Result)> done)
{
    QPointer<QObject> guard(owner);
    pool->start([guard, work = std::move(work), done = std::move(done)] {
        auto result = std::make_shared<Result>(work());
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, done, result] {
                if (guard)
                    done(std::move(*result));
            },
            Qt::QueuedConnection);
    });
}

} // namespace mr
