#include "curlexporter.h"

#include "net/bodypartsdevice.h"
#include "shellwords.h"
#include "workspace/requestresolver.h"

#include <QFileInfo>

#include <limits>

namespace mr {

namespace {

// Headers curl computes itself from the body and the URL.
bool computedByCurl(const QByteArray &name)
{
    return name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
           name.compare("Host", Qt::CaseInsensitive) == 0;
}

// The body's bytes for --data-binary: a body that mixes text and files (multipart) is read
// whole here, up to a size a command line can reasonably hold.
QByteArray inlineBody(const HttpRequest &http, const QString &label, QStringList *problems)
{
    if (!http.streamsBody())
        return http.body;
    constexpr qint64 MaxInline = 16 * 1024 * 1024;
    if (http.bodySize() > MaxInline) {
        problems->append(QStringLiteral("%1: the body (%2) is too large to copy into a command; "
                                        "its files are left as \"< path\" lines")
                             .arg(label, RequestResolver::sizeText(http.bodySize())));
        return http.body;
    }
    BodyPartsDevice device(http.bodyParts);
    device.open(QIODevice::ReadOnly);
    const QByteArray bytes = device.readAll();
    if (bytes.size() != http.bodySize())
        problems->append(QStringLiteral("%1: %2").arg(label, device.errorString()));
    return bytes;
}

} // namespace

QString CurlExporter::command(const RequestDefinition &request, const VariableExpander &expander,
                              const QString &baseFolder, QStringList *problems)
{
    const QString label = request.displayName();
    if (request.isWebSocket()) {
        problems->append(
            QStringLiteral("%1: WebSocket requests have no curl form; skipped").arg(label));
        return {};
    }
    // Nothing is sent: a file outside the workspace is only named, so no consent is asked.
    RequestResolver::FileAccess files;
    files.baseFolder = baseFolder;
    files.allowOutside = true;
    files.sizeLimit = std::numeric_limits<qint64>::max();
    const RequestResolver::Result resolved = RequestResolver::resolve(request, expander, files);
    if (!resolved.ok()) {
        problems->append(QStringLiteral("%1: %2").arg(label, resolved.error));
        return {};
    }
    for (const QString &name : resolved.unresolved)
        problems->append(
            QStringLiteral("%1: {{%2}} has no value; left as written").arg(label, name));
    const HttpRequest &http = resolved.request;
    // The first line holds the method and the URL; then one option per line, as API docs
    // print them.
    QString head = QStringLiteral("curl");
    QStringList lines;
    const bool hasBody = !http.body.isEmpty();
    const QByteArray method = http.method;
    if (method == "HEAD")
        head += QStringLiteral(" --head");
    else if (!(method == "GET" && !hasBody) && !(method == "POST" && hasBody))
        head += QStringLiteral(" -X ") + ShellWords::quote(QString::fromLatin1(method));
    head += QLatin1Char(' ') + ShellWords::quote(QString::fromUtf8(http.url.toEncoded()));
    for (const auto &[name, value] : http.headers.fields()) {
        if (name.startsWith('@')) { // -H @file reads headers from a file; not a header name
            problems->append(QStringLiteral("%1: \"%2\" is not a header name; skipped")
                                 .arg(label, QString::fromLatin1(name)));
            continue;
        }
        if (!computedByCurl(name))
            lines << QStringLiteral("-H ") +
                         ShellWords::quote(name + QByteArrayLiteral(": ") + value);
    }
    if (!http.options.digestUser.isEmpty())
        lines << QStringLiteral("--digest -u ") +
                     ShellWords::quote(http.options.digestUser + QLatin1Char(':') +
                                       http.options.digestPassword);
    if (hasBody) {
        // A body that is one file is named with @; any other goes as --data-raw, which curl
        // never reads as a file name (--data-binary and -d upload "@name" as a file). There
        // is no -F or -d name=value here: a form body is written out whole.
        if (http.bodyParts.size() == 1 && http.bodyParts.first().isFile()) {
            lines << QStringLiteral("--data-binary ") +
                         ShellWords::quote(QLatin1Char('@') + http.bodyParts.first().filePath);
        } else {
            const QByteArray body = inlineBody(http, label, problems);
            lines << QStringLiteral("--data-raw ") + ShellWords::quote(body);
            if (body.contains('\0'))
                problems->append(QStringLiteral("%1: the body holds NUL bytes, which a command "
                                                "line cannot carry: curl would send it cut at "
                                                "the first one; put the body in a file and "
                                                "write \"< ./file\"")
                                     .arg(label));
        }
        if (!http.headers.contains("Content-Type")) // curl would add a form type of its own
            lines << QStringLiteral("-H 'Content-Type:'");
    }
    if (http.options.followRedirects.value_or(true))
        lines << QStringLiteral("-L");
    lines << QStringLiteral("--compressed");
    if (http.options.connectTimeoutMs)
        lines << QStringLiteral("--connect-timeout ") +
                     QString::number(double(*http.options.connectTimeoutMs) / 1000.0);
    if (http.options.retries)
        lines << QStringLiteral("--retry ") + QString::number(*http.options.retries);
    // curl's --http2 on http:// would ask for the h2c Upgrade; ours is prior knowledge there.
    if (http.options.protocol == ProtocolChoice::Http1)
        lines << QStringLiteral("--http1.1");
    else if (http.options.protocol == ProtocolChoice::Http2)
        lines << (http.url.scheme() == QLatin1String("http")
                      ? QStringLiteral("--http2-prior-knowledge")
                      : QStringLiteral("--http2"));
    if (http.options.timeoutMs)
        problems->append(QStringLiteral("%1: # @timeout limits the time without data; curl has no "
                                        "such option (--max-time limits the whole transfer)")
                             .arg(label));
    if (http.options.noReuse)
        problems->append(QStringLiteral("%1: # @no-reuse: each curl command opens its own "
                                        "connection anyway")
                             .arg(label));
    return head + QStringLiteral(" \\\n  ") + lines.join(QStringLiteral(" \\\n  "));
}

QString CurlExporter::file(const HttpFile &file, const VariableExpander &expander,
                           QStringList *problems)
{
    QStringList commands;
    const QString folder = QFileInfo(file.path).absolutePath();
    for (const RequestDefinition &request : file.requests) {
        const QString command = CurlExporter::command(request, expander, folder, problems);
        if (command.isEmpty())
            continue;
        commands.append(QStringLiteral("# ") + request.displayName().simplified() +
                        QLatin1Char('\n') + command);
    }
    return commands.join(QStringLiteral("\n\n")) +
           (commands.isEmpty() ? QString() : QStringLiteral("\n"));
}

} // namespace mr
