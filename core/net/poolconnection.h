#pragma once

#include "connectionevent.h"
#include "connectionsetup.h"
#include "transferrequest.h"

#include <QNetworkReply>
#include <QObject>
#include <QTimer>
#include <optional>

class QSslSocket;
class QTcpSocket;

namespace mr {

class OriginPool;
class Transfer;

// How a request on a connection failed, for the pool's decision to re-send or not.
struct TransferFailure {
    QNetworkReply::NetworkError error = QNetworkReply::UnknownNetworkError;
    QString message;
    CloseReason closeReason = CloseReason::Error;
    bool connectionWasReused = false;
    bool responseStarted = false; // any byte of a response arrived
    qint64 bytesSent = 0;         // request bytes handed to the kernel
    bool serverClosed = false;    // the server closed or reset the connection
    // The server said it did not process the request (HTTP/2's REFUSED_STREAM, or a stream
    // above a GOAWAY's last id): it may be re-sent whatever its method.
    bool notProcessed = false;
    // The connection it failed on answered other requests: a refusal there is the server
    // pacing its connections (a GOAWAY after its request limit), not a server that refuses.
    bool connectionProgressed = false;
};

// One connection of an origin's pool, in the engine thread, whatever it speaks: its identity
// (origin#serial, why it opened), the set-up that connects it (dns, tcp, tls with ALPN) and
// the socket that set-up gives. HttpConnection carries one HTTP/1.1 request at a time,
// Http2Connection many streams at once.
class PoolConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Opening, Busy, Idle, Closed };

    // alpn: what TLS offers, most wanted first.
    PoolConnection(OriginPool *pool, const TransferRequest &first, int serial, OpenReason reason,
                   const QList<QByteArray> &alpn);
    ~PoolConnection() override;

    QString id() const { return m_id; }
    int serial() const { return m_serial; }
    State state() const { return m_state; }
    OpenReason openReason() const { return m_openReason; }
    int requestCount() const { return m_requestCount; }
    double openedAt() const { return m_openedAt; }
    quint16 localPort() const { return m_setup->localPort(); }
    QString peerAddress() const { return m_setup->peerAddress(); }
    // The addresses tried that did not give this connection, and why.
    QStringList connectFailures() const { return m_setup->connectFailures(); }
    // The TLS session's configuration (protocol, cipher, chain); nullptr for plain HTTP.
    const QSslSocket *tlsSocket() const { return m_tlsSocket; }
    bool isExtra() const { return m_extra; }
    void setExtra(bool extra) { m_extra = extra; }
    // "http/1.1" or "h2".
    virtual QByteArray protocol() const = 0;
    virtual bool isHttp2() const { return false; }
    // What a live view shows of it beyond its identity (HTTP/2's streams, SETTINGS, PING).
    virtual void describe(ConnectionEvent *event) const { event->protocol = protocol(); }

    // Opens the connection for its first request.
    virtual void open(Transfer *first) = 0;
    // Runs a request on this open connection.
    virtual void run(Transfer *transfer) = 0;
    virtual void close(CloseReason reason) = 0;
    // Ends that request with an error (on HTTP/1.1 the connection goes with it).
    virtual void failTransfer(Transfer *transfer, QNetworkReply::NetworkError error,
                              const QString &message, CloseReason reason) = 0;
    void resumeAfterSslErrors(bool ignore, const QList<QSslError> &errors);

protected:
    // Takes over `other`'s identity, set-up and socket once TLS is done (ALPN chose another
    // protocol than `other` speaks); `other` is left closed without telling anybody.
    explicit PoolConnection(PoolConnection *other);

    double now() const;
    // After the set-up's ready(): the socket becomes this connection's.
    void takeSocket();
    // Starts (or keeps) the idle timer; it calls onIdleExpired() once idle that long.
    void startIdleTimer(int expiryMs);
    void stopIdleTimer();
    virtual void onIdleExpired() = 0;

    OriginPool *m_pool;
    std::optional<QNetworkProxy> m_proxy;
    int m_serial;
    QString m_id;
    OpenReason m_openReason;
    State m_state = State::Opening;
    bool m_extra = false;
    int m_requestCount = 0;
    double m_openedAt = 0;

    ConnectionSetup *m_setup;          // until the socket is connected, then what it learned
    QTcpSocket *m_socket = nullptr;    // once the setup is done
    QSslSocket *m_tlsSocket = nullptr; // m_socket, when TLS
    double m_idleSince = 0;
    int m_idleExpiryMs = 0;

private:
    void watchIdleTimer();

    QTimer m_idleTimer;
};

} // namespace mr
