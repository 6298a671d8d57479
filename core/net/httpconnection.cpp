#include "httpconnection.h"

#include "bodypartsdevice.h"
#include "originpool.h"
#include "requestwriter.h"
#include "transfer.h"

#include <QSslSocket>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#endif

namespace mr {

namespace {

constexpr qint64 BodyChunk = 256 * 1024;
constexpr qint64 SingleWriteLimit = 64 * 1024; // smaller bodies go out with the head
// Body bytes the caller's thread may have queued before the connection stops reading.
constexpr qint64 MaxUndeliveredBytes = 16 * 1024 * 1024;

} // namespace

HttpConnection::HttpConnection(OriginPool *pool, const TransferRequest &first, int serial,
                               OpenReason reason, const QList<QByteArray> &alpn)
    : PoolConnection(pool, first, serial, reason, alpn)
{
    connect(m_setup, &ConnectionSetup::ready, this, &HttpConnection::onSetupReady);
    connect(m_setup, &ConnectionSetup::failed, this, &HttpConnection::failFromSocket);
    m_resumeTimer.setSingleShot(true);
    m_resumeTimer.setInterval(5);
    connect(&m_resumeTimer, &QTimer::timeout, this, &HttpConnection::onReadyRead);
}

HttpConnection::~HttpConnection() = default;

QByteArray HttpConnection::protocol() const
{
    return QByteArrayLiteral("http/1.1");
}

void HttpConnection::describe(ConnectionEvent *event) const
{
    // Until TLS is done, ALPN may still choose HTTP/2.
    if (m_state != State::Opening || !m_setup->negotiatedProtocol().isEmpty())
        event->protocol = protocol();
}

void HttpConnection::onIdleExpired()
{
    close(CloseReason::IdleExpired);
}

void HttpConnection::open(Transfer *first)
{
    m_transfer = first;
    m_openedAt = now();
    ++m_requestCount;
    first->markAssigned(this, false, m_requestCount, m_openedAt);
    first->reportStartedConnecting();
    m_setup->start(first);
}

void HttpConnection::onSetupReady()
{
    takeSocket();
    // ALPN's answer: on "h2" an Http2Connection takes this one's place (and deletes it).
    if (m_pool->protocolChosen(this, m_setup->negotiatedProtocol()))
        return;
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onSocketError);
    if (m_tlsSocket && m_transfer)
        m_transfer->reportEncrypted(m_tlsSocket->sslConfiguration());
    startRequest();
}

void HttpConnection::run(Transfer *transfer)
{
    m_transfer = transfer;
    ++m_requestCount;
    transfer->markAssigned(this, true, m_requestCount, now());
    startRequest();
}

void HttpConnection::startRequest()
{
    Transfer *transfer = m_transfer;
    if (!transfer)
        return;
    if (m_state == State::Opening) {
        const ConnectionSetup::Timestamps &t = m_setup->timestamps();
        transfer->markConnectionSetup(t.dnsStart, t.dnsEnd, t.tcpStart, t.tcpEnd, t.tlsEnd);
    }
    m_state = State::Busy;
    m_parser = HttpResponseParser();
    const TransferRequest &request = transfer->request();
    m_parser.setHeadRequest(request.method == "HEAD");
    m_responseStarted = false;
    m_sendFinished = false;
    m_bytesSent = 0;
    m_bodyQueued = 0;
    m_bodyReader.reset();

    const bool keepAlive = request.reuse;
    if (m_hostHeader.isEmpty())
        m_hostHeader = request.origin.hostHeader();
    QByteArray head = RequestWriter::head(request, keepAlive, m_hostHeader);
    transfer->setRequestHead(head);
    m_headBytes = head.size();
    m_bytesToSend = head.size() + (request.hasBody ? request.bodySize() : 0);
    transfer->markSendStarted(now());
    if (request.hasBody && request.bodyParts.isEmpty() && request.body.size() <= SingleWriteLimit) {
        head += request.body; // one segment: no Nagle/delayed-ACK stall between head and body
        m_bodyQueued = request.body.size();
    }
    m_socket->write(head);
    writeBody();
    m_socket->flush();
}

