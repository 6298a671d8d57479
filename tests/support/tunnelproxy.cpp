#include "tunnelproxy.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QtEndian>
#include <memory>

namespace {

void pipe(QTcpSocket *from, QTcpSocket *to)
{
    QObject::connect(from, &QTcpSocket::readyRead, to, [from, to] { to->write(from->readAll()); });
    QObject::connect(from, &QTcpSocket::disconnected, to, [to] { to->disconnectFromHost(); });
}

} // namespace

TunnelProxy::TunnelProxy(QObject *parent)
    : QObject(parent)
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &TunnelProxy::onNewConnection);
}

void TunnelProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        auto stage = std::make_shared<int>(0); // SOCKS5: 0 greeting, 1 request; CONNECT: 10
        auto established = std::make_shared<bool>(false);
        connect(client, &QTcpSocket::readyRead, this, [this, client, buffer, stage, established] {
            if (*established)
                return;
            *buffer += client->readAll();
            auto openTunnel = [this, client, buffer, established](const QString &kind,
                                                                  const QString &host, quint16 port,
                                                                  const QByteArray &reply) {
                m_tunnels.append(QStringLiteral("%1 %2:%3").arg(kind, host).arg(port));
                auto *target = new QTcpSocket(client);
                connect(target, &QTcpSocket::connected, client,
                        [client, target, buffer, reply, established] {
                            *established = true;
                            client->write(reply);
                            pipe(client, target);
                            pipe(target, client);
                            if (!buffer->isEmpty())
                                target->write(*buffer);
                            buffer->clear();
                        });
                connect(target, &QTcpSocket::errorOccurred, client, [client, established] {
                    if (!*established)
                        client->disconnectFromHost();
                });
                target->connectToHost(host, port);
            };
            if (*stage == 0 && buffer->startsWith('\x05')) {
                // Greeting: VER NMETHODS METHODS…; we take "no authentication".
                if (buffer->size() < 2 || buffer->size() < 2 + quint8(buffer->at(1)))
                    return;
                buffer->remove(0, 2 + quint8(buffer->at(1)));
                client->write(QByteArray("\x05\x00", 2));
                *stage = 1;
            }
            if (*stage == 1) {
                // Request: VER CMD RSV ATYP DST.ADDR DST.PORT
                if (buffer->size() < 5)
                    return;
                const quint8 type = quint8(buffer->at(3));
                QString host;
                qsizetype length = 0;
                if (type == 1) {
                    length = 4 + 4 + 2;
                    if (buffer->size() < length)
                        return;
                    host =
                        QHostAddress(qFromBigEndian<quint32>(buffer->constData() + 4)).toString();
                } else if (type == 3) {
                    const int nameLength = quint8(buffer->at(4));
                    length = 5 + nameLength + 2;
                    if (buffer->size() < length)
                        return;
                    host = QString::fromLatin1(buffer->mid(5, nameLength));
                } else {
                    length = 4 + 16 + 2;
                    if (buffer->size() < length)
                        return;
                    host = QHostAddress(reinterpret_cast<const quint8 *>(buffer->constData() + 4))
                               .toString();
                }
                const quint16 port = qFromBigEndian<quint16>(buffer->constData() + length - 2);
                buffer->remove(0, length);
                *stage = 2;
                openTunnel(QStringLiteral("socks5"), host, port,
                           QByteArray("\x05\x00\x00\x01\x7f\x00\x00\x01\x00\x00", 10));
                return;
            }
            if (*stage == 0 && buffer->startsWith("CONNECT ")) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QByteArray authority = buffer->mid(8, buffer->indexOf(' ', 8) - 8);
                buffer->remove(0, end + 4);
                *stage = 10;
                const qsizetype colon = authority.lastIndexOf(':');
                openTunnel(QStringLiteral("connect"), QString::fromLatin1(authority.left(colon)),
                           quint16(authority.mid(colon + 1).toUInt()),
                           "HTTP/1.1 200 Connection established\r\n\r\n");
            }
        });
    }
}
