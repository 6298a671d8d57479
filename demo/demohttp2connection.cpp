#include "demohttp2connection.h"

#include "demorequest.h"
#include "demoresponse.h"
#include "demorouter.h"
#include "demosocketreset.h"
#include "demotruthheaders.h"

#include <QPointer>
#include <QTcpSocket>

#include <nghttp2/nghttp2.h>

#include <cstring>
#include <vector>

namespace mr {

namespace {
constexpr qint64 MaxQueuedBytes = 1024 * 1024;
constexpr int ResetDelayMs = 50;
// The same limits as DemoRequestReader's on HTTP/1.1.
constexpr int MaxFields = 100;
constexpr qsizetype MaxHeadBytes = 64 * 1024;
constexpr qint64 MaxBodyBytes = 256 * 1024 * 1024;

QByteArray bytesOf(const uint8_t *bytes, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(bytes), qsizetype(size));
}

// RFC 9113 §8.2.2: connection-specific fields have no place in HTTP/2.
bool isConnectionSpecific(const QByteArray &lowerName)
{
    return lowerName == "connection" || lowerName == "keep-alive" ||
           lowerName == "proxy-connection" || lowerName == "transfer-encoding" ||
           lowerName == "upgrade";
}
} // namespace

struct DemoHttp2Connection::Stream {
    DemoRequest request;
    DemoRequestContext context;
    QByteArray authority;
    qsizetype headBytes = 0;
    int dataFrames = 0; // of the request body: a 1-byte window shows here
    int errorStatus = 0;
    QString errorString;
    bool routed = false;

    // The response being sent.
    DemoResponse response;
    QByteArray outgoing; // body bytes queued for DATA frames
    qint64 sent = 0;
    int nextChunk = 0;
    bool allQueued = true; // false while chunks are still to come, or a fault cuts the body
    bool broken = false;   // Reset/Truncate: the cut has been scheduled
};

struct DemoHttp2Connection::Callbacks {
    static DemoHttp2Connection *of(void *user) { return static_cast<DemoHttp2Connection *>(user); }

