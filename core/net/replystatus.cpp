#include "replystatus.h"

#include "enginereply.h"

namespace mr {

QNetworkReply::NetworkError ReplyStatus::errorForStatus(int status)
{
    switch (status) {
    case 400: return QNetworkReply::ProtocolInvalidOperationError;
    case 401: return QNetworkReply::AuthenticationRequiredError;
    case 403: return QNetworkReply::ContentAccessDenied;
    case 404: return QNetworkReply::ContentNotFoundError;
    case 405: return QNetworkReply::ContentOperationNotPermittedError;
    case 407: return QNetworkReply::ProxyAuthenticationRequiredError;
    case 409: return QNetworkReply::ContentConflictError;
    case 410: return QNetworkReply::ContentGoneError;
    case 418: return QNetworkReply::ProtocolInvalidOperationError;
    case 500: return QNetworkReply::InternalServerError;
    case 501: return QNetworkReply::OperationNotImplementedError;
    case 503: return QNetworkReply::ServiceUnavailableError;
    default:
        if (status > 500)
            return QNetworkReply::UnknownServerError;
        if (status >= 400)
            return QNetworkReply::UnknownContentError;
        return QNetworkReply::NoError;
    }
}

bool ReplyStatus::isComplete(const QNetworkReply *reply)
{
    if (const auto *engineReply = qobject_cast<const EngineReply *>(reply))
        return engineReply->isComplete(); // it knows, where an error code could be ambiguous
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return status > 0 &&
           (reply->error() == QNetworkReply::NoError || reply->error() == errorForStatus(status));
}

NetworkErrorText ReplyStatus::failureOf(const QNetworkReply *reply, qint64 bodyBytes)
{
    if (isComplete(reply))
        return {};
    if (const auto *engineReply = qobject_cast<const EngineReply *>(reply))
        return engineReply->failure();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // A redirect refused or one too many ends after a whole (3xx) response.
    if (status <= 0 || reply->error() == QNetworkReply::TooManyRedirectsError ||
        reply->error() == QNetworkReply::InsecureRedirectError)
        return NetworkErrorText::describe(reply->error(), reply->errorString(), reply->url());
    // Qt drops Content-Length when it decoded the body: then the total is not known.
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    return NetworkErrorText::incompleteBody(reply->error(), reply->errorString(), bodyBytes,
                                            length.isValid() ? length.toLongLong() : -1);
}

} // namespace mr
