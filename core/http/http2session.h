#pragma once

#include "httpheaders.h"
#include "httpresponsehead.h"
#include "httpresponseparser.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace mr {

// HTTP/2's wire codec: a client nghttp2 session that works on bytes only. The owner feeds
// what the socket read into receive() and writes what takeOutput() gives; everything the
// frames mean arrives as calls on a Listener. No sockets, no QObject, no event loop, so
// tests and the fuzzer drive it from memory. nghttp2's types stay in the .cpp: folders
// above need no nghttp2 include path.
class Http2Session
{
public:
    using Field = QPair<QByteArray, QByteArray>;

    // The server's SETTINGS (RFC 9113 §6.5.2 defaults until they arrive).
    struct Settings {
        quint32 maxConcurrentStreams = 100;
        quint32 initialWindowSize = 65535;
        quint32 maxFrameSize = 16384;
        quint32 headerTableSize = 4096;
        quint32 maxHeaderListSize = 0xffffffff;
        bool received = false;
    };

    // What we announce. ENABLE_PUSH is always 0: we never accept pushed streams.
    struct LocalSettings {
        quint32 streamWindow = 8 << 20;      // SETTINGS_INITIAL_WINDOW_SIZE
        quint32 connectionWindow = 64 << 20; // raised by a WINDOW_UPDATE on stream 0
        // The same limits as an HTTP/1.1 head: past them only that stream is reset.
        HttpResponseParser::Limits responseLimits;
    };

    // Called only from inside receive() and takeOutput(). A listener may read the session
    // and consume windows there, but submits, resets and deletes after those return.
    class Listener
    {
    public:
        virtual ~Listener() = default;
        virtual void headersSending(qint32 stream) = 0;         // our HEADERS is being packed
        virtual void requestSent(qint32 stream) = 0;            // the frame with END_STREAM packed
        virtual void bodySent(qint32 stream, qint64 bytes) = 0; // one DATA frame packed
        // Up to `max` body bytes into `to`; *end at the last. 0 without *end: not ready
        // (resumeBody() later). -1: the body cannot be read, the stream is reset.
        virtual qint64 readBody(qint32 stream, char *to, qint64 max, bool *end) = 0;
        virtual void responseBegins(qint32 stream) = 0; // the stream's first response HEADERS
        // The final head (1xx heads are dropped). Its version fields stay HTTP/1's until
        // HttpResponseHead learns a major version; the caller knows it is HTTP/2.
        virtual void responseHead(qint32 stream, const HttpResponseHead &head) = 0;
        // Body bytes as they come. The connection window is the owner's to consume
        // (consumeConnection), and the stream's (consumeStream): no window opens by itself.
        virtual void data(qint32 stream, const char *bytes, qsizetype size) = 0;
        virtual void trailers(qint32 stream, const HttpHeaders &fields) = 0;
        // The stream ended: 0 (NO_ERROR) after a complete response, else the RST_STREAM
        // code (the server's, or ours: see streamResetByPeer and streamFailure). A response
        // this session refused never closes with 0, even if it ended before our reset left.
        virtual void streamClosed(qint32 stream, quint32 errorCode) = 0;
        // The request never left (e.g. the server's GOAWAY came first): nothing was sent.
        virtual void streamNotSent(qint32 stream, int libraryError) = 0;
        virtual void settingsReceived(const Settings &remote) = 0;
        // Then every stream above lastStreamId is closed with REFUSED_STREAM.
        virtual void goawayReceived(qint32 lastStreamId, quint32 code, const QByteArray &debug) = 0;
        virtual void pingAcknowledged(quint64 opaque) = 0;
        virtual void windowOpened(qint32 stream) = 0; // WINDOW_UPDATE; 0: the connection's
    };

    // The constructor queues the preface, SETTINGS, the connection WINDOW_UPDATE and a
    // PING carrying FirstPingOpaque, so the first takeOutput() measures a round trip.
    static constexpr quint64 FirstPingOpaque = 0;

    explicit Http2Session(Listener *listener);
    Http2Session(Listener *listener, const LocalSettings &settings);
    ~Http2Session();
    Http2Session(const Http2Session &) = delete;
    Http2Session &operator=(const Http2Session &) = delete;

    // Queues a request (fields as Http2RequestFields::build gives them). With hasBody the
    // listener's readBody supplies DATA (an empty body is one empty DATA frame); without,
    // HEADERS ends the stream. Returns the stream id, or a negative nghttp2 error.
    qint32 submitRequest(const QList<Field> &fields, bool hasBody);
    void resumeBody(qint32 stream);
    void resetStream(qint32 stream, quint32 code);
    void ping(quint64 opaque);
    void consumeConnection(qsizetype bytes);
    void consumeStream(qint32 stream, qsizetype bytes);
    // GOAWAY with `code`; the session then wants to neither read nor write once it is out.
    void shutdown(quint32 code);

    // Feeds bytes from the server. False when they broke the connection (a protocol error,
    // not HTTP/2 at all): errorString() says why, and the GOAWAY nghttp2 queued is output.
    bool receive(const char *bytes, qsizetype size);
    bool receive(const QByteArray &bytes) { return receive(bytes.constData(), bytes.size()); }
    // Appends frames to `out` until it holds `limit` bytes or nothing is left to send.
    // False on a fatal library error (errorString()).
    bool takeOutput(QByteArray *out, qsizetype limit);

    bool wantsWrite() const;
    bool wantsRead() const;
    Settings remoteSettings() const;
    // What the stream may still send: the smaller of its window and the connection's
    // (stream 0: the connection's alone). -1 for a stream nghttp2 does not know.
    qint32 sendWindow(qint32 stream) const;
    // Streams submitted and neither closed nor refused before sending.
    int openStreams() const;

    // Valid while streamClosed runs: whether the server's RST_STREAM ended the stream, and
    // why this session reset it itself (a header limit, an unreadable body), else empty.
    bool streamResetByPeer(qint32 stream) const;
    QString streamFailure(qint32 stream) const;

    QString errorString() const;
    // "REFUSED_STREAM (0x7)"; a code RFC 9113 does not name is "unknown error code (0x…)".
    static QString errorCodeName(quint32 code);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace mr
