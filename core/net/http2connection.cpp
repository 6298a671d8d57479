#include "http2connection.h"

#include "bodypartsdevice.h"
#include "http/http2requestfields.h"
#include "originpool.h"
#include "requestwriter.h"
#include "transfer.h"

#include <QSslSocket>
#include <algorithm>
#include <cstring>

namespace mr {

namespace {

constexpr qsizetype WriteChunk = 64 * 1024;
// Frames kept queued in the socket; bytesWritten asks for more.
constexpr qint64 SocketBacklog = 256 * 1024;
// Body bytes the caller's thread may have queued before a stream's window stops opening.
constexpr qint64 MaxUndeliveredBytes = 16 * 1024 * 1024;
constexpr quint32 NoError = 0x0;
constexpr quint32 RefusedStream = 0x7;
constexpr quint32 Cancel = 0x8;

} // namespace

struct Http2Connection::Stream {
    Transfer *transfer = nullptr;
    HttpResponseHead head;
    ResponseDecoding decoding;
    HttpHeaders trailers;
    std::unique_ptr<BodyPartsDevice> bodyReader;
    qint64 bodyRead = 0; // handed to the session for DATA frames
    qint64 bodySent = 0; // in DATA frames packed
    qint64 received = 0; // body bytes as they came (before decoding)
    qint64 heldBack = 0; // stream window not given back yet: the caller is behind
    bool headersSent = false;
    bool sendFinished = false;
    bool responseStarted = false;
    // Why it ended, learned inside a callback and acted on after it.
    bool closed = false;
    quint32 closeCode = NoError;
    bool resetByPeer = false;
    bool notSent = false;
    QString failure;
};

Http2Connection::Http2Connection(OriginPool *pool, const TransferRequest &first, int serial,
                                 OpenReason reason, const QList<QByteArray> &alpn)
    : PoolConnection(pool, first, serial, reason, alpn)
    , m_shareable(first.reuse)
    , m_offersHttp1(alpn.contains(QByteArrayLiteral("http/1.1")))
{
    if (first.connectTimeoutMs > 0)
        m_settingsTimeoutMs = first.connectTimeoutMs;
    connect(m_setup, &ConnectionSetup::ready, this, &Http2Connection::onSetupReady);
    const bool onlyH2 = first.origin.isTls() && alpn == QList<QByteArray>{"h2"};
    connect(m_setup, &ConnectionSetup::failed, this,
            [this, onlyH2](QNetworkReply::NetworkError error, QString message, bool serverClosed) {
                // A server without HTTP/2 may refuse a handshake that offers nothing else.
                if (onlyH2 && error == QNetworkReply::SslHandshakeFailedError)
                    message += QStringLiteral(" HTTP/2 only was offered (ALPN h2): the server "
                                              "may not speak HTTP/2; ask for HTTP/1.1 or auto.");
                failConnection(error, message, serverClosed,
                               serverClosed ? CloseReason::ServerClosed : CloseReason::Error);
            });
    m_resumeTimer.setSingleShot(true);
    m_resumeTimer.setInterval(5);
    connect(&m_resumeTimer, &QTimer::timeout, this, &Http2Connection::pump);
}

Http2Connection::Http2Connection(PoolConnection *from)
    : PoolConnection(from)
{
    m_resumeTimer.setSingleShot(true);
    m_resumeTimer.setInterval(5);
    connect(&m_resumeTimer, &QTimer::timeout, this, &Http2Connection::pump);
}

Http2Connection::~Http2Connection() = default;

Http2Connection::Stream *Http2Connection::streamOf(qint32 id)
{
    const auto it = m_streams.find(id);
    return it == m_streams.end() ? nullptr : it->second.get();
}

Http2Session::Settings Http2Connection::serverSettings() const
{
    return m_session ? m_session->remoteSettings() : Http2Session::Settings();
}

void Http2Connection::describe(ConnectionEvent *event) const
{
    event->protocol = protocol();
    event->peakStreams = m_peakStreams;
    event->pingRttMs = m_pingRttMs;
    if (m_settingsKnown)
        event->maxConcurrentStreams = m_session->remoteSettings().maxConcurrentStreams;
    if (m_goaway)
        event->goaway =
            QStringLiteral("%1, last stream %2").arg(m_goawayText).arg(m_goawayLastStream);
}

bool Http2Connection::acceptsStreams() const
{
    return m_shareable && !m_goaway && !m_noNewStreams && m_state != State::Closed;
}

int Http2Connection::freeStreams() const
{
    if (!acceptsStreams())
        return 0;
    if (!m_settingsKnown)
        return activeStreams() == 0 ? 1 : 0;
    const qint64 limit = qint64(m_session->remoteSettings().maxConcurrentStreams);
    return int(qBound<qint64>(0, limit - activeStreams(), qint64(1) << 20));
}

void Http2Connection::open(Transfer *first)
{
    m_openedAt = now();
    ++m_requestCount;
    first->markAssigned(this, false, m_requestCount, m_openedAt);
    first->reportStartedConnecting();
    m_waiting.append(first);
    m_shareable = first->request().reuse;
    m_setup->start(first);
}

void Http2Connection::startAfterHandover(Transfer *first)
{
    first->moveTo(this);
    if (first->request().connectTimeoutMs > 0)
        m_settingsTimeoutMs = first->request().connectTimeoutMs;
    m_waiting.append(first);
    m_shareable = first->request().reuse && !m_setup->verificationOverridden();
    startSession();
}

void Http2Connection::run(Transfer *transfer)
{
    ++m_requestCount;
    transfer->markAssigned(this, true, m_requestCount, now());
    if (m_state == State::Idle)
        m_state = State::Busy;
    if (!m_session) {
        m_waiting.append(transfer);
        return;
    }
    submit(transfer);
    pump();
}

void Http2Connection::onSetupReady()
{
    takeSocket();
    if (m_tlsSocket && m_setup->negotiatedProtocol() != "h2" && m_offersHttp1) {
        // Auto: the server no longer offers HTTP/2. Nothing was sent: the pool speaks
        // HTTP/1.1 to it from now on and sends the waiting requests that way.
        m_noNewStreams = true;
        m_pool->http2Declined(this);
        const QList<Transfer *> waiting = std::exchange(m_waiting, {});
        finishClose(CloseReason::Error, false);
        for (auto it = waiting.rbegin(); it != waiting.rend(); ++it) {
            TransferFailure failure;
            failure.error = QNetworkReply::ProtocolFailure;
            failure.message = QStringLiteral("ALPN chose HTTP/1.1 on a connection opened for "
                                             "HTTP/2");
            failure.notProcessed = true;
            m_pool->transferFailed(this, *it, failure);
        }
        return;
    }
    if (m_tlsSocket && m_setup->negotiatedProtocol() != "h2") {
        const QByteArray chosen = m_setup->negotiatedProtocol();
        failConnection(QNetworkReply::ProtocolFailure,
                       QStringLiteral("HTTP/2 was asked for, but the server does not offer it: "
                                      "ALPN chose %1")
                           .arg(chosen.isEmpty() ? QStringLiteral("no protocol")
                                                 : QString::fromLatin1(chosen)),
                       false, CloseReason::Error);
        return;
    }
    if (m_setup->verificationOverridden())
        m_shareable = false; // its certificate errors were ignored for the first request only
    startSession();
}

void Http2Connection::startSession()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &Http2Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Http2Connection::pump);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &Http2Connection::onSocketError);
    m_session = std::make_unique<Http2Session>(static_cast<Http2Session::Listener *>(this));
    m_pingSentAt = now();
    m_settingsTimer.setSingleShot(true);
    connect(&m_settingsTimer, &QTimer::timeout, this, [this] {
        if (m_settingsKnown || m_state == State::Closed)
            return;
        failConnection(QNetworkReply::ProtocolFailure,
                       QStringLiteral("HTTP/2 error: the server sent no SETTINGS within %1 ms; it "
                                      "may not speak HTTP/2")
                           .arg(m_settingsTimeoutMs),
                       false, CloseReason::Error);
    });
    m_settingsTimer.start(m_settingsTimeoutMs);
    const ConnectionSetup::Timestamps &t = m_setup->timestamps();
    const QList<Transfer *> waiting = std::exchange(m_waiting, {});
    for (Transfer *transfer : waiting) {
        if (m_state == State::Opening) { // the request that opened it
            transfer->markConnectionSetup(t.dnsStart, t.dnsEnd, t.tcpStart, t.tcpEnd, t.tlsEnd);
            if (m_tlsSocket)
                transfer->reportEncrypted(m_tlsSocket->sslConfiguration());
        }
        m_state = State::Busy;
        submit(transfer);
    }
    m_state = State::Busy;
    pump();
    if (m_state != State::Closed && m_socket->bytesAvailable() > 0)
        onReadyRead(); // the server's SETTINGS may have come with the handshake
}

