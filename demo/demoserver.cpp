#include "demoserver.h"

#include "democonnection.h"
#include "demohttp2connection.h"
#include "demorouter.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

namespace mr {

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
    , m_router(std::make_unique<DemoRouter>())
{}

DemoServer::~DemoServer() = default;

static bool loadTlsConfiguration(const DemoServer::Options &options, QSslConfiguration *config,
                                 QString *error)
{
    if (options.certFile.isEmpty() || options.keyFile.isEmpty()) {
        *error = QStringLiteral("HTTPS needs --cert FILE and --key FILE (PEM)");
        return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(options.certFile, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("%1: no PEM certificate could be read").arg(options.certFile);
        return false;
    }
    QFile keyFile(options.keyFile);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(options.keyFile, keyFile.errorString());
        return false;
    }
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = QStringLiteral("%1: no unencrypted PEM private key (RSA, EC or DSA) could be read")
                     .arg(options.keyFile);
        return false;
    }
    *config = QSslConfiguration::defaultConfiguration();
    config->setLocalCertificateChain(chain);
    config->setPrivateKey(key);
    config->setPeerVerifyMode(QSslSocket::VerifyNone);
    QList<QByteArray> protocols;
    if (options.http2)
        protocols.append(QSslConfiguration::ALPNProtocolHTTP2);
    protocols.append(QSslConfiguration::NextProtocolHttp1_1);
    config->setAllowedNextProtocols(protocols);
    return true;
}

bool DemoServer::listen(const Options &options, QString *error)
{
    close();
    m_options = options;
    QHostAddress address;
    if (options.host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(options.host)) {
        *error = QStringLiteral("--host: \"%1\" is not an IP address").arg(options.host);
        return false;
    }
    m_http = new QTcpServer(this);
    if (!m_http->listen(address, options.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(options.host)
                     .arg(options.port)
                     .arg(m_http->errorString());
        close();
        return false;
    }
    connect(m_http, &QTcpServer::pendingConnectionAvailable, this,
            [this] { accept(m_http, false); });

    if (options.tlsPort >= 0) {
        QSslConfiguration config;
        if (!loadTlsConfiguration(options, &config, error)) {
            close();
            return false;
        }
        m_https = new QSslServer(this);
        m_https->setSslConfiguration(config);
        if (!m_https->listen(address, quint16(options.tlsPort))) {
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(options.host)
                         .arg(options.tlsPort)
                         .arg(m_https->errorString());
            close();
            return false;
        }
        connect(m_https, &QTcpServer::pendingConnectionAvailable, this,
                [this] { accept(m_https, true); });
    }
    return true;
}

void DemoServer::close()
{
    delete m_http;
    m_http = nullptr;
    delete m_https;
    m_https = nullptr;
}

void DemoServer::accept(QTcpServer *server, bool tls)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        const int serial = ++m_serial;
        ++m_open;
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        Q_EMIT connectionOpened(serial);
        if (tls) {
            // QSslServer hands over a socket only after the handshake, ALPN decided.
            const auto *secure = static_cast<QSslSocket *>(socket);
            serve(socket, serial, true,
                  secure->sslConfiguration().nextNegotiatedProtocol() ==
                      QSslConfiguration::ALPNProtocolHTTP2);
        } else if (m_options.http2) {
            sniffPreface(socket, serial);
        } else {
            serve(socket, serial, false, false);
        }
    }
}

void DemoServer::sniffPreface(QTcpSocket *socket, int serial)
{
    static const QByteArray preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    const auto decide = [this, socket, serial] {
        // Peeked, not read: the connection chosen reads the bytes itself.
        const QByteArray seen = socket->peek(preface.size());
        if (seen.size() < preface.size() && preface.startsWith(seen))
            return; // could still be either
        disconnect(socket, nullptr, this, nullptr);
        serve(socket, serial, false, seen == preface);
    };
    connect(socket, &QTcpSocket::readyRead, this, decide);
    connect(socket, &QTcpSocket::disconnected, this, [this, socket, serial] {
        socket->deleteLater();
        connectionEnded(serial);
    });
    decide();
}

void DemoServer::serve(QTcpSocket *socket, int serial, bool tls, bool http2)
{
    if (http2) {
        DemoHttp2Connection::Settings settings;
        settings.maxConcurrentStreams = m_options.h2MaxConcurrentStreams;
        settings.initialWindowSize = m_options.h2InitialWindowSize;
        settings.sendSettings = m_options.h2SendSettings;
        auto *h2 = new DemoHttp2Connection(socket, serial, tls, m_router.get(), settings,
                                           m_options.idleTimeoutMs, m_options.latencyMs, this);
        connect(h2, &DemoHttp2Connection::closed, this,
                [this, serial] { connectionEnded(serial); });
        return;
    }
    auto *h1 = new DemoConnection(socket, serial, tls, m_router.get(), m_options.idleTimeoutMs,
                                  m_options.latencyMs, this);
    connect(h1, &DemoConnection::closed, this, [this, serial] { connectionEnded(serial); });
}

void DemoServer::connectionEnded(int serial)
{
    --m_open;
    Q_EMIT connectionClosed(serial);
}

QUrl DemoServer::urlFor(const QString &scheme, quint16 port) const
{
    QUrl url;
    url.setScheme(scheme);
    url.setHost(m_options.host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1")
                                                             : m_options.host);
    url.setPort(port);
    return url;
}

QUrl DemoServer::httpUrl() const
{
    return m_http ? urlFor(QStringLiteral("http"), m_http->serverPort()) : QUrl();
}

QUrl DemoServer::httpsUrl() const
{
    return m_https ? urlFor(QStringLiteral("https"), m_https->serverPort()) : QUrl();
}

} // namespace mr
