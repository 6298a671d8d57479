#include "http2session.h"

#include <QtEndian>

#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace mr {

namespace {

QByteArrayView bytesView(const uint8_t *bytes, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(bytes), qsizetype(size));
}

} // namespace

struct Http2Session::Private {
    // What the session tracks of one request between submit and close.
    struct Stream {
        int status = 0;
        HttpHeaders fields; // of the header block being received
        qsizetype headerBytes = 0;
        bool responseBegan = false;
        bool finalHead = false;
        bool resetByPeer = false;
        bool resetByUs = false;
        QString failure;                               // set when this session refused the response
        uint32_t failureCode = NGHTTP2_INTERNAL_ERROR; // what its RST_STREAM says
    };

    Listener *listener = nullptr;
    LocalSettings local;
    nghttp2_session *session = nullptr;
    std::unordered_map<int32_t, Stream> streams; // open ones only
    bool goawayReceived = false;
    bool shutdownRequested = false;
    QByteArray firstBytes; // the server's first 7, to recognise an HTTP/1.1 answer
    bool settingsReceived = false;
    QString libraryMessage; // nghttp2's last word on what went wrong
    QString error;

    ~Private()
    {
        if (session)
            nghttp2_session_del(session);
    }

    static Private *of(void *user) { return static_cast<Private *>(user); }

    Stream *stream(int32_t id)
    {
        const auto it = streams.find(id);
        return it == streams.end() ? nullptr : &it->second;
    }

    Settings remoteSettings() const
    {
        const auto get = [this](nghttp2_settings_id id) {
            return nghttp2_session_get_remote_settings(session, id);
        };
        Settings s;
        s.maxConcurrentStreams = get(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS);
        s.initialWindowSize = get(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE);
        s.maxFrameSize = get(NGHTTP2_SETTINGS_MAX_FRAME_SIZE);
        s.headerTableSize = get(NGHTTP2_SETTINGS_HEADER_TABLE_SIZE);
        s.maxHeaderListSize = get(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE);
        s.received = settingsReceived;
        return s;
    }

    QString describe(const QString &what) const
    {
        QString text = QStringLiteral("HTTP/2 protocol error: ") + what;
        if (!libraryMessage.isEmpty() && libraryMessage != what)
            text += QStringLiteral(" (") + libraryMessage + QLatin1Char(')');
        return text;
    }

    static int onBeginHeaders(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        Private *d = of(user);
        Stream *s = frame->hd.type == NGHTTP2_HEADERS ? d->stream(frame->hd.stream_id) : nullptr;
        if (!s)
            return 0;
        s->fields = HttpHeaders();
        s->headerBytes = 0;
        if (!s->responseBegan) {
            s->responseBegan = true;
            d->listener->responseBegins(frame->hd.stream_id);
        }
        return 0;
    }

    static int onHeader(nghttp2_session *, const nghttp2_frame *frame, const uint8_t *name,
                        size_t nameLength, const uint8_t *value, size_t valueLength, uint8_t,
                        void *user)
    {
        Private *d = of(user);
        Stream *s = frame->hd.type == NGHTTP2_HEADERS ? d->stream(frame->hd.stream_id) : nullptr;
        if (!s)
            return 0;
        const QByteArrayView n = bytesView(name, nameLength);
        const QByteArrayView v = bytesView(value, valueLength);
        // Counted as an HTTP/1.1 head would be ("name: value\r\n"), so both have one limit.
        s->headerBytes += n.size() + v.size() + 4;
        const HttpResponseParser::Limits &limits = d->local.responseLimits;
        if (s->fields.size() >= limits.maxFields) {
            s->failure = QStringLiteral("Response too large: more than %1 header fields")
                             .arg(limits.maxFields);
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE; // resets this stream only
        }
        if (s->headerBytes > limits.maxHeadBytes) {
            s->failure = QStringLiteral("Response too large: header fields over %1 bytes")
                             .arg(limits.maxHeadBytes);
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
        }
        if (n == ":status") {
            // nghttp2 has checked it: three digits, once, before the other fields.
            s->status = v.toInt();
            return 0;
        }
        s->fields.append(n.toByteArray(), v.toByteArray());
        return 0;
    }

