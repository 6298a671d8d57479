#pragma once

#include "demoroute.h"

#include <QHash>

namespace mr {

// Endpoints that fail on purpose: /fault/reset, /fault/truncate, /fault/slow-headers/{ms},
// /fault/drop, /fault/close and /fault/flaky/{n}?key=K.
class DemoFaultRoutes : public DemoRoute
{
public:
    std::optional<DemoResponse> route(const DemoRequest &request, const QStringList &segments,
                                      const DemoRequestContext &context) override;

private:
    QHash<QString, qint64> m_flakyCalls; // per key
};

} // namespace mr
