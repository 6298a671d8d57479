// Http2Session against a real nghttp2 *server* session, bytes shuttled in memory; and once
// against Debian's nghttpd over a loopback socket.
#include "http/http2requestfields.h"
#include "http/http2session.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <nghttp2/nghttp2.h>

#include <cstring>
#include <functional>
#include <map>
#include <vector>

using namespace mr;

using Fields = QList<Http2Session::Field>;

namespace {

// nghttp2 copies names and values on submit: the views need to live only for the call.
std::vector<nghttp2_nv> nameValues(const Fields &fields)
{
    std::vector<nghttp2_nv> nv;
    for (const Http2Session::Field &field : fields) {
        nv.push_back({reinterpret_cast<uint8_t *>(const_cast<char *>(field.first.data())),
                      reinterpret_cast<uint8_t *>(const_cast<char *>(field.second.data())),
                      size_t(field.first.size()), size_t(field.second.size()),
                      NGHTTP2_NV_FLAG_NONE});
    }
    return nv;
}

// The peer: nghttp2's own server session, answering as each test tells it.
class TestServer
{
public:
    struct Request {
        HttpHeaders fields;
        QByteArray body;
        bool complete = false;
    };

    explicit TestServer(std::initializer_list<nghttp2_settings_entry> initial = {
                            {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 100}})
    {
        const std::vector<nghttp2_settings_entry> settings(initial);
        nghttp2_session_callbacks *callbacks = nullptr;
        nghttp2_session_callbacks_new(&callbacks);
        nghttp2_session_callbacks_set_on_begin_headers_callback(
            callbacks, [](nghttp2_session *, const nghttp2_frame *frame, void *user) {
                static_cast<TestServer *>(user)->requests[frame->hd.stream_id];
                return 0;
            });
        nghttp2_session_callbacks_set_on_header_callback(
            callbacks,
            [](nghttp2_session *, const nghttp2_frame *frame, const uint8_t *name,
               size_t nameLength, const uint8_t *value, size_t valueLength, uint8_t, void *user) {
                static_cast<TestServer *>(user)->requests[frame->hd.stream_id].fields.append(
                    QByteArray(reinterpret_cast<const char *>(name), qsizetype(nameLength)),
                    QByteArray(reinterpret_cast<const char *>(value), qsizetype(valueLength)));
                return 0;
            });
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(
            callbacks, [](nghttp2_session *, uint8_t, int32_t id, const uint8_t *data,
                          size_t length, void *user) {
                static_cast<TestServer *>(user)->requests[id].body.append(
                    reinterpret_cast<const char *>(data), qsizetype(length));
                return 0;
            });
        nghttp2_session_callbacks_set_on_frame_recv_callback(
            callbacks, [](nghttp2_session *, const nghttp2_frame *frame, void *user) {
                auto *server = static_cast<TestServer *>(user);
                const bool ends = frame->hd.flags & NGHTTP2_FLAG_END_STREAM;
                if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) && ends) {
                    server->requests[frame->hd.stream_id].complete = true;
                    if (server->onRequest)
                        server->onRequest(frame->hd.stream_id);
                }
                return 0;
            });
        nghttp2_session_server_new(&m_session, callbacks, this);
        nghttp2_session_callbacks_del(callbacks);
        nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings.data(), settings.size());
    }
    ~TestServer() { nghttp2_session_del(m_session); }
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    bool receive(const QByteArray &bytes)
    {
        return nghttp2_session_mem_recv(m_session, reinterpret_cast<const uint8_t *>(bytes.data()),
                                        size_t(bytes.size())) == bytes.size();
    }

    QByteArray output()
    {
        QByteArray out;
        const uint8_t *frames = nullptr;
        ssize_t size;
        while ((size = nghttp2_session_mem_send(m_session, &frames)) > 0)
            out.append(reinterpret_cast<const char *>(frames), qsizetype(size));
        return out;
    }

    void respond(int32_t id, int status, const Fields &headers, const QByteArray &body,
                 const Fields &trailers = {})
    {
        Fields fields = {{":status", QByteArray::number(status)}};
        fields += headers;
        m_bodies[id] = {body, 0, trailers};
        nghttp2_data_provider provider{};
        provider.read_callback = [](nghttp2_session *session, int32_t stream, uint8_t *buffer,
                                    size_t length, uint32_t *flags, nghttp2_data_source *,
                                    void *user) -> ssize_t {
            Body &out = static_cast<TestServer *>(user)->m_bodies[stream];
            const size_t n = std::min(length, size_t(out.bytes.size()) - out.offset);
            memcpy(buffer, out.bytes.constData() + out.offset, n);
            out.offset += n;
            if (out.offset == size_t(out.bytes.size())) {
                *flags |= NGHTTP2_DATA_FLAG_EOF;
                if (!out.trailers.isEmpty()) {
                    *flags |= NGHTTP2_DATA_FLAG_NO_END_STREAM;
                    const std::vector<nghttp2_nv> nv = nameValues(out.trailers);
                    nghttp2_submit_trailer(session, stream, nv.data(), nv.size());
                }
            }
            return ssize_t(n);
        };
        const std::vector<nghttp2_nv> nv = nameValues(fields);
        QCOMPARE(nghttp2_submit_response(m_session, id, nv.data(), nv.size(), &provider), 0);
    }

    void interim(int32_t id, int status, const Fields &headers)
    {
        Fields fields = {{":status", QByteArray::number(status)}};
        fields += headers;
        const std::vector<nghttp2_nv> nv = nameValues(fields);
        nghttp2_submit_headers(m_session, NGHTTP2_FLAG_NONE, id, nullptr, nv.data(), nv.size(),
                               nullptr);
    }

    void reset(int32_t id, uint32_t code)
    {
        nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, id, code);
    }

    void goaway(int32_t lastStreamId, uint32_t code, const QByteArray &debug)
    {
        nghttp2_submit_goaway(m_session, NGHTTP2_FLAG_NONE, lastStreamId, code,
                              reinterpret_cast<const uint8_t *>(debug.data()),
                              size_t(debug.size()));
    }

    nghttp2_session *session() const { return m_session; }

    std::function<void(int32_t)> onRequest;
    std::map<int32_t, Request> requests;