    static int onBeginHeaders(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST)
            return 0;
        DemoHttp2Connection *c = of(user);
        auto s = std::make_unique<Stream>();
        s->context.connectionSerial = c->m_serial;
        s->context.requestIndex = ++c->m_requestCount;
        s->context.clientAddress = c->m_socket->peerAddress();
        s->context.clientPort = c->m_socket->peerPort();
        s->context.tls = c->m_tls;
        s->context.localHost = c->m_socket->localAddress().toString();
        s->context.localPort = c->m_socket->localPort();
        s->context.streamId = frame->hd.stream_id;
        c->m_streams[frame->hd.stream_id] = std::move(s);
        c->m_idleTimer.stop();
        return 0;
    }

    static int onHeader(nghttp2_session *, const nghttp2_frame *frame, const uint8_t *nameBytes,
                        size_t nameLength, const uint8_t *valueBytes, size_t valueLength, uint8_t,
                        void *user)
    {
        Stream *s = of(user)->stream(frame->hd.stream_id);
        if (!s || frame->hd.type != NGHTTP2_HEADERS || s->errorStatus != 0)
            return 0;
        const QByteArray name = bytesOf(nameBytes, nameLength);
        const QByteArray value = bytesOf(valueBytes, valueLength);
        s->headBytes += name.size() + value.size() + 4; // counted as on HTTP/1.1
        if (s->headBytes > MaxHeadBytes || s->request.headers.size() >= MaxFields) {
            s->errorStatus = 431;
            s->errorString = QStringLiteral("request header fields over %1 bytes or %2 fields")
                                 .arg(MaxHeadBytes)
                                 .arg(MaxFields);
            return 0;
        }
        // nghttp2 has checked the pseudo-header fields: each once, before the others.
        if (name == ":method")
            s->request.method = value;
        else if (name == ":path")
            s->request.target = value;
        else if (name == ":authority")
            s->authority = value;
        else if (!name.startsWith(':'))
            s->request.headers.append(name, value); // trailers too, as on HTTP/1.1
        return 0;
    }

    static int onFrameRecv(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        DemoHttp2Connection *c = of(user);
        Stream *s = c->stream(frame->hd.stream_id);
        if (!s)
            return 0;
        if (frame->hd.type == NGHTTP2_DATA)
            ++s->dataFrames;
        if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST)
            headComplete(c, frame->hd.stream_id, s);
        if ((frame->hd.type == NGHTTP2_DATA || frame->hd.type == NGHTTP2_HEADERS) &&
            (frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
            c->requestComplete(frame->hd.stream_id);
        return 0;
    }

    static void headComplete(DemoHttp2Connection *c, qint32 id, Stream *s)
    {
        // Routes read Host, as on HTTP/1.1: :authority stands for it when it is missing.
        if (!s->authority.isEmpty() && !s->request.headers.contains("host")) {
            HttpHeaders withHost;
            withHost.append("host", s->authority);
            for (const auto &field : s->request.headers.fields())
                withHost.append(field.first, field.second);
            s->request.headers = withHost;
        }
        if (s->errorStatus == 0 && !s->request.setTarget(s->request.target)) {
            s->errorStatus = 400;
            s->errorString = QStringLiteral("malformed :path");
        }
        if (s->request.headers.value("expect").toLower() == "100-continue") {
            const nghttp2_nv interim[] = {
                {reinterpret_cast<uint8_t *>(const_cast<char *>(":status")),
                 reinterpret_cast<uint8_t *>(const_cast<char *>("100")), 7, 3,
                 NGHTTP2_NV_FLAG_NONE}};
            nghttp2_submit_headers(c->m_session, NGHTTP2_FLAG_NONE, id, nullptr, interim, 1,
                                   nullptr);
        }
    }

    static int onDataChunk(nghttp2_session *session, uint8_t, int32_t id, const uint8_t *data,
                           size_t length, void *user)
    {
        DemoHttp2Connection *c = of(user);
        if (c->m_windowByFrame) {
            // Exactly what arrived, so a 1-byte window stays 1 byte, the connection's too.
            nghttp2_submit_window_update(session, NGHTTP2_FLAG_NONE, id, int32_t(length));
            nghttp2_submit_window_update(session, NGHTTP2_FLAG_NONE, 0, int32_t(length));
        }
        Stream *s = c->stream(id);
        if (!s || s->errorStatus != 0)
            return 0;
        if (s->request.body.size() + qint64(length) > MaxBodyBytes) {
            s->errorStatus = 413;
            s->errorString = QStringLiteral("request body larger than %1 bytes").arg(MaxBodyBytes);
            s->request.body.clear();
            return 0;
        }
        s->request.body.append(reinterpret_cast<const char *>(data), qsizetype(length));
        return 0;
    }

    static int onStreamClose(nghttp2_session *, int32_t id, uint32_t, void *user)
    {
        DemoHttp2Connection *c = of(user);
        c->m_streams.erase(id);
        if (c->m_streams.empty())
            c->startIdleTimer();
        return 0;
    }

    static ssize_t readBody(nghttp2_session *, int32_t id, uint8_t *to, size_t length,
                            uint32_t *flags, nghttp2_data_source *, void *user)
    {
        DemoHttp2Connection *c = of(user);
        Stream *s = c->stream(id);
        if (!s)
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
        DemoResponse &r = s->response;
        if (r.generator) {
            const qint64 n = qMin(qint64(length), r.generatedLength - s->sent);
            const QByteArray piece = n > 0 ? r.generator(s->sent, n) : QByteArray();
            std::memcpy(to, piece.constData(), size_t(piece.size()));
            s->sent += piece.size();
            if (s->sent >= r.generatedLength || piece.isEmpty())
                *flags |= NGHTTP2_DATA_FLAG_EOF;
            return ssize_t(piece.size());
        }
        const qint64 available = s->outgoing.size() - s->sent;
        if (available == 0 && !s->allQueued) {
            if (r.fault != DemoResponse::Fault::None && !s->broken)
                breakConnection(c, s);
            return NGHTTP2_ERR_DEFERRED;
        }
        const qint64 n = qMin(qint64(length), available);
        std::memcpy(to, s->outgoing.constData() + s->sent, size_t(n));
        s->sent += n;
        if (s->allQueued && s->sent == s->outgoing.size())
            *flags |= NGHTTP2_DATA_FLAG_EOF;
        return ssize_t(n);
    }

    // Reset and Truncate, once half the body is out: as on HTTP/1.1 the whole connection
    // breaks, with a TCP reset or a plain close, and no GOAWAY.
    static void breakConnection(DemoHttp2Connection *c, Stream *s)
    {
        s->broken = true;
        c->m_closing = true;
        QPointer<DemoHttp2Connection> self(c);
        if (s->response.fault == DemoResponse::Fault::Reset) {
            QTimer::singleShot(ResetDelayMs, c, [self] {
                if (self)
                    DemoSocketReset::reset(self->m_socket);
            });
        } else {
            QMetaObject::invokeMethod(
                c,
                [self] {
                    if (self)
                        self->m_socket->disconnectFromHost();
                },
                Qt::QueuedConnection);
        }
    }
};

