#include "httpconnection.h"

#include "bodypartsdevice.h"
#include "connectionrace.h"
#include "hostlookup.h"
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
constexpr qint64 ReadBufferBytes = 1024 * 1024;
// Body bytes the caller's thread may have queued before the connection stops reading.
constexpr qint64 MaxUndeliveredBytes = 16 * 1024 * 1024;

QNetworkReply::NetworkError replyError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError: return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError: return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError: return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError: return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError: return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::SslInternalError: return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::SslInvalidUserDataError: return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::TemporaryError: return QNetworkReply::TemporaryNetworkFailureError;
    case QAbstractSocket::NetworkError: return QNetworkReply::NetworkSessionFailedError;
    default: return QNetworkReply::UnknownNetworkError;
    }
}

} // namespace

HttpConnection::HttpConnection(OriginPool *pool, const TransferRequest &first, int serial,
                               OpenReason reason)
    : QObject(pool)
    , m_pool(pool)
    , m_origin(first.origin)
    , m_tlsConfiguration(first.tls)
    , m_proxy(first.proxy)
    , m_sslErrors(first.origin, first.trustedCertificateDigests)
    , m_serial(serial)
    , m_id(first.origin.toString() + QLatin1Char('#') + QString::number(serial))
    , m_openReason(reason)
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Opening)
            return;
        QString tried;
        if (m_race && m_race->isRunning()) {
            m_race->abandon();
            m_connectFailures = m_race->failures();
            tried = QStringLiteral(" (%1)").arg(m_connectFailures.join(QStringLiteral("; ")));
        }
        failFromSocket(QNetworkReply::TimeoutError,
                       QStringLiteral("Connect timeout: no connection to %1:%2 within %3 ms%4")
                           .arg(m_origin.host)
                           .arg(m_origin.port)
                           .arg(m_connectTimer.interval())
                           .arg(tried),
                       false);
    });
    m_resumeTimer.setSingleShot(true);
    m_resumeTimer.setInterval(5);
    connect(&m_resumeTimer, &QTimer::timeout, this, &HttpConnection::onReadyRead);
    m_idleTimer.setSingleShot(true);
    // The timer is not restarted for every request (that costs more than the request's own
    // work): when it fires, it checks how long the connection has really been idle.
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Idle)
            return;
        const double idle = now() - m_idleSince;
        if (idle >= m_idleExpiryMs - 1)
            close(CloseReason::IdleExpired);
        else
            m_idleTimer.start(qMax(1, int(m_idleExpiryMs - idle)));
    });
}

HttpConnection::~HttpConnection() = default;

double HttpConnection::now() const
{
    return m_pool->now();
}

void HttpConnection::open(Transfer *first)
{
    m_transfer = first;
    m_openedAt = now();
    ++m_requestCount;
    first->markAssigned(this, false, m_requestCount, m_openedAt);
    first->reportStartedConnecting();
    if (first->request().connectTimeoutMs > 0)
        m_connectTimer.start(first->request().connectTimeoutMs);
    if (m_proxy) {
        // The proxy resolves the name (SOCKS5 remote DNS, CONNECT); "tcp" is the tunnel.
        adoptSocket(createSocket());
        connect(m_socket, &QTcpSocket::connected, this, &HttpConnection::onConnected);
        m_tcpStart = now();
        m_socket->connectToHost(m_origin.host, m_origin.port);
        return;
    }
    QHostAddress literal;
    if (literal.setAddress(m_origin.host)) {
        race({literal});
        return;
    }
    const auto table = m_pool->settings().resolve.constFind(m_origin.host);
    if (table != m_pool->settings().resolve.constEnd() && !table->isEmpty()) {
        m_dnsStart = m_dnsEnd = now(); // answered at once
        race(*table);
        return;
    }
    m_dnsStart = now();
    m_lookup = new HostLookup(this);
    connect(m_lookup, &HostLookup::finished, this, &HttpConnection::onResolved);
    m_lookup->start(m_origin.host);
}

QTcpSocket *HttpConnection::createSocket() const
{
    QTcpSocket *socket = nullptr;
    if (m_origin.isTls()) {
        auto *tls = new QSslSocket;
        QSslConfiguration configuration =
            m_tlsConfiguration.value_or(QSslConfiguration::defaultConfiguration());
        configuration.setAllowedNextProtocols({QByteArray(QSslConfiguration::NextProtocolHttp1_1)});
        tls->setSslConfiguration(configuration);
        tls->setPeerVerifyName(m_origin.host);
        // Certificate problems wait for a decision (trusted exception, the caller's
        // ignoreSslErrors()) instead of failing at once.
        tls->setPauseMode(QAbstractSocket::PauseOnSslErrors);
        socket = tls;
    } else {
        socket = new QTcpSocket;
    }
    // Bounded, so that a connection that stops reading (see onReadyRead) stops receiving.
    socket->setReadBufferSize(ReadBufferBytes);
    // Never the application's default proxy: HttpClient chose, per URL, as QNAM would.
    socket->setProxy(m_proxy.value_or(QNetworkProxy(QNetworkProxy::NoProxy)));
    return socket;
}

void HttpConnection::adoptSocket(QTcpSocket *socket)
{
    socket->setParent(this);
    m_socket = socket;
    m_tlsSocket = qobject_cast<QSslSocket *>(socket);
    if (m_tlsSocket) {
        connect(m_tlsSocket, &QSslSocket::encrypted, this, &HttpConnection::onEncrypted);
        connect(m_tlsSocket, &QSslSocket::sslErrors, this, &HttpConnection::onSslErrors);
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onSocketError);
}

