#pragma once

#include "http/http2session.h"
#include "http/httpresponsehead.h"
#include "poolconnection.h"
#include "responsedecoding.h"

#include <QTimer>
#include <map>
#include <memory>

namespace mr {

class BodyPartsDevice;
class Transfer;

// One HTTP/2 connection of the pool, in the engine thread: many requests at once, each on a
// stream of its own, framed by Http2Session over the socket ConnectionSetup gives (prior
// knowledge on http, ALPN "h2" on https). Streams start up to the server's
// SETTINGS_MAX_CONCURRENT_STREAMS; the pool queues the rest (their "blocked" phase).
class Http2Connection : public PoolConnection, private Http2Session::Listener
{
    Q_OBJECT
public:
    // The connection and a request that failed on it because of what it is, not the request.
    Http2Connection(OriginPool *pool, const TransferRequest &first, int serial, OpenReason reason,
                    const QList<QByteArray> &alpn);
    // Takes over a connection whose ALPN chose "h2"; startAfterHandover() runs its request.
    explicit Http2Connection(PoolConnection *from);
    ~Http2Connection() override;

    QByteArray protocol() const override { return QByteArrayLiteral("h2"); }
    bool isHttp2() const override { return true; }
    void open(Transfer *first) override;
    void run(Transfer *transfer) override;
    void close(CloseReason reason) override;
    void failTransfer(Transfer *transfer, QNetworkReply::NetworkError error, const QString &message,
                      CloseReason reason) override;
    void startAfterHandover(Transfer *first);

    // Whether the pool may give it more requests: open, no GOAWAY, shareable.
    bool acceptsStreams() const;
    // Requests it could start now besides those it carries (0 while its SETTINGS are unknown
    // and one request already waits, so a new connection learns the limit first).
    int freeStreams() const;
    int activeStreams() const { return int(m_streams.size() + m_waiting.size()); }
    int peakStreams() const { return m_peakStreams; }
    // Whether the server's SETTINGS came: until then the pool waits before opening another.
    bool knowsLimits() const { return m_settingsKnown; }
    double pingRttMs() const { return m_pingRttMs; }
    Http2Session::Settings serverSettings() const;
    void describe(ConnectionEvent *event) const override;

private:
    struct Stream;

    // Http2Session::Listener.
    void headersSending(qint32 stream) override;
    void requestSent(qint32 stream) override;
    void bodySent(qint32 stream, qint64 bytes) override;
    qint64 readBody(qint32 stream, char *to, qint64 max, bool *end) override;
    void responseBegins(qint32 stream) override;
    void responseHead(qint32 stream, const HttpResponseHead &head) override;
    void data(qint32 stream, const char *bytes, qsizetype size) override;
    void trailers(qint32 stream, const HttpHeaders &fields) override;
    void streamClosed(qint32 stream, quint32 errorCode) override;
    void streamNotSent(qint32 stream, int libraryError) override;
    void settingsReceived(const Http2Session::Settings &remote) override;
    void goawayReceived(qint32 lastStreamId, quint32 code, const QByteArray &debug) override;
    void pingAcknowledged(quint64 opaque) override;
    void windowOpened(qint32 stream) override;

    void onSetupReady();
    void onReadyRead();
    void onSocketError();
    void onIdleExpired() override;
    void startSession();
    void submit(Transfer *transfer);
    // Writes what the session has to send and then settles what its callbacks left to do.
    void pump();
    void settleClosedStreams();
    void completeStream(qint32 id, Stream &stream);
    void failStream(qint32 id, Stream &stream, QNetworkReply::NetworkError error,
                    const QString &message, bool notProcessed);
    bool decodeFailed(qint32 id, Stream &stream);
    void failConnection(QNetworkReply::NetworkError error, const QString &message,
                        bool serverClosed, CloseReason reason);
    void finishClose(CloseReason reason, bool dispatchNext);
    // Frames still queued (a GOAWAY), written before the socket closes.
    void writeLastFrames();
    void goIdleIfEmpty();
    Stream *streamOf(qint32 id);

    std::unique_ptr<Http2Session> m_session;
    std::map<qint32, std::unique_ptr<Stream>> m_streams;
    QList<Transfer *> m_waiting;                      // assigned before the session started
    std::vector<std::pair<qint32, quint32>> m_closed; // from callbacks, settled after them
    QList<qint32> m_toReset;                          // likewise
    bool m_pumping = false;
    bool m_pumpAgain = false;
    bool m_settingsChanged = false;
    bool m_goaway = false;
    bool m_noNewStreams = false; // ours: out of stream ids, or broken
    bool m_closingByClient = false;
    qint32 m_goawayLastStream = 0;
    QString m_goawayText;
    bool m_settingsKnown = false;
    QByteArray m_firstBytes; // "HTTP/1." tells an HTTP/1.1 server's answer
    bool m_shareable = true;
    bool m_offersHttp1 = false; // auto: ALPN may choose HTTP/1.1
    int m_peakStreams = 0;
    int m_completedStreams = 0;
    double m_pingSentAt = -1;
    double m_pingRttMs = -1;
    QTimer m_resumeTimer;   // consumes held-back windows once the caller caught up
    QTimer m_settingsTimer; // a server that never sends SETTINGS is not speaking HTTP/2
    int m_settingsTimeoutMs = 10000;
};

} // namespace mr
