#pragma once

#include "poolsettings.h"
#include "sslerrortriage.h"
#include "transferrequest.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QNetworkReply>
#include <QObject>
#include <QTimer>
#include <functional>

class QSslSocket;
class QTcpSocket;

namespace mr {

class ConnectionRace;
class HostLookup;
class Transfer;

// Everything before a connection's first request, in the engine thread: the name lookup
// (or the --resolve table), the Happy Eyeballs race, the proxy (SOCKS5 or CONNECT), TLS with
// ALPN and its pause for certificate decisions, and the connect timeout. Gives a connected
// (and encrypted) socket and when each phase began and ended, for any kind of connection.
class ConnectionSetup : public QObject
{
    Q_OBJECT
public:
    // When each phase began and ended, on the pool's clock; -1: the phase did not happen.
    struct Timestamps {
        double dnsStart = -1, dnsEnd = -1, tcpStart = -1, tcpEnd = -1, tlsEnd = -1;
    };
    using Clock = std::function<double()>;

    // alpn: the protocols TLS offers, most wanted first (not used for cleartext).
    ConnectionSetup(const TransferRequest &first, QList<QByteArray> alpn,
                    const PoolSettings &settings, Clock clock, QObject *parent);
    ~ConnectionSetup() override;

    // As QNAM reports a socket's error.
    static QNetworkReply::NetworkError replyError(QAbstractSocket::SocketError error);

    // Connects for `first`, which hears about TLS errors and decides them.
    void start(Transfer *first);
    // The first request's decision on the TLS errors it was told about.
    void resumeAfterSslErrors(bool ignore, const QList<QSslError> &errors);
    // Stops whatever is still running; the socket, if still held here, is aborted.
    void abandon();
    // After ready(): the socket, with its signals to this object cut, for `owner` to keep.
    QTcpSocket *takeSocket(QObject *owner);

    const Timestamps &timestamps() const { return m_timestamps; }
    // The ALPN protocol TLS agreed on; empty for cleartext or when the server chose none.
    QByteArray negotiatedProtocol() const { return m_negotiatedProtocol; }
    // TLS errors were ignored for the first request only: the connection is not shareable.
    bool verificationOverridden() const { return m_verificationOverridden; }
    // The address connected to (the proxy's, through a proxy), once TCP is connected.
    QString peerAddress() const { return m_peerAddress; }
    quint16 localPort() const { return m_localPort; }
    // The addresses tried that did not give this connection, and why.
    QStringList connectFailures() const { return m_connectFailures; }

Q_SIGNALS:
    void ready();
    void failed(QNetworkReply::NetworkError error, const QString &message, bool serverClosed);

private:
    // A configured socket, not yet this setup's (several may race for it).
    QTcpSocket *createSocket() const;
    void adoptSocket(QTcpSocket *socket);
    void onTimeout();
    void onResolved(const QList<QHostAddress> &addresses, const QString &error);
    void race(const QList<QHostAddress> &addresses);
    void onConnected();
    void onEncrypted();
    void onSslErrors(const QList<QSslError> &errors);
    void onSocketError();
    void finish();
    void fail(QNetworkReply::NetworkError error, const QString &message, bool serverClosed);

    const Origin m_origin;
    const std::optional<QSslConfiguration> m_tlsConfiguration;
    const std::optional<QNetworkProxy> m_proxy;
    const SslErrorTriage m_sslErrors;
    const QList<QByteArray> m_alpn;
    const PoolSettings &m_settings; // the engine's, read when each phase starts
    const Clock m_clock;
    Transfer *m_first = nullptr;
    bool m_running = false;

    QTcpSocket *m_socket = nullptr;
    QSslSocket *m_tlsSocket = nullptr; // m_socket, when TLS
    HostLookup *m_lookup = nullptr;    // while the name is being resolved
    ConnectionRace *m_race = nullptr;  // until a connection is made
    QTimer m_connectTimer;
    QHostAddress m_peer;
    QString m_peerAddress; // m_peer as text
    quint16 m_localPort = 0;
    QStringList m_connectFailures;
    QList<QSslError> m_pendingSslErrors;
    Timestamps m_timestamps;
    QByteArray m_negotiatedProtocol;
    bool m_verificationOverridden = false;
};

} // namespace mr