    static void onHeadersReceived(Private *d, int32_t id)
    {
        Stream *s = d->stream(id);
        if (!s || s->resetByUs || !s->failure.isEmpty())
            return; // being reset: nothing more of it is the listener's
        if (s->finalHead) {
            // nghttp2 lets a second block through only with END_STREAM: trailers.
            const HttpHeaders trailers = std::move(s->fields);
            s->fields = HttpHeaders();
            d->listener->trailers(id, trailers);
            return;
        }
        if (s->status < 100) {
            // nghttp2 checks three digits only: "000" or "099" is no status (RFC 9110 §15).
            s->failure = QStringLiteral("the response's status %1 is not an HTTP status")
                             .arg(s->status, 3, 10, QLatin1Char('0'));
            s->failureCode = NGHTTP2_PROTOCOL_ERROR;
            nghttp2_submit_rst_stream(d->session, NGHTTP2_FLAG_NONE, id, s->failureCode);
            return;
        }
        if (s->status < 200) {
            s->status = 0; // interim (100, 103…): the final head follows
            s->fields = HttpHeaders();
            return;
        }
        s->finalHead = true;
        HttpResponseHead head;
        head.status = s->status;
        head.headers = std::move(s->fields);
        s->fields = HttpHeaders();
        d->listener->responseHead(id, head);
    }

    static int onFrameRecv(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        Private *d = of(user);
        const int32_t id = frame->hd.stream_id;
        switch (frame->hd.type) {
        case NGHTTP2_HEADERS: onHeadersReceived(d, id); break;
        case NGHTTP2_SETTINGS:
            if (!(frame->hd.flags & NGHTTP2_FLAG_ACK)) {
                d->settingsReceived = true;
                d->listener->settingsReceived(d->remoteSettings());
            }
            break;
        case NGHTTP2_GOAWAY:
            d->goawayReceived = true;
            d->listener->goawayReceived(
                frame->goaway.last_stream_id, frame->goaway.error_code,
                bytesView(frame->goaway.opaque_data, frame->goaway.opaque_data_len).toByteArray());
            break;
        case NGHTTP2_PING:
            if (frame->hd.flags & NGHTTP2_FLAG_ACK)
                d->listener->pingAcknowledged(qFromBigEndian<quint64>(frame->ping.opaque_data));
            break;
        case NGHTTP2_RST_STREAM:
            if (Stream *s = d->stream(id))
                s->resetByPeer = true;
            break;
        case NGHTTP2_WINDOW_UPDATE: d->listener->windowOpened(id); break;
        default: break;
        }
        return 0;
    }

    static int onDataChunk(nghttp2_session *session, uint8_t, int32_t id, const uint8_t *data,
                           size_t length, void *user)
    {
        Private *d = of(user);
        Stream *s = d->stream(id);
        if (!s || !s->finalHead || s->resetByUs || !s->failure.isEmpty()) {
            // Nobody reads these: give the connection window back, or it would shrink for good.
            nghttp2_session_consume_connection(session, length);
            return 0;
        }
        d->listener->data(id, reinterpret_cast<const char *>(data), qsizetype(length));
        return 0;
    }

    static int onStreamClose(nghttp2_session *, int32_t id, uint32_t code, void *user)
    {
        Private *d = of(user);
        const Stream *s = d->stream(id);
        if (!s)
            return 0;
        // A refused response that ended (END_STREAM) before our RST_STREAM left closed
        // cleanly for nghttp2; it failed for the listener all the same.
        const bool refused = !s->failure.isEmpty() && code == NGHTTP2_NO_ERROR;
        d->listener->streamClosed(id, refused ? s->failureCode : code);
        d->streams.erase(id); // looked up again: the listener may have submitted meanwhile
        return 0;
    }

    static bool isRequestHeaders(const nghttp2_frame *frame)
    {
        return frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST;
    }

    static int beforeFrameSend(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        if (isRequestHeaders(frame))
            of(user)->listener->headersSending(frame->hd.stream_id);
        return 0;
    }

