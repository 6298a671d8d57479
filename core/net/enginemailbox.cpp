#include "enginemailbox.h"

#include "enginereply.h"

#include <QCoreApplication>
#include <QEvent>
#include <QMutexLocker>

namespace mr {

namespace {
const QEvent::Type DeliverEvent = QEvent::Type(QEvent::registerEventType());
}

EngineMailbox::EngineMailbox(QObject *parent)
    : QObject(parent)
{}

void EngineMailbox::postUpdate(quint64 transferId, TransferUpdate &&update)
{
    append({transferId, std::move(update), {}});
}

void EngineMailbox::post(std::function<void()> &&delivery)
{
    append({0, TransferUpdate(), std::move(delivery)});
}

void EngineMailbox::append(Item &&item)
{
    // A deferred batch still goes once it is this big: an engine that never waits (always
    // more to do) must not hold its reports back.
    constexpr size_t LargestDeferredBatch = 64;
    bool wake = false;
    {
        QMutexLocker lock(&m_mutex);
        m_items.push_back(std::move(item));
        if (!m_deferWakeUps || m_items.size() >= LargestDeferredBatch)
            wake = !std::exchange(m_scheduled, true);
    }
    // One event per batch: the receiving thread is woken once, however much follows.
    if (wake)
        QCoreApplication::postEvent(this, new QEvent(DeliverEvent));
}

void EngineMailbox::wakeIfPending()
{
    bool wake = false;
    {
        QMutexLocker lock(&m_mutex);
        wake = !m_items.empty() && !std::exchange(m_scheduled, true);
    }
    if (wake)
        QCoreApplication::postEvent(this, new QEvent(DeliverEvent));
}

void EngineMailbox::addReceiver(quint64 transferId, EngineReply *reply)
{
    m_receivers.insert(transferId, reply);
    // Replies deleted before their transfer finished leave an empty entry: swept now and then.
    if (++m_addedSinceSweep < 1024)
        return;
    m_addedSinceSweep = 0;
    m_receivers.removeIf([](const auto &entry) { return entry.value().isNull(); });
}

bool EngineMailbox::event(QEvent *event)
{
    if (event->type() != DeliverEvent)
        return QObject::event(event);
    deliver();
    return true;
}

void EngineMailbox::deliver()
{
    std::vector<Item> items;
    {
        QMutexLocker lock(&m_mutex);
        items.swap(m_items);
        m_scheduled = false;
    }
    // A slot run from here may delete the client, and this mailbox with it.
    const QPointer<EngineMailbox> self(this);
    m_delivering = true;
    for (Item &item : items) {
        if (item.transferId == 0) {
            item.delivery();
        } else {
            const auto receiver = m_receivers.constFind(item.transferId);
            if (receiver == m_receivers.cend())
                continue;
            const QPointer<EngineReply> reply = receiver.value();
            if (item.update.flags & TransferUpdate::Finished)
                m_receivers.erase(receiver);
            if (reply)
                reply->onUpdate(item.update);
        }
        if (!self)
            return;
    }
    m_delivering = false;
    if (m_afterDelivery)
        m_afterDelivery();
}

} // namespace mr