private:
    struct Body {
        QByteArray bytes;
        size_t offset = 0;
        Fields trailers;
    };
    nghttp2_session *m_session = nullptr;
    std::map<int32_t, Body> m_bodies;
};

// Writes down every listener call, in order, and what each stream received.
class RecordingListener : public Http2Session::Listener
{
public:
    struct Stream {
        bool hasHead = false;
        HttpResponseHead head;
        QByteArray body;
        bool hasTrailers = false;
        HttpHeaders trailers;
        bool closed = false;
        quint32 closeCode = 0;
        bool resetByPeer = false;
        QString failure;
        qint64 bodySent = 0;
        int dataFrames = 0;
        int notSentError = 0;
    };

    void headersSending(qint32 stream) override { log("headersSending", stream); }
    void requestSent(qint32 stream) override { log("requestSent", stream); }
    void bodySent(qint32 stream, qint64 bytes) override
    {
        streams[stream].bodySent += bytes;
        ++streams[stream].dataFrames;
    }
    qint64 readBody(qint32 stream, char *to, qint64 max, bool *end) override
    {
        const QByteArray &body = uploads[stream];
        qint64 &offset = uploadOffsets[stream];
        const qint64 n = std::min(max, qint64(body.size()) - offset);
        memcpy(to, body.constData() + offset, size_t(n));
        offset += n;
        *end = offset == body.size();
        return n;
    }
    void responseBegins(qint32 stream) override { log("responseBegins", stream); }
    void responseHead(qint32 stream, const HttpResponseHead &head) override
    {
        log("responseHead", stream, head.status);
        streams[stream].hasHead = true;
        streams[stream].head = head;
    }
    void data(qint32 stream, const char *bytes, qsizetype size) override
    {
        if (events.isEmpty() || !events.last().startsWith("data " + QString::number(stream)))
            log("data", stream);
        streams[stream].body.append(bytes, size);
        session->consumeConnection(size);
        session->consumeStream(stream, size);
    }
    void trailers(qint32 stream, const HttpHeaders &fields) override
    {
        log("trailers", stream);
        streams[stream].hasTrailers = true;
        streams[stream].trailers = fields;
    }
    void streamClosed(qint32 stream, quint32 errorCode) override
    {
        log("streamClosed", stream, int(errorCode));
        Stream &s = streams[stream];
        s.closed = true;
        s.closeCode = errorCode;
        s.resetByPeer = session->streamResetByPeer(stream);
        s.failure = session->streamFailure(stream);
    }
    void streamNotSent(qint32 stream, int libraryError) override
    {
        log("streamNotSent", stream);
        streams[stream].notSentError = libraryError;
    }
    void settingsReceived(const Http2Session::Settings &remote) override
    {
        log("settingsReceived", 0);
        settings = remote;
    }
    void goawayReceived(qint32 lastStreamId, quint32 code, const QByteArray &debug) override
    {
        log("goawayReceived", lastStreamId, int(code));
        goawayDebug = debug;
    }
    void pingAcknowledged(quint64 opaque) override { pings.append(opaque); }
    void windowOpened(qint32 stream) override { windowsOpened.append(stream); }

