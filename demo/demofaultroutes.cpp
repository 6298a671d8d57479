#include "demofaultroutes.h"

#include "demoecho.h"

namespace mr {

namespace {
constexpr int MaxSlowHeadersMs = 60000;
constexpr qint64 MaxFlakyFailures = 1000;
} // namespace

std::optional<DemoResponse> DemoFaultRoutes::route(const DemoRequest &request,
                                                   const QStringList &segments,
                                                   const DemoRequestContext &context)
{
    if (segments.value(0) != QLatin1String("fault"))
        return std::nullopt;
    const QString kind = segments.value(1);
    DemoResponse r = DemoResponse::json(DemoEcho::describe(request, context));
    if (kind == QLatin1String("reset") && segments.size() == 2) {
        r.fault = DemoResponse::Fault::Reset;
        return r;
    }
    if (kind == QLatin1String("truncate") && segments.size() == 2) {
        r.fault = DemoResponse::Fault::Truncate;
        return r;
    }
    if (kind == QLatin1String("drop") && segments.size() == 2) {
        r.fault = DemoResponse::Fault::Drop;
        return r;
    }
    if (kind == QLatin1String("close") && segments.size() == 2) {
        r.closeAfter = true;
        return r;
    }
    if (kind == QLatin1String("slow-headers")) {
        const auto ms = integerSegment(segments, 2, 0, MaxSlowHeadersMs);
        if (!ms || segments.size() != 3)
            return DemoResponse::error(
                400,
                QStringLiteral("use /fault/slow-headers/{ms} with ms ≤ %1").arg(MaxSlowHeadersMs));
        r.fault = DemoResponse::Fault::SlowHeaders;
        r.faultMs = int(*ms);
        return r;
    }
    if (kind == QLatin1String("flaky")) {
        const auto failures = integerSegment(segments, 2, 0, MaxFlakyFailures);
        const QString key = request.query.queryItemValue(QStringLiteral("key"));
        if (!failures || segments.size() != 3 || key.isEmpty())
            return DemoResponse::error(400, QStringLiteral("use /fault/flaky/{n}?key=K"));
        const qint64 call = ++m_flakyCalls[key];
        if (call <= *failures) {
            DemoResponse busy =
                DemoResponse::json(QJsonObject{{QStringLiteral("key"), key},
                                               {QStringLiteral("call"), call},
                                               {QStringLiteral("failures"), *failures}},
                                   503);
            busy.headers.append("Retry-After", "1");
            return busy;
        }
        r.body = QJsonDocument(QJsonObject{{QStringLiteral("key"), key},
                                           {QStringLiteral("call"), call},
                                           {QStringLiteral("failures"), *failures}})
                     .toJson();
        return r;
    }
    return DemoResponse::error(404, QStringLiteral("unknown fault; see /fault/reset, truncate, "
                                                   "drop, close, slow-headers/{ms}, flaky/{n}"));
}

} // namespace mr
