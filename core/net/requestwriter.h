#pragma once

#include "transferrequest.h"

namespace mr {

// Writes an HTTP/1.1 request head: request line, Host first, the caller's headers, then
// Content-Length and, without keep-alive, Connection: close.
class RequestWriter
{
public:
    // `hostHeader`: the origin's Host value when the caller keeps it (a connection's never
    // changes); computed from the request's origin when empty.
    static QByteArray head(const TransferRequest &request, bool keepAlive,
                           const QByteArray &hostHeader = QByteArray());
    static QByteArray target(const QUrl &url);
};

} // namespace mr
