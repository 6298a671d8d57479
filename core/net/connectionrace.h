#pragma once

#include <QAbstractSocket>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <functional>

class QTcpSocket;

namespace mr {

// Connects to the first of a name's addresses that answers, as Happy Eyeballs (RFC 8305)
// says: IPv6 and IPv4 addresses alternate; while an attempt has not answered within the
// attempt delay the next one starts beside it (the earlier keeps trying); a failure of any
// kind moves on to the next address at once; the first connection wins and the others are
// aborted. Only TCP races: TLS follows on the winner. Every address that did not give the
// connection is noted, with why.
class ConnectionRace : public QObject
{
    Q_OBJECT
public:
    // Makes an unconnected socket, configured as the connection wants it (TLS or not).
    using SocketFactory = std::function<QTcpSocket *()>;

    ConnectionRace(SocketFactory factory, quint16 port, int attemptDelayMs,
                   QObject *parent = nullptr);
    ~ConnectionRace() override;

    // The addresses in the order they are tried: families alternate, beginning with the
    // family of the first (the resolver's preference), each family keeping its own order.
    static QList<QHostAddress> interleaved(const QList<QHostAddress> &addresses);
    // "[::1]:8080", "127.0.0.1:8080".
    static QString endpoint(const QHostAddress &address, quint16 port);

    // Starts from the event loop: won() or lost() is never emitted from within start().
    void start(const QList<QHostAddress> &addresses);
    // Gives up (the connect timeout): attempts still running are noted as not answering.
    void abandon();
    bool isRunning() const { return m_running; }
    // What each address tried without success came to, in the order they were tried:
    // "[::1]:8080 refused", "192.0.2.1:8080 no answer before 127.0.0.1 answered".
    QStringList failures() const;

Q_SIGNALS:
    // The connected socket, now the receiver's: reparent it.
    void won(QTcpSocket *socket, const QHostAddress &address);
    // Every address failed: the last failure's error, and a message naming them all.
    void lost(QAbstractSocket::SocketError error, const QString &message);

private:
    struct Contender {
        QHostAddress address;
        QTcpSocket *socket = nullptr; // while it is trying
        QString failure;
    };

    void startNext();
    void onConnected(int index);
    void onFailed(int index);
    void drop(Contender &contender, const QString &failure);
    bool anyTrying() const;

    SocketFactory m_factory;
    const quint16 m_port;
    QList<QHostAddress> m_waiting; // not tried yet
    QList<Contender> m_contenders; // in the order they started
    QTimer m_attemptDelay;
    bool m_running = false;
};

} // namespace mr
