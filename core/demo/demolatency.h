#pragma once

#include "http/httpheaders.h"

#include <QByteArray>

namespace mr {

// The demo service's simulated latency (demo-server --latency MS), as its responses tell it:
// views call this to say that timings came from a latency-simulating demo service, since
// only core/demo knows the X-Demo-* headers.
class DemoLatency
{
public:
    static QByteArray headerName() { return QByteArrayLiteral("X-Demo-Latency"); }
    // The simulated latency in ms that answered a response with these headers; -1 when it
    // did not come from a demo service simulating latency.
    static int fromHeaders(const HttpHeaders &responseHeaders);
};

} // namespace mr
