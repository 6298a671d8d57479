#include "originpool.h"

#include "engine.h"
#include "http2connection.h"
#include "transfer.h"

namespace mr {

OriginPool::OriginPool(Engine *engine, const QString &key, const Origin &origin,
                       ProtocolChoice protocol)
    : QObject(engine)
    , m_engine(engine)
    , m_key(key)
    , m_origin(origin)
    , m_protocol(protocol)
{
    // Cleartext has no ALPN: HTTP/2 there is prior knowledge, auto is HTTP/1.1 (no Upgrade).
    if (protocol == ProtocolChoice::Http2)
        m_learned = Learned::Http2;
    else if (protocol == ProtocolChoice::Http1 || !origin.isTls())
        m_learned = Learned::Http1;
}

QList<QByteArray> OriginPool::alpn() const
{
    switch (m_protocol) {
    case ProtocolChoice::Http1: return {QByteArrayLiteral("http/1.1")};
    case ProtocolChoice::Http2: return {QByteArrayLiteral("h2")};
    case ProtocolChoice::Auto: break;
    }
    return {QByteArrayLiteral("h2"), QByteArrayLiteral("http/1.1")};
}

OriginPool::~OriginPool() = default;

double OriginPool::now() const
{
    return m_engine->now();
}

const PoolSettings &OriginPool::settings() const
{
    return m_engine->settings();
}

OriginState OriginPool::state() const
{
    OriginState s;
    s.origin = m_origin.toString();
    s.open = int(m_connections.size());
    s.idle = int(m_idle.size());
    for (const PoolConnection *connection : m_connections) {
        if (connection->isHttp2() && connection->state() == PoolConnection::State::Idle)
            ++s.idle;
    }
    s.busy = s.open - s.idle;
    s.queued = int(m_queue.size());
    return s;
}

bool OriginPool::isInUse() const
{
    if (!m_queue.empty())
        return true;
    for (const PoolConnection *connection : m_connections) {
        if (connection->state() != PoolConnection::State::Idle)
            return true;
    }
    return false;
}

void OriginPool::publishState()
{
    if (m_engine->isReporting())
        m_engine->publishState(state());
}

void OriginPool::enqueue(Transfer *transfer, bool atFront)
{
    transfer->setPool(this);
    transfer->markQueued(now());
    if (atFront)
        m_queue.push_front(transfer);
    else
        m_queue.push_back(transfer);
    m_engine->publishQueued(transfer);
    dispatch();
}

void OriginPool::removeQueued(Transfer *transfer)
{
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if (*it == transfer) {
            m_queue.erase(it);
            publishState();
            return;
        }
    }
}

OpenReason OriginPool::reasonForNewConnection(bool wantsFresh, bool foundStale) const
{
    if (wantsFresh)
        return OpenReason::KeepAliveOff;
    if (foundStale)
        return OpenReason::ReplacingStale;
    if (m_nextSerial == 1)
        return OpenReason::FirstToOrigin;
    if (m_connections.size() > m_idle.size())
        return OpenReason::PoolBusy;
    switch (m_lastClose.value_or(CloseReason::ClosedByClient)) {
    case CloseReason::ServerClosed: return OpenReason::ServerClosedPrevious;
    case CloseReason::ConnectionClose: return OpenReason::ConnectionClosePrevious;
    case CloseReason::IdleExpired: return OpenReason::IdleExpiredPrevious;
    case CloseReason::KeepAliveOff: return OpenReason::KeepAliveOff;
    case CloseReason::PoolFull: return OpenReason::PoolBusy;
    case CloseReason::Error:
    case CloseReason::NotShareable:
    case CloseReason::Aborted: return OpenReason::ErrorPrevious;
    case CloseReason::Evicted:
    case CloseReason::ClosedByClient: return OpenReason::ClosedByClientPrevious;
    }
    return OpenReason::FirstToOrigin;
}

void OriginPool::dispatch()
{
    if (m_dispatching || m_holds > 0)
        return;
    m_dispatching = true;
    if (m_learned == Learned::Http2) {
        dispatchHttp2();
    } else if (m_learned == Learned::Http1) {
        dispatchHttp1();
    } else if (m_connections.isEmpty() && !m_queue.empty()) {
        // Auto on a new origin: one connection, and the others wait for its ALPN answer.
        Transfer *transfer = m_queue.front();
        m_queue.pop_front();
        openFor(transfer, reasonForNewConnection(!transfer->request().reuse, false), false);
    }
    m_dispatching = false;
    publishState();
}

