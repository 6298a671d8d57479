#pragma once

#include "demoserverthread.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrl>

namespace mr {

class HttpClient;

// The demo services behind the bundled demo workspace: the demo service (HTTP, and HTTPS
// with the bundled certificate) and a "distant" one with simulated latency (HTTP and HTTPS),
// each in a thread of its own. Owns the variables that point the workspace at them and the
// per-origin trust of the bundled certificate for their HTTPS origins — only those.
class DemoServices
{
public:
    // The distant service's simulated latency. 20 ms is a request to a service in another
    // data centre region: enough that a keep-alive comparison shows what a new connection
    // costs (over HTTPS it waits twice that, a round trip for TCP and one for TLS), small
    // enough that a whole run stays quick.
    static constexpr int DistantLatencyMs = 20;

    DemoServices();
    ~DemoServices();
    DemoServices(const DemoServices &) = delete;
    DemoServices &operator=(const DemoServices &) = delete;

    // Starts both services on free ports of 127.0.0.1 (nothing when they already run).
    // False with *error, and nothing left running, when one cannot start.
    bool start(QString *error);
    void stop();
    bool isRunning() const { return !m_local.httpUrl().isEmpty(); }

    QUrl httpUrl() const { return m_local.httpUrl(); }
    QUrl httpsUrl() const { return m_local.httpsUrl(); }
    QUrl distantHttpUrl() const { return m_distant.httpUrl(); }
    QUrl distantHttpsUrl() const { return m_distant.httpsUrl(); }

    // {baseUrl: http URL, secureBaseUrl: https URL, distantBaseUrl: the distant https URL}
    // (DemoWorkspace's variable names); empty while not running.
    QHash<QString, QString> variableOverrides() const;
    // Trusts the bundled certificate on the two HTTPS origins of these services, in this
    // client only; nothing when not running.
    void trustIn(HttpClient &client) const;

    // The bundled certificate and key (resources/demo-certificate), as resource paths.
    static QString certificateFile();
    static QString keyFile();
    // SHA-256 of the bundled certificate; empty if the resource is missing.
    static QByteArray certificateDigest();

private:
    DemoServerThread m_local;
    DemoServerThread m_distant;
};

} // namespace mr
