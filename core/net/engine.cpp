#include "engine.h"

#include "httpconnection.h"
#include "originpool.h"
#include "transfer.h"

namespace mr {

Engine::Engine()
{
    m_clock.start();
}

Engine::~Engine()
{
    shutdown();
}

void Engine::setSettings(const PoolSettings &settings)
{
    m_settings = settings;
    m_settings.maxPerOrigin =
        qBound(1, settings.maxPerOrigin, PoolSettings::MaxConnectionsPerOrigin);
    m_settings.maxHosts = qBound(1, settings.maxHosts, PoolSettings::MaxHosts);
    evictIfNeeded();
}

OriginPool *Engine::poolFor(Transfer *transfer)
{
    const QString &key = transfer->request().poolKey;
    OriginPool *pool = m_pools.value(key);
    if (pool) {
        if (m_recent.last() != key) {
            m_recent.removeOne(key);
            m_recent.append(key);
        }
        return pool;
    }
    evictIfNeeded(1); // before the new pool exists, so it can't be the one dropped
    pool = new OriginPool(this, key, transfer->request().origin, transfer->request().protocol);
    m_pools.insert(key, pool);
    m_recent.append(key);
    return pool;
}

void Engine::evictIfNeeded(int room)
{
    // Drop the least recently used origins that have nothing in flight.
    for (qsizetype i = 0; i < m_recent.size() && m_pools.size() + room > m_settings.maxHosts;) {
        OriginPool *pool = m_pools.value(m_recent[i]);
        if (pool->isInUse()) {
            ++i;
            continue;
        }
        pool->closeIdle(CloseReason::Evicted);
        m_pools.remove(m_recent[i]);
        m_recent.removeAt(i);
        delete pool;
    }
}

void Engine::submit(Transfer *transfer)
{
    m_transfers.insert(transfer->request().id, transfer);
    transfer->setEngine(this);
    poolFor(transfer)->enqueue(transfer);
}

void Engine::abortTransfer(quint64 id)
{
    if (Transfer *transfer = m_transfers.value(id))
        transfer->abort();
}

void Engine::decideSslErrors(quint64 id, bool ignore, const QList<QSslError> &errors)
{
    if (Transfer *transfer = m_transfers.value(id))
        transfer->decideSslErrors(ignore, errors);
}

void Engine::closeIdleConnections()
{
    for (OriginPool *pool : std::as_const(m_pools))
        pool->closeIdle(CloseReason::ClosedByClient);
}

void Engine::shutdown()
{
    const QList<OriginPool *> pools = m_pools.values();
    for (OriginPool *pool : pools)
        pool->closeAll(CloseReason::ClosedByClient);
    qDeleteAll(pools);
    m_pools.clear();
    m_recent.clear();
    const QHash<quint64, Transfer *> transfers = std::exchange(m_transfers, {});
    for (Transfer *transfer : transfers) {
        transfer->setEngine(nullptr);
        delete transfer;
    }
}

void Engine::publishState(const OriginState &state)
{
    Q_EMIT originStateChanged(state);
}

void Engine::publishQueued(Transfer *transfer)
{
    if (!isReporting())
        return;
    Q_EMIT requestQueued(transfer->request().id, transfer->request().origin.toString());
}

void Engine::publishStarted(Transfer *transfer, PoolConnection *connection)
{
    if (!isReporting())
        return;
    Q_EMIT requestStarted(transfer->request().id, connection->id());
}

void Engine::publishFinished(Transfer *transfer)
{
    if (!isReporting())
        return;
    Q_EMIT requestFinished(transfer->request().id);
}

static ConnectionEvent eventFor(OriginPool *pool, PoolConnection *connection, double now)
{
    ConnectionEvent event;
    event.origin = pool->origin().toString();
    event.connectionId = connection->id();
    event.serial = connection->serial();
    event.localPort = connection->localPort();
    event.openReason = connection->openReason();
    event.requests = connection->requestCount();
    event.atMs = now;
    event.ageMs = now - connection->openedAt();
    connection->describe(&event);
    return event;
}

void Engine::publishOpened(OriginPool *pool, PoolConnection *connection)
{
    if (!isReporting())
        return;
    Q_EMIT connectionOpened(eventFor(pool, connection, now()));
}

void Engine::publishClosed(OriginPool *pool, PoolConnection *connection, CloseReason reason)
{
    if (!isReporting())
        return;
    ConnectionEvent event = eventFor(pool, connection, now());
    event.closeReason = reason;
    Q_EMIT connectionClosed(event);
}

} // namespace mr
