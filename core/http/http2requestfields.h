#pragma once

#include "httpheaders.h"

#include <QByteArray>
#include <QList>
#include <QPair>

namespace mr {

// What goes into an HTTP/2 request's HEADERS frame, in order (RFC 9113 §8.2 and §8.3).
class Http2RequestFields
{
public:
    using Field = QPair<QByteArray, QByteArray>;

    // :method, :scheme, :authority and :path first. :authority is the caller's Host when it
    // set one, else `authority`; Host itself is not sent. Other names are lower-cased (HTTP/2
    // refuses upper case). Connection-specific fields are dropped: Connection, Keep-Alive,
    // Proxy-Connection, Transfer-Encoding, Upgrade and every name Connection lists; TE is
    // kept only as "trailers", the one value HTTP/2 allows. The caller's Content-Length is
    // replaced by `bodySize` when hasBody (and bodySize is known, >= 0), dropped otherwise:
    // the frames carry the body's end, a stale length would only make the peer reset.
    static QList<Field> build(const QByteArray &method, const QByteArray &scheme,
                              const QByteArray &authority, const QByteArray &path,
                              const HttpHeaders &headers, bool hasBody, qint64 bodySize);

    // The head as a transcript shows it: "GET /x HTTP/2\r\nhost: h\r\nname: value\r\n…\r\n\r\n"
    // (:authority as host, :scheme left out), one "name: value" per line so that the
    // HTTP/1.1 head readers parse it unchanged.
    static QByteArray transcript(const QList<Field> &fields);

    // True for the names RFC 9113 §8.2.2 forbids, whatever their case ("te" is not one:
    // it is allowed with "trailers").
    static bool isConnectionSpecific(QByteArrayView name);
};

} // namespace mr