void Http2Connection::submit(Transfer *transfer)
{
    const TransferRequest &request = transfer->request();
    const QList<Http2RequestFields::Field> fields = Http2RequestFields::build(
        request.method, request.origin.scheme.toLatin1(), request.origin.hostHeader(),
        RequestWriter::target(request.url), request.headers, request.hasBody,
        request.hasBody ? request.bodySize() : -1);
    transfer->setRequestHead(Http2RequestFields::transcript(fields));
    transfer->markSendStarted(now());
    const qint32 id = m_session->submitRequest(fields, request.hasBody);
    if (id <= 0) {
        // Out of stream ids, or the session is ending: nothing left, another connection will.
        m_noNewStreams = true;
        TransferFailure failure;
        failure.error = QNetworkReply::ProtocolFailure;
        failure.message = QStringLiteral("the HTTP/2 connection takes no more requests");
        failure.notProcessed = true;
        m_pool->transferFailed(this, transfer, failure);
        return;
    }
    auto stream = std::make_unique<Stream>();
    stream->transfer = transfer;
    m_streams.emplace(id, std::move(stream));
    transfer->markStream(id, int(m_streams.size()));
    m_peakStreams = qMax(m_peakStreams, int(m_streams.size()));
}

void Http2Connection::pump()
{
    if (m_pumping) {
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        // Windows held back while the caller was behind open again once it caught up.
        bool stillHeld = false;
        for (auto &[id, stream] : m_streams) {
            if (stream->heldBack == 0)
                continue;
            const auto &undelivered = stream->transfer->request().undelivered;
            if (undelivered && *undelivered > MaxUndeliveredBytes) {
                stillHeld = true;
                continue;
            }
            m_session->consumeStream(id, std::exchange(stream->heldBack, 0));
        }
        if (stillHeld && !m_resumeTimer.isActive())
            m_resumeTimer.start();
        while (m_session && m_socket && m_state != State::Closed && m_session->wantsWrite() &&
               m_socket->bytesToWrite() < SocketBacklog) {
            QByteArray out;
            if (!m_session->takeOutput(&out, WriteChunk)) {
                m_pumping = false;
                failConnection(QNetworkReply::ProtocolFailure,
                               QStringLiteral("HTTP/2 error: %1").arg(m_session->errorString()),
                               false, CloseReason::Error);
                return;
            }
            if (out.isEmpty())
                break;
            m_socket->write(out);
        }
        settleClosedStreams();
    } while (m_pumpAgain && m_state != State::Closed);
    m_pumping = false;
    if (m_state == State::Closed || !m_session || m_session->wantsRead() || m_session->wantsWrite())
        return;
    // The session ended. With requests still on it, that was the server's doing.
    if (m_streams.empty() && m_waiting.isEmpty()) {
        close(m_goaway ? CloseReason::ServerClosed : CloseReason::ClosedByClient);
        return;
    }
    QString why = m_session->errorString();
    if (m_firstBytes == "HTTP/1.")
        why = QStringLiteral("the server answered in HTTP/1.1, not HTTP/2");
    else if (why.isEmpty())
        why = QStringLiteral("the server ended the session with requests open");
    failConnection(QNetworkReply::ProtocolFailure, QStringLiteral("HTTP/2 error: %1").arg(why),
                   false, CloseReason::Error);
}