    static int onFrameSend(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        Private *d = of(user);
        const int32_t id = frame->hd.stream_id;
        if (frame->hd.type == NGHTTP2_DATA)
            d->listener->bodySent(id, qint64(frame->hd.length));
        if ((frame->hd.type == NGHTTP2_DATA || isRequestHeaders(frame)) &&
            (frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
            d->listener->requestSent(id);
        return 0;
    }

    static int onFrameNotSend(nghttp2_session *, const nghttp2_frame *frame, int libraryError,
                              void *user)
    {
        Private *d = of(user);
        const int32_t id = frame->hd.stream_id;
        if (!isRequestHeaders(frame) || !d->stream(id))
            return 0;
        // Forgotten before the listener hears it, so the close nghttp2 may add is not reported.
        d->streams.erase(id);
        d->listener->streamNotSent(id, libraryError);
        return 0;
    }

    static int onInvalidFrame(nghttp2_session *, const nghttp2_frame *frame, int libraryError,
                              void *user)
    {
        of(user)->libraryMessage = QStringLiteral("invalid frame of type %1 on stream %2: %3")
                                       .arg(frame->hd.type)
                                       .arg(frame->hd.stream_id)
                                       .arg(QString::fromUtf8(nghttp2_strerror(libraryError)));
        return 0;
    }

    static int onError(nghttp2_session *, int, const char *message, size_t length, void *user)
    {
        of(user)->libraryMessage = QString::fromUtf8(message, qsizetype(length));
        return 0;
    }

    static ssize_t readBody(nghttp2_session *, int32_t id, uint8_t *buffer, size_t length,
                            uint32_t *flags, nghttp2_data_source *, void *user)
    {
        Private *d = of(user);
        bool end = false;
        const qint64 read =
            d->listener->readBody(id, reinterpret_cast<char *>(buffer), qint64(length), &end);
        if (read < 0 || read > qint64(length)) {
            if (Stream *s = d->stream(id))
                s->failure = QStringLiteral("the request body could not be read");
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE; // RST_STREAM INTERNAL_ERROR
        }
        if (end)
            *flags |= NGHTTP2_DATA_FLAG_EOF;
        else if (read == 0)
            return NGHTTP2_ERR_DEFERRED; // until resumeBody()
        return ssize_t(read);
    }
};

Http2Session::Http2Session(Listener *listener, const LocalSettings &settings)
    : d(std::make_unique<Private>())
{
    d->listener = listener;
    d->local = settings;

    nghttp2_session_callbacks *callbacks = nullptr;
    nghttp2_option *option = nullptr;
    if (nghttp2_session_callbacks_new(&callbacks) != 0 || nghttp2_option_new(&option) != 0)
        qFatal("nghttp2: out of memory");
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &Private::onBeginHeaders);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &Private::onHeader);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &Private::onFrameRecv);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &Private::onDataChunk);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &Private::onStreamClose);
    nghttp2_session_callbacks_set_before_frame_send_callback(callbacks, &Private::beforeFrameSend);
    nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, &Private::onFrameSend);
    nghttp2_session_callbacks_set_on_frame_not_send_callback(callbacks, &Private::onFrameNotSend);
    nghttp2_session_callbacks_set_on_invalid_frame_recv_callback(callbacks,
                                                                 &Private::onInvalidFrame);
    nghttp2_session_callbacks_set_error_callback2(callbacks, &Private::onError);
    // The owner consumes what it has read (back-pressure per stream), nghttp2 does not.
    nghttp2_option_set_no_auto_window_update(option, 1);
    // nghttp2's own assumption until the server's SETTINGS, stated so that it stays ours.
    nghttp2_option_set_peer_max_concurrent_streams(option, 100);
    const int created = nghttp2_session_client_new2(&d->session, callbacks, d.get(), option);
    nghttp2_option_del(option);
    nghttp2_session_callbacks_del(callbacks);
    if (created != 0)
        qFatal("nghttp2: cannot create a session: %s", nghttp2_strerror(created));

    const nghttp2_settings_entry entries[] = {
        {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE,
         std::min<quint32>(settings.streamWindow, 0x7fffffff)},
    };
    nghttp2_submit_settings(d->session, NGHTTP2_FLAG_NONE, entries, std::size(entries));
    nghttp2_session_set_local_window_size(
        d->session, NGHTTP2_FLAG_NONE, 0,
        int32_t(std::min<quint32>(settings.connectionWindow, 0x7fffffff)));
    ping(FirstPingOpaque);
}

Http2Session::Http2Session(Listener *listener)
    : Http2Session(listener, LocalSettings())
{}

Http2Session::~Http2Session() = default;

qint32 Http2Session::submitRequest(const QList<Field> &fields, bool hasBody)
{
    std::vector<nghttp2_nv> headers;
    headers.reserve(size_t(fields.size()));
    for (const Field &field : fields) {
        // nghttp2 copies names and values (no NO_COPY flags): `fields` may go away.
        headers.push_back({reinterpret_cast<uint8_t *>(const_cast<char *>(field.first.data())),
                           reinterpret_cast<uint8_t *>(const_cast<char *>(field.second.data())),
                           size_t(field.first.size()), size_t(field.second.size()),
                           NGHTTP2_NV_FLAG_NONE});
    }
    nghttp2_data_provider body{};
    body.read_callback = &Private::readBody;
    const int32_t id = nghttp2_submit_request(d->session, nullptr, headers.data(), headers.size(),
                                              hasBody ? &body : nullptr, nullptr);
    if (id > 0)
        d->streams.emplace(id, Private::Stream());
    return id;
}

void Http2Session::resumeBody(qint32 stream)
{
    nghttp2_session_resume_data(d->session, stream);
}

void Http2Session::resetStream(qint32 stream, quint32 code)
{
    if (Private::Stream *s = d->stream(stream))
        s->resetByUs = true;
    nghttp2_submit_rst_stream(d->session, NGHTTP2_FLAG_NONE, stream, code);
}

void Http2Session::ping(quint64 opaque)
{
    uint8_t bytes[8];
    qToBigEndian(opaque, bytes);
    nghttp2_submit_ping(d->session, NGHTTP2_FLAG_NONE, bytes);
}

