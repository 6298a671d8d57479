#include "demohttp2routes.h"

#include "demoecho.h"

namespace mr {

namespace {
constexpr quint32 InternalError = 0x2;
constexpr quint32 RefusedStream = 0x7;
constexpr qint64 MaxRefusals = 1000;
constexpr qint64 MaxStreamsLimit = 0x7fffffff;

std::optional<qint64> queryInteger(const DemoRequest &request, const QString &name, qint64 min,
                                   qint64 max, qint64 fallback)
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = request.query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}
} // namespace

std::optional<DemoResponse> DemoHttp2Routes::route(const DemoRequest &request,
                                                   const QStringList &segments,
                                                   const DemoRequestContext &context)
{
    if (segments.value(0) != QLatin1String("h2"))
        return std::nullopt;
    if (!context.isHttp2())
        return DemoResponse::error(400, QStringLiteral("HTTP/2 only: %1").arg(request.path));
    const QString kind = segments.value(1);
    DemoResponse r = DemoResponse::json(DemoEcho::describe(request, context));
    if (kind == QLatin1String("reset") && segments.size() == 2) {
        const auto code =
            queryInteger(request, QStringLiteral("code"), 0, 0xffffffffLL, InternalError);
        if (!code)
            return DemoResponse::error(400, QStringLiteral("use /h2/reset?code=N, N ≥ 0"));
        r.http2Action = DemoResponse::Http2Action::ResetStream;
        r.http2Value = quint32(*code);
        return r;
    }
    if (kind == QLatin1String("refuse") && segments.size() == 2) {
        const QString key = request.query.queryItemValue(QStringLiteral("key"));
        const auto times = queryInteger(request, QStringLiteral("times"), 0, MaxRefusals, 1);
        if (key.isEmpty() || !times)
            return DemoResponse::error(400, QStringLiteral("use /h2/refuse?key=K&times=N"));
        const qint64 call = ++m_refusals[key];
        if (call <= *times) {
            r.http2Action = DemoResponse::Http2Action::ResetStream;
            r.http2Value = RefusedStream;
            return r;
        }
        r.body = QJsonDocument(QJsonObject{{QStringLiteral("key"), key},
                                           {QStringLiteral("call"), call},
                                           {QStringLiteral("refusals"), *times}})
                     .toJson();
        return r;
    }
    if (kind == QLatin1String("goaway") && segments.size() == 2) {
        r.http2Action = DemoResponse::Http2Action::Goaway;
        return r;
    }
    if (kind == QLatin1String("settings") && segments.size() == 2) {
        const auto streams =
            queryInteger(request, QStringLiteral("max-streams"), 0, MaxStreamsLimit, -1);
        if (!streams || *streams < 0)
            return DemoResponse::error(400, QStringLiteral("use /h2/settings?max-streams=N"));
        r.http2Action = DemoResponse::Http2Action::MaxStreams;
        r.http2Value = quint32(*streams);
        return r;
    }
    return DemoResponse::error(404, QStringLiteral("unknown HTTP/2 fault; see /h2/reset?code=N, "
                                                   "refuse?key=K&times=N, goaway, "
                                                   "settings?max-streams=N"));
}

} // namespace mr
