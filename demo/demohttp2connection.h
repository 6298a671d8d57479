#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <map>
#include <memory>

class QTcpSocket;
struct nghttp2_session;

namespace mr {

class DemoRouter;

// One server-side HTTP/2 connection (h2 over TLS, or h2c by prior knowledge) on a server
// nghttp2 session. Its streams are routed by the same DemoRouter as HTTP/1.1 and answered
// side by side, each stamped with the X-Demo-* truth plus X-Demo-Stream; it carries out the
// /h2/ faults (RST_STREAM, GOAWAY, SETTINGS). Deletes itself when closed.
class DemoHttp2Connection : public QObject
{
    Q_OBJECT
public:
    struct Settings {
        quint32 maxConcurrentStreams = 100;
        quint32 initialWindowSize = 65535; // 1 makes every request body crawl a byte at a time
        bool sendSettings = true;          // false: never writes a byte (a client's timeout)
    };

    // The socket's unread bytes start with the client's preface. latencyMs as DemoConnection.
    DemoHttp2Connection(QTcpSocket *socket, int serial, bool tls, DemoRouter *router,
                        const Settings &settings, int idleTimeoutMs, int latencyMs = 0,
                        QObject *parent = nullptr);
    ~DemoHttp2Connection() override;

Q_SIGNALS:
    void closed();

private:
    struct Callbacks;
    struct Stream;

    Stream *stream(qint32 id) const;
    void onReadyRead();
    void receive(const QByteArray &bytes);
    void flush();
    void requestComplete(qint32 id);
    void answer(qint32 id);
    void queueNextChunk(qint32 id);
    void goaway(qint32 lastStreamId);
    void startIdleTimer();
    void closeGracefully();

    QTcpSocket *m_socket;
    DemoRouter *m_router;
    nghttp2_session *m_session = nullptr;
    const int m_serial;
    const bool m_tls;
    const int m_idleTimeoutMs;
    const int m_latencyMs;
    bool m_admitted = true;       // false while a new connection's latency runs
    bool m_windowByFrame = false; // windows handed back as DATA arrives, not by nghttp2
    bool m_silent = false;        // sendSettings off: reads, never writes
    bool m_receiving = false;
    bool m_closing = false;
    QByteArray m_early; // what arrived before admission
    int m_requestCount = 0;
    std::map<qint32, std::unique_ptr<Stream>> m_streams;
    QTimer m_idleTimer;
};

} // namespace mr
