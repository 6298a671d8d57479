#include "enginerequest.h"

#include "bodypartsdevice.h"
#include "http/httprequest.h"
#include "httpclient.h"

#include <QAbstractSocket>
#include <QFile>
#include <QNetworkReply>
#include <QProcess>

namespace mr {

namespace {

QVariant attribute(const QNetworkRequest &request, HttpClient::Attribute code)
{
    return request.attribute(QNetworkRequest::Attribute(code));
}

std::optional<int> optionalInt(const QVariant &value)
{
    return value.isValid() ? std::optional<int>(value.toInt()) : std::nullopt;
}

} // namespace

QByteArray EngineRequest::methodFor(QNetworkAccessManager::Operation operation,
                                    const QNetworkRequest &request)
{
    switch (operation) {
    case QNetworkAccessManager::HeadOperation: return "HEAD";
    case QNetworkAccessManager::GetOperation: return "GET";
    case QNetworkAccessManager::PutOperation: return "PUT";
    case QNetworkAccessManager::PostOperation: return "POST";
    case QNetworkAccessManager::DeleteOperation: return "DELETE";
    case QNetworkAccessManager::CustomOperation:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    case QNetworkAccessManager::UnknownOperation: break;
    }
    return "GET";
}

EngineRequest EngineRequest::fromHttpRequest(const HttpRequest &request)
{
    EngineRequest r;
    r.method = request.method;
    r.url = request.url;
    for (const auto &field : request.headers.fields()) {
        // Every field goes out as written, a repeated name too (as curl sends repeated -H);
        // no empty name, and a null value removes the name's earlier fields.
        if (field.first.isEmpty())
            continue;
        if (field.second.isNull())
            r.headers.remove(field.first);
        else
            r.headers.append(field.first, field.second);
    }
    r.hasBody = request.streamsBody() || !request.body.isEmpty() || request.method == "POST" ||
                request.method == "PUT" || request.method == "PATCH";
    if (request.streamsBody()) {
        r.bodyParts = request.bodyParts; // a body that reads files streams from them
        r.bodyFromParts = true;
    } else if (r.hasBody) {
        r.body = request.body;
    }
    const SendOptions &options = request.options;
    r.protocol = options.protocol;
    if (options.followRedirects == std::optional<bool>(false))
        r.redirectPolicy = QNetworkRequest::ManualRedirectPolicy;
    if (options.useCookieJar == std::optional<bool>(false))
        r.loadCookies = r.saveCookies = false;
    r.transferTimeoutMs = options.timeoutMs.value_or(0);
    r.connectTimeoutMs = options.connectTimeoutMs;
    r.retries = options.retries;
    r.noReuse = options.noReuse;
    if (!options.digestUser.isEmpty())
        r.credentials = QStringList{options.digestUser, options.digestPassword};
    r.credentialHeaders = options.credentialHeaders;
    r.credentialQueryItems = options.credentialQueryItems;
    return r;
}

EngineRequest EngineRequest::fromNetworkRequest(QNetworkAccessManager::Operation operation,
                                                const QNetworkRequest &request,
                                                QIODevice *outgoingData)
{
    EngineRequest r;
    r.method = methodFor(operation, request);
    r.url = request.url();
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names)
        r.headers.append(name, request.rawHeader(name));
    r.hasBody = outgoingData || operation == QNetworkAccessManager::PostOperation ||
                operation == QNetworkAccessManager::PutOperation;
    if (outgoingData) {
        auto *file = qobject_cast<QFile *>(outgoingData);
        auto *parts = qobject_cast<BodyPartsDevice *>(outgoingData);
        if (file && !file->fileName().isEmpty() && !file->isSequential()) {
            // Files stream from the engine thread; nothing is loaded into memory.
            r.bodyParts = {
                BodyPart::fromFile(file->fileName(), file->pos(), file->size() - file->pos())};
        } else if (parts && parts->pos() == 0) {
            r.bodyParts = parts->parts(); // so do the files of a body made of parts
        } else {
            r.body = outgoingData->readAll();
        }
        r.bodyFromParts = parts != nullptr;
    }
    // A sequential device (a process, a socket) may still be producing the body. Only devices
    // that announce their end are waited for; others were read to their end above.
    bool stillComing = false;
    if (const auto *process = qobject_cast<QProcess *>(outgoingData))
        stillComing = process->state() != QProcess::NotRunning;
    else if (const auto *socket = qobject_cast<QAbstractSocket *>(outgoingData))
        stillComing = socket->state() != QAbstractSocket::UnconnectedState;
    else if (const auto *source = qobject_cast<QNetworkReply *>(outgoingData))
        stillComing = !source->isFinished();
    r.bodyStillComing = stillComing ? outgoingData : nullptr;
    r.protocol = protocolAskedBy(request);