void Http2Connection::onReadyRead()
{
    if (m_state == State::Closed || !m_session)
        return;
    const QByteArray bytes = m_socket->read(m_socket->bytesAvailable());
    if (bytes.isEmpty())
        return;
    if (m_firstBytes.size() < 7)
        m_firstBytes += bytes.left(7 - m_firstBytes.size());
    if (!m_session->receive(bytes)) {
        writeLastFrames(); // the GOAWAY nghttp2 queued
        // Responses that ended in this read before the broken frame are whole.
        m_noNewStreams = true;
        settleClosedStreams();
        if (m_state == State::Closed)
            return;
        failConnection(QNetworkReply::ProtocolFailure,
                       QStringLiteral("HTTP/2 error: %1").arg(m_session->errorString()), false,
                       CloseReason::Error);
        return;
    }
    for (auto &[id, stream] : m_streams)
        stream->transfer->flush();
    pump();
}

void Http2Connection::onSocketError()
{
    if (m_state == State::Closed)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::SocketTimeoutError)
        return;
    onReadyRead(); // what came before the close
    if (m_state == State::Closed)
        return;
    const bool peerClosed = error == QAbstractSocket::RemoteHostClosedError;
    if (m_streams.empty() && m_waiting.isEmpty()) {
        finishClose(peerClosed ? CloseReason::ServerClosed : CloseReason::Error, true);
        return;
    }
    failConnection(peerClosed ? QNetworkReply::RemoteHostClosedError
                              : ConnectionSetup::replyError(error),
                   peerClosed ? QStringLiteral("Connection closed: the server closed the HTTP/2 "
                                               "connection before the response ended")
                              : m_socket->errorString(),
                   peerClosed, peerClosed ? CloseReason::ServerClosed : CloseReason::Error);
}

