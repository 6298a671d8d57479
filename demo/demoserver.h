#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QUrl>
#include <memory>

class QTcpServer;
class QSslServer;
class QTcpSocket;

namespace mr {

class DemoRouter;

// The demo microservice: listens for HTTP (and HTTPS, when given a certificate) on loopback
// and serves each connection with a DemoConnection (HTTP/1.x) or a DemoHttp2Connection:
// chosen by ALPN over TLS, and by the client's preface in cleartext (prior knowledge).
// Lives in the thread that calls listen().
class DemoServer : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 0;      // 0 picks a free port
        int tlsPort = -1;      // -1: no HTTPS; 0: a free port
        QString certFile;      // PEM certificate (chain) for HTTPS
        QString keyFile;       // PEM private key for HTTPS
        int idleTimeoutMs = 0; // close kept-alive connections idle this long; 0: never
        // Simulated network latency: each new connection waits this long before it is
        // served (twice over HTTPS: the TLS handshake's round trip), and each response's
        // first byte this long more; 0: none.
        int latencyMs = 0;
        // HTTP/2 beside HTTP/1.1: h2 by ALPN over TLS, h2c by prior knowledge in cleartext.
        bool http2 = true;
        quint32 h2MaxConcurrentStreams = 100;
        quint32 h2InitialWindowSize = 65535; // 1: request bodies come a byte per DATA frame
        bool h2SendSettings = true;          // false: an HTTP/2 connection never writes a byte
    };

    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;

    // False with *error set when an address is taken or the certificate can't be used.
    bool listen(const Options &options, QString *error);
    void close();

    QUrl httpUrl() const;
    QUrl httpsUrl() const; // empty without HTTPS
    int connectionsAccepted() const { return m_serial; }
    int openConnections() const { return m_open; }

Q_SIGNALS:
    void connectionOpened(int serial);
    void connectionClosed(int serial);

private:
    void accept(QTcpServer *server, bool tls);
    // Waits for the first bytes: HTTP/2's preface, or anything else for HTTP/1.x.
    void sniffPreface(QTcpSocket *socket, int serial);
    void serve(QTcpSocket *socket, int serial, bool tls, bool http2);
    void connectionEnded(int serial);
    QUrl urlFor(const QString &scheme, quint16 port) const;

    Options m_options;
    std::unique_ptr<DemoRouter> m_router;
    QTcpServer *m_http = nullptr;
    QSslServer *m_https = nullptr;
    int m_serial = 0;
    int m_open = 0;
};

} // namespace mr
