#pragma once

#include "httpheaders.h"
#include "sendoptions.h"

#include <QByteArray>
#include <QUrl>

namespace mr {

// A request ready to send: variables resolved, body in bytes.
struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    SendOptions options;
};

} // namespace mr
