#include "requestoptions.h"

namespace mr {

namespace {

// One directive's option as text ("" when it is absent): the value written for a valued
// directive, "on" for a flag.
QString valueOf(const SendOptions &options, const QString &name)
{
    auto number = [](const std::optional<int> &value) {
        return value ? QString::number(*value) : QString();
    };
    if (name == QLatin1String("timeout"))
        return number(options.timeoutMs);
    if (name == QLatin1String("connection-timeout"))
        return number(options.connectTimeoutMs);
    if (name == QLatin1String("retries"))
        return number(options.retries);
    if (name == QLatin1String("no-redirect"))
        return options.followRedirects == std::optional<bool>(false) ? QStringLiteral("on")
                                                                     : QString();
    if (name == QLatin1String("no-cookie-jar"))
        return options.useCookieJar == std::optional<bool>(false) ? QStringLiteral("on")
                                                                  : QString();
    if (name == QLatin1String("no-reuse"))
        return options.noReuse ? QStringLiteral("on") : QString();
    return {};
}

SendOptions sendOptions(const RequestOptions &options)
{
    SendOptions out;
    out.timeoutMs = options.timeoutMs;
    out.connectTimeoutMs = options.connectTimeoutMs;
    out.retries = options.retries;
    if (!options.followRedirects)
        out.followRedirects = false;
    if (!options.cookieJar)
        out.useCookieJar = false;
    out.noReuse = !options.keepAlive;
    out.protocol = options.protocol;
    return out;
}

} // namespace

RequestOptions RequestOptions::read(const RequestDefinition &request)
{
    // RequestDefinition::options() is the one reading of the directives.
    const SendOptions send = request.options();
    RequestOptions options;
    options.timeoutMs = send.timeoutMs;
    options.connectTimeoutMs = send.connectTimeoutMs;
    options.retries = send.retries;
    options.followRedirects = send.followRedirects.value_or(true);
    options.cookieJar = send.useCookieJar.value_or(true);
    options.keepAlive = !send.noReuse;
    options.protocol = send.protocol;
    return options;
}

QString RequestOptions::durationText(int ms)
{
    if (ms % 60000 == 0 && ms > 0)
        return QStringLiteral("%1 m").arg(ms / 60000);
    if (ms % 1000 == 0)
        return QStringLiteral("%1 s").arg(ms / 1000);
    return QStringLiteral("%1 ms").arg(ms);
}

void RequestOptions::applyTo(RequestDefinition *request) const
{
    const SendOptions before = request->options();
    const SendOptions after = sendOptions(*this);
    // In the order a new request's directives are written.
    static const char *const names[] = {"no-redirect",        "no-cookie-jar", "timeout",
                                        "connection-timeout", "retries",       "no-reuse"};
    for (const char *latin : names) {
        const QString name = QLatin1String(latin);
        const QString value = valueOf(after, name);
        if (valueOf(before, name) == value)
            continue; // unchanged: its directive (or an unusable one) stays as written
        QString text;
        if (name == QLatin1String("timeout"))
            text = durationText(*timeoutMs);
        else if (name == QLatin1String("connection-timeout"))
            text = durationText(*connectTimeoutMs);
        else if (name == QLatin1String("retries"))
            text = value;
        // The last one of a name is the one that counts: replace all by one, in the first's
        // place.
        qsizetype at = -1;
        for (qsizetype i = request->directives.size() - 1; i >= 0; --i) {
            if (request->directives[i].name == name) {
                request->directives.removeAt(i);
                at = i;
            }
        }
        if (value.isEmpty())
            continue;
        const RequestDefinition::Directive directive{name, text, 0};
        if (at < 0)
            request->directives.append(directive);
        else
            request->directives.insert(at, directive);
    }
    applyProtocol(before.protocol, request);
}

void RequestOptions::applyProtocol(const std::optional<ProtocolChoice> &before,
                                   RequestDefinition *request) const
{
    // Auto is what no directive says: written like unset.
    const std::optional<ProtocolChoice> wanted =
        protocol == ProtocolChoice::Auto ? std::nullopt : protocol;
    if (before == wanted)
        return; // unchanged: its directives and the request line stay as written
    // The first protocol directive's place, for the one that replaces them all.
    qsizetype at = -1;
    for (qsizetype i = request->directives.size() - 1; i >= 0; --i) {
        if (RequestDefinition::isProtocolDirective(request->directives[i].name)) {
            request->directives.removeAt(i);
            at = i;
        }
    }
    if (!wanted) {
        // No directive says "default": a version on the request line would still choose.
        if (request->requestLineProtocol())
            request->httpVersion.clear();
        return;
    }
    if (request->requestLineProtocol() == wanted)
        return; // "GET url HTTP/2" already says it
    const RequestDefinition::Directive directive{
        *wanted == ProtocolChoice::Http1 ? QStringLiteral("http1") : QStringLiteral("http2"),
        QString(), 0};
    if (at < 0)
        request->directives.append(directive);
    else
        request->directives.insert(at, directive);
}

} // namespace mr