void OriginPool::dispatchHttp2()
{
    const PoolSettings &settings = m_engine->settings();
    while (!m_queue.empty()) {
        Transfer *transfer = m_queue.front();
        if (!transfer->request().reuse) {
            // Keep-alive off: a connection of its own, closed after its one stream.
            if (m_connections.size() < settings.maxPerOrigin) {
                m_queue.pop_front();
                openFor(transfer, OpenReason::KeepAliveOff, false);
                continue;
            }
            break;
        }
        Http2Connection *free = nullptr;
        bool learning = false;
        for (PoolConnection *connection : std::as_const(m_connections)) {
            if (!connection->isHttp2())
                continue;
            auto *h2 = static_cast<Http2Connection *>(connection);
            if (!h2->acceptsStreams())
                continue;
            if (h2->freeStreams() > 0) {
                free = h2;
                break;
            }
            learning = learning || !h2->knowsLimits();
        }
        if (free) {
            m_queue.pop_front();
            m_engine->publishStarted(transfer, free);
            free->run(transfer);
            continue;
        }
        // A connection still opening learns the server's stream limit first; else a second
        // connection only when the streams of those open are all taken and the limit allows.
        if (!learning && m_connections.size() < settings.maxPerOrigin) {
            m_queue.pop_front();
            openFor(transfer, reasonForNewConnection(false, false), false);
            continue;
        }
        break; // blocked: waiting for a stream slot is the request's "blocked" phase
    }
}

void OriginPool::dispatchHttp1()
{
    const PoolSettings &settings = m_engine->settings();
    bool foundStale = false;
    while (!m_queue.empty()) {
        Transfer *transfer = m_queue.front();
        const bool wantsFresh = transfer->needsFreshConnection();
        if (!wantsFresh) {
            HttpConnection *reusable = nullptr;
            while (!m_idle.isEmpty() && !reusable) {
                HttpConnection *candidate = m_idle.takeLast();
                if (candidate->probeAlive()) {
                    reusable = candidate;
                } else {
                    foundStale = true;
                    candidate->close(CloseReason::ServerClosed);
                }
            }
            if (reusable) {
                m_queue.pop_front();
                m_engine->publishStarted(transfer, reusable);
                reusable->run(transfer);
                continue;
            }
        }
        if (m_connections.size() < settings.maxPerOrigin) {
            m_queue.pop_front();
            openFor(transfer, reasonForNewConnection(!transfer->request().reuse, foundStale),
                    false);
            continue;
        }
        if (wantsFresh && !m_idle.isEmpty()) {
            // Make room: an idle connection is closed so a fresh one may open.
            m_idle.takeFirst()->close(transfer->request().reuse ? CloseReason::PoolFull
                                                                : CloseReason::KeepAliveOff);
            continue;
        }
        if (!settings.blockWhenFull) {
            m_queue.pop_front();
            openFor(transfer, OpenReason::PoolBusy, true);
            continue;
        }
        break; // blocked: the wait is the request's "blocked" phase
    }
}

void OriginPool::openFor(Transfer *transfer, OpenReason reason, bool extra)
{
    PoolConnection *connection = nullptr;
    if (m_learned == Learned::Http2)
        connection = new Http2Connection(this, transfer->request(), m_nextSerial++, reason, alpn());
    else
        connection = new HttpConnection(this, transfer->request(), m_nextSerial++, reason, alpn());
    connection->setExtra(extra);
    m_connections.append(connection);
    connection->open(transfer);
    m_engine->publishOpened(this, connection);
    m_engine->publishStarted(transfer, connection);
    transfer->flush();
}

void OriginPool::transferCompleted(HttpConnection *connection, Transfer *transfer, bool reusable,
                                   CloseReason reasonIfNot)
{
    m_engine->publishFinished(transfer);
    if (!reusable) {
        connection->close(reasonIfNot);
        return; // connectionClosed dispatches
    }
    connection->goIdle(m_engine->settings().idleExpiryMs);
    m_idle.append(connection);
    dispatch();
}