    qsizetype indexOf(const QString &event) const { return events.indexOf(event); }

    Http2Session *session = nullptr;
    QStringList events;
    std::map<qint32, Stream> streams;
    std::map<qint32, QByteArray> uploads;
    std::map<qint32, qint64> uploadOffsets;
    Http2Session::Settings settings;
    QByteArray goawayDebug;
    QList<quint64> pings;
    QList<qint32> windowsOpened;

private:
    void log(const char *what, qint32 stream, int value = -1)
    {
        QString line = QStringLiteral("%1 %2").arg(QLatin1String(what)).arg(stream);
        if (value >= 0)
            line += QStringLiteral(" %1").arg(value);
        events.append(line);
    }
};

// Shuttles bytes both ways until neither side has anything to say.
bool pump(Http2Session &client, TestServer &server)
{
    for (int round = 0; round < 1000000; ++round) {
        QByteArray up;
        if (!client.takeOutput(&up, 1 << 20))
            return false;
        if (!up.isEmpty() && !server.receive(up))
            return false;
        const QByteArray down = server.output();
        if (!down.isEmpty() && !client.receive(down))
            return false;
        if (up.isEmpty() && down.isEmpty())
            return true;
    }
    return false;
}

Fields getFields(const QByteArray &path)
{
    return Http2RequestFields::build("GET", "http", "test.example", path, {}, false, 0);
}

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + i / 251) & 0xff);
    return bytes;
}

} // namespace

