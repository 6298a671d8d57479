#include "requestresolver.h"

#include "http/credentialnames.h"
#include "requestauth.h"
#include "urlquery.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <sys/stat.h>

namespace mr {

namespace {

// An absolute path with symlinks resolved where the path exists; a clean absolute one else.
QString realPath(const QString &path)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(QDir(path).absolutePath()) : canonical;
}

bool isInside(const QString &path, const QString &root)
{
    return path == root ||
           path.startsWith(root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/'));
}

// Why `path` cannot be a body file (empty when it can): missing, unreadable, or not a regular
// file. Checked without opening it: opening a FIFO would wait for a writer, and reading a
// device such as /dev/zero would never end.
QString unusableFile(const QString &path, const QString &real)
{
    const QFileInfo info(real);
    const QString shown =
        path == real ? QDir::toNativeSeparators(path)
                     : QStringLiteral("%1 (a link to %2)")
                           .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(real));
    if (!QFileInfo(path).exists() || !info.exists())
        return QStringLiteral("cannot read %1: there is no such file").arg(shown);
    if (info.isDir())
        return QStringLiteral("%1 is a folder; name a file").arg(shown);
    if (!info.isFile())
        return QStringLiteral("%1 is not a regular file (a device, FIFO or socket); only "
                              "regular files can be sent")
            .arg(shown);
    if (!info.isReadable())
        return QStringLiteral("cannot read %1: permission denied").arg(shown);
    return {};
}

} // namespace

QList<RequestResolver::BodyFile> RequestResolver::Result::outsideFiles() const
{
    QList<BodyFile> outside;
    for (const BodyFile &file : bodyFiles) {
        if (file.outside)
            outside.append(file);
    }
    return outside;
}

QString RequestResolver::Result::bodySummary() const
{
    if (bodyFiles.isEmpty())
        return {};
    return QStringLiteral("body: %1, %2")
        .arg(bodyFiles.size() == 1 ? QStringLiteral("1 file")
                                   : QStringLiteral("%1 files").arg(bodyFiles.size()),
             sizeText(request.bodySize()));
}

QString RequestResolver::sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, bytes < 1024 ? 0 : 1,
                                          QLocale::DataSizeTraditionalFormat);
}

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

static void addDecodedParam(SendOptions *options, const QString &name)
{
    if (!options->credentialQueryItems.contains(name))
        options->credentialQueryItems.append(name);
}

// The API key headers and params the engine must not carry to another origin: the one the
// auth tab reads, and any other whose name says it is a key.
static void markCredentials(const RequestDefinition &definition, SendOptions *options)
{
    const auto addHeader = [options](const QString &name) {
        if (!options->credentialHeaders.contains(name, Qt::CaseInsensitive))
            options->credentialHeaders.append(name);
    };
    const auto addParam = [options](const QString &encodedName) {
        // Decoded, as the engine compares them.
        addDecodedParam(options, QUrl::fromPercentEncoding(encodedName.toUtf8()));
    };
    const RequestAuth auth = RequestAuth::read(definition);
    if (auth.kind == RequestAuth::Kind::ApiKey && auth.where == RequestAuth::Where::Header)
        addHeader(auth.keyName);
    else if (auth.kind == RequestAuth::Kind::ApiKey)
        addParam(auth.keyName);
    for (const RequestDefinition::Header &header : definition.headers) {
        if (CredentialNames::isCredentialName(header.name))
            addHeader(header.name);
    }
    if (!definition.url.contains(QLatin1Char('?'))) // no query, no params to split
        return;
    for (const UrlQuery::Param &param : UrlQuery::split(definition.url).params) {
        if (CredentialNames::isCredentialName(QUrl::fromPercentEncoding(param.name.toUtf8())))
            addParam(param.name);
    }
}

