#pragma once

#include "http/httpheaders.h"

namespace mr {

struct DemoRequestContext;

// The ground truth every demo response carries, whatever the protocol: which server-side
// connection answered, the request's place on it, the client's port, on HTTP/2 the stream
// and the DATA frames its body came in, and the simulated latency (in Server-Timing, the standard
// header clients read).
class DemoTruthHeaders
{
public:
    static HttpHeaders of(const DemoRequestContext &context, int latencyMs);
};

} // namespace mr
