// core/demo: the embedded demo microservice — an httpbin-like HTTP/1.1 server on loopback
// that can misbehave on purpose and tells, in X-Demo-* headers, which server-side connection
// carried each response. Only this folder knows those headers.
#pragma once

#include "http/httpheaders.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QUrlQuery>

namespace mr {

// One request as the demo service received it.
struct DemoRequest {
    QByteArray method;
    QByteArray target; // as on the request line
    QString path;      // percent-decoded
    QUrlQuery query;
    int minorVersion = 1; // HTTP/1.<minor>
    HttpHeaders headers;
    QByteArray body;

    bool wantsKeepAlive() const;
};

// Where a request came from: the ground truth the demo service reports back.
struct DemoRequestContext {
    int connectionSerial = 0; // server-side TCP connection, from 1
    int requestIndex = 0;     // 1-based index of the request on that connection
    QHostAddress clientAddress;
    quint16 clientPort = 0;
    bool tls = false;
    QString localHost; // address the connection arrived on, when Host is missing
    quint16 localPort = 0;
};

} // namespace mr