void Http2Session::consumeConnection(qsizetype bytes)
{
    nghttp2_session_consume_connection(d->session, size_t(bytes));
}

void Http2Session::consumeStream(qint32 stream, qsizetype bytes)
{
    // Fails harmlessly for a stream that has closed meanwhile: its window no longer matters.
    nghttp2_session_consume_stream(d->session, stream, size_t(bytes));
}

void Http2Session::shutdown(quint32 code)
{
    d->shutdownRequested = true;
    nghttp2_session_terminate_session(d->session, code);
}

bool Http2Session::receive(const char *bytes, qsizetype size)
{
    if (!d->error.isEmpty())
        return false;
    if (d->firstBytes.size() < 7)
        d->firstBytes += QByteArrayView(bytes, size).first(qMin(size, 7 - d->firstBytes.size()));
    const ssize_t used = nghttp2_session_mem_recv(
        d->session, reinterpret_cast<const uint8_t *>(bytes), size_t(size));
    // A connection error either fails the call or, as nghttp2 mostly does, queues a GOAWAY
    // that ends the session, and the call succeeds. Only then, of the reasons nghttp2 knows,
    // does it refuse new requests while we neither stopped, heard a GOAWAY, nor ran out of
    // stream ids (want_read stays true until that GOAWAY is written).
    const bool terminated = used >= 0 && !nghttp2_session_check_request_allowed(d->session) &&
                            !d->shutdownRequested && !d->goawayReceived &&
                            nghttp2_session_get_next_stream_id(d->session) <= 0x7fffffffu;
    if (used >= 0 && !terminated)
        return true;

    if (d->firstBytes == "HTTP/1.")
        d->error = d->describe(QStringLiteral("the server answered in HTTP/1.1, not HTTP/2"));
    else if (used < 0)
        d->error = d->describe(QString::fromUtf8(nghttp2_strerror(int(used))));
    else
        d->error = d->describe(d->libraryMessage.isEmpty()
                                   ? QStringLiteral("the server's frames broke the protocol")
                                   : d->libraryMessage);
    return false;
}

bool Http2Session::takeOutput(QByteArray *out, qsizetype limit)
{
    while (out->size() < limit) {
        const uint8_t *frames = nullptr;
        const ssize_t size = nghttp2_session_mem_send(d->session, &frames);
        if (size < 0) {
            d->error = d->describe(QString::fromUtf8(nghttp2_strerror(int(size))));
            return false;
        }
        if (size == 0)
            break;
        out->append(reinterpret_cast<const char *>(frames), qsizetype(size));
    }
    return true;
}

bool Http2Session::wantsWrite() const
{
    return nghttp2_session_want_write(d->session) != 0;
}

bool Http2Session::wantsRead() const
{
    return nghttp2_session_want_read(d->session) != 0;
}

Http2Session::Settings Http2Session::remoteSettings() const
{
    return d->remoteSettings();
}

qint32 Http2Session::sendWindow(qint32 stream) const
{
    const int32_t connection = nghttp2_session_get_remote_window_size(d->session);
    if (stream == 0)
        return connection;
    const int32_t own = nghttp2_session_get_stream_remote_window_size(d->session, stream);
    return own < 0 ? -1 : std::min(own, connection);
}

int Http2Session::openStreams() const
{
    return int(d->streams.size());
}

bool Http2Session::streamResetByPeer(qint32 stream) const
{
    const Private::Stream *s = d->stream(stream);
    return s && s->resetByPeer;
}

QString Http2Session::streamFailure(qint32 stream) const
{
    const Private::Stream *s = d->stream(stream);
    return s ? s->failure : QString();
}

QString Http2Session::errorString() const
{
    return d->error;
}

QString Http2Session::errorCodeName(quint32 code)
{
    // RFC 9113 §7.
    static const char *const names[] = {"NO_ERROR",
                                        "PROTOCOL_ERROR",
                                        "INTERNAL_ERROR",
                                        "FLOW_CONTROL_ERROR",
                                        "SETTINGS_TIMEOUT",
                                        "STREAM_CLOSED",
                                        "FRAME_SIZE_ERROR",
                                        "REFUSED_STREAM",
                                        "CANCEL",
                                        "COMPRESSION_ERROR",
                                        "CONNECT_ERROR",
                                        "ENHANCE_YOUR_CALM",
                                        "INADEQUATE_SECURITY",
                                        "HTTP_1_1_REQUIRED"};
    const QString hex = QStringLiteral(" (0x%1)").arg(code, 0, 16);
    if (code < std::size(names))
        return QLatin1String(names[code]) + hex;
    return QStringLiteral("unknown error code") + hex;
}

} // namespace mr
