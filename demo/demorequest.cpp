#include "demorequest.h"

#include <QUrl>

namespace mr {

bool DemoRequest::wantsKeepAlive() const
{
    if (headers.hasToken("Connection", "close"))
        return false;
    if (minorVersion == 0)
        return headers.hasToken("Connection", "keep-alive");
    return true;
}

bool DemoRequest::setTarget(const QByteArray &requestTarget)
{
    target = requestTarget;
    QUrl url;
    if (requestTarget.startsWith('/')) {
        url = QUrl::fromEncoded("http://demo" + requestTarget, QUrl::StrictMode);
    } else if (requestTarget.startsWith("http://") || requestTarget.startsWith("https://")) {
        url = QUrl::fromEncoded(requestTarget, QUrl::StrictMode);
    } else if (requestTarget == "*" && method == "OPTIONS") {
        url = QUrl(QStringLiteral("http://demo/"));
    }
    if (!url.isValid())
        return false;
    path = url.path(QUrl::FullyDecoded);
    if (path.isEmpty())
        path = QStringLiteral("/");
    query = QUrlQuery(url.query(QUrl::FullyEncoded));
    return true;
}

} // namespace mr
