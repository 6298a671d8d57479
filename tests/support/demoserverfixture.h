#pragma once

#include "demo/demoserverthread.h"
#include "rawhttpconnection.h"

#include <QUrl>

// A demo service on loopback and a raw GET to it, for the suites that check the service's own
// answers byte by byte.
class DemoServerFixture : public QObject
{
protected:
    mr::DemoServerThread m_service;
    QUrl m_base;

    bool startService(QString *error)
    {
        if (!m_service.start(mr::DemoServer::Options(), error))
            return false;
        m_base = m_service.httpUrl();
        return true;
    }

    RawHttpConnection::Response get(const QByteArray &target, const QByteArray &headers = {})
    {
        RawHttpConnection c;
        if (!c.connectTo(m_base))
            return {};
        c.sendRequest("GET", target, headers);
        return c.readResponse().value_or(RawHttpConnection::Response());
    }
};