void HttpConnection::writeBody()
{
    const TransferRequest &request = m_transfer->request();
    if (!request.hasBody)
        return;
    const qint64 total = request.bodySize();
    if (!request.bodyParts.isEmpty() && !m_bodyReader) {
        m_bodyReader = std::make_unique<BodyPartsDevice>(request.bodyParts);
        m_bodyReader->open(QIODevice::ReadOnly);
    }
    // Keep at most a chunk queued in the socket; bytesWritten brings more.
    while (m_bodyQueued < total && m_socket->bytesToWrite() < BodyChunk) {
        const qint64 n = qMin(BodyChunk, total - m_bodyQueued);
        QByteArray piece;
        if (m_bodyReader) {
            piece = m_bodyReader->read(n);
            if (piece.isEmpty()) {
                failRunning(QNetworkReply::UnknownContentError,
                            QStringLiteral("the body could not be sent: %1")
                                .arg(m_bodyReader->errorString()),
                            CloseReason::Error);
                return;
            }
        } else {
            piece = request.body.mid(m_bodyQueued, n);
        }
        m_socket->write(piece);
        m_bodyQueued += piece.size();
    }
}

void HttpConnection::onBytesWritten(qint64 bytes)
{
    if (m_state != State::Busy || !m_transfer)
        return;
    m_bytesSent += bytes;
    const TransferRequest &request = m_transfer->request();
    if (request.hasBody && request.bodySize() > 0) // as QNAM: body bytes only
        m_transfer->reportUploadProgress(
            qBound<qint64>(0, m_bytesSent - m_headBytes, request.bodySize()), request.bodySize());
    const bool uploading = request.hasBody && request.bodySize() > 0;
    if (m_bodyQueued < (request.hasBody ? request.bodySize() : 0)) {
        writeBody();
    } else if (!m_sendFinished && m_socket->bytesToWrite() == 0) {
        m_sendFinished = true;
        m_transfer->markSendFinished(now());
    }
    // Without a body, "request sent" rides along with the response's first update.
    if (uploading && m_transfer)
        m_transfer->flush();
}

void HttpConnection::onReadyRead()
{
    if (m_state == State::Idle) {
        // Bytes nobody asked for (a 408, say): the connection can't be trusted any more.
        close(CloseReason::ServerClosed);
        return;
    }
    if (m_state != State::Busy || !m_transfer)
        return;
    const auto &undelivered = m_transfer->request().undelivered;
    if (undelivered && *undelivered > MaxUndeliveredBytes) {
        m_resumeTimer.start(); // the socket's bounded buffer fills, then TCP holds the server
        return;
    }
    // What the socket holds, in a buffer of that size: readAll() would allocate 16 KiB first
    // for a response of a few hundred bytes, and make malloc consolidate on every request.
    const QByteArray data = m_socket->read(m_socket->bytesAvailable());
    if (data.isEmpty())
        return;
    if (!m_responseStarted) {
        m_responseStarted = true;
        if (!m_sendFinished) { // the response began before we saw the write complete
            m_sendFinished = true;
            m_transfer->markSendFinished(now());
        }
        m_transfer->markFirstByte(now());
    }
    HttpResponseParser::Output output;
    const qsizetype used = m_parser.feed(data, &output);
    if (!handleResponseOutput(output))
        return;
    if (m_parser.hasError()) {
        failRunning(QNetworkReply::ProtocolFailure,
                    (m_parser.limitExceeded() ? QStringLiteral("Response too large: %1")
                                              : QStringLiteral("Malformed response: %1"))
                        .arg(m_parser.errorString()),
                    CloseReason::Error);
        return;
    }
    if (m_parser.isComplete()) {
        if (!finishDecoding())
            return;
        // More bytes than the response (a body after HEAD, 204 or 304, say), read or still
        // buffered: framing can no longer be trusted, and they must never be read as the next
        // request's response.
        const bool extraBytes = used < data.size() || m_socket->bytesAvailable() > 0;
        completeTransfer(!extraBytes, CloseReason::Error);
        return;
    }
    m_transfer->flush();
}

