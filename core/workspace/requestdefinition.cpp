#include "requestdefinition.h"

#include <QRegularExpression>

namespace mr {

QString RequestDefinition::displayName() const
{
    if (!name.isEmpty())
        return name;
    return method + QLatin1Char(' ') + url;
}

bool RequestDefinition::hasDirective(const QString &directiveName) const
{
    for (const Directive &d : directives) {
        if (d.name == directiveName)
            return true;
    }
    return false;
}

QString RequestDefinition::directive(const QString &directiveName) const
{
    for (const Directive &d : directives) {
        if (d.name == directiveName)
            return d.value;
    }
    return {};
}

const QStringList &RequestDefinition::knownDirectives()
{
    static const QStringList known = {
        // JetBrains HTTP Client
        QStringLiteral("no-redirect"), QStringLiteral("no-cookie-jar"), QStringLiteral("timeout"),
        QStringLiteral("connection-timeout"), QStringLiteral("no-log"),
        QStringLiteral("no-auto-encoding"),
        // Microrequests
        QStringLiteral("retries"), QStringLiteral("no-reuse"), QStringLiteral("http1"),
        QStringLiteral("http1.1"), QStringLiteral("http2")};
    return known;
}

std::optional<int> RequestDefinition::parseDurationMs(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$)"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const double value = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    const double ms = unit == QLatin1String("ms")  ? value
                      : unit == QLatin1String("m") ? value * 60000
                                                   : value * 1000;
    if (ms > 24.0 * 3600 * 1000)
        return std::nullopt;
    return int(ms);
}

std::optional<ProtocolChoice> RequestDefinition::requestLineProtocol() const
{
    // As the JetBrains HTTP Client writes it: "HTTP/1.1", "HTTP/2" (ALPN on https) and
    // "HTTP/2 (Prior Knowledge)" (cleartext HTTP/2 on http://, which is what Http2 means
    // there). "HTTP/2" on http:// would be the h2c Upgrade for JetBrains, which we never
    // offer: it reads as Http2 too, so the request still asks for HTTP/2. Anything else
    // ("HTTP/1.0", an empty version) asks for nothing.
    const QString version = httpVersion.simplified();
    if (version.compare(QLatin1String("HTTP/1.1"), Qt::CaseInsensitive) == 0)
        return ProtocolChoice::Http1;
    if (version.compare(QLatin1String("HTTP/2"), Qt::CaseInsensitive) == 0 ||
        version.compare(QLatin1String("HTTP/2 (Prior Knowledge)"), Qt::CaseInsensitive) == 0)
        return ProtocolChoice::Http2;
    return std::nullopt;
}

bool RequestDefinition::isProtocolDirective(const QString &directiveName)
{
    return directiveName == QLatin1String("http1") || directiveName == QLatin1String("http1.1") ||
           directiveName == QLatin1String("http2");
}

SendOptions RequestDefinition::options(QStringList *problems) const
{
    SendOptions options;
    // The request line's version first: a "# @http1" or "# @http2" directive, read below,
    // wins over it (and the last such directive over earlier ones).
    options.protocol = requestLineProtocol();
    auto report = [&](const Directive &d, const QString &message) {
        if (problems)
            problems->append(
                QStringLiteral("@%1 (line %2): %3").arg(d.name).arg(d.line).arg(message));
    };
    for (const Directive &d : directives) {
        if (d.name == QLatin1String("no-redirect")) {
            options.followRedirects = false;
        } else if (d.name == QLatin1String("no-cookie-jar")) {
            options.useCookieJar = false;
        } else if (d.name == QLatin1String("timeout") ||
                   d.name == QLatin1String("connection-timeout")) {
            const auto ms = parseDurationMs(d.value);
            if (!ms)
                report(d,
                       QStringLiteral("\"%1\" is not a duration; write e.g. 30, 500 ms, 2 s or 1 m")
                           .arg(d.value));
            else if (d.name == QLatin1String("timeout"))
                options.timeoutMs = *ms;
            else
                options.connectTimeoutMs = *ms;
        } else if (d.name == QLatin1String("retries")) {
            bool ok = false;
            const int n = d.value.toInt(&ok);
            if (!ok || n < 0 || n > 100)
                report(d, QStringLiteral("\"%1\" is not a number of retries (0-100)").arg(d.value));
            else
                options.retries = n;
        } else if (d.name == QLatin1String("no-reuse")) {
            options.noReuse = true;
        } else if (d.name == QLatin1String("http2")) {
            options.protocol = ProtocolChoice::Http2;
        } else if (d.name == QLatin1String("http1") || d.name == QLatin1String("http1.1")) {
            options.protocol = ProtocolChoice::Http1;
        } else if (d.name == QLatin1String("no-log")) {
            // Not a send option: the window keeps the exchange out of its history.
        } else if (d.name == QLatin1String("no-auto-encoding")) {
            report(d,
                   QStringLiteral("a JetBrains directive Microrequests keeps but does not apply"));
        } else {
            report(d, QStringLiteral("unknown directive, kept as written"));
        }
    }
    return options;
}

bool RequestDefinition::sameContent(const RequestDefinition &other) const
{
    return name == other.name && method == other.method && url == other.url &&
           httpVersion == other.httpVersion && headers == other.headers && body == other.body &&
           directives == other.directives;
}

} // namespace mr