// Http2Session::Listener: only notes and reports here; ends are settled after the call.

void Http2Connection::headersSending(qint32 id)
{
    if (Stream *stream = streamOf(id))
        stream->headersSent = true;
}

void Http2Connection::requestSent(qint32 id)
{
    Stream *stream = streamOf(id);
    if (!stream || stream->sendFinished)
        return;
    stream->sendFinished = true;
    stream->transfer->markSendFinished(now());
}

void Http2Connection::bodySent(qint32 id, qint64 bytes)
{
    Stream *stream = streamOf(id);
    if (!stream)
        return;
    stream->bodySent += bytes;
    const qint64 total = stream->transfer->request().bodySize();
    if (total > 0) {
        stream->transfer->reportUploadProgress(qMin(stream->bodySent, total), total);
        stream->transfer->flush();
    }
}

qint64 Http2Connection::readBody(qint32 id, char *to, qint64 max, bool *end)
{
    Stream *stream = streamOf(id);
    if (!stream)
        return -1;
    const TransferRequest &request = stream->transfer->request();
    const qint64 total = request.bodySize();
    const qint64 before = stream->bodyRead;
    const qint64 n = qMin(max, total - stream->bodyRead);
    if (n > 0) {
        if (!request.bodyParts.isEmpty()) {
            if (!stream->bodyReader) {
                stream->bodyReader = std::make_unique<BodyPartsDevice>(request.bodyParts);
                stream->bodyReader->open(QIODevice::ReadOnly);
            }
            const qint64 read = stream->bodyReader->read(to, n);
            if (read <= 0) {
                stream->failure = QStringLiteral("the body could not be sent: %1")
                                      .arg(stream->bodyReader->errorString());
                return -1;
            }
            stream->bodyRead += read;
        } else {
            std::memcpy(to, request.body.constData() + stream->bodyRead, size_t(n));
            stream->bodyRead += n;
        }
    }
    *end = stream->bodyRead >= total;
    return stream->bodyRead - before;
}

void Http2Connection::responseBegins(qint32 id)
{
    Stream *stream = streamOf(id);
    if (!stream || stream->responseStarted)
        return;
    stream->responseStarted = true;
    if (!stream->sendFinished) {
        stream->sendFinished = true;
        stream->transfer->markSendFinished(now());
    }
    stream->transfer->markFirstByte(now());
}