bool HttpConnection::handleResponseOutput(const HttpResponseParser::Output &output)
{
    if (output.headReady) {
        if (!m_decoding.start(m_parser.head().headers, m_transfer->request().decodeContent))
            return failDecoding();
        m_transfer->reportHead(m_parser.head(), m_parser.contentLength(), m_decoding.isDecoding());
    }
    if (output.body.isEmpty())
        return true;
    if (!m_decoding.isDecoding()) {
        m_transfer->reportData(output.body, m_parser.bodyBytesReceived());
        return true;
    }
    QByteArray plain;
    if (!m_decoding.decode(output.body, &plain))
        return failDecoding();
    m_transfer->reportData(plain, m_decoding.decodedBytes());
    return true;
}

bool HttpConnection::finishDecoding()
{
    if (!m_decoding.isDecoding())
        return true;
    QByteArray tail;
    if (!m_decoding.finish(&tail))
        return failDecoding();
    m_transfer->reportData(tail, m_decoding.decodedBytes());
    return true;
}

bool HttpConnection::failDecoding()
{
    // The rest of the body is unread: the connection goes.
    failRunning(QNetworkReply::UnknownContentError, m_decoding.errorString(), CloseReason::Error);
    return false;
}

void HttpConnection::completeTransfer(bool framingSound, CloseReason reasonIfNot)
{
    Transfer *transfer = std::exchange(m_transfer, nullptr);
    const double end = now();
    transfer->setTrailers(m_parser.trailers());
    transfer->endAttempt(end, QNetworkReply::NoError, QString(), QString());
    transfer->finish(end, QNetworkReply::NoError, QString());
    const bool reusable = framingSound && m_parser.keepAlive() && transfer->request().reuse &&
                          !m_extra && !m_setup->verificationOverridden();
    CloseReason reason = CloseReason::ConnectionClose;
    if (!framingSound)
        reason = reasonIfNot;
    else if (m_setup->verificationOverridden())
        reason = CloseReason::NotShareable;
    else if (!transfer->request().reuse)
        reason = CloseReason::KeepAliveOff;
    else if (m_extra)
        reason = CloseReason::PoolFull;
    m_state = reusable ? State::Idle : State::Busy;
    m_bodyReader.reset();
    transfer->flush();
    m_pool->transferCompleted(this, transfer, reusable, reason);
}

void HttpConnection::failTransfer(Transfer *transfer, QNetworkReply::NetworkError error,
                                  const QString &message, CloseReason reason)
{
    if (transfer == m_transfer)
        failRunning(error, message, reason);
}

void HttpConnection::failRunning(QNetworkReply::NetworkError error, const QString &message,
                                 CloseReason reason)
{
    TransferFailure failure;
    failure.error = error;
    failure.message = message;
    failure.closeReason = reason;
    failure.connectionWasReused = m_requestCount > 1;
    failure.responseStarted = m_responseStarted;
    failure.bytesSent = m_bytesSent;
    Transfer *transfer = m_transfer;
    finishClose(reason);
    m_transfer = nullptr;
    if (transfer)
        m_pool->transferFailed(this, transfer, failure);
}

void HttpConnection::failFromSocket(QNetworkReply::NetworkError error, const QString &message,
                                    bool serverClosed)
{
    TransferFailure failure;
    failure.error = error;
    failure.message = message;
    failure.closeReason = serverClosed ? CloseReason::ServerClosed : CloseReason::Error;
    failure.connectionWasReused = m_requestCount > 1 && m_state != State::Opening;
    failure.responseStarted = m_responseStarted;
    failure.bytesSent = m_bytesSent;
    failure.serverClosed = serverClosed;
    Transfer *transfer = m_transfer;
    finishClose(failure.closeReason);
    m_transfer = nullptr;
    if (transfer)
        m_pool->transferFailed(this, transfer, failure);
}

