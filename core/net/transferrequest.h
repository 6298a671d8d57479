#pragma once

#include "http/bodypart.h"
#include "http/httpheaders.h"
#include "http/protocolchoice.h"
#include "origin.h"

#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QSslError>
#include <QStringList>
#include <QUrl>
#include <atomic>
#include <memory>
#include <optional>

namespace mr {

// Everything the engine thread needs to carry out one request, copied out of the caller's
// request (an HttpRequest, or a QNetworkRequest) so the two threads share nothing mutable.
struct TransferRequest {
    quint64 id = 0;
    QByteArray method;
    QUrl url;
    Origin origin;
    QString poolKey;     // origin plus TLS settings: connections are shared only within one key
    HttpHeaders headers; // as the caller set them; Host and Content-Length are added on the wire
    QByteArray body;
    // When set, the body streams from these parts instead (files read as it goes).
    QList<BodyPart> bodyParts;
    bool hasBody = false; // Content-Length is sent (also for an empty POST/PUT/PATCH)
    // Authorization holds a Digest answer, good for this one request (its nc, cnonce and uri):
    // the engine never sends it twice, and a redirect drops it.
    bool oneTimeAuthorization = false;
    // Besides Authorization, Cookie and Proxy-Authorization: the caller's other credentials,
    // dropped on a redirect to another origin (header names; query item names, decoded).
    QList<QByteArray> credentialHeaders;
    QStringList credentialQueryItems;

    std::optional<QSslConfiguration> tls;        // https only (constructing one is not free)
    std::optional<QNetworkProxy> proxy;          // SOCKS5, or an HTTP proxy tunnelling with CONNECT
    QList<QByteArray> trustedCertificateDigests; // SHA-256 of certificates trusted by choice
    bool ignoreAllSslErrors = false;
    QList<QSslError> expectedSslErrors;

    // The HTTP version: what the request asked for (# @http2, # @http1) and what it uses at
    // its current origin (that, else the client's choice for the origin). Part of the pool key.
    std::optional<ProtocolChoice> protocolAsked;
    ProtocolChoice protocol = ProtocolChoice::Http1;
    bool reuse = true;          // false: a fresh connection, closed afterwards
    bool decodeContent = false; // decode Content-Encoding (we asked with Accept-Encoding)
    int transferTimeoutMs = 0;  // inactivity limit (QNetworkRequest::transferTimeout); 0: none
    int connectTimeoutMs = 0;   // for a new connection; 0: none
    // Body bytes sent to the caller's thread that it has not taken in yet. Past a limit the
    // connection stops reading, so a busy caller slows the server down (TCP flow control)
    // instead of queueing the body in memory.
    std::shared_ptr<std::atomic<qint64>> undelivered;

    // The method may be re-sent on a fresh connection when a kept-alive one died under it.
    bool isIdempotent() const;
    qint64 bodySize() const
    {
        return bodyParts.isEmpty() ? body.size() : BodyPart::totalLength(bodyParts);
    }
};

} // namespace mr
