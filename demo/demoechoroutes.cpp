#include "demoechoroutes.h"

#include "demoecho.h"

#include <QCryptographicHash>
#include <QUuid>

namespace mr {

namespace {

constexpr int MaxDelayMs = 60000;

QJsonObject requestCookies(const DemoRequest &request)
{
    QJsonObject cookies;
    for (const QByteArray &header : request.headers.values("Cookie")) {
        for (const QByteArray &pair : header.split(';')) {
            const qsizetype eq = pair.indexOf('=');
            if (eq > 0)
                cookies.insert(QString::fromUtf8(pair.left(eq).trimmed()),
                               QString::fromUtf8(pair.mid(eq + 1).trimmed()));
        }
    }
    return cookies;
}

} // namespace

std::optional<DemoResponse> DemoEchoRoutes::route(const DemoRequest &request,
                                                  const QStringList &segments,
                                                  const DemoRequestContext &context)
{
    const QString first = segments.value(0);
    const QByteArray &method = request.method;
    const bool readOnly = method == "GET" || method == "HEAD";

    if (first == QLatin1String("anything"))
        return DemoResponse::json(DemoEcho::describe(request, context));
    if (segments.size() == 1 && first == QLatin1String("get")) {
        if (!readOnly)
            return methodNotAllowed("GET, HEAD");
        return DemoResponse::json(DemoEcho::describe(request, context));
    }
    for (const char *name : {"post", "put", "patch", "delete"}) {
        if (segments.size() == 1 && first == QLatin1String(name)) {
            const QByteArray expected = QByteArray(name).toUpper();
            if (method != expected)
                return methodNotAllowed(expected);
            return DemoResponse::json(DemoEcho::describe(request, context));
        }
    }
    if (segments.size() == 1 && first == QLatin1String("upload")) {
        // What arrived, in a few bytes however large the body: its size and SHA-256.
        if (readOnly)
            return methodNotAllowed("POST, PUT, PATCH");
        return DemoResponse::json(QJsonObject{
            {QStringLiteral("bytes"), double(request.body.size())},
            {QStringLiteral("sha256"),
             QString::fromLatin1(
                 QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex())}});
    }
    if (segments.size() == 1 && first == QLatin1String("headers"))
        return DemoResponse::json(DemoEcho::describe(request, context, DemoEcho::Headers));
    if (segments.size() == 1 && first == QLatin1String("ip"))
        return DemoResponse::json(DemoEcho::describe(request, context, DemoEcho::Origin));
    if (segments.size() == 1 && first == QLatin1String("user-agent"))
        return DemoResponse::json(
            QJsonObject{{QStringLiteral("user-agent"),
                         QString::fromUtf8(request.headers.value("User-Agent"))}});
    if (segments.size() == 1 && first == QLatin1String("uuid"))
        return DemoResponse::json(QJsonObject{
            {QStringLiteral("uuid"), QUuid::createUuid().toString(QUuid::WithoutBraces)}});
    if (first == QLatin1String("delay")) {
        const auto ms = integerSegment(segments, 1, 0, MaxDelayMs);
        if (!ms || segments.size() != 2)
            return DemoResponse::error(
                400, QStringLiteral("use /delay/{ms} with 0 ≤ ms ≤ %1").arg(MaxDelayMs));
        DemoResponse r = DemoResponse::json(DemoEcho::describe(request, context));
        r.delayMs = int(*ms);
        return r;
    }
    if (first == QLatin1String("cookies"))
        return cookies(request, segments, context);
    if (segments.size() == 1 && first == QLatin1String("response-headers")) {
        // httpbin: every query item becomes a response header.
        DemoResponse r = DemoResponse::json(DemoEcho::args(request.query));
        const auto items = request.query.queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            r.headers.append(item.first.toUtf8(), item.second.toUtf8());
        return r;
    }
    return std::nullopt;
}

DemoResponse DemoEchoRoutes::cookies(const DemoRequest &request, const QStringList &segments,
                                     const DemoRequestContext &context)
{
    Q_UNUSED(context)
    const QString action = segments.value(1);
    if (segments.size() == 1)
        return DemoResponse::json(
            QJsonObject{{QStringLiteral("cookies"), requestCookies(request)}});
    DemoResponse r = DemoResponse::redirect(302, "/cookies");
    if (action == QLatin1String("set") && segments.size() == 4) {
        // /cookies/set/{name}/{value}
        r.headers.append("Set-Cookie",
                         segments[2].toUtf8() + '=' + segments[3].toUtf8() + "; Path=/");
        return r;
    }
    if (action == QLatin1String("set") && segments.size() == 2) {
        const auto items = request.query.queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            r.headers.append("Set-Cookie",
                             item.first.toUtf8() + '=' + item.second.toUtf8() + "; Path=/");
        return r;
    }
    if (action == QLatin1String("delete") && segments.size() == 2) {
        const auto items = request.query.queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            r.headers.append("Set-Cookie", item.first.toUtf8() +
                                               "=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
                                               "Max-Age=0; Path=/");
        return r;
    }
    return DemoResponse::error(404, QStringLiteral("use /cookies, /cookies/set?name=value or "
                                                   "/cookies/delete?name"));
}

} // namespace mr