void OriginPool::transferFailed(PoolConnection *connection, Transfer *transfer,
                                const TransferFailure &failure)
{
    Q_UNUSED(connection)
    m_engine->publishFinished(transfer);
    if (transfer->isAborted()) {
        dispatch();
        return;
    }
    const double at = now();
    const TransferRequest &request = transfer->request();
    // HTTP/2 said it did not process it (REFUSED_STREAM, above a GOAWAY's last stream id):
    // a re-send cannot repeat an effect, whatever the method. Always when the connection
    // answered others (a server that closes its connections after N requests refuses the
    // rest of each batch: every re-send moves forward); a few times when it answered none.
    constexpr int MaxFruitlessAttempts = 5;
    constexpr int MaxAttempts = 50; // whatever the server answered meanwhile
    const int attempts = transfer->attemptCount() + 1;
    if (failure.notProcessed && attempts < MaxAttempts &&
        (failure.connectionProgressed || attempts < MaxFruitlessAttempts)) {
        transfer->endAttempt(at, failure.error, failure.message,
                             QStringLiteral("re-sent: the server did not process it"));
        enqueue(transfer, true);
        return;
    }
    // A kept-alive connection the server closed before answering: the request may be
    // re-sent once, if doing so cannot duplicate an effect the server already performed.
    const bool staleConnection =
        failure.connectionWasReused && failure.serverClosed && !failure.responseStarted;
    const bool safe = request.isIdempotent() || failure.bytesSent == 0;
    if (failure.bytesSent > 0 || failure.responseStarted)
        transfer->markRequestMayHaveLeft();
    QString outcome;
    if (staleConnection && safe && transfer->attemptCount() == 0 && request.oneTimeAuthorization) {
        // The same Digest answer twice would be a replay: the reply sends a fresh one.
        transfer->endAttempt(at, failure.error, failure.message,
                             QStringLiteral("re-sent with a fresh Digest answer: the kept-alive "
                                            "connection closed before any response byte"));
        transfer->finish(at, failure.error, failure.message);
        transfer->leaveResendToCaller();
        transfer->flush();
        dispatch();
        return;
    }
    if (staleConnection && safe && transfer->attemptCount() == 0) {
        outcome = request.isIdempotent()
                      ? QStringLiteral("re-sent on another connection: the kept-alive connection "
                                       "closed before any response byte, and %1 is idempotent")
                            .arg(QString::fromLatin1(request.method))
                      : QStringLiteral("re-sent on another connection: the kept-alive connection "
                                       "closed before any request byte left");
        transfer->endAttempt(at, failure.error, failure.message, outcome);
        transfer->markResent();
        enqueue(transfer, true);
        return;
    }
    if (staleConnection && !safe)
        outcome = QStringLiteral("not re-sent: %1 is not idempotent and its bytes may have "
                                 "reached the server")
                      .arg(QString::fromLatin1(request.method));
    else if (staleConnection)
        outcome = QStringLiteral("not re-sent: it was already re-sent once");
    transfer->endAttempt(at, failure.error, failure.message, outcome);
    transfer->finish(at, failure.error, failure.message);
    transfer->flush();
    dispatch();
}

bool OriginPool::protocolChosen(HttpConnection *connection, const QByteArray &alpn)
{
    if (alpn != "h2") {
        if (m_learned == Learned::Unknown) {
            m_learned = Learned::Http1;
            dispatch(); // the requests that waited for the answer may open connections now
        }
        return false;
    }
    Transfer *first = connection->takeFirstTransfer();
    auto *h2 = new Http2Connection(connection); // takes its identity and socket
    m_connections.replace(m_connections.indexOf(connection), h2);
    m_learned = Learned::Http2;
    if (first)
        h2->startAfterHandover(first);
    dispatch();
    return true;
}

void OriginPool::streamCompleted(Http2Connection *connection, Transfer *transfer)
{
    Q_UNUSED(connection)
    m_engine->publishFinished(transfer);
    dispatch();
}

void OriginPool::http2Declined(Http2Connection *connection)
{
    Q_UNUSED(connection)
    m_learned = Learned::Http1;
}

void OriginPool::http2Changed(Http2Connection *connection)
{
    Q_UNUSED(connection)
    dispatch();
}

void OriginPool::connectionClosed(PoolConnection *connection, CloseReason reason, bool dispatchNext)
{
    m_connections.removeOne(connection);
    if (!connection->isHttp2())
        m_idle.removeOne(static_cast<HttpConnection *>(connection));
    m_lastClose = reason;
    m_engine->publishClosed(this, connection, reason);
    if (dispatchNext)
        dispatch();
    else
        publishState();
}

void OriginPool::closeIdle(CloseReason reason)
{
    QList<PoolConnection *> idle;
    for (PoolConnection *connection : std::as_const(m_connections)) {
        if (connection->state() == PoolConnection::State::Idle)
            idle.append(connection);
    }
    for (PoolConnection *connection : idle)
        connection->close(reason);
}

void OriginPool::closeAll(CloseReason reason)
{
    std::deque<Transfer *> queued;
    queued.swap(m_queue);
    for (Transfer *transfer : queued) {
        transfer->endAttempt(now(), QNetworkReply::OperationCanceledError,
                             QStringLiteral("Operation canceled"), QString());
        transfer->finish(now(), QNetworkReply::OperationCanceledError,
                         QStringLiteral("Operation canceled"));
        transfer->flush();
    }
    const QList<PoolConnection *> all = m_connections;
    for (PoolConnection *connection : all)
        connection->close(reason);
}

} // namespace mr
