#pragma once

#include "httpheaders.h"

namespace mr {

// The status line and header fields of a response.
struct HttpResponseHead {
    int majorVersion = 1; // 2 for an HTTP/2 response
    int minorVersion = 1; // HTTP/1.<minor>
    int status = 0;
    QByteArray reasonPhrase;
    HttpHeaders headers;

    QByteArray version() const
    {
        return majorVersion == 2 ? QByteArray("HTTP/2")
                                 : "HTTP/1." + QByteArray::number(minorVersion);
    }
};

} // namespace mr