namespace {

// JetBrains' shorthands in an Authorization header: "Basic user password" and "Digest user
// password", credentials that are encoded or answered here, never sent as written.
struct Shorthand {
    enum Scheme { None, Basic, Digest } scheme = None;
    QString user;
    QString password;
    QString error; // a shorthand that cannot be taken apart: sending it would leak it
};

Shorthand authorizationShorthand(const QString &value, const VariableExpander &expander,
                                 RequestResolver::Result *result)
{
    Shorthand out;
    const auto schemeOf = [](QStringView word) {
        if (word.compare(QLatin1String("Basic"), Qt::CaseInsensitive) == 0)
            return Shorthand::Basic;
        if (word.compare(QLatin1String("Digest"), Qt::CaseInsensitive) == 0)
            return Shorthand::Digest;
        return Shorthand::None;
    };
    // A first word without variables that is neither scheme ("Bearer {{token}}") is no
    // shorthand, whatever the rest expands to: the words below would find the same.
    qsizetype begin = 0;
    while (begin < value.size() && value.at(begin).isSpace())
        ++begin;
    qsizetype end = begin;
    while (end < value.size() && !value.at(end).isSpace())
        ++end;
    const QStringView first = QStringView(value).sliced(begin, end - begin);
    if (!first.isEmpty() && !first.contains(QLatin1Char('{')) && schemeOf(first) == Shorthand::None)
        return out;
    // Split as written, then expand each word: a password with spaces in a variable stays one.
    const QStringList written = RequestAuth::words(value);
    if (written.size() == 3 && schemeOf(written[0]) != Shorthand::None) {
        out.scheme = schemeOf(written[0]);
        const VariableExpander::Result user = expander.expand(written[1]);
        const VariableExpander::Result password = expander.expand(written[2]);
        addUnresolved(result, user);
        addUnresolved(result, password);
        out.user = user.text;
        out.password = password.text;
        return out;
    }
    // One variable that holds "user password" ("Digest {{credentials}}").
    const QString expanded = expander.expand(value).text.simplified();
    const QStringList parts = expanded.split(QLatin1Char(' '));
    const Shorthand::Scheme scheme = schemeOf(parts.value(0));
    if (scheme == Shorthand::None)
        return out;
    if (parts.size() == 3) {
        out.scheme = scheme;
        out.user = parts[1];
        out.password = parts[2];
        return out;
    }
    // "Basic <base64>" is the header's own form; a Digest answer written out has "=" in it.
    // Anything else is a shorthand with the wrong number of words: refuse it rather than send
    // a password in clear.
    const bool ownForm = scheme == Shorthand::Basic
                             ? parts.size() == 2
                             : parts.size() >= 2 && expanded.contains(QLatin1Char('='));
    if (!ownForm) {
        out.error =
            QStringLiteral("Authorization: %1 takes a user name and a password (\"%1 user "
                           "password\"), and this value has %2 words after %1; put a password with "
                           "spaces in a variable: %1 {{user}} {{password}}")
                .arg(parts[0])
                .arg(parts.size() - 1);
    }
    return out;
}

} // namespace

RequestResolver::Result RequestResolver::resolve(const RequestDefinition &definition,
                                                 const VariableExpander &expander,
                                                 const QString &baseFolder)
{
    FileAccess files;
    files.baseFolder = baseFolder;
    return resolve(definition, expander, files);
}

// QUrl(text, StrictMode), kept per thread by its text: a run sends the same URLs again and
// again, and parsing one costs more than the rest of its resolving. Bounded, as URLs with
// generated values all differ.
static QUrl parsedUrl(const QString &text)
{
    thread_local QHash<QString, QUrl> parsed;
    if (const auto it = parsed.constFind(text); it != parsed.cend())
        return *it;
    if (parsed.size() >= 1024)
        parsed.clear();
    const QUrl url(text, QUrl::StrictMode);
    parsed.insert(text, url);
    return url;
}

RequestResolver::Prepared RequestResolver::prepare(const RequestDefinition &definition)
{
    SendOptions options;
    markCredentials(definition, &options);
    return Prepared{options.credentialHeaders, options.credentialQueryItems,
                    definition.body.split(QLatin1Char('\n'))};
}