    r.noReuse = attribute(request, HttpClient::NoReuseAttribute).toBool();
    r.retries = optionalInt(attribute(request, HttpClient::RetriesAttribute));
    r.connectTimeoutMs = optionalInt(attribute(request, HttpClient::ConnectTimeoutAttribute));
    r.totalTimeoutMs = optionalInt(attribute(request, HttpClient::TotalTimeoutAttribute));
    r.transferTimeoutMs = request.transferTimeout();
    if (const QVariant credentials = attribute(request, HttpClient::CredentialsAttribute);
        credentials.isValid())
        r.credentials = credentials.toStringList();
    r.credentialHeaders = attribute(request, HttpClient::CredentialHeadersAttribute).toStringList();
    r.credentialQueryItems =
        attribute(request, HttpClient::CredentialQueryItemsAttribute).toStringList();
    if (const QVariant policy = request.attribute(QNetworkRequest::RedirectPolicyAttribute);
        policy.isValid())
        r.redirectPolicy = QNetworkRequest::RedirectPolicy(policy.toInt());
    // 50 is Qt's default: the client's applies then.
    if (request.maximumRedirectsAllowed() != 50)
        r.maxRedirects = request.maximumRedirectsAllowed();
    r.loadCookies =
        request.attribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Automatic)
            .toInt() == QNetworkRequest::Automatic;
    r.saveCookies =
        request.attribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Automatic)
            .toInt() == QNetworkRequest::Automatic;
    return r;
}

std::optional<ProtocolChoice> EngineRequest::protocolAskedBy(const QNetworkRequest &request)
{
    // Qt's attributes: Direct is prior knowledge; Allowed is ALPN's choice, and allowed set
    // to false (not merely unset) keeps the request on HTTP/1.1.
    if (request.attribute(QNetworkRequest::Http2DirectAttribute).toBool())
        return ProtocolChoice::Http2;
    const QVariant allowed = request.attribute(QNetworkRequest::Http2AllowedAttribute);
    if (!allowed.isValid())
        return std::nullopt;
    return allowed.toBool() ? ProtocolChoice::Auto : ProtocolChoice::Http1;
}

QNetworkRequest EngineRequest::toNetworkRequest() const
{
    QNetworkRequest request(url);
    // QNetworkRequest holds one value per name: a repeated name goes as its values combined
    // (RFC 9110, 5.3), cookies with "; " (RFC 6265, 5.4).
    for (const auto &field : headers.fields()) {
        if (request.hasRawHeader(field.first))
            continue;
        const bool cookie = field.first.compare("Cookie", Qt::CaseInsensitive) == 0;
        request.setRawHeader(field.first, headers.values(field.first).join(cookie ? "; " : ", "));
    }
    const auto set = [&request](HttpClient::Attribute code, const QVariant &value) {
        request.setAttribute(QNetworkRequest::Attribute(code), value);
    };
    if (redirectPolicy)
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, *redirectPolicy);
    if (maxRedirects)
        request.setMaximumRedirectsAllowed(*maxRedirects);
    if (!loadCookies)
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    if (!saveCookies)
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    if (transferTimeoutMs)
        request.setTransferTimeout(transferTimeoutMs);
    if (connectTimeoutMs)
        set(HttpClient::ConnectTimeoutAttribute, *connectTimeoutMs);
    if (totalTimeoutMs)
        set(HttpClient::TotalTimeoutAttribute, *totalTimeoutMs);
    if (retries)
        set(HttpClient::RetriesAttribute, *retries);
    if (noReuse)
        set(HttpClient::NoReuseAttribute, true);
    if (protocol) {
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute,
                             *protocol != ProtocolChoice::Http1);
    }
    if (credentials)
        set(HttpClient::CredentialsAttribute, *credentials);
    if (!credentialHeaders.isEmpty())
        set(HttpClient::CredentialHeadersAttribute, credentialHeaders);
    if (!credentialQueryItems.isEmpty())
        set(HttpClient::CredentialQueryItemsAttribute, credentialQueryItems);
    return request;
}

} // namespace mr
