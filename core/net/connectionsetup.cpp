#include "connectionsetup.h"

#include "connectionrace.h"
#include "hostlookup.h"
#include "transfer.h"

#include <QSslSocket>

namespace mr {

namespace {

constexpr qint64 ReadBufferBytes = 1024 * 1024;

} // namespace

ConnectionSetup::ConnectionSetup(const TransferRequest &first, QList<QByteArray> alpn,
                                 const PoolSettings &settings, Clock clock, QObject *parent)
    : QObject(parent)
    , m_origin(first.origin)
    , m_tlsConfiguration(first.tls)
    , m_proxy(first.proxy)
    , m_sslErrors(first.origin, first.trustedCertificateDigests)
    , m_alpn(std::move(alpn))
    , m_settings(settings)
    , m_clock(std::move(clock))
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, &ConnectionSetup::onTimeout);
}

ConnectionSetup::~ConnectionSetup() = default;

QNetworkReply::NetworkError ConnectionSetup::replyError(QAbstractSocket::SocketError error)
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

void ConnectionSetup::start(Transfer *first)
{
    m_first = first;
    m_running = true;
    if (first->request().connectTimeoutMs > 0)
        m_connectTimer.start(first->request().connectTimeoutMs);
    if (m_proxy) {
        // The proxy resolves the name (SOCKS5 remote DNS, CONNECT); "tcp" is the tunnel.
        adoptSocket(createSocket());
        connect(m_socket, &QTcpSocket::connected, this, &ConnectionSetup::onConnected);
        m_timestamps.tcpStart = m_clock();
        m_socket->connectToHost(m_origin.host, m_origin.port);
        return;
    }
    QHostAddress literal;
    if (literal.setAddress(m_origin.host)) {
        race({literal});
        return;
    }
    const auto table = m_settings.resolve.constFind(m_origin.host);
    if (table != m_settings.resolve.constEnd() && !table->isEmpty()) {
        m_timestamps.dnsStart = m_timestamps.dnsEnd = m_clock(); // answered at once
        race(*table);
        return;
    }
    m_timestamps.dnsStart = m_clock();
    m_lookup = new HostLookup(this);
    connect(m_lookup, &HostLookup::finished, this, &ConnectionSetup::onResolved);
    m_lookup->start(m_origin.host);
}

QTcpSocket *ConnectionSetup::createSocket() const
{
    QTcpSocket *socket = nullptr;
    if (m_origin.isTls()) {
        auto *tls = new QSslSocket;
        QSslConfiguration configuration =
            m_tlsConfiguration.value_or(QSslConfiguration::defaultConfiguration());
        configuration.setAllowedNextProtocols(m_alpn);
        tls->setSslConfiguration(configuration);
        tls->setPeerVerifyName(m_origin.host);
        // Certificate problems wait for a decision (trusted exception, the caller's
        // ignoreSslErrors()) instead of failing at once.
        tls->setPauseMode(QAbstractSocket::PauseOnSslErrors);
        socket = tls;
    } else {
        socket = new QTcpSocket;
    }
    // Bounded, so that a connection that stops reading stops receiving.
    socket->setReadBufferSize(ReadBufferBytes);
    // Never the application's default proxy: HttpClient chose, per URL, as QNAM would.
    socket->setProxy(m_proxy.value_or(QNetworkProxy(QNetworkProxy::NoProxy)));
    return socket;
}

void ConnectionSetup::adoptSocket(QTcpSocket *socket)
{
    socket->setParent(this);
    m_socket = socket;
    m_tlsSocket = qobject_cast<QSslSocket *>(socket);
    if (m_tlsSocket) {
        connect(m_tlsSocket, &QSslSocket::encrypted, this, &ConnectionSetup::onEncrypted);
        connect(m_tlsSocket, &QSslSocket::sslErrors, this, &ConnectionSetup::onSslErrors);
    }
    connect(m_socket, &QTcpSocket::errorOccurred, this, &ConnectionSetup::onSocketError);
}

