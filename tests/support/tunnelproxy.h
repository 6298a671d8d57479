#pragma once

#include <QObject>
#include <QStringList>
#include <QTcpServer>

// A real proxy on 127.0.0.1 for tests: SOCKS5 (RFC 1928, no authentication, CONNECT) and
// HTTP CONNECT on the same port, told apart by the first byte. It records where each
// tunnel went and then copies bytes both ways.
class TunnelProxy : public QObject
{
    Q_OBJECT
public:
    explicit TunnelProxy(QObject *parent = nullptr);
    quint16 port() const { return m_server.serverPort(); }
    const QStringList &tunnels() const
    {
        return m_tunnels;
    } // "socks5 host:port", "connect host:port"

private:
    void onNewConnection();

    QTcpServer m_server;
    QStringList m_tunnels;
};
