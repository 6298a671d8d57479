// core/demo: the embedded demo microservice — an httpbin-like HTTP/1.1 and HTTP/2 server on
// loopback that can misbehave on purpose and tells, in X-Demo-* headers, which server-side
// connection carried each response. Only this folder knows those headers.
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
    // Sets target, path and query from a request target (origin or absolute form, or "*"
    // for OPTIONS); false when it is malformed.
    bool setTarget(const QByteArray &requestTarget);
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
    qint32 streamId = 0;       // the HTTP/2 stream; 0 on HTTP/1.x
    int requestDataFrames = 0; // HTTP/2: the DATA frames the request body came in

    bool isHttp2() const { return streamId > 0; }
};

} // namespace mr
