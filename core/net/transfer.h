#pragma once

#include "transferrequest.h"
#include "transferupdate.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>

namespace mr {

class Engine;
class EngineMailbox;
class PoolConnection;
class OriginPool;

// One request inside the engine thread: it waits in its origin's queue, runs on a
// connection, keeps the timeline of each attempt and sends TransferUpdates to the reply in
// the caller's thread through its client's mailbox. Connections and the pool drive it; it
// never touches a socket.
class Transfer : public QObject
{
    Q_OBJECT
public:
    Transfer(const TransferRequest &request, EngineMailbox *mailbox);
    ~Transfer() override;
    // The engine that holds it by id, told when it goes.
    void setEngine(Engine *engine) { m_engine = engine; }

    const TransferRequest &request() const { return m_request; }
    int attemptCount() const { return int(m_attempts.size()); }

    // Timeline of the current attempt, in engine-clock milliseconds.
    void markQueued(double now);
    void markAssigned(PoolConnection *connection, bool reused, int requestIndex, double now);
    // On HTTP/2: its stream, and how many streams the connection carried with it, itself
    // included, when it started.
    void markStream(qint32 streamId, int inFlight);
    // The connection that took over from the one it was assigned to (ALPN chose HTTP/2).
    void moveTo(PoolConnection *connection) { m_connection = connection; }
    void markConnectionSetup(double dnsStart, double dnsEnd, double tcpStart, double tcpEnd,
                             double tlsEnd);
    void markSendStarted(double now);
    void markSendFinished(double now);
    void markFirstByte(double now);

    // Reports for the caller (collected, sent by flush()).
    void reportStartedConnecting();
    void reportEncrypted(const QSslConfiguration &configuration);
    void reportSslErrors(const QList<QSslError> &errors);
    void reportUploadProgress(qint64 sent, qint64 total);
    void reportHead(const HttpResponseHead &head, qint64 contentLength, bool decoded);
    void reportData(const QByteArray &data, qint64 received);
    void setRequestHead(const QByteArray &head)
    {
        m_requestHead = head;
        m_current.requestHead = head;
    }
    void setTrailers(const HttpHeaders &trailers) { m_trailers = trailers; }

    // Ends the current attempt; outcome says why it was (not) re-sent.
    void endAttempt(double now, QNetworkReply::NetworkError error, const QString &errorString,
                    const QString &outcome);
    // A byte of the current attempt's request reached the socket, or its response began: a
    // failure from now on may have had an effect on the server.
    void markRequestMayHaveLeft() { m_requestMayHaveLeft = true; }
    // Ends the transfer: the last attempt must be ended first.
    void finish(double now, QNetworkReply::NetworkError error, const QString &errorString);
    void flush();

    OriginPool *pool() const { return m_pool; }
    void setPool(OriginPool *pool) { m_pool = pool; }
    PoolConnection *connection() const { return m_connection; }
    void clearConnection() { m_connection = nullptr; }
    bool responseStarted() const { return m_firstByte >= 0; }
    bool isAborted() const { return m_aborted; }
    // A re-send goes to a fresh connection: another kept-alive one may be just as stale.
    bool needsFreshConnection() const { return !m_request.reuse || m_resent; }
    void markResent() { m_resent = true; }
    // With finish(): the caller should re-send it (see TransferUpdate::resendWithFreshAnswer).
    void leaveResendToCaller() { m_pending.resendWithFreshAnswer = true; }

    // The caller's, through the engine.
    void abort();
    void decideSslErrors(bool ignore, const QList<QSslError> &errors);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void recordTls(const QSslConfiguration &configuration);
    void resetTimeline();
    void onInactivity();
    void touch(); // activity: the inactivity timeout counts from now

    TransferRequest m_request;
    EngineMailbox *m_mailbox; // outlives the engine
    Engine *m_engine = nullptr;
    OriginPool *m_pool = nullptr;
    PoolConnection *m_connection = nullptr;
    TransferUpdate m_pending;
    QList<Attempt> m_attempts;
    Attempt m_current;
    QByteArray m_requestHead;
    HttpHeaders m_trailers;
    // Only with a transfer timeout. Started once, not on every bit of activity: when it
    // fires early it starts again for what is left (timers cost a registration each).
    QBasicTimer m_inactivity;
    QElapsedTimer m_sinceActivity;
    double m_firstQueued = -1;
    double m_queued = -1;
    double m_assigned = -1;
    double m_dnsStart = -1;
    double m_dnsEnd = -1;
    double m_tcpStart = -1;
    double m_tcpEnd = -1;
    double m_tlsEnd = -1;
    double m_sendStart = -1;
    double m_sendEnd = -1;
    double m_firstByte = -1;
    bool m_done = false;
    bool m_aborted = false;
    bool m_resent = false;
    bool m_requestMayHaveLeft = false;
};

} // namespace mr
