#include "requestresolver.h"

#include <QDir>
#include <QFile>

namespace mr {

static void addUnresolved(RequestResolver::Result *result, const VariableExpander::Result &more)
{
    for (const QString &name : more.unresolved) {
        if (!result->unresolved.contains(name))
            result->unresolved.append(name);
    }
    result->reasons.insert(more.reasons);
}

// "{{login.response.body.$.token}}: login has not been sent yet…", one line per reference.
static QString referenceProblems(const RequestResolver::Result &result)
{
    QStringList lines;
    for (const QString &name : result.unresolved) {
        if (result.reasons.contains(name))
            lines.append(QStringLiteral("{{%1}}: %2").arg(name, result.reasons.value(name)));
    }
    return lines.join(QLatin1Char('\n'));
}

RequestResolver::Result RequestResolver::resolve(const RequestDefinition &definition,
                                                 const VariableExpander &expander,
                                                 const QString &baseFolder)
{
    Result result;
    if (definition.isWebSocket()) {
        result.error = QStringLiteral("WebSocket requests are kept in the file but not sent yet");
        return result;
    }
    result.request.options = definition.options();
    result.request.method = definition.method.toLatin1();

    const VariableExpander::Result url = expander.expand(definition.url);
    addUnresolved(&result, url);
    QString urlText = url.text.trimmed();
    if (!urlText.contains(QLatin1String("://")))
        urlText.prepend(QLatin1String("http://"));
    const QUrl parsed(urlText, QUrl::StrictMode);
    if (!url.unresolved.isEmpty()) {
        result.error = QStringLiteral("the URL uses undefined variables: %1; pick an environment "
                                      "that defines them")
                           .arg(url.unresolved.join(QStringLiteral(", ")));
    } else if (!parsed.isValid() || parsed.host().isEmpty()) {
        result.error =
            QStringLiteral("\"%1\" is not a valid URL: %2")
                .arg(urlText, parsed.errorString().isEmpty() ? QStringLiteral("it has no host")
                                                             : parsed.errorString());
    } else if (parsed.scheme() != QLatin1String("http") &&
               parsed.scheme() != QLatin1String("https")) {
        result.error =
            QStringLiteral("\"%1\": only http:// and https:// URLs can be sent").arg(urlText);
    }
    result.request.url = parsed;

    for (const RequestDefinition::Header &header : definition.headers) {
        const VariableExpander::Result value = expander.expand(header.value);
        addUnresolved(&result, value);
        QByteArray bytes = value.text.toUtf8();
        if (header.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0) {
            // JetBrains shorthands: "Basic user password" and "Digest user password".
            const QList<QByteArray> parts = bytes.simplified().split(' ');
            if (parts.size() == 3 && parts[0].compare("Basic", Qt::CaseInsensitive) == 0) {
                bytes = "Basic " + (parts[1] + ':' + parts[2]).toBase64();
            } else if (parts.size() == 3 && parts[0].compare("Digest", Qt::CaseInsensitive) == 0) {
                result.request.options.digestUser = QString::fromUtf8(parts[1]);
                result.request.options.digestPassword = QString::fromUtf8(parts[2]);
                continue; // answered when the server's challenge comes
            }
        }
        result.request.headers.append(header.name.toLatin1(), bytes);
    }
    const bool multipart =
        result.request.headers.value("Content-Type").trimmed().toLower().startsWith("multipart/");
    const QStringList lines = definition.body.split(QLatin1Char('\n'));
    QList<QByteArray> parts;
    for (int i = 0; i < lines.size() && !definition.body.isEmpty(); ++i) {
        const QString &line = lines[i];
        if (line.startsWith(QLatin1String("< "))) {
            // A file's content, as it is (JetBrains "< ./file").
            const VariableExpander::Result name = expander.expand(line.mid(2).trimmed());
            addUnresolved(&result, name);
            const QString path = QDir(baseFolder.isEmpty() ? QDir::currentPath() : baseFolder)
                                     .absoluteFilePath(name.text);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                result.error = QStringLiteral("body line %1: cannot read %2: %3")
                                   .arg(i + 1)
                                   .arg(QDir::toNativeSeparators(path), file.errorString());
                return result;
            }
            parts.append(file.readAll());
            continue;
        }
        const VariableExpander::Result text = expander.expand(line);
        addUnresolved(&result, text);
        parts.append(text.text.toUtf8());
    }
    // A body that is one file is sent as it is; otherwise lines are joined, with CRLF for
    // multipart bodies as RFC 7578 wants.
    result.request.body = parts.size() == 1 ? parts.first() : parts.join(multipart ? "\r\n" : "\n");
    // A reference to another request's exchange is never sent as "{{…}}": say which and why.
    if (!result.reasons.isEmpty())
        result.error = referenceProblems(result);
    return result;
}

} // namespace mr