void HttpConnection::onSocketError()
{
    if (m_state == State::Closed)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::SocketTimeoutError)
        return; // from probeAlive()'s waitForReadyRead(0); we keep our own timeouts
    if (m_state == State::Idle) {
        close(CloseReason::ServerClosed);
        return;
    }
    // Busy: read what is left; a close-delimited body ends here.
    const bool peerClosed = error == QAbstractSocket::RemoteHostClosedError;
    if (m_transfer) {
        const QByteArray rest = m_socket->readAll();
        if (!rest.isEmpty()) {
            if (!m_responseStarted) {
                m_responseStarted = true;
                m_transfer->markFirstByte(now());
            }
            HttpResponseParser::Output output;
            m_parser.feed(rest, &output);
            if (!handleResponseOutput(output))
                return;
            if (m_parser.isComplete()) {
                if (finishDecoding()) // the socket is gone: the connection with it
                    completeTransfer(false,
                                     peerClosed ? CloseReason::ServerClosed : CloseReason::Error);
                return;
            }
        }
    }
    if (peerClosed && m_transfer && !m_parser.hasError()) {
        const bool inBody = m_parser.headReceived();
        HttpResponseParser::Output output;
        m_parser.finishOnClose(&output);
        if (m_parser.isComplete()) {
            if (!handleResponseOutput(output) || !finishDecoding())
                return;
            const bool reusable = false;
            Transfer *transfer = std::exchange(m_transfer, nullptr);
            const double end = now();
            transfer->setTrailers(m_parser.trailers());
            transfer->endAttempt(end, QNetworkReply::NoError, QString(), QString());
            transfer->finish(end, QNetworkReply::NoError, QString());
            transfer->flush();
            m_state = State::Busy;
            m_pool->transferCompleted(this, transfer, reusable, CloseReason::ServerClosed);
            return;
        }
        QString message = QStringLiteral("Connection closed: the server closed the connection "
                                         "without responding");
        if (inBody) // the head came whole, the body did not
            message = QStringLiteral("Incomplete response body: %1").arg(m_parser.errorString());
        else if (m_responseStarted)
            message = QStringLiteral("Malformed response: %1").arg(m_parser.errorString());
        failFromSocket(QNetworkReply::RemoteHostClosedError, message, true);
        return;
    }
    failFromSocket(ConnectionSetup::replyError(error), m_socket->errorString(), peerClosed);
}

bool HttpConnection::probeAlive()
{
    if (m_state != State::Idle || m_socket->state() != QAbstractSocket::ConnectedState ||
        m_socket->bytesAvailable() > 0)
        return false;
    if (m_proxy) {
        // A proxied socket's descriptor is not the TCP socket (Qt's SOCKS5 engine returns a
        // stand-in): let Qt read whatever is pending (a FIN, a close_notify) and look again.
        m_socket->waitForReadyRead(0);
        return m_state == State::Idle && m_socket->state() == QAbstractSocket::ConnectedState &&
               m_socket->bytesAvailable() == 0;
    }
#ifdef Q_OS_UNIX
    const qintptr fd = m_socket->socketDescriptor();
    if (fd < 0)
        return false;
    char byte = 0;
    const ssize_t n = ::recv(int(fd), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0)
        return false; // FIN not yet processed: the server closed it
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK;
    if (!m_tlsSocket)
        return false; // plain bytes nobody asked for
    // TLS records may be a session ticket (harmless) or a close_notify: let TLS read them.
    m_tlsSocket->waitForReadyRead(0);
    return m_state == State::Idle && m_socket->state() == QAbstractSocket::ConnectedState &&
           m_socket->bytesAvailable() == 0;
#else
    return true;
#endif
}

void HttpConnection::goIdle(int expiryMs)
{
    m_state = State::Idle;
    startIdleTimer(expiryMs);
}

void HttpConnection::close(CloseReason reason)
{
    if (m_state == State::Closed)
        return;
    Transfer *transfer = m_transfer;
    finishClose(reason);
    m_transfer = nullptr;
    if (transfer) {
        TransferFailure failure;
        failure.error = QNetworkReply::OperationCanceledError;
        failure.message = QStringLiteral("Operation canceled");
        failure.closeReason = reason;
        m_pool->transferFailed(this, transfer, failure);
    }
}

void HttpConnection::finishClose(CloseReason reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    stopIdleTimer();
    m_setup->abandon();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    // A running request's failure is reported by the caller, which lets the pool decide
    // about re-sending it before anything else is dispatched.
    m_pool->connectionClosed(this, reason, !m_transfer);
    deleteLater();
}

} // namespace mr
