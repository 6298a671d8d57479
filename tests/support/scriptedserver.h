#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <functional>

// A real TCP server on 127.0.0.1 that answers each request with bytes the test scripts —
// for responses the demo service would never send (trailers, 1xx, malformed framing).
// Runs in the test's thread; use it with asynchronous clients.
class ScriptedServer : public QObject
{
    Q_OBJECT
public:
    struct Answer {
        QByteArray bytes;
        bool closeAfter = false;
    };
    // Called with the raw request (head and body) and the 1-based index on its connection.
    using Script = std::function<Answer(const QByteArray &request, int index)>;

    explicit ScriptedServer(Script script, QObject *parent = nullptr);
    quint16 port() const { return m_server.serverPort(); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }
    int connections() const { return m_connections; }
    const QList<QByteArray> &requests() const { return m_requests; }

private:
    void onNewConnection();

    QTcpServer m_server;
    Script m_script;
    int m_connections = 0;
    QList<QByteArray> m_requests;
};
