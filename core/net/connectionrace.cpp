#include "connectionrace.h"

#include <QTcpSocket>

namespace mr {

ConnectionRace::ConnectionRace(SocketFactory factory, quint16 port, int attemptDelayMs,
                               QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
    , m_port(port)
{
    m_attemptDelay.setSingleShot(true);
    m_attemptDelay.setInterval(qMax(0, attemptDelayMs));
    connect(&m_attemptDelay, &QTimer::timeout, this, &ConnectionRace::startNext);
}

ConnectionRace::~ConnectionRace() = default; // sockets still trying are children

QList<QHostAddress> ConnectionRace::interleaved(const QList<QHostAddress> &addresses)
{
    if (addresses.isEmpty())
        return {};
    const auto family = [](const QHostAddress &a) {
        return a.protocol() == QAbstractSocket::IPv6Protocol;
    };
    const bool firstIsV6 = family(addresses.first());
    QList<QHostAddress> preferred;
    QList<QHostAddress> other;
    for (const QHostAddress &address : addresses)
        (family(address) == firstIsV6 ? preferred : other).append(address);
    QList<QHostAddress> order;
    for (qsizetype i = 0; i < qMax(preferred.size(), other.size()); ++i) {
        if (i < preferred.size())
            order.append(preferred[i]);
        if (i < other.size())
            order.append(other[i]);
    }
    return order;
}

QString ConnectionRace::endpoint(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                             : address.toString();
    return host + QLatin1Char(':') + QString::number(port);
}

void ConnectionRace::start(const QList<QHostAddress> &addresses)
{
    m_waiting = interleaved(addresses);
    m_running = true;
    QMetaObject::invokeMethod(this, &ConnectionRace::startNext, Qt::QueuedConnection);
}

void ConnectionRace::startNext()
{
    if (!m_running || m_waiting.isEmpty())
        return;
    Contender contender;
    contender.address = m_waiting.takeFirst();
    contender.socket = m_factory();
    contender.socket->setParent(this);
    const int index = int(m_contenders.size());
    m_contenders.append(contender);
    QTcpSocket *socket = contender.socket;
    connect(socket, &QTcpSocket::connected, this, [this, index] { onConnected(index); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, index] { onFailed(index); });
    if (!m_waiting.isEmpty())
        m_attemptDelay.start(); // the next address, if this one is slow to answer
    socket->connectToHost(contender.address, m_port);
}

bool ConnectionRace::anyTrying() const
{
    for (const Contender &contender : m_contenders) {
        if (contender.socket)
            return true;
    }
    return false;
}

void ConnectionRace::drop(Contender &contender, const QString &failure)
{
    contender.failure = failure;
    QTcpSocket *socket = std::exchange(contender.socket, nullptr);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater(); // may be inside its own signal
}

void ConnectionRace::onFailed(int index)
{
    Contender &contender = m_contenders[index];
    if (!m_running || !contender.socket)
        return;
    const QAbstractSocket::SocketError error = contender.socket->error();
    const QString where = endpoint(contender.address, m_port);
    const QString message = error == QAbstractSocket::ConnectionRefusedError
                                ? QStringLiteral("Connection refused")
                                : contender.socket->errorString();
    drop(contender, error == QAbstractSocket::ConnectionRefusedError
                        ? where + QStringLiteral(" refused")
                        : where + QStringLiteral(" failed: ") + message);
    if (!m_waiting.isEmpty()) {
        // Any failure moves on at once, without waiting for the attempt delay.
        m_attemptDelay.stop();
        QMetaObject::invokeMethod(this, &ConnectionRace::startNext, Qt::QueuedConnection);
        return;
    }
    if (anyTrying())
        return; // an earlier address may still answer
    m_running = false;
    // One address: its own message, as a single connect would say; more: each one's fate.
    Q_EMIT lost(
        error, m_contenders.size() == 1
                   ? message
                   : QStringLiteral("%1 (%2)").arg(message, failures().join(QStringLiteral("; "))));
}

void ConnectionRace::onConnected(int index)
{
    Contender &winner = m_contenders[index];
    if (!m_running || !winner.socket)
        return;
    m_running = false;
    m_attemptDelay.stop();
    const QString answered = winner.address.toString();
    for (Contender &other : m_contenders) {
        if (other.socket && &other != &winner)
            drop(other, endpoint(other.address, m_port) +
                            QStringLiteral(" no answer before %1 answered").arg(answered));
    }
    QTcpSocket *socket = std::exchange(winner.socket, nullptr);
    socket->disconnect(this);
    socket->setParent(nullptr);
    Q_EMIT won(socket, winner.address);
}

void ConnectionRace::abandon()
{
    if (!m_running)
        return;
    m_running = false;
    m_attemptDelay.stop();
    for (Contender &contender : m_contenders) {
        if (contender.socket)
            drop(contender, endpoint(contender.address, m_port) + QStringLiteral(" no answer"));
    }
}

QStringList ConnectionRace::failures() const
{
    QStringList list;
    for (const Contender &contender : m_contenders) {
        if (!contender.failure.isEmpty())
            list.append(contender.failure);
    }
    return list;
}

} // namespace mr