DemoHttp2Connection::DemoHttp2Connection(QTcpSocket *socket, int serial, bool tls,
                                         DemoRouter *router, const Settings &settings,
                                         int idleTimeoutMs, int latencyMs, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_router(router)
    , m_serial(serial)
    , m_tls(tls)
    , m_idleTimeoutMs(idleTimeoutMs)
    , m_latencyMs(qMax(0, latencyMs))
{
    m_socket->setParent(this);
    m_idleTimer.setSingleShot(true);

    nghttp2_session_callbacks *callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &Callbacks::onBeginHeaders);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &Callbacks::onHeader);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &Callbacks::onFrameRecv);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &Callbacks::onDataChunk);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &Callbacks::onStreamClose);
    nghttp2_option *option = nullptr;
    nghttp2_option_new(&option);
    // A window below the default is handed back frame by frame (onDataChunk): nghttp2's own
    // updates, sized for the old window, would let a client that sent before our SETTINGS
    // overrun the new one (FLOW_CONTROL_ERROR).
    m_windowByFrame = settings.initialWindowSize < NGHTTP2_INITIAL_WINDOW_SIZE;
    if (m_windowByFrame)
        nghttp2_option_set_no_auto_window_update(option, 1);
    nghttp2_session_server_new2(&m_session, callbacks, this, option);
    nghttp2_option_del(option);
    nghttp2_session_callbacks_del(callbacks);
    m_silent = !settings.sendSettings;
    if (!m_silent) {
        const nghttp2_settings_entry entries[] = {
            {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, settings.maxConcurrentStreams},
            {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, settings.initialWindowSize}};
        nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, entries, 2);
    }

    connect(m_socket, &QTcpSocket::readyRead, this, &DemoHttp2Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &DemoHttp2Connection::flush);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_idleTimer.stop();
        Q_EMIT closed();
        deleteLater();
    });
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        if (!m_streams.empty())
            return;
        nghttp2_session_terminate_session(m_session, NGHTTP2_NO_ERROR);
        flush();
    });
    if (m_latencyMs > 0) {
        // As DemoConnection: what arrives meanwhile waits.
        m_admitted = false;
        QPointer<DemoHttp2Connection> self(this);
        QTimer::singleShot(m_tls ? 2 * m_latencyMs : m_latencyMs, Qt::PreciseTimer, this, [self] {
            if (!self)
                return;
            self->m_admitted = true;
            self->receive(std::exchange(self->m_early, QByteArray()));
            self->onReadyRead();
        });
        return;
    }
    // The preface (and maybe more) is already in the socket's buffer.
    QMetaObject::invokeMethod(this, &DemoHttp2Connection::onReadyRead, Qt::QueuedConnection);
    flush();
}

DemoHttp2Connection::~DemoHttp2Connection()
{
    m_streams.clear();
    nghttp2_session_del(m_session);
}

DemoHttp2Connection::Stream *DemoHttp2Connection::stream(qint32 id) const
{
    const auto it = m_streams.find(id);
    return it == m_streams.end() ? nullptr : it->second.get();
}

void DemoHttp2Connection::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    if (!m_admitted)
        m_early += bytes;
    else if (!bytes.isEmpty())
        receive(bytes);
}

void DemoHttp2Connection::receive(const QByteArray &bytes)
{
    if (m_closing || bytes.isEmpty())
        return;
    m_receiving = true;
    const ssize_t used = nghttp2_session_mem_recv(
        m_session, reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
    m_receiving = false;
    flush(); // what the callbacks submitted, and the GOAWAY nghttp2 queued on a bad frame
    if (used < 0)
        closeGracefully();
}

void DemoHttp2Connection::flush()
{
    if (m_receiving || m_closing || m_silent)
        return;
    while (m_socket->bytesToWrite() < MaxQueuedBytes) {
        const uint8_t *data = nullptr;
        const ssize_t n = nghttp2_session_mem_send(m_session, &data);
        if (n <= 0) {
            if (n < 0)
                closeGracefully();
            break;
        }
        m_socket->write(reinterpret_cast<const char *>(data), n);
    }
    // After a GOAWAY, once the last stream is done, or when the client went away.
    if (!m_closing && !nghttp2_session_want_read(m_session) &&
        !nghttp2_session_want_write(m_session))
        closeGracefully();
}

void DemoHttp2Connection::requestComplete(qint32 id)
{
    Stream *s = stream(id);
    if (!s || s->routed)
        return;
    s->routed = true;
    s->context.requestDataFrames = s->dataFrames;
    if (s->errorStatus != 0) {
        s->response = DemoResponse::error(s->errorStatus, s->errorString);
    } else {
        s->response = m_router->route(s->request, s->context);
    }
    DemoResponse &r = s->response;
    switch (r.http2Action) {
    case DemoResponse::Http2Action::ResetStream:
        nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, id, r.http2Value);
        return;
    case DemoResponse::Http2Action::Goaway: goaway(id); break;
    case DemoResponse::Http2Action::MaxStreams: {
        const nghttp2_settings_entry entry = {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS,
                                              r.http2Value};
        nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, &entry, 1);
        break;
    }
    case DemoResponse::Http2Action::None: break;
    }
    if (r.closeAfter) // Connection: close, the HTTP/2 way: no new streams, then close
        goaway(nghttp2_session_get_last_proc_stream_id(m_session));
    if (r.fault == DemoResponse::Fault::Drop) {
        closeGracefully();
        return;
    }
    // Slow headers: HPACK keeps a head in one piece, so the whole head is late instead.
    const int delayMs =
        r.delayMs + m_latencyMs + (r.fault == DemoResponse::Fault::SlowHeaders ? r.faultMs : 0);
    if (delayMs > 0) {
        QTimer::singleShot(delayMs, Qt::PreciseTimer, this, [this, id] {
            answer(id);
            flush();
        });
    } else {
        answer(id);
    }
}

