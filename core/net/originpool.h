#pragma once

#include "connectionevent.h"
#include "httpconnection.h"
#include "origin.h"
#include "poolsettings.h"

#include <QList>
#include <QObject>
#include <deque>
#include <optional>

namespace mr {

class Engine;
class Transfer;

// The connections to one origin (one pool key) and the FIFO queue of requests waiting for
// one. Reuses the most recently used idle connection, opens new ones up to the limit, and
// decides whether a request that died on a kept-alive connection may be re-sent.
class OriginPool : public QObject
{
    Q_OBJECT
public:
    OriginPool(Engine *engine, const QString &key, const Origin &origin);
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
    void transferFailed(HttpConnection *connection, Transfer *transfer,
                        const TransferFailure &failure);
    void connectionClosed(HttpConnection *connection, CloseReason reason, bool dispatchNext);

private:
    void dispatch();
    void openFor(Transfer *transfer, OpenReason reason, bool extra);
    OpenReason reasonForNewConnection(bool wantsFresh, bool foundStale) const;
    void publishState();

    Engine *m_engine;
    const QString m_key;
    const Origin m_origin;
    QList<HttpConnection *> m_connections; // opening, busy and idle
    QList<HttpConnection *> m_idle;        // most recently used last
    std::deque<Transfer *> m_queue;
    int m_nextSerial = 1;
    std::optional<CloseReason> m_lastClose;
    bool m_dispatching = false;
};

} // namespace mr
