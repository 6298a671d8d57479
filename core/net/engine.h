#pragma once

#include "connectionevent.h"
#include "poolsettings.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSslError>
#include <QStringList>
#include <atomic>

namespace mr {

class PoolConnection;
class OriginPool;
class Transfer;

// The engine: every origin's pool, in the thread HttpClient gave it (its own, or the
// client's). HttpClient feeds it transfers in batches; it reports connections and pool
// states through its signals, which HttpClient carries over through its mailbox.
class Engine : public QObject
{
    Q_OBJECT
public:
    Engine();
    ~Engine() override;

    double now() const { return double(m_clock.nsecsElapsed()) / 1e6; }
    const PoolSettings &settings() const { return m_settings; }
    void setSettings(const PoolSettings &settings);

    void submit(Transfer *transfer);
    // From the client (queued): for the transfer of that id, if it is still here.
    void abortTransfer(quint64 id);
    void decideSslErrors(quint64 id, bool ignore, const QList<QSslError> &errors);
    // From a transfer's destructor.
    void forget(quint64 id) { m_transfers.remove(id); }
    void closeIdleConnections();
    void shutdown();

    // Whether anybody listens to the signals below: until then pools skip building their
    // reports (set from the client's thread once it forwards them).
    bool isReporting() const { return m_reporting.load(std::memory_order_acquire); }
    void startReporting() { m_reporting.store(true, std::memory_order_release); }

    // From pools.
    void publishState(const OriginState &state);
    void publishQueued(Transfer *transfer);
    void publishStarted(Transfer *transfer, PoolConnection *connection);
    void publishFinished(Transfer *transfer);
    void publishOpened(OriginPool *pool, PoolConnection *connection);
    void publishClosed(OriginPool *pool, PoolConnection *connection, CloseReason reason);

Q_SIGNALS:
    void connectionOpened(const mr::ConnectionEvent &event);
    void connectionClosed(const mr::ConnectionEvent &event);
    void originStateChanged(const mr::OriginState &state);
    void requestQueued(quint64 id, const QString &origin);
    void requestStarted(quint64 id, const QString &connectionId);
    void requestFinished(quint64 id);

private:
    OriginPool *poolFor(Transfer *transfer);
    void evictIfNeeded(int room = 0); // room: pools about to be added

    QElapsedTimer m_clock;
    PoolSettings m_settings;
    QHash<QString, OriginPool *> m_pools;
    QStringList m_recent;                   // pool keys, least recently used first
    QHash<quint64, Transfer *> m_transfers; // by id, until each is deleted
    std::atomic<bool> m_reporting{false};
};

} // namespace mr
