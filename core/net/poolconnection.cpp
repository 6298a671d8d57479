#include "poolconnection.h"

#include "originpool.h"

#include <QSslSocket>

namespace mr {

PoolConnection::PoolConnection(OriginPool *pool, const TransferRequest &first, int serial,
                               OpenReason reason, const QList<QByteArray> &alpn)
    : QObject(pool)
    , m_pool(pool)
    , m_proxy(first.proxy)
    , m_serial(serial)
    , m_id(first.origin.toString() + QLatin1Char('#') + QString::number(serial))
    , m_openReason(reason)
    , m_setup(new ConnectionSetup(
          first, alpn, pool->settings(), [pool] { return pool->now(); }, this))
{
    watchIdleTimer();
}

PoolConnection::PoolConnection(PoolConnection *other)
    : QObject(other->m_pool)
    , m_pool(other->m_pool)
    , m_proxy(other->m_proxy)
    , m_serial(other->m_serial)
    , m_id(other->m_id)
    , m_openReason(other->m_openReason)
    , m_extra(other->m_extra)
    , m_requestCount(other->m_requestCount)
    , m_openedAt(other->m_openedAt)
    , m_setup(other->m_setup)
    , m_socket(other->m_socket)
    , m_tlsSocket(other->m_tlsSocket)
{
    m_setup->disconnect(other);
    m_setup->setParent(this);
    if (m_socket) {
        m_socket->disconnect(other);
        m_socket->setParent(this);
    }
    other->m_socket = nullptr;
    other->m_tlsSocket = nullptr;
    other->m_setup = nullptr;
    other->m_state = State::Closed;
    other->m_idleTimer.stop();
    other->deleteLater();
    watchIdleTimer();
}

PoolConnection::~PoolConnection() = default;

void PoolConnection::watchIdleTimer()
{
    m_idleTimer.setSingleShot(true);
    // The timer is not restarted for every request (that costs more than the request's own
    // work): when it fires, it checks how long the connection has really been idle.
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Idle)
            return;
        const double idle = now() - m_idleSince;
        if (idle >= m_idleExpiryMs - 1)
            onIdleExpired();
        else
            m_idleTimer.start(qMax(1, int(m_idleExpiryMs - idle)));
    });
}

void PoolConnection::stopIdleTimer()
{
    m_idleTimer.stop();
}

double PoolConnection::now() const
{
    return m_pool->now();
}

void PoolConnection::takeSocket()
{
    m_socket = m_setup->takeSocket(this);
    m_tlsSocket = qobject_cast<QSslSocket *>(m_socket);
}

void PoolConnection::resumeAfterSslErrors(bool ignore, const QList<QSslError> &errors)
{
    if (m_state == State::Opening && m_setup)
        m_setup->resumeAfterSslErrors(ignore, errors);
}

void PoolConnection::startIdleTimer(int expiryMs)
{
    m_idleSince = now();
    m_idleExpiryMs = expiryMs;
    if (expiryMs > 0 && !m_idleTimer.isActive())
        m_idleTimer.start(expiryMs);
}

} // namespace mr
