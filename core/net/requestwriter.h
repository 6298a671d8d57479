#pragma once

#include "transferrequest.h"

namespace mr {

// Writes an HTTP/1.1 request head: request line, Host first, the caller's headers, then
// Content-Length and, without keep-alive, Connection: close.
class RequestWriter
{
public:
    static QByteArray head(const TransferRequest &request, bool keepAlive);
    static QByteArray target(const QUrl &url);
};

} // namespace mr
