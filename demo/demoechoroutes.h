#pragma once

#include "demoroute.h"

namespace mr {

// Endpoints that describe the request back: /get, /anything, /post…, /headers, /ip,
// /user-agent, /uuid, /delay/{ms}, /cookies…
class DemoEchoRoutes : public DemoRoute
{
public:
    std::optional<DemoResponse> route(const DemoRequest &request, const QStringList &segments,
                                      const DemoRequestContext &context) override;

private:
    DemoResponse cookies(const DemoRequest &request, const QStringList &segments,
                         const DemoRequestContext &context);
};

} // namespace mr
