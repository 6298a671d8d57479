#include "demoserverthread.h"

namespace mr {

DemoServerThread::DemoServerThread()
{
    m_thread.setObjectName(QStringLiteral("demo service"));
}

DemoServerThread::~DemoServerThread()
{
    stop();
}

bool DemoServerThread::start(const DemoServer::Options &options, QString *error)
{
    stop();
    m_thread.start();
    m_server = new DemoServer;
    m_server->moveToThread(&m_thread);
    bool ok = false;
    QMetaObject::invokeMethod(
        m_server,
        [&] {
            ok = m_server->listen(options, error);
            m_httpUrl = m_server->httpUrl();
            m_httpsUrl = m_server->httpsUrl();
        },
        Qt::BlockingQueuedConnection);
    if (!ok)
        stop();
    m_latencyMs = ok ? options.latencyMs : 0;
    return ok;
}

void DemoServerThread::stop()
{
    if (!m_thread.isRunning())
        return;
    // The server and its connections must die in their own thread.
    QMetaObject::invokeMethod(
        m_server, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
    m_server = nullptr;
    m_thread.quit();
    m_thread.wait();
    m_httpUrl.clear();
    m_httpsUrl.clear();
}

} // namespace mr
