#include "demorequest.h"

namespace mr {

bool DemoRequest::wantsKeepAlive() const
{
    if (headers.hasToken("Connection", "close"))
        return false;
    if (minorVersion == 0)
        return headers.hasToken("Connection", "keep-alive");
    return true;
}

} // namespace mr
