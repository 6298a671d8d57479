#include "curlexporter.h"

#include "shellwords.h"
#include "workspace/requestresolver.h"

#include <QDir>
#include <QFileInfo>

namespace mr {

namespace {

// Headers curl computes itself from the body and the URL.
bool computedByCurl(const QByteArray &name)
{
    return name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
           name.compare("Host", Qt::CaseInsensitive) == 0;
}

// A body written as exactly one "< ./file" line: the file's path, else empty.
QString singleFileBody(const RequestDefinition &request, const QString &baseFolder)
{
    const QString body = request.body.trimmed();
    if (!body.startsWith(QLatin1String("< ")) || body.contains(QLatin1Char('\n')))
        return {};
    const QString file = body.mid(2).trimmed();
    return QDir::cleanPath(QDir(baseFolder).absoluteFilePath(file));
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
    const RequestResolver::Result resolved =
        RequestResolver::resolve(request, expander, baseFolder);
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
        if (!computedByCurl(name))
            lines << QStringLiteral("-H ") +
                         ShellWords::quote(name + QByteArrayLiteral(": ") + value);
    }
    if (!http.options.digestUser.isEmpty())
        lines << QStringLiteral("--digest -u ") +
                     ShellWords::quote(http.options.digestUser + QLatin1Char(':') +
                                       http.options.digestPassword);
    if (hasBody) {
        const QString file = singleFileBody(request, baseFolder);
        if (!file.isEmpty() && QFileInfo(file).isFile())
            lines << QStringLiteral("--data-binary ") + ShellWords::quote(QLatin1Char('@') + file);
        else
            lines << QStringLiteral("--data-binary ") + ShellWords::quote(http.body);
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
    if (http.options.http2)
        lines << QStringLiteral("--http2");
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