void HttpConnection::onResolved(const QList<QHostAddress> &addresses, const QString &error)
{
    std::exchange(m_lookup, nullptr)->deleteLater();
    m_dnsEnd = now();
    if (addresses.isEmpty()) {
        failFromSocket(QNetworkReply::HostNotFoundError,
                       QStringLiteral("Host %1 not found (%2)").arg(m_origin.host, error), false);
        return;
    }
    race(addresses);
}

void HttpConnection::race(const QList<QHostAddress> &addresses)
{
    m_tcpStart = now();
    m_race = new ConnectionRace([this] { return createSocket(); }, m_origin.port,
                                m_pool->settings().connectionAttemptDelayMs, this);
    connect(m_race, &ConnectionRace::won, this,
            [this](QTcpSocket *socket, const QHostAddress &address) {
                m_connectFailures = m_race->failures();
                std::exchange(m_race, nullptr)->deleteLater();
                m_peer = address;
                adoptSocket(socket);
                onConnected();
            });
    connect(m_race, &ConnectionRace::lost, this,
            [this](QAbstractSocket::SocketError error, const QString &message) {
                m_connectFailures = m_race->failures();
                failFromSocket(replyError(error), message, false);
            });
    m_race->start(addresses);
}

void HttpConnection::onConnected()
{
    m_tcpEnd = now();
    if (m_proxy)
        m_peer = QHostAddress(m_proxy->hostName());
    m_peerAddress = m_peer.toString(); // once: every request on this connection records it
    m_localPort = m_socket->localPort();
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_tlsSocket) {
        m_tlsSocket->startClientEncryption();
        return;
    }
    startRequest();
}

void HttpConnection::onEncrypted()
{
    m_tlsEnd = now();
    if (m_transfer)
        m_transfer->reportEncrypted(m_tlsSocket->sslConfiguration());
    startRequest();
}

void HttpConnection::onSslErrors(const QList<QSslError> &errors)
{
    const QList<QSslError> remaining = m_sslErrors.untrusted(errors);
    const TransferRequest *request = m_transfer ? &m_transfer->request() : nullptr;
    if (remaining.isEmpty() || SslErrorTriage::ignoredByRequest(request, remaining)) {
        // Errors the request (not the client's settings) chose to ignore: this connection
        // must not serve other requests, which did not make that choice.
        m_verificationOverridden = !remaining.isEmpty();
        m_tlsSocket->ignoreSslErrors();
        QMetaObject::invokeMethod(m_tlsSocket, &QSslSocket::resume, Qt::QueuedConnection);
        return;
    }
    // Ask the caller (QNetworkReply::sslErrors, where ignoreSslErrors() may be called).
    m_pendingSslErrors = remaining;
    if (m_transfer) {
        m_transfer->reportSslErrors(remaining);
        m_transfer->flush();
    }
}

void HttpConnection::resumeAfterSslErrors(bool ignore, const QList<QSslError> &errors)
{
    if (m_state != State::Opening || !m_tlsSocket || m_pendingSslErrors.isEmpty())
        return;
    const QList<QSslError> pending = std::exchange(m_pendingSslErrors, {});
    if (!SslErrorTriage::coveredByDecision(pending, ignore, errors)) {
        failFromSocket(QNetworkReply::SslHandshakeFailedError, m_sslErrors.describe(pending),
                       false);
        return;
    }
    m_verificationOverridden = true;
    m_tlsSocket->ignoreSslErrors();
    m_tlsSocket->resume();
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
        m_connectTimer.stop();
        transfer->markConnectionSetup(m_dnsStart, m_dnsEnd, m_tcpStart, m_tcpEnd, m_tlsEnd);
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
                failTransfer(QNetworkReply::UnknownContentError,
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
        failTransfer(QNetworkReply::ProtocolFailure,
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
    failTransfer(QNetworkReply::UnknownContentError, m_decoding.errorString(), CloseReason::Error);
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
                          !m_extra && !m_verificationOverridden;
    CloseReason reason = CloseReason::ConnectionClose;
    if (!framingSound)
        reason = reasonIfNot;
    else if (m_verificationOverridden)
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

void HttpConnection::failTransfer(QNetworkReply::NetworkError error, const QString &message,
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
    if (m_state == State::Opening) {
        if (error == QAbstractSocket::SslHandshakeFailedError && m_tlsSocket) {
            failFromSocket(QNetworkReply::SslHandshakeFailedError,
                           m_sslErrors.describe(m_tlsSocket->sslHandshakeErrors()), false);
            return;
        }
        QString message = m_socket->errorString();
        if (error == QAbstractSocket::ConnectionRefusedError)
            message = QStringLiteral("Connection refused");
        failFromSocket(replyError(error), message, error == QAbstractSocket::RemoteHostClosedError);
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
    failFromSocket(replyError(error), m_socket->errorString(), peerClosed);
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
    m_idleSince = now();
    m_idleExpiryMs = expiryMs;
    if (expiryMs > 0 && !m_idleTimer.isActive())
        m_idleTimer.start(expiryMs);
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
    m_idleTimer.stop();
    m_connectTimer.stop();
    if (m_lookup)
        delete std::exchange(m_lookup, nullptr); // abandoned: its thread ends on its own
    if (m_race)
        m_race->abandon();
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
