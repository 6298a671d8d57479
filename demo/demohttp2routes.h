#pragma once

#include "demoroute.h"

#include <QHash>

namespace mr {

// Faults only HTTP/2 has, for the engine's tests: /h2/reset?code=N (RST_STREAM),
// /h2/refuse?key=K&times=N (REFUSED_STREAM for the key's first N requests), /h2/goaway (this
// stream is the last) and /h2/settings?max-streams=N. Keyed by the test's key, never by
// timing. Over HTTP/1.x they answer 400.
class DemoHttp2Routes : public DemoRoute
{
public:
    std::optional<DemoResponse> route(const DemoRequest &request, const QStringList &segments,
                                      const DemoRequestContext &context) override;

private:
    QHash<QString, qint64> m_refusals; // per key
};

} // namespace mr
