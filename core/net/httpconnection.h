#pragma once

#include "connectionevent.h"
#include "connectionsetup.h"
#include "http/httpresponseparser.h"
#include "responsedecoding.h"
#include "transferrequest.h"

#include <QHostAddress>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>
#include <optional>

class QSslSocket;
class QTcpSocket;

namespace mr {

class BodyPartsDevice;
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
};

// One HTTP/1.1 connection of the pool, in the engine thread: resolves, connects, does TLS,
// writes requests and parses responses one at a time, and notices when the server closed
// it. Every phase is timed here, where the socket events happen.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Opening, Busy, Idle, Closed };

    HttpConnection(OriginPool *pool, const TransferRequest &first, int serial, OpenReason reason);
    ~HttpConnection() override;

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

    // Opens the connection for its first request.
    void open(Transfer *first);
    // Runs a request on this idle connection.
    void run(Transfer *transfer);
    // Before reuse: false when the server has closed it (an unprocessed FIN or reset, or
    // bytes nobody asked for).
    bool probeAlive();
    void goIdle(int expiryMs);
    void close(CloseReason reason);

    // Ends the running request with an error and closes the connection.
    void failTransfer(QNetworkReply::NetworkError error, const QString &message,
                      CloseReason reason);
    void resumeAfterSslErrors(bool ignore, const QList<QSslError> &errors);

private:
    // The socket is connected (and encrypted): it becomes this connection's.
    void onSetupReady();
    void onReadyRead();
    void onBytesWritten(qint64 bytes);
    void onSocketError();
    void startRequest();
    void writeBody();
    // False when the body could not be decoded (the transfer has then failed).
    bool handleResponseOutput(const HttpResponseParser::Output &output);
    bool finishDecoding();
    bool failDecoding();
    void completeTransfer(bool reusable = true, CloseReason reasonIfNot = CloseReason::Error);
    void failFromSocket(QNetworkReply::NetworkError error, const QString &message,
                        bool serverClosed);
    void finishClose(CloseReason reason);
    double now() const;

    OriginPool *m_pool;
    const std::optional<QNetworkProxy> m_proxy;
    const int m_serial;
    const QString m_id;
    const OpenReason m_openReason;
    State m_state = State::Opening;
    bool m_extra = false;
    int m_requestCount = 0;
    double m_openedAt = 0;

    ConnectionSetup *m_setup;          // until the socket is connected, then what it learned
    QTcpSocket *m_socket = nullptr;    // once the setup is done
    QSslSocket *m_tlsSocket = nullptr; // m_socket, when TLS
    QTimer m_idleTimer;
    QTimer m_resumeTimer; // reads again once the caller has taken in what it was sent
    double m_idleSince = 0;
    int m_idleExpiryMs = 0;

    Transfer *m_transfer = nullptr;
    HttpResponseParser m_parser;
    ResponseDecoding m_decoding; // the running response's
    // A body made of parts, its files read as it goes.
    std::unique_ptr<BodyPartsDevice> m_bodyReader;
    qint64 m_bodyQueued = 0;  // body bytes given to the socket
    qint64 m_bytesToSend = 0; // head + body
    QByteArray m_hostHeader;  // the origin's, computed for the first request
    qint64 m_headBytes = 0;
    qint64 m_bytesSent = 0; // handed to the kernel
    bool m_sendFinished = false;
    bool m_responseStarted = false;
};

} // namespace mr
