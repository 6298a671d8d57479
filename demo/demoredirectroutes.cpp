#include "demoredirectroutes.h"

#include "demoecho.h"

namespace mr {

namespace {
constexpr int MaxRedirects = 100;
}

std::optional<DemoResponse> DemoRedirectRoutes::route(const DemoRequest &request,
                                                      const QStringList &segments,
                                                      const DemoRequestContext &context)
{
    const QString first = segments.value(0);
    if (first == QLatin1String("redirect") || first == QLatin1String("relative-redirect") ||
        first == QLatin1String("absolute-redirect")) {
        const auto count = integerSegment(segments, 1, 1, MaxRedirects);
        if (!count || segments.size() != 2)
            return DemoResponse::error(
                400, QStringLiteral("use /%1/{n} with 1 ≤ n ≤ %2").arg(first).arg(MaxRedirects));
        const bool absolute =
            first == QLatin1String("absolute-redirect") ||
            (first == QLatin1String("redirect") &&
             request.query.queryItemValue(QStringLiteral("absolute")) == QLatin1String("true"));
        QByteArray next = *count == 1 ? QByteArray("/get")
                                      : '/' + first.toUtf8() + '/' + QByteArray::number(*count - 1);
        if (*count > 1 && first == QLatin1String("redirect") && absolute)
            next += "?absolute=true";
        return DemoResponse::redirect(302, absolute ? DemoEcho::absoluteUrl(next, request, context)
                                                    : next);
    }
    if (first == QLatin1String("redirect-to") && segments.size() == 1) {
        const QString url = request.query.queryItemValue(QStringLiteral("url"), QUrl::FullyDecoded);
        const QString statusText = request.query.queryItemValue(QStringLiteral("status_code"));
        bool ok = true;
        const int status = statusText.isEmpty() ? 302 : statusText.toInt(&ok);
        if (url.isEmpty() || !ok || status < 300 || status > 399)
            return DemoResponse::error(400,
                                       QStringLiteral("use /redirect-to?url=URL&status_code=3xx"));
        return DemoResponse::redirect(status, url.toUtf8());
    }
    return std::nullopt;
}

} // namespace mr
