#include "demorouter.h"

#include <QJsonArray>

namespace mr {

static DemoResponse index()
{
    const QStringList endpoints = {"/get",
                                   "/anything[/…]",
                                   "/post",
                                   "/put",
                                   "/patch",
                                   "/delete",
                                   "/upload",
                                   "/headers",
                                   "/ip",
                                   "/user-agent",
                                   "/uuid",
                                   "/delay/{ms}",
                                   "/status/{code}",
                                   "/bytes/{n}",
                                   "/stream/{n}",
                                   "/json",
                                   "/json/{bytes}",
                                   "/html",
                                   "/xml",
                                   "/image/png",
                                   "/gzip",
                                   "/deflate",
                                   "/brotli",
                                   "/zstd",
                                   "/redirect/{n}",
                                   "/redirect-to?url=&status_code=",
                                   "/basic-auth/{user}/{pass}",
                                   "/digest-auth/{qop}/{user}/{pass}[/{algorithm}]",
                                   "/bearer",
                                   "/cookies",
                                   "/cookies/set?name=value",
                                   "/cookies/delete?name",
                                   "/counter/{key}",
                                   "/fault/reset",
                                   "/fault/truncate",
                                   "/fault/slow-headers/{ms}",
                                   "/fault/drop",
                                   "/fault/close",
                                   "/fault/flaky/{n}?key=K",
                                   "/h2/reset?code=N",
                                   "/h2/refuse?key=K&times=N",
                                   "/h2/goaway",
                                   "/h2/settings?max-streams=N",
                                   "/response-headers?Name=value",
                                   "/bomb/{coding}?size=N"};
    return DemoResponse::json(
        QJsonObject{{QStringLiteral("service"), QStringLiteral("Microrequests demo")},
                    {QStringLiteral("endpoints"), QJsonArray::fromStringList(endpoints)}});
}

DemoResponse DemoRouter::route(const DemoRequest &request, const DemoRequestContext &context)
{
    const QByteArray key = request.headers.value("X-Request-Key");
    if (!key.isEmpty())
        ++m_requestKeyCounts[key];

    const QStringList segments = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.isEmpty())
        return index();
    if (segments[0] == QLatin1String("counter") && segments.size() == 2) {
        const QByteArray counted = segments[1].toUtf8();
        return DemoResponse::json(
            QJsonObject{{QStringLiteral("key"), segments[1]},
                        {QStringLiteral("count"), m_requestKeyCounts.value(counted)}});
    }
    DemoRoute *families[] = {&m_echo, &m_content, &m_redirects, &m_auth, &m_faults, &m_http2};
    for (DemoRoute *family : families) {
        if (auto response = family->route(request, segments, context))
            return std::move(*response);
    }
    return DemoResponse::error(
        404, QStringLiteral("no endpoint at %1; GET / lists them").arg(request.path));
}

} // namespace mr
