#pragma once

#include "demoauthroutes.h"
#include "democontentroutes.h"
#include "demoechoroutes.h"
#include "demofaultroutes.h"
#include "demohttp2routes.h"
#include "demoredirectroutes.h"

#include <QHash>

namespace mr {

// Dispatches a request to the endpoint family that owns its path and keeps the state the
// families share: how many requests carried each X-Request-Key (served at /counter/{key}).
class DemoRouter
{
public:
    DemoResponse route(const DemoRequest &request, const DemoRequestContext &context);

private:
    DemoEchoRoutes m_echo;
    DemoContentRoutes m_content;
    DemoRedirectRoutes m_redirects;
    DemoAuthRoutes m_auth;
    DemoFaultRoutes m_faults;
    DemoHttp2Routes m_http2;
    QHash<QByteArray, qint64> m_requestKeyCounts;
};

} // namespace mr
