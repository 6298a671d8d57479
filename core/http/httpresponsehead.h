#pragma once

#include "httpheaders.h"

namespace mr {

// The status line and header fields of a response.
struct HttpResponseHead {
    int minorVersion = 1; // HTTP/1.<minor>
    int status = 0;
    QByteArray reasonPhrase;
    HttpHeaders headers;

    QByteArray version() const { return "HTTP/1." + QByteArray::number(minorVersion); }
};

} // namespace mr
