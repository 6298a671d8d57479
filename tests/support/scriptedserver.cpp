#include "scriptedserver.h"

#include <QTcpSocket>
#include <memory>

ScriptedServer::ScriptedServer(Script script, QObject *parent)
    : QObject(parent)
    , m_script(std::move(script))
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedServer::onNewConnection);
}

void ScriptedServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_connections;
        auto buffer = std::make_shared<QByteArray>();
        auto index = std::make_shared<int>(0);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer, index] {
            *buffer += socket->readAll();
            while (true) {
                const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                if (headEnd < 0)
                    return;
                qint64 length = 0;
                for (const QByteArray &line : buffer->left(headEnd).split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                if (buffer->size() < headEnd + 4 + length)
                    return;
                const QByteArray request = buffer->left(headEnd + 4 + length);
                buffer->remove(0, request.size());
                m_requests.append(request);
                const Answer answer = m_script(request, ++*index);
                socket->write(answer.bytes);
                if (answer.closeAfter) {
                    socket->disconnectFromHost();
                    return;
                }
            }
        });
    }
}
