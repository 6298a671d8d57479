#include "transferrequest.h"

namespace mr {

bool TransferRequest::isIdempotent() const
{
    // RFC 9110 §9.2.2, as urllib3's Retry.DEFAULT_ALLOWED_METHODS.
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
           method == "OPTIONS" || method == "TRACE";
}

} // namespace mr
