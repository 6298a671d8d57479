#include "demolatency.h"

namespace mr {

int DemoLatency::fromHeaders(const HttpHeaders &responseHeaders)
{
    if (!responseHeaders.contains(headerName()))
        return -1;
    bool ok = false;
    const int ms = responseHeaders.value(headerName()).trimmed().toInt(&ok);
    return ok && ms > 0 ? ms : -1;
}

} // namespace mr