void ConnectionSetup::onTimeout()
{
    if (!m_running)
        return;
    QString tried;
    if (m_race && m_race->isRunning()) {
        m_race->abandon();
        m_connectFailures = m_race->failures();
        tried = QStringLiteral(" (%1)").arg(m_connectFailures.join(QStringLiteral("; ")));
    }
    fail(QNetworkReply::TimeoutError,
         QStringLiteral("Connect timeout: no connection to %1:%2 within %3 ms%4")
             .arg(m_origin.host)
             .arg(m_origin.port)
             .arg(m_connectTimer.interval())
             .arg(tried),
         false);
}

void ConnectionSetup::onResolved(const QList<QHostAddress> &addresses, const QString &error)
{
    std::exchange(m_lookup, nullptr)->deleteLater();
    m_timestamps.dnsEnd = m_clock();
    if (addresses.isEmpty()) {
        fail(QNetworkReply::HostNotFoundError,
             QStringLiteral("Host %1 not found (%2)").arg(m_origin.host, error), false);
        return;
    }
    race(addresses);
}

void ConnectionSetup::race(const QList<QHostAddress> &addresses)
{
    m_timestamps.tcpStart = m_clock();
    m_race = new ConnectionRace([this] { return createSocket(); }, m_origin.port,
                                m_settings.connectionAttemptDelayMs, this);
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
                fail(replyError(error), message, false);
            });
    m_race->start(addresses);
}

void ConnectionSetup::onConnected()
{
    m_timestamps.tcpEnd = m_clock();
    if (m_proxy)
        m_peer = QHostAddress(m_proxy->hostName());
    m_peerAddress = m_peer.toString(); // once: every request on the connection records it
    m_localPort = m_socket->localPort();
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_tlsSocket) {
        m_tlsSocket->startClientEncryption();
        return;
    }
    finish();
}

void ConnectionSetup::onEncrypted()
{
    m_timestamps.tlsEnd = m_clock();
    m_negotiatedProtocol = m_tlsSocket->sslConfiguration().nextNegotiatedProtocol();
    finish();
}

void ConnectionSetup::onSslErrors(const QList<QSslError> &errors)
{
    const QList<QSslError> remaining = m_sslErrors.untrusted(errors);
    const TransferRequest *request = m_first ? &m_first->request() : nullptr;
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
    if (m_first) {
        m_first->reportSslErrors(remaining);
        m_first->flush();
    }
}

void ConnectionSetup::resumeAfterSslErrors(bool ignore, const QList<QSslError> &errors)
{
    if (!m_running || !m_tlsSocket || m_pendingSslErrors.isEmpty())
        return;
    const QList<QSslError> pending = std::exchange(m_pendingSslErrors, {});
    if (!SslErrorTriage::coveredByDecision(pending, ignore, errors)) {
        fail(QNetworkReply::SslHandshakeFailedError, m_sslErrors.describe(pending), false);
        return;
    }
    m_verificationOverridden = true;
    m_tlsSocket->ignoreSslErrors();
    m_tlsSocket->resume();
}

void ConnectionSetup::onSocketError()
{
    if (!m_running)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::SocketTimeoutError)
        return; // we keep our own timeouts
    if (error == QAbstractSocket::SslHandshakeFailedError && m_tlsSocket) {
        fail(QNetworkReply::SslHandshakeFailedError,
             m_sslErrors.describe(m_tlsSocket->sslHandshakeErrors()), false);
        return;
    }
    QString message = m_socket->errorString();
    if (error == QAbstractSocket::ConnectionRefusedError)
        message = QStringLiteral("Connection refused");
    fail(replyError(error), message, error == QAbstractSocket::RemoteHostClosedError);
}

void ConnectionSetup::finish()
{
    m_running = false;
    m_connectTimer.stop();
    Q_EMIT ready();
}

void ConnectionSetup::fail(QNetworkReply::NetworkError error, const QString &message,
                           bool serverClosed)
{
    abandon();
    Q_EMIT failed(error, message, serverClosed);
}

void ConnectionSetup::abandon()
{
    m_running = false;
    m_connectTimer.stop();
    if (m_lookup)
        delete std::exchange(m_lookup, nullptr); // its thread ends on its own
    if (m_race)
        m_race->abandon();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QTcpSocket *ConnectionSetup::takeSocket(QObject *owner)
{
    m_socket->disconnect(this);
    m_socket->setParent(owner);
    m_tlsSocket = nullptr;
    return std::exchange(m_socket, nullptr);
}

} // namespace mr