class tst_Http2Session : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstOutputIsPrefaceSettingsWindowAndPing()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        QVERIFY(client.wantsWrite());
        QByteArray out;
        QVERIFY(client.takeOutput(&out, 1 << 20));
        QVERIFY(out.startsWith("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));

        TestServer server;
        QVERIFY(server.receive(out));
        QCOMPARE(
            nghttp2_session_get_remote_settings(server.session(), NGHTTP2_SETTINGS_ENABLE_PUSH),
            0u);
        QCOMPARE(nghttp2_session_get_remote_settings(server.session(),
                                                     NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE),
                 quint32(8 << 20));
        QCOMPARE(nghttp2_session_get_remote_window_size(server.session()), 64 << 20);
        QVERIFY(pump(client, server));
        QCOMPARE(listener.pings, QList<quint64>({Http2Session::FirstPingOpaque}));
        QCOMPARE(listener.events, QStringList({"settingsReceived 0"}));
        QVERIFY(listener.settings.received);
        QCOMPARE(listener.settings.maxConcurrentStreams, 100u);
        QVERIFY(client.remoteSettings().received);
    }

    void getWithBody()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        server.onRequest = [&](int32_t id) {
            server.respond(id, 200,
                           {{"content-type", "text/plain"}, {"x-multi", "a"}, {"x-multi", "b"}},
                           "hello over h2");
        };
        HttpHeaders headers;
        headers.append("Accept", "text/plain");
        const qint32 id = client.submitRequest(
            Http2RequestFields::build("GET", "https", "test.example", "/x?y=1", headers, false, 0),
            false);
        QCOMPARE(id, 1);
        QCOMPARE(client.openStreams(), 1);
        QVERIFY(pump(client, server));

        const HttpHeaders &seen = server.requests[id].fields;
        QCOMPARE(seen.value(":method"), QByteArray("GET"));
        QCOMPARE(seen.value(":scheme"), QByteArray("https"));
        QCOMPARE(seen.value(":authority"), QByteArray("test.example"));
        QCOMPARE(seen.value(":path"), QByteArray("/x?y=1"));
        QCOMPARE(seen.value("accept"), QByteArray("text/plain"));
        QVERIFY(server.requests[id].body.isEmpty());

        const RecordingListener::Stream &s = listener.streams[id];
        QVERIFY(s.hasHead);
        QCOMPARE(s.head.status, 200);
        QCOMPARE(s.head.headers.value("content-type"), QByteArray("text/plain"));
        QCOMPARE(s.head.headers.values("x-multi"), QList<QByteArray>({"a", "b"}));
        QVERIFY(!s.head.headers.contains(":status"));
        QCOMPARE(s.body, QByteArray("hello over h2"));
        QVERIFY(s.closed);
        QCOMPARE(s.closeCode, 0u);
        QVERIFY(!s.resetByPeer);
        QVERIFY(s.failure.isEmpty());
        QCOMPARE(s.dataFrames, 0);
        QCOMPARE(client.openStreams(), 0);

        // HEADERS carried END_STREAM: sent as it was packed, before anything came back.
        const QStringList order = {"headersSending 1",   "requestSent 1", "responseBegins 1",
                                   "responseHead 1 200", "data 1",        "streamClosed 1 0"};
        qsizetype last = -1;
        for (const QString &event : order) {
            const qsizetype at = listener.indexOf(event);
            QVERIFY2(at > last, qPrintable(event + " in " + listener.events.join(", ")));
            last = at;
        }
    }

    void postUploadsTheBody()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        server.onRequest = [&](int32_t id) {
            server.respond(id, 201, {}, QByteArray::number(server.requests[id].body.size()));
        };
        const QByteArray body = pattern(100 * 1024 + 17);
        HttpHeaders headers;
        headers.append("Content-Type", "application/octet-stream");
        const qint32 id = client.submitRequest(
            Http2RequestFields::build("POST", "http", "h", "/up", headers, true, body.size()),
            true);
        listener.uploads[id] = body;
        QVERIFY(pump(client, server));

        QCOMPARE(server.requests[id].fields.value(":method"), QByteArray("POST"));
        QCOMPARE(server.requests[id].fields.value("content-length"),
                 QByteArray::number(body.size()));
        QVERIFY(server.requests[id].body == body);
        const RecordingListener::Stream &s = listener.streams[id];
        QCOMPARE(s.bodySent, qint64(body.size()));
        QVERIFY(s.dataFrames >= 7); // 16 KiB frames at most
        QCOMPARE(s.head.status, 201);
        QCOMPARE(s.body, QByteArray::number(body.size()));
        QVERIFY(listener.indexOf("requestSent 1") < listener.indexOf("responseHead 1 201"));
    }

    void emptyBodyIsOneEmptyDataFrame()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        server.onRequest = [&](int32_t id) { server.respond(id, 204, {}, {}); };
        const qint32 id = client.submitRequest(
            Http2RequestFields::build("POST", "http", "h", "/", {}, true, 0), true);
        listener.uploads[id] = QByteArray();
        QVERIFY(pump(client, server));
        QVERIFY(server.requests[id].complete);
        QCOMPARE(server.requests[id].fields.value("content-length"), QByteArray("0"));
        QCOMPARE(listener.streams[id].dataFrames, 1);
        QCOMPARE(listener.streams[id].bodySent, qint64(0));
        QCOMPARE(listener.streams[id].head.status, 204);
        QVERIFY(listener.streams[id].closed);
    }

    void largeUploadWaitsForSmallWindows_data()
    {
        QTest::addColumn<quint32>("window");
        QTest::addColumn<int>("size");
        QTest::newRow("1-byte windows") << 1u << 3000;
        QTest::newRow("1000-byte windows, past the connection window") << 1000u << 1024 * 1024;
    }
    void largeUploadWaitsForSmallWindows()
    {
        QFETCH(quint32, window);
        QFETCH(int, size);
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server({{NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, window}});
        server.onRequest = [&](int32_t id) { server.respond(id, 200, {}, "ok"); };
        QVERIFY(pump(client, server)); // the server's SETTINGS first: its window applies
        QCOMPARE(client.remoteSettings().initialWindowSize, window);

        const QByteArray body = pattern(size);
        const qint32 id = client.submitRequest(
            Http2RequestFields::build("PUT", "http", "h", "/big", {}, true, body.size()), true);
        listener.uploads[id] = body;
        QByteArray first;
        QVERIFY(client.takeOutput(&first, 1 << 20));
        // One window's worth left; the rest waits for the server.
        QCOMPARE(listener.streams[id].bodySent, qint64(window));
        QCOMPARE(client.sendWindow(id), 0);
        QVERIFY(server.receive(first));

        QVERIFY(pump(client, server));
        QVERIFY(server.requests[id].body == body);
        const RecordingListener::Stream &s = listener.streams[id];
        QCOMPARE(s.bodySent, qint64(size));
        QVERIFY(s.dataFrames >= int(size / window));
        QVERIFY(listener.windowsOpened.contains(id));
        if (size > 65535)
            QVERIFY(listener.windowsOpened.contains(0));
        QCOMPARE(s.head.status, 200);
        QCOMPARE(s.closeCode, 0u);
    }

    void interimHeadsAreDropped()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        server.onRequest = [&](int32_t id) {
            server.interim(id, 103, {{"link", "</style.css>; rel=preload"}});
            server.respond(id, 200, {{"content-type", "text/html"}}, "<p>");
        };
        const qint32 id = client.submitRequest(getFields("/"), false);
        QVERIFY(pump(client, server));
        const RecordingListener::Stream &s = listener.streams[id];
        QCOMPARE(s.head.status, 200);
        QVERIFY(!s.head.headers.contains("link"));
        QCOMPARE(s.head.headers.value("content-type"), QByteArray("text/html"));
        QCOMPARE(s.body, QByteArray("<p>"));
        QCOMPARE(listener.events.count("responseBegins 1"), qsizetype(1));
        QCOMPARE(listener.events.filter("responseHead").size(), qsizetype(1));
    }

    void trailersFollowTheBody()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        server.onRequest = [&](int32_t id) {
            server.respond(id, 200, {{"trailer", "grpc-status"}}, "payload",
                           {{"grpc-status", "0"}, {"grpc-message", "fine"}});
        };
        const qint32 id = client.submitRequest(getFields("/t"), false);
        QVERIFY(pump(client, server));
        const RecordingListener::Stream &s = listener.streams[id];
        QCOMPARE(s.body, QByteArray("payload"));
        QVERIFY(s.hasTrailers);
        QCOMPARE(s.trailers.fields(),
                 QList<HttpHeaders::Field>({{"grpc-status", "0"}, {"grpc-message", "fine"}}));
        QVERIFY(!s.head.headers.contains("grpc-status"));
        QCOMPARE(s.closeCode, 0u);
        QVERIFY(listener.indexOf("data 1") < listener.indexOf("trailers 1"));
        QVERIFY(listener.indexOf("trailers 1") < listener.indexOf("streamClosed 1 0"));
    }

    void serverResetClosesWithItsCode()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        server.onRequest = [&](int32_t id) { server.reset(id, NGHTTP2_ENHANCE_YOUR_CALM); };
        const qint32 id = client.submitRequest(getFields("/calm"), false);
        QVERIFY(pump(client, server));
        const RecordingListener::Stream &s = listener.streams[id];
        QVERIFY(s.closed);
        QCOMPARE(s.closeCode, quint32(NGHTTP2_ENHANCE_YOUR_CALM));
        QVERIFY(s.resetByPeer);
        QVERIFY(s.failure.isEmpty());
        QVERIFY(!s.hasHead);
        QCOMPARE(Http2Session::errorCodeName(s.closeCode), QString("ENHANCE_YOUR_CALM (0xb)"));
        QCOMPARE(client.openStreams(), 0);
    }

    void ownResetDropsWhatIsStillInFlight()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        const qint32 id = client.submitRequest(getFields("/slow"), false);
        QVERIFY(pump(client, server));
        QVERIFY(server.requests[id].complete);

        // The answer is already on its way when we give up (an abort, a timeout).
        server.respond(id, 200, {}, "too late");
        client.resetStream(id, NGHTTP2_CANCEL);
        QVERIFY(client.receive(server.output()));
        QVERIFY(pump(client, server));
        const RecordingListener::Stream &s = listener.streams[id];
        QVERIFY(s.closed);
        QCOMPARE(s.closeCode, quint32(NGHTTP2_CANCEL));
        QVERIFY(!s.resetByPeer);
        QVERIFY(!s.hasHead);
        QVERIFY(s.body.isEmpty());
        QCOMPARE(client.openStreams(), 0);
    }

    void goawayRefusesTheStreamsAboveItsLastId()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        QList<int32_t> arrived;
        server.onRequest = [&](int32_t id) { arrived.append(id); };
        const qint32 first = client.submitRequest(getFields("/1"), false);
        const qint32 second = client.submitRequest(getFields("/2"), false);
        const qint32 third = client.submitRequest(getFields("/3"), false);
        QVERIFY(pump(client, server));
        QCOMPARE(arrived, QList<int32_t>({first, second, third}));

        server.respond(first, 200, {}, "first");
        server.goaway(first, NGHTTP2_NO_ERROR, "maintenance");
        QVERIFY(pump(client, server));

        QCOMPARE(listener.goawayDebug, QByteArray("maintenance"));
        const qsizetype goaway = listener.indexOf("goawayReceived 1 0");
        QVERIFY2(goaway >= 0, qPrintable(listener.events.join(", ")));
        for (qint32 refused : {second, third}) {
            const RecordingListener::Stream &s = listener.streams[refused];
            QCOMPARE(s.closeCode, quint32(NGHTTP2_REFUSED_STREAM));
            QVERIFY(!s.hasHead);
            QVERIFY(listener.indexOf(QString("streamClosed %1 7").arg(refused)) > goaway);
        }
        QCOMPARE(listener.streams[first].body, QByteArray("first"));
        QCOMPARE(listener.streams[first].closeCode, 0u);

        // A request after the GOAWAY never leaves, and is reported as not sent, not closed.
        const qint32 late = client.submitRequest(getFields("/late"), false);
        QVERIFY(late > third);
        QVERIFY(pump(client, server));
        QCOMPARE(listener.streams[late].notSentError, int(NGHTTP2_ERR_START_STREAM_NOT_ALLOWED));
        QVERIFY(!listener.streams[late].closed);
        QVERIFY(!server.requests.count(late));
        QCOMPARE(client.openStreams(), 0);
    }

    void pingIsAcknowledged()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        QVERIFY(pump(client, server));
        client.ping(42);
        client.ping(0x0102030405060708ull);
        QVERIFY(pump(client, server));
        QCOMPARE(listener.pings,
                 QList<quint64>({Http2Session::FirstPingOpaque, 42, 0x0102030405060708ull}));
    }

    void tooManyHeaderFieldsResetOnlyThatStream()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        const qint32 flooded = client.submitRequest(getFields("/flood"), false);
        const qint32 fine = client.submitRequest(getFields("/fine"), false);
        server.onRequest = [&](int32_t id) {
            Fields many;
            for (int i = 0; i < (id == flooded ? 1001 : 10); ++i)
                many.append({"x-field-" + QByteArray::number(i), "v"});
            server.respond(id, 200, many, "body of " + QByteArray::number(id));
        };
        QVERIFY(pump(client, server));

        const RecordingListener::Stream &bad = listener.streams[flooded];
        QVERIFY(bad.closed);
        QCOMPARE(bad.closeCode, quint32(NGHTTP2_INTERNAL_ERROR));
        QCOMPARE(bad.failure, QString("Response too large: more than 1000 header fields"));
        QVERIFY(!bad.resetByPeer);
        QVERIFY(!bad.hasHead);
        QVERIFY(bad.body.isEmpty());

        const RecordingListener::Stream &good = listener.streams[fine];
        QCOMPARE(good.head.status, 200);
        QCOMPARE(good.head.headers.size(), qsizetype(10));
        QCOMPARE(good.body, "body of " + QByteArray::number(fine));
        QCOMPARE(good.closeCode, 0u);

        // The connection carries on.
        server.onRequest = [&](int32_t id) { server.respond(id, 200, {}, "again"); };
        const qint32 next = client.submitRequest(getFields("/next"), false);
        QVERIFY(pump(client, server));
        QCOMPARE(listener.streams[next].body, QByteArray("again"));
        QVERIFY(client.errorString().isEmpty());
    }

    void oversizedHeaderBytesResetTheStream()
    {
        RecordingListener listener;
        Http2Session::LocalSettings settings;
        settings.responseLimits.maxHeadBytes = 200;
        Http2Session client(&listener, settings);
        listener.session = &client;
        TestServer server;
        server.onRequest = [&](int32_t id) {
            server.respond(id, 200, {{"x-big", QByteArray(300, 'b')}}, "x");
        };
        const qint32 id = client.submitRequest(getFields("/"), false);
        QVERIFY(pump(client, server));
        QCOMPARE(listener.streams[id].closeCode, quint32(NGHTTP2_INTERNAL_ERROR));
        QCOMPARE(listener.streams[id].failure,
                 QString("Response too large: header fields over 200 bytes"));
    }

    void statusBelow100ResetsTheStream()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        server.onRequest = [&](int32_t id) {
            const Fields fields = {{":status", "050"}}; // outlives the views nameValues makes
            const std::vector<nghttp2_nv> nv = nameValues(fields);
            nghttp2_submit_response(server.session(), id, nv.data(), nv.size(), nullptr);
        };
        const qint32 id = client.submitRequest(getFields("/"), false);
        QVERIFY(pump(client, server));
        const RecordingListener::Stream &s = listener.streams[id];
        QVERIFY(!s.hasHead);
        QVERIFY(s.closed);
        QCOMPARE(s.closeCode, quint32(NGHTTP2_PROTOCOL_ERROR));
        QCOMPARE(s.failure, QString("the response's status 050 is not an HTTP status"));
    }

    void http1AnswerIsRefused()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        client.submitRequest(getFields("/"), false);
        QByteArray out;
        QVERIFY(client.takeOutput(&out, 1 << 20));
        QVERIFY(
            !client.receive(QByteArray("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")));
        QVERIFY2(client.errorString().contains("HTTP/1.1"), qPrintable(client.errorString()));
        QVERIFY(!client.receive(QByteArray("more")));

        // However the answer is split.
        Http2Session again(&listener);
        listener.session = &again;
        QVERIFY(again.takeOutput(&out, 1 << 20));
        const QByteArray answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        bool ok = true;
        for (qsizetype i = 0; i < answer.size() && ok; ++i)
            ok = again.receive(answer.constData() + i, 1);
        QVERIFY(!ok);
        QVERIFY2(again.errorString().contains("answered in HTTP/1.1"),
                 qPrintable(again.errorString()));
    }

    void garbageFramesBreakTheConnection()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        QVERIFY(pump(client, server));
        // DATA on stream 0 is a connection error (RFC 9113 §6.1).
        const QByteArray bad("\x00\x00\x01\x00\x00\x00\x00\x00\x00x", 10);
        QVERIFY(!client.receive(bad));
        QVERIFY(client.errorString().startsWith("HTTP/2 protocol error: "));
        QVERIFY2(client.errorString().size() > 25, qPrintable(client.errorString()));
        // nghttp2 queued a GOAWAY: it is what the owner writes before closing.
        QByteArray out;
        QVERIFY(client.takeOutput(&out, 1 << 20));
        QVERIFY(out.size() >= 17);
        QCOMPARE(int(out[3]), int(NGHTTP2_GOAWAY));
        QVERIFY(!client.wantsRead());
        QVERIFY(!client.wantsWrite());
    }

    void shutdownSendsGoaway()
    {
        RecordingListener listener;
        Http2Session client(&listener);
        listener.session = &client;
        TestServer server;
        QVERIFY(pump(client, server));
        client.shutdown(NGHTTP2_NO_ERROR);
        QByteArray out;
        QVERIFY(client.takeOutput(&out, 1 << 20));
        QCOMPARE(int(out[3]), int(NGHTTP2_GOAWAY));
        QVERIFY(!client.wantsWrite());
        QVERIFY(client.errorString().isEmpty());
    }

    void errorCodesAreNamed()
    {
        QCOMPARE(Http2Session::errorCodeName(0), QString("NO_ERROR (0x0)"));
        QCOMPARE(Http2Session::errorCodeName(7), QString("REFUSED_STREAM (0x7)"));
        QCOMPARE(Http2Session::errorCodeName(0xd), QString("HTTP_1_1_REQUIRED (0xd)"));
        QCOMPARE(Http2Session::errorCodeName(0x1f), QString("unknown error code (0x1f)"));
    }

    // The one test over a socket: Debian's nghttpd (cleartext, prior knowledge) serves a file.
    void nghttpdServesAFile()
    {
        QString nghttpd = QStandardPaths::findExecutable("nghttpd");
        if (nghttpd.isEmpty())
            nghttpd = QStandardPaths::findExecutable("nghttpd", {"/usr/sbin", "/usr/local/sbin"});
        if (nghttpd.isEmpty())
            QSKIP("nghttpd is not installed (Debian: apt-get install nghttp2-server)");

        QTemporaryDir docroot;
        QVERIFY(docroot.isValid());
        const QByteArray content = pattern(300 * 1000);
        QFile file(docroot.filePath("payload.bin"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(content), content.size());
        file.close();

        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();

        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(nghttpd,
                     {"--no-tls", "-a", "127.0.0.1", QString::number(port), "-d", docroot.path()});
        QVERIFY2(server.waitForStarted(5000), qPrintable(server.errorString()));
        const auto stop = qScopeGuard([&] {
            server.terminate();
            if (!server.waitForFinished(3000))
                server.kill();
            server.waitForFinished(3000);
        });

        QTcpSocket socket;
        QElapsedTimer waited;
        waited.start();
        while (true) {
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (socket.waitForConnected(200))
                break;
            socket.abort();
            QVERIFY2(server.state() == QProcess::Running,
                     qPrintable("nghttpd exited: " + server.readAll()));
            QVERIFY2(waited.elapsed() < 10000, "nghttpd did not listen within 10 s");
            QTest::qWait(50);
        }

        RecordingListener listener;
        Http2Session session(&listener);
        listener.session = &session;
        const qint32 id = session.submitRequest(
            Http2RequestFields::build("GET", "http", "127.0.0.1:" + QByteArray::number(port),
                                      "/payload.bin", {}, false, 0),
            false);
        QVERIFY(id > 0);

        QElapsedTimer deadline;
        deadline.start();
        while (!listener.streams[id].closed) {
            QVERIFY2(deadline.elapsed() < 10000, qPrintable(listener.events.join(", ")));
            QByteArray out;
            QVERIFY(session.takeOutput(&out, 1 << 20));
            if (!out.isEmpty()) {
                QCOMPARE(socket.write(out), out.size());
                while (socket.bytesToWrite() > 0)
                    QVERIFY(socket.waitForBytesWritten(5000));
            }
            if (socket.bytesAvailable() > 0 || socket.waitForReadyRead(200))
                QVERIFY2(session.receive(socket.readAll()), qPrintable(session.errorString()));
            QVERIFY2(socket.state() == QAbstractSocket::ConnectedState,
                     qPrintable(socket.errorString()));
        }

        const RecordingListener::Stream &s = listener.streams[id];
        QCOMPARE(s.closeCode, 0u);
        QCOMPARE(s.head.status, 200);
        QCOMPARE(s.head.headers.value("content-length"), QByteArray::number(content.size()));
        QCOMPARE(s.body.size(), content.size());
        QVERIFY(s.body == content);
        QVERIFY(listener.settings.received);

        session.shutdown(NGHTTP2_NO_ERROR);
        QByteArray goodbye;
        QVERIFY(session.takeOutput(&goodbye, 1 << 20));
        socket.write(goodbye);
        socket.waitForBytesWritten(1000);
        socket.disconnectFromHost();
    }
};

QTEST_GUILESS_MAIN(tst_Http2Session)
#include "tst_http2session.moc"
