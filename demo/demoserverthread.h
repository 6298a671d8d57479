#pragma once

#include "demoserver.h"

#include <QThread>

namespace mr {

// Runs a DemoServer in a thread of its own, so the service embedded in the window answers
// at its own pace however busy the GUI thread is.
class DemoServerThread
{
public:
    DemoServerThread();
    ~DemoServerThread();
    DemoServerThread(const DemoServerThread &) = delete;
    DemoServerThread &operator=(const DemoServerThread &) = delete;

    bool start(const DemoServer::Options &options, QString *error);
    void stop();

    QUrl httpUrl() const { return m_httpUrl; }
    // A path (and query) on the service: httpUrl("/get?x=1").
    QUrl httpUrl(const QString &pathAndQuery) const
    {
        return m_httpUrl.resolved(QUrl(pathAndQuery));
    }
    QUrl httpsUrl() const { return m_httpsUrl; }
    // The simulated latency it was started with (DemoServer::Options::latencyMs).
    int latencyMs() const { return m_latencyMs; }

private:
    QThread m_thread;
    DemoServer *m_server = nullptr;
    QUrl m_httpUrl;
    QUrl m_httpsUrl;
    int m_latencyMs = 0;
};

} // namespace mr
