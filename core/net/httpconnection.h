#pragma once

#include "http/httpresponseparser.h"
#include "poolconnection.h"
#include "responsedecoding.h"

#include <QTimer>
#include <memory>

namespace mr {

class BodyPartsDevice;
class Transfer;

// One HTTP/1.1 connection of the pool, in the engine thread: resolves, connects, does TLS,
// writes requests and parses responses one at a time, and notices when the server closed
// it. Every phase is timed here, where the socket events happen.
class HttpConnection : public PoolConnection
{
    Q_OBJECT
public:
    // alpn: {"http/1.1"}, or {"h2", "http/1.1"} when ALPN chooses (the pool then hands an h2
    // answer over to an Http2Connection).
    HttpConnection(OriginPool *pool, const TransferRequest &first, int serial, OpenReason reason,
                   const QList<QByteArray> &alpn);
    ~HttpConnection() override;

    QByteArray protocol() const override;
    void describe(ConnectionEvent *event) const override;
    void open(Transfer *first) override;
    // Runs a request on this idle connection.
    void run(Transfer *transfer) override;
    void close(CloseReason reason) override;
    // Ends the running request with an error and closes the connection.
    void failTransfer(Transfer *transfer, QNetworkReply::NetworkError error, const QString &message,
                      CloseReason reason) override;
    // Before reuse: false when the server has closed it (an unprocessed FIN or reset, or
    // bytes nobody asked for).
    bool probeAlive();
    void goIdle(int expiryMs);
    // The first request, taken away when ALPN chose HTTP/2 and another connection takes over.
    Transfer *takeFirstTransfer() { return std::exchange(m_transfer, nullptr); }

private:
    void onIdleExpired() override;
    void failRunning(QNetworkReply::NetworkError error, const QString &message, CloseReason reason);
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

    QTimer m_resumeTimer; // reads again once the caller has taken in what it was sent

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
