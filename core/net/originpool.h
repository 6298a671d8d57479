#pragma once

#include "connectionevent.h"
#include "http/protocolchoice.h"
#include "httpconnection.h"
#include "origin.h"
#include "poolsettings.h"

#include <QList>
#include <QObject>
#include <deque>
#include <optional>

namespace mr {

class Engine;
class Http2Connection;
class PoolConnection;
class Transfer;

// The connections to one origin (one pool key) and the FIFO queue of requests waiting for
// one. On HTTP/1.1 it reuses the most recently used idle connection and opens new ones up
// to the limit; on HTTP/2 it starts streams on one connection up to the server's limit and
// opens another only when those are taken. It decides whether a request that died on a
// connection may be re-sent. The protocol is the pool key's: HTTP/1.1, HTTP/2 (prior
// knowledge on http), or auto, where the first connection's ALPN answer decides.
class OriginPool : public QObject
{
    Q_OBJECT
public:
    OriginPool(Engine *engine, const QString &key, const Origin &origin, ProtocolChoice protocol);
    ~OriginPool() override;

    QString key() const { return m_key; }
    const Origin &origin() const { return m_origin; }
    double now() const;
    const PoolSettings &settings() const;
    OriginState state() const;
    bool isInUse() const; // busy or opening connections, or queued requests

    void enqueue(Transfer *transfer, bool atFront = false);
    void removeQueued(Transfer *transfer);
    void closeIdle(CloseReason reason);
    void closeAll(CloseReason reason);

    // From connections.
    void transferCompleted(HttpConnection *connection, Transfer *transfer, bool reusable,
                           CloseReason reasonIfNot);
    void transferFailed(PoolConnection *connection, Transfer *transfer,
                        const TransferFailure &failure);
    void connectionClosed(PoolConnection *connection, CloseReason reason, bool dispatchNext);
    // TLS is done: ALPN chose `alpn`. True when an Http2Connection took over `connection`
    // (which then goes); false when it carries on as HTTP/1.1.
    bool protocolChosen(HttpConnection *connection, const QByteArray &alpn);
    void streamCompleted(Http2Connection *connection, Transfer *transfer);
    // Streams ended or the server's limits came: queued requests may start.
    void http2Changed(Http2Connection *connection);
    // Auto: ALPN chose HTTP/1.1 where the pool expected HTTP/2: HTTP/1.1 from now on.
    void http2Declined(Http2Connection *connection);

    // While one lives, the pool dispatches nothing; it dispatches once when the last goes
    // (a connection settling a batch of ended streams).
    class DispatchHold
    {
    public:
        explicit DispatchHold(OriginPool *pool)
            : m_pool(pool)
        {
            ++m_pool->m_holds;
        }
        ~DispatchHold()
        {
            if (--m_pool->m_holds == 0)
                m_pool->dispatch();
        }
        DispatchHold(const DispatchHold &) = delete;
        DispatchHold &operator=(const DispatchHold &) = delete;

    private:
        OriginPool *m_pool;
    };

private:
    enum class Learned { Unknown, Http1, Http2 };

    void dispatch();
    void dispatchHttp1();
    void dispatchHttp2();
    void openFor(Transfer *transfer, OpenReason reason, bool extra);
    QList<QByteArray> alpn() const;
    OpenReason reasonForNewConnection(bool wantsFresh, bool foundStale) const;
    void publishState();

    Engine *m_engine;
    const QString m_key;
    const Origin m_origin;
    const ProtocolChoice m_protocol;
    Learned m_learned = Learned::Unknown;
    QList<PoolConnection *> m_connections; // opening, busy and idle
    QList<HttpConnection *> m_idle;        // most recently used last
    std::deque<Transfer *> m_queue;
    int m_nextSerial = 1;
    std::optional<CloseReason> m_lastClose;
    bool m_dispatching = false;
    int m_holds = 0; // DispatchHolds alive
};

} // namespace mr
