#pragma once

#include "http/bodypart.h"
#include "http/httpheaders.h"
#include "http/protocolchoice.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QStringList>
#include <QUrl>
#include <optional>

class QIODevice;

namespace mr {

struct HttpRequest;

// What one request asks of the engine, before the client's defaults are applied: read from
// core's own HttpRequest, or decoded from a QNetworkRequest's attributes (HttpClient::Attribute
// and Qt's own) for Qt code that uses HttpClient as a QNetworkAccessManager. HttpClient turns
// it into a TransferRequest and EngineReply into its options, the same way for both.
struct EngineRequest {
    QByteArray method;
    QUrl url; // with its user info, if any
    HttpHeaders headers;
    QByteArray body;
    QList<BodyPart> bodyParts;  // the body streams from these instead (files read as it goes)
    bool hasBody = false;       // Content-Length is sent (also for an empty POST/PUT/PATCH)
    bool bodyFromParts = false; // given as a BodyPartsDevice: the client's file body limit applies
    // A device (a process, a socket, a reply) still producing the body: it is read to its end
    // before the request starts, as QNAM does.
    QIODevice *bodyStillComing = nullptr;
    // HTTP/2 or HTTP/1.1 asked for (# @http2 / # @http1, Qt's Http2 attributes); unset: the
    // client's default for the request's origin.
    std::optional<ProtocolChoice> protocol;

    // Unset: the client's default.
    bool noReuse = false;                   // NoReuseAttribute
    std::optional<int> retries;             // RetriesAttribute
    std::optional<int> connectTimeoutMs;    // ConnectTimeoutAttribute
    std::optional<int> totalTimeoutMs;      // TotalTimeoutAttribute
    int transferTimeoutMs = 0;              // QNetworkRequest::transferTimeout(); 0: unset
    std::optional<QStringList> credentials; // CredentialsAttribute: {user, password[, "Basic"]}
    QStringList credentialHeaders;          // CredentialHeadersAttribute
    QStringList credentialQueryItems;       // CredentialQueryItemsAttribute
    std::optional<QNetworkRequest::RedirectPolicy> redirectPolicy;
    std::optional<int> maxRedirects; // maximumRedirectsAllowed() when not Qt's default (50)
    bool loadCookies = true;         // CookieLoadControlAttribute is Automatic
    bool saveCookies = true;         // CookieSaveControlAttribute is Automatic

    // The request's # @directives as the engine reads them; its headers as
    // QNetworkRequest::setRawHeader would keep them.
    static EngineRequest fromHttpRequest(const HttpRequest &request);
    // The body is read from outgoingData as far as it is there.
    static EngineRequest fromNetworkRequest(QNetworkAccessManager::Operation operation,
                                            const QNetworkRequest &request,
                                            QIODevice *outgoingData);
    // The HTTP version a QNetworkRequest's Http2 attributes ask for (without decoding the
    // rest); nullopt when it sets neither.
    static std::optional<ProtocolChoice> protocolAskedBy(const QNetworkRequest &request);
    // The verb QNAM sends for an operation (a custom one's from the request).
    static QByteArray methodFor(QNetworkAccessManager::Operation operation,
                                const QNetworkRequest &request);
    // The same, as a QNetworkRequest with attributes (for Qt's path), without the body.
    QNetworkRequest toNetworkRequest() const;
};

} // namespace mr