void Http2Connection::responseHead(qint32 id, const HttpResponseHead &head)
{
    Stream *stream = streamOf(id);
    if (!stream)
        return;
    stream->head = head;
    stream->head.majorVersion = 2;
    stream->head.minorVersion = 0;
    Transfer *transfer = stream->transfer;
    if (!stream->decoding.start(head.headers, transfer->request().decodeContent)) {
        stream->failure = stream->decoding.errorString();
        m_toReset.append(id);
        return;
    }
    bool known = false;
    const qint64 length = head.headers.value("content-length").toLongLong(&known);
    transfer->reportHead(stream->head, known ? length : -1, stream->decoding.isDecoding());
}

void Http2Connection::data(qint32 id, const char *bytes, qsizetype size)
{
    m_session->consumeConnection(size);
    Stream *stream = streamOf(id);
    if (!stream || !stream->failure.isEmpty())
        return;
    Transfer *transfer = stream->transfer;
    const auto &undelivered = transfer->request().undelivered;
    if (undelivered && *undelivered > MaxUndeliveredBytes) {
        stream->heldBack += size; // the server waits for this stream's window
        if (!m_resumeTimer.isActive())
            m_resumeTimer.start();
    } else {
        m_session->consumeStream(id, size);
    }
    stream->received += size;
    const QByteArray piece(bytes, size);
    if (!stream->decoding.isDecoding()) {
        transfer->reportData(piece, stream->received);
        return;
    }
    QByteArray plain;
    if (!stream->decoding.decode(piece, &plain)) {
        stream->failure = stream->decoding.errorString();
        m_toReset.append(id);
        return;
    }
    transfer->reportData(plain, stream->decoding.decodedBytes());
}

void Http2Connection::trailers(qint32 id, const HttpHeaders &fields)
{
    if (Stream *stream = streamOf(id))
        stream->trailers = fields;
}

void Http2Connection::streamClosed(qint32 id, quint32 errorCode)
{
    Stream *stream = streamOf(id);
    if (!stream || stream->closed)
        return;
    stream->closed = true;
    stream->closeCode = errorCode;
    stream->resetByPeer = m_session->streamResetByPeer(id);
    if (stream->failure.isEmpty())
        stream->failure = m_session->streamFailure(id);
    m_closed.push_back({id, errorCode});
}

void Http2Connection::streamNotSent(qint32 id, int)
{
    Stream *stream = streamOf(id);
    if (!stream || stream->closed)
        return;
    stream->closed = true;
    stream->notSent = true;
    m_closed.push_back({id, RefusedStream});
}

void Http2Connection::settingsReceived(const Http2Session::Settings &)
{
    m_settingsTimer.stop();
    m_settingsKnown = true;
    m_settingsChanged = true;
}

void Http2Connection::goawayReceived(qint32 lastStreamId, quint32 code, const QByteArray &debug)
{
    m_goaway = true;
    m_goawayLastStream = lastStreamId;
    m_goawayText = Http2Session::errorCodeName(code);
    if (!debug.isEmpty())
        m_goawayText += QStringLiteral(": ") + QString::fromUtf8(debug.left(200));
}

void Http2Connection::pingAcknowledged(quint64 opaque)
{
    if (opaque == Http2Session::FirstPingOpaque && m_pingSentAt >= 0 && m_pingRttMs < 0)
        m_pingRttMs = now() - m_pingSentAt;
}

void Http2Connection::windowOpened(qint32) {}

// Ends, settled outside the session's callbacks.