void DemoHttp2Connection::answer(qint32 id)
{
    Stream *s = stream(id);
    if (!s || m_closing)
        return; // the client reset it meanwhile
    const DemoResponse &r = s->response;
    HttpHeaders fields;
    fields.append("server", "microrequests-demo");
    for (const auto &field : r.headers.fields())
        fields.append(field.first.toLower(), field.second);
    const HttpHeaders truth = DemoTruthHeaders::of(s->context, m_latencyMs);
    for (const auto &field : truth.fields())
        fields.append(field.first.toLower(), field.second);
    const bool hasBody = s->request.method != "HEAD" && !DemoResponse::statusForbidsBody(r.status);
    if (!DemoResponse::statusForbidsBody(r.status) && r.chunks.isEmpty())
        fields.append("content-length",
                      QByteArray::number(r.generator ? r.generatedLength : r.body.size()));

    QByteArray status = QByteArray::number(r.status);
    std::vector<nghttp2_nv> nva;
    const auto add = [&nva](const QByteArray &name, const QByteArray &value) {
        nva.push_back({reinterpret_cast<uint8_t *>(const_cast<char *>(name.constData())),
                       reinterpret_cast<uint8_t *>(const_cast<char *>(value.constData())),
                       size_t(name.size()), size_t(value.size()), NGHTTP2_NV_FLAG_NONE});
    };
    static const QByteArray statusName = ":status";
    add(statusName, status);
    for (const auto &field : fields.fields()) {
        if (!isConnectionSpecific(field.first))
            add(field.first, field.second);
    }

    if (!r.chunks.isEmpty()) {
        s->allQueued = false;
    } else if (!r.generator) {
        const bool cut =
            r.fault == DemoResponse::Fault::Reset || r.fault == DemoResponse::Fault::Truncate;
        s->outgoing = cut ? r.body.left(r.body.size() / 2) : r.body;
        s->allQueued = !cut;
    }
    nghttp2_data_provider provider{};
    provider.read_callback = &Callbacks::readBody;
    nghttp2_submit_response(m_session, id, nva.data(), nva.size(), hasBody ? &provider : nullptr);
    if (hasBody && !r.chunks.isEmpty())
        queueNextChunk(id);
}

void DemoHttp2Connection::queueNextChunk(qint32 id)
{
    // Without an interval every chunk goes out at once; with one, a chunk per tick.
    Stream *s = stream(id);
    if (!s)
        return;
    const DemoResponse &r = s->response;
    do {
        if (s->nextChunk >= r.chunks.size()) {
            s->allQueued = true;
            break;
        }
        s->outgoing += r.chunks[s->nextChunk++];
    } while (r.chunkIntervalMs == 0);
    nghttp2_session_resume_data(m_session, id);
    if (!s->allQueued) {
        QTimer::singleShot(r.chunkIntervalMs, this, [this, id] {
            queueNextChunk(id);
            flush();
        });
    }
}

void DemoHttp2Connection::goaway(qint32 lastStreamId)
{
    nghttp2_submit_goaway(m_session, NGHTTP2_FLAG_NONE, lastStreamId, NGHTTP2_NO_ERROR, nullptr, 0);
    // Streams above the last one that already arrived are refused, never processed.
    for (const auto &[id, s] : m_streams) {
        if (id > lastStreamId && !s->routed) {
            s->routed = true;
            nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, id, NGHTTP2_REFUSED_STREAM);
        }
    }
}

void DemoHttp2Connection::startIdleTimer()
{
    if (m_idleTimeoutMs > 0 && m_requestCount > 0 && !m_closing)
        m_idleTimer.start(m_idleTimeoutMs);
}

void DemoHttp2Connection::closeGracefully()
{
    m_closing = true;
    m_socket->disconnectFromHost();
}

} // namespace mr