RequestResolver::Result RequestResolver::resolve(const RequestDefinition &definition,
                                                 const VariableExpander &expander,
                                                 const FileAccess &files, const Prepared *prepared)
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
    const QUrl parsed = parsedUrl(urlText);
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
        if (header.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0) {
            const Shorthand shorthand = authorizationShorthand(header.value, expander, &result);
            if (!shorthand.error.isEmpty()) {
                result.error = shorthand.error;
                return result;
            }
            if (shorthand.scheme == Shorthand::Basic) {
                result.request.headers.append(
                    "Authorization",
                    "Basic " + (shorthand.user + ':' + shorthand.password).toUtf8().toBase64());
                continue;
            }
            if (shorthand.scheme == Shorthand::Digest) {
                result.request.options.digestUser = shorthand.user;
                result.request.options.digestPassword = shorthand.password;
                continue; // answered when the server's challenge comes
            }
        }
        const VariableExpander::Result value = expander.expand(header.value);
        addUnresolved(&result, value);
        result.request.headers.append(header.name.toLatin1(), value.text.toUtf8());
    }
    if (prepared) {
        // As markCredentials() adds them, onto what the directives said.
        for (const QString &name : prepared->credentialHeaders) {
            if (!result.request.options.credentialHeaders.contains(name, Qt::CaseInsensitive))
                result.request.options.credentialHeaders.append(name);
        }
        for (const QString &name : prepared->credentialQueryItems)
            addDecodedParam(&result.request.options, name);
    } else {
        markCredentials(definition, &result.request.options);
    }
    const bool multipart =
        result.request.headers.value("Content-Type").trimmed().toLower().startsWith("multipart/");
    const QString baseFolder = files.baseFolder.isEmpty() ? QDir::currentPath() : files.baseFolder;
    // The workspace's real path, only once a body reads a file: most read none.
    QString root;
    const auto workspaceRoot = [&]() -> const QString & {
        if (root.isEmpty())
            root = realPath(files.workspaceRoot.isEmpty() ? baseFolder : files.workspaceRoot);
        return root;
    };
    // The body as parts: text lines in bytes, each "< file" line a file streamed when sending.
    // Lines are joined with CRLF for multipart bodies, as RFC 7578 wants, else with LF; a body
    // that is one file is sent as it is.
    QList<BodyPart> parts;
    const auto addBytes = [&parts](const QByteArray &bytes) {
        if (!parts.isEmpty() && !parts.last().isFile())
            parts.last().bytes += bytes;
        else
            parts.append(BodyPart::fromBytes(bytes));
    };
    qint64 fileBytes = 0;
    const QStringList lines =
        prepared ? prepared->bodyLines : definition.body.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size() && !definition.body.isEmpty(); ++i) {
        const QString &line = lines[i];
        if (i > 0)
            addBytes(multipart ? "\r\n" : "\n");
        if (!line.startsWith(QLatin1String("< "))) {
            const VariableExpander::Result text = expander.expand(line);
            addUnresolved(&result, text);
            addBytes(text.text.toUtf8());
            continue;
        }
        // A file's content, as it is (JetBrains "< ./file").
        const VariableExpander::Result name = expander.expand(line.mid(2).trimmed());
        addUnresolved(&result, name);
        const QString path = QDir::cleanPath(QDir(baseFolder).absoluteFilePath(name.text));
        BodyFile file;
        file.path = realPath(path);
        file.bodyLine = i + 1;
        if (const QString problem = unusableFile(path, file.path); !problem.isEmpty()) {
            result.error = QStringLiteral("body line %1: %2").arg(i + 1).arg(problem);
            return result;
        }
        file.size = QFileInfo(file.path).size();
        fileBytes += file.size;
        if (fileBytes > files.sizeLimit) {
            result.error = QStringLiteral("body line %1: %2 (%3) takes the body's files past the "
                                          "limit of %4 (setting maxFileBodyMB)")
                               .arg(i + 1)
                               .arg(QDir::toNativeSeparators(file.path), sizeText(file.size),
                                    sizeText(files.sizeLimit));
            return result;
        }
        file.outside = !isInside(file.path, workspaceRoot());
        result.bodyFiles.append(file);
        BodyPart part = BodyPart::fromFile(file.path, 0, file.size);
        if (struct stat checked{};
            ::stat(QFile::encodeName(file.path).constData(), &checked) == 0) {
            part.device = quint64(checked.st_dev);
            part.inode = quint64(checked.st_ino);
        }
        parts.append(part);
    }
    if (result.bodyFiles.isEmpty()) {
        result.request.body = parts.isEmpty() ? QByteArray() : parts.first().bytes;
    } else {
        // Streamed while sending; what history and reports keep is this description.
        result.request.bodyParts = parts;
        for (const BodyPart &part : std::as_const(parts))
            result.request.body +=
                part.isFile()
                    ? QStringLiteral("< %1 (%2)").arg(part.filePath, sizeText(part.size)).toUtf8()
                    : part.bytes;
    }
    // A reference to another request's exchange is never sent as "{{…}}": say which and why.
    if (!result.reasons.isEmpty())
        result.error = referenceProblems(result);
    // A file outside the workspace (an imported collection may name any) is read only with
    // the user's consent.
    QStringList notAllowed;
    int firstLine = 0;
    for (const BodyFile &file : std::as_const(result.bodyFiles)) {
        if (file.outside && !files.allowOutside && !files.allowedOutside.contains(file.path)) {
            notAllowed.append(QDir::toNativeSeparators(file.path));
            firstLine = firstLine ? firstLine : file.bodyLine;
        }
    }
    if (result.error.isEmpty() && !notAllowed.isEmpty()) {
        result.needsConsent = true;
        result.error = QStringLiteral("body line %1: reads %2, outside the workspace %3; it is "
                                      "sent only once you allow it")
                           .arg(firstLine)
                           .arg(notAllowed.join(QStringLiteral(", ")),
                                QDir::toNativeSeparators(workspaceRoot()));
    }
    return result;
}

} // namespace mr