void Http2Connection::settleClosedStreams()
{
    for (qint32 id : std::exchange(m_toReset, {})) {
        if (Stream *stream = streamOf(id); stream && !stream->closed)
            m_session->resetStream(id, Cancel);
    }
    auto closed = std::exchange(m_closed, {});
    // Highest stream first: re-sends go to the front of the pool's queue one by one, and so
    // keep the order they were sent in. All leave the map first (the pool counts free
    // streams), and the pool dispatches once, after the batch.
    std::sort(closed.begin(), closed.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<std::pair<std::pair<qint32, quint32>, std::unique_ptr<Stream>>> ended;
    for (const auto &entry : closed) {
        const auto it = m_streams.find(entry.first);
        if (it == m_streams.end())
            continue;
        ended.emplace_back(entry, std::move(it->second));
        m_streams.erase(it);
    }
    OriginPool::DispatchHold hold(m_pool);
    for (auto &[entry, stream] : ended) {
        const qint32 id = entry.first;
        const quint32 code = entry.second;
        if (code == NoError && stream->failure.isEmpty()) {
            completeStream(id, *stream);
            continue;
        }
        const bool aboveGoaway = m_goaway && id > m_goawayLastStream;
        if (stream->notSent || aboveGoaway) {
            failStream(id, *stream, QNetworkReply::ProtocolFailure,
                       m_goaway ? QStringLiteral("the server's GOAWAY (%1) came before it was "
                                                 "processed")
                                      .arg(m_goawayText)
                                : QStringLiteral("the request never left the connection"),
                       true);
        } else if (code == RefusedStream && stream->resetByPeer) {
            failStream(id, *stream, QNetworkReply::ProtocolFailure,
                       QStringLiteral("the server refused the stream (REFUSED_STREAM) without "
                                      "processing it"),
                       true);
        } else if (stream->resetByPeer) {
            failStream(id, *stream, QNetworkReply::ProtocolFailure,
                       QStringLiteral("the server reset the stream: %1")
                           .arg(Http2Session::errorCodeName(code)),
                       false);
        } else {
            failStream(id, *stream,
                       stream->decoding.errorString().isEmpty()
                           ? QNetworkReply::ProtocolFailure
                           : QNetworkReply::UnknownContentError,
                       stream->failure.isEmpty() ? QStringLiteral("the stream ended with %1")
                                                       .arg(Http2Session::errorCodeName(code))
                                                 : stream->failure,
                       false);
        }
    }
    if (m_state == State::Closed)
        return;
    const bool settings = std::exchange(m_settingsChanged, false);
    const bool changed = !closed.empty() || settings;
    goIdleIfEmpty();
    if (m_state != State::Closed && changed)
        m_pool->http2Changed(this);
}

void Http2Connection::completeStream(qint32, Stream &stream)
{
    Transfer *transfer = stream.transfer;
    if (stream.decoding.isDecoding()) {
        QByteArray tail;
        if (!stream.decoding.finish(&tail)) {
            failStream(0, stream, QNetworkReply::UnknownContentError, stream.decoding.errorString(),
                       false);
            return;
        }
        transfer->reportData(tail, stream.decoding.decodedBytes());
    }
    const double end = now();
    transfer->setTrailers(stream.trailers);
    transfer->endAttempt(end, QNetworkReply::NoError, QString(), QString());
    transfer->finish(end, QNetworkReply::NoError, QString());
    transfer->flush();
    ++m_completedStreams;
    m_pool->streamCompleted(this, transfer);
}

void Http2Connection::failStream(qint32, Stream &stream, QNetworkReply::NetworkError error,
                                 const QString &message, bool notProcessed)
{
    TransferFailure failure;
    failure.error = error;
    failure.message = message;
    failure.closeReason = CloseReason::Error;
    failure.connectionWasReused = m_requestCount > 1;
    failure.responseStarted = stream.responseStarted;
    failure.bytesSent = notProcessed ? 0 : (stream.headersSent ? 1 + stream.bodySent : 0);
    failure.notProcessed = notProcessed;
    failure.connectionProgressed = m_completedStreams > 0;
    m_pool->transferFailed(this, stream.transfer, failure);
}

void Http2Connection::failTransfer(Transfer *transfer, QNetworkReply::NetworkError error,
                                   const QString &message, CloseReason)
{
    if (m_waiting.removeOne(transfer)) {
        // Still opening for it alone: the set-up (which reports TLS errors to it) goes too.
        if (m_state == State::Opening && m_waiting.isEmpty())
            finishClose(CloseReason::Aborted, false);
        TransferFailure failure;
        failure.error = error;
        failure.message = message;
        m_pool->transferFailed(this, transfer, failure);
        if (m_state != State::Closed)
            goIdleIfEmpty();
        return;
    }
    for (auto it = m_streams.begin(); it != m_streams.end(); ++it) {
        if (it->second->transfer != transfer)
            continue;
        const qint32 id = it->first;
        std::unique_ptr<Stream> stream = std::move(it->second);
        m_streams.erase(it);
        if (m_session)
            m_session->resetStream(id, Cancel); // only this stream; the others go on
        failStream(id, *stream, error, message, false);
        pump();
        if (m_state != State::Closed) {
            goIdleIfEmpty();
            m_pool->http2Changed(this);
        }
        return;
    }
}

void Http2Connection::failConnection(QNetworkReply::NetworkError error, const QString &message,
                                     bool serverClosed, CloseReason reason)
{
    if (m_state == State::Closed)
        return;
    const bool wasOpening = m_state == State::Opening;
    const QList<Transfer *> waiting = std::exchange(m_waiting, {});
    std::map<qint32, std::unique_ptr<Stream>> streams;
    streams.swap(m_streams);
    // The pool hears of the failures (and re-sends) before it dispatches anything else.
    finishClose(reason, waiting.isEmpty() && streams.empty());
    for (Transfer *transfer : waiting) {
        TransferFailure failure;
        failure.error = error;
        failure.message = message;
        failure.closeReason = reason;
        failure.serverClosed = serverClosed && !wasOpening;
        m_pool->transferFailed(this, transfer, failure);
    }
    // Highest stream first, as in settleClosedStreams: re-sends keep their order.
    for (auto it = streams.rbegin(); it != streams.rend(); ++it) {
        const qint32 id = it->first;
        Stream *stream = it->second.get();
        TransferFailure failure;
        failure.error = error;
        failure.message = message;
        failure.closeReason = reason;
        failure.connectionWasReused = m_requestCount > 1;
        failure.responseStarted = stream->responseStarted;
        failure.serverClosed = serverClosed;
        failure.notProcessed =
            !m_closingByClient && (!stream->headersSent || (m_goaway && id > m_goawayLastStream));
        failure.bytesSent = failure.notProcessed ? 0 : 1 + stream->bodySent;
        failure.connectionProgressed = m_completedStreams > 0;
        m_pool->transferFailed(this, stream->transfer, failure);
    }
}

void Http2Connection::goIdleIfEmpty()
{
    if (m_state != State::Busy || !m_streams.empty() || !m_waiting.isEmpty())
        return;
    if (!m_shareable) {
        close(m_setup->verificationOverridden() ? CloseReason::NotShareable
                                                : CloseReason::KeepAliveOff);
        return;
    }
    if (m_goaway) {
        close(CloseReason::ServerClosed);
        return;
    }
    m_state = State::Idle;
    startIdleTimer(m_pool->settings().idleExpiryMs);
}

void Http2Connection::onIdleExpired()
{
    close(CloseReason::IdleExpired);
}

void Http2Connection::close(CloseReason reason)
{
    if (m_state == State::Closed)
        return;
    if (reason == CloseReason::IdleExpired && m_session && m_socket &&
        m_socket->state() == QAbstractSocket::ConnectedState) {
        // A GOAWAY tells the server we are done; it goes out before the socket closes. Only
        // from our own timer: at shutdown the socket's thread may be gone.
        m_session->shutdown(NoError);
        writeLastFrames();
    }
    m_closingByClient = true; // what it carried ends here; nothing is re-sent
    failConnection(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"),
                   false, reason);
    if (m_state != State::Closed)
        finishClose(reason, true);
}

void Http2Connection::writeLastFrames()
{
    QByteArray out;
    if (m_socket && m_session->takeOutput(&out, WriteChunk) && !out.isEmpty()) {
        m_socket->write(out);
        m_socket->flush();
    }
}

void Http2Connection::finishClose(CloseReason reason, bool dispatchNext)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    stopIdleTimer();
    m_resumeTimer.stop();
    m_settingsTimer.stop();
    m_setup->abandon();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    m_pool->connectionClosed(this, reason, dispatchNext);
    deleteLater();
}

} // namespace mr
