#pragma once

#include "transferupdate.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <functional>
#include <vector>

namespace mr {

class EngineReply;

// Carries what the engine reports (transfer updates, pool events) to the thread the client
// lives in, in batches: whatever arrives before that thread gets round to it is handled in
// one go, after one wake-up, in the order it was posted. Delivery always happens from the
// top of the receiving thread's event loop, never from inside one of the engine's socket
// handlers, even when the engine runs in that same thread: a slot may then abort, delete or
// send anything without pulling the engine's state from under it.
class EngineMailbox : public QObject
{
    Q_OBJECT
public:
    explicit EngineMailbox(QObject *parent = nullptr);

    // From any thread.
    void postUpdate(quint64 transferId, TransferUpdate &&update);
    void post(std::function<void()> &&delivery);

    // The receiving thread: which reply a transfer's updates are for. A reply deleted
    // meanwhile gets nothing.
    void addReceiver(quint64 transferId, EngineReply *reply);

    // For an engine in a thread of its own: what it posts during one turn of its event loop
    // wakes the receiving thread once, when the engine's thread is about to wait
    // (wakeIfPending, from there), not at the first item — the receiver would wake, take one
    // item and sleep again while the engine reads the next socket.
    void deferWakeUps() { m_deferWakeUps = true; }
    void wakeIfPending();

    // The receiving thread: run after each delivery (the client hands the requests that
    // delivery's slots made to the engine then, in one go).
    void setAfterDelivery(std::function<void()> &&hook) { m_afterDelivery = std::move(hook); }
    bool isDelivering() const { return m_delivering; }

protected:
    bool event(QEvent *event) override;

private:
    struct Item {
        quint64 transferId = 0; // 0: `delivery` instead of an update
        TransferUpdate update;
        std::function<void()> delivery;
    };
    void append(Item &&item);
    void deliver();

    QMutex m_mutex;
    std::vector<Item> m_items; // guarded by m_mutex
    bool m_scheduled = false;  // guarded by m_mutex: a delivery event is on its way
    bool m_deferWakeUps = false;
    std::function<void()> m_afterDelivery;
    bool m_delivering = false;
    QHash<quint64, QPointer<EngineReply>> m_receivers; // the receiving thread only
    int m_addedSinceSweep = 0;
};

} // namespace mr
