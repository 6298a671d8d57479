#pragma once

#include "demoroute.h"

namespace mr {

// Redirect endpoints: /redirect/{n} (relative, or absolute with ?absolute=true),
// /relative-redirect/{n}, /absolute-redirect/{n} and /redirect-to?url=&status_code=.
class DemoRedirectRoutes : public DemoRoute
{
public:
    std::optional<DemoResponse> route(const DemoRequest &request, const QStringList &segments,
                                      const DemoRequestContext &context) override;
};

} // namespace mr
