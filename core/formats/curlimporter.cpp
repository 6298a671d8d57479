#include "curlimporter.h"

#include "importedfilepath.h"
#include "workspace/httpfileparser.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace mr {

namespace {

const QString Boundary = QStringLiteral("MicrorequestsBoundary");

enum class Kind {
    Method,
    Header,
    Data,          // -d, --data, --data-ascii: @file strips newlines
    DataBinary,    // @file kept byte for byte
    DataRaw,       // no @file
    DataUrlencode, // name=value encoded
    Json,
    Form,
    FormString,
    User,
    Basic,
    Digest,
    OtherAuth, // --ntlm, --negotiate, --anyauth
    Cookie,
    Location,
    Get,
    Head,
    UserAgent,
    Referer,
    Url,
    UrlQuery,
    MaxTime,
    ConnectTimeout,
    Retry,
    Http1,               // --http1.1: # @http1
    Http2,               // --http2: ALPN on https; the h2c Upgrade (not offered) on http
    Http2PriorKnowledge, // --http2-prior-knowledge: # @http2
    Bearer,
    UploadFile,
    Range,
    Next,
    Quiet,        // output and progress options: no effect on the request
    QuietWithArg, // the same, with an argument
    Unsupported,  // known, affects the request, cannot be expressed in .http
    UnsupportedArg,
};

struct Option {
    const char *longName;
    char shortName;
    Kind kind;
};

// clang-format off
const Option Options[] = {
    {"request", 'X', Kind::Method}, {"header", 'H', Kind::Header},
    {"data", 'd', Kind::Data}, {"data-ascii", 0, Kind::Data},
    {"data-binary", 0, Kind::DataBinary}, {"data-raw", 0, Kind::DataRaw},
    {"data-urlencode", 0, Kind::DataUrlencode}, {"json", 0, Kind::Json},
    {"form", 'F', Kind::Form}, {"form-string", 0, Kind::FormString},
    {"user", 'u', Kind::User}, {"basic", 0, Kind::Basic}, {"digest", 0, Kind::Digest},
    {"ntlm", 0, Kind::OtherAuth}, {"negotiate", 0, Kind::OtherAuth}, {"anyauth", 0, Kind::OtherAuth},
    {"cookie", 'b', Kind::Cookie}, {"location", 'L', Kind::Location},
    {"location-trusted", 0, Kind::Location}, {"get", 'G', Kind::Get}, {"head", 'I', Kind::Head},
    {"user-agent", 'A', Kind::UserAgent}, {"referer", 'e', Kind::Referer}, {"url", 0, Kind::Url},
    {"url-query", 0, Kind::UrlQuery}, {"max-time", 'm', Kind::MaxTime},
    {"connect-timeout", 0, Kind::ConnectTimeout}, {"retry", 0, Kind::Retry},
    {"http2", 0, Kind::Http2}, {"http2-prior-knowledge", 0, Kind::Http2PriorKnowledge},
    {"http1.1", 0, Kind::Http1},
    {"oauth2-bearer", 0, Kind::Bearer}, {"upload-file", 'T', Kind::UploadFile},
    {"range", 'r', Kind::Range}, {"next", ':', Kind::Next},
    {"compressed", 0, Kind::Quiet}, {"silent", 's', Kind::Quiet}, {"show-error", 'S', Kind::Quiet},
    {"verbose", 'v', Kind::Quiet}, {"include", 'i', Kind::Quiet}, {"fail", 'f', Kind::Quiet},
    {"fail-with-body", 0, Kind::Quiet}, {"progress-bar", '#', Kind::Quiet},
    {"no-progress-meter", 0, Kind::Quiet}, {"remote-name", 'O', Kind::Quiet},
    {"remote-header-name", 'J', Kind::Quiet}, {"no-buffer", 'N', Kind::Quiet},
    {"globoff", 'g', Kind::Quiet}, {"path-as-is", 0, Kind::Quiet},
    {"tcp-nodelay", 0, Kind::Quiet}, {"no-keepalive", 0, Kind::Quiet}, {"raw", 0, Kind::Quiet},
    {"create-dirs", 0, Kind::Quiet}, {"junk-session-cookies", 'j', Kind::Quiet},
    {"ipv4", '4', Kind::Quiet}, {"ipv6", '6', Kind::Quiet}, {"disable", 'q', Kind::Quiet},
    {"styled-output", 0, Kind::Quiet}, {"no-styled-output", 0, Kind::Quiet},
    {"output", 'o', Kind::QuietWithArg}, {"write-out", 'w', Kind::QuietWithArg},
    {"dump-header", 'D', Kind::QuietWithArg}, {"trace", 0, Kind::QuietWithArg},
    {"trace-ascii", 0, Kind::QuietWithArg}, {"stderr", 0, Kind::QuietWithArg},
    {"cookie-jar", 'c', Kind::QuietWithArg}, {"keepalive-time", 0, Kind::QuietWithArg},
    {"insecure", 'k', Kind::Unsupported}, {"http1.0", '0', Kind::Unsupported},
    {"netrc", 'n', Kind::Unsupported}, {"netrc-optional", 0, Kind::Unsupported},
    {"proxy", 'x', Kind::UnsupportedArg}, {"proxy-user", 'U', Kind::UnsupportedArg},
    {"noproxy", 0, Kind::UnsupportedArg}, {"socks5", 0, Kind::UnsupportedArg},
    {"socks5-hostname", 0, Kind::UnsupportedArg}, {"cert", 'E', Kind::UnsupportedArg},
    {"key", 0, Kind::UnsupportedArg}, {"cacert", 0, Kind::UnsupportedArg},
    {"capath", 0, Kind::UnsupportedArg}, {"resolve", 0, Kind::UnsupportedArg},
    {"connect-to", 0, Kind::UnsupportedArg}, {"max-redirs", 0, Kind::UnsupportedArg},
    {"time-cond", 'z', Kind::UnsupportedArg}, {"limit-rate", 0, Kind::UnsupportedArg},
    {"interface", 0, Kind::UnsupportedArg}, {"config", 'K', Kind::UnsupportedArg},
    {"variable", 0, Kind::UnsupportedArg}, {"aws-sigv4", 0, Kind::UnsupportedArg},
};
// clang-format on

bool takesArgument(Kind kind)
{
    switch (kind) {
    case Kind::Basic:
    case Kind::Digest:
    case Kind::OtherAuth:
    case Kind::Location:
    case Kind::Get:
    case Kind::Head:
    case Kind::Http1:
    case Kind::Http2:
    case Kind::Http2PriorKnowledge:
    case Kind::Next:
    case Kind::Quiet:
    case Kind::Unsupported: return false;
    default: return true;
    }
}

const Option *findLong(const QString &name)
{
    for (const Option &option : Options) {
        if (name == QLatin1String(option.longName))
            return &option;
    }
    return nullptr;
}

const Option *findShort(QChar c)
{
    for (const Option &option : Options) {
        if (option.shortName != 0 && c == QLatin1Char(option.shortName))
            return &option;
    }
    return nullptr;
}

struct DataPart {
    QString text;
    QString file; // "@file": the body comes from it
};

// Everything one curl invocation (up to --next) asks for.
struct Invocation {
    QString method;
    QStringList urls;
    QList<RequestDefinition::Header> headers;
    QList<DataPart> data;
    bool json = false;
    QStringList formParts; // rendered multipart sections
    QString user;
    bool digest = false;
    QStringList cookies;
    bool location = false;
    bool get = false;
    bool head = false;
    QString uploadFile;
    QStringList urlQueries;
    QList<RequestDefinition::Directive> directives;
    // The last of --http1.1, --http2 and --http2-prior-knowledge (curl takes the last), and
    // where it stands: --http2's meaning depends on each URL's scheme.
    Kind http = Kind::Quiet;
    ShellWords::Word httpWord;
};

class CommandReader
{
public:
    CommandReader(const QString &text, const QString &path, CollectionDraft *draft)
        : m_text(text)
        , m_path(path)
        , m_draft(draft)
    {}

    void read(const ShellWords::Command &command)
    {
        m_words = command.words;
        m_at = 1; // after "curl"
        Invocation invocation;
        bool optionsEnded = false;
        while (m_at < m_words.size()) {
            const ShellWords::Word &word = m_words[m_at++];
            if (optionsEnded || !word.text.startsWith(QLatin1Char('-')) ||
                word.text == QLatin1String("-")) {
                invocation.urls.append(word.text);
                continue;
            }
            if (word.text == QLatin1String("--")) {
                optionsEnded = true;
                continue;
            }
            if (word.text.startsWith(QLatin1String("--"))) {
                QString name = word.text.mid(2);
                if (name.startsWith(QLatin1String("no-")) && !findLong(name) &&
                    findLong(name.mid(3))) // --no-location and friends switch a flag off
                    continue;
                const Option *option = findLong(name);
                if (!option) {
                    note(word,
                         QStringLiteral("unknown curl option %1; not carried over").arg(word.text));
                    continue;
                }
                QString argument;
                if (takesArgument(option->kind) && !takeArgument(word, &argument))
                    return;
                if (!apply(*option, word, argument, &invocation))
                    return;
                continue;
            }
            // Short options may be bundled ("-sSL") and take their argument attached ("-XPOST").
            for (qsizetype i = 1; i < word.text.size(); ++i) {
                const Option *option = findShort(word.text[i]);
                if (!option) {
                    note(word, QStringLiteral("unknown curl option -%1; not carried over")
                                   .arg(word.text[i]));
                    continue;
                }
                QString argument;
                if (takesArgument(option->kind)) {
                    if (i + 1 < word.text.size())
                        argument = word.text.mid(i + 1);
                    else if (!takeArgument(word, &argument))
                        return;
                    if (!apply(*option, word, argument, &invocation))
                        return;
                    break;
                }
                if (!apply(*option, word, argument, &invocation))
                    return;
            }
        }
        finish(invocation, command.words.first());
    }

private:
    bool takeArgument(const ShellWords::Word &word, QString *argument)
    {
        if (m_at >= m_words.size()) {
            error(word, QStringLiteral("%1 needs a value").arg(word.text));
            return false;
        }
        *argument = m_words[m_at++].text;
        return true;
    }

    void note(const ShellWords::Word &word, const QString &message)
    {
        Diagnostic d = Diagnostic::at(m_path, m_text, word.offset, message);
        d.severity = Diagnostic::Severity::Warning;
        m_draft->notes.append(d);
    }
    void error(const ShellWords::Word &word, const QString &message)
    {
        m_draft->errors.append(Diagnostic::at(m_path, m_text, word.offset, message));
    }

    bool apply(const Option &option, const ShellWords::Word &word, const QString &argument,
               Invocation *in)
    {
        const QString name = QStringLiteral("--") + QLatin1String(option.longName);
        switch (option.kind) {
        case Kind::Method: in->method = argument; break;
        case Kind::Header: header(word, argument, in); break;
        case Kind::Data:
        case Kind::DataBinary:
            if (argument.startsWith(QLatin1Char('@'))) {
                if (argument == QLatin1String("@-")) {
                    note(word,
                         QStringLiteral("%1 @- reads standard input; not carried over").arg(name));
                    break;
                }
                if (option.kind == Kind::Data)
                    note(word,
                         QStringLiteral(
                             "curl strips line breaks from %1 @file; the file is sent as it is")
                             .arg(name));
                in->data.append({QString(), argument.mid(1)});
                break;
            }
            in->data.append({argument, QString()});
            break;
        case Kind::DataRaw: in->data.append({argument, QString()}); break;
        case Kind::DataUrlencode: dataUrlencode(word, argument, in); break;
        case Kind::Json:
            in->json = true;
            if (argument.startsWith(QLatin1Char('@')))
                in->data.append({QString(), argument.mid(1)});
            else // curl joins several --json values without a separator
                in->data.append({argument, QString()});
            break;
        case Kind::Form: form(word, argument, false, in); break;
        case Kind::FormString: form(word, argument, true, in); break;
        case Kind::User: in->user = argument; break;
        case Kind::Basic: in->digest = false; break;
        case Kind::Digest: in->digest = true; break;
        case Kind::OtherAuth:
            note(word,
                 QStringLiteral("%1 authentication is not supported; Basic is used").arg(name));
            break;
        case Kind::Cookie:
            if (!argument.contains(QLatin1Char('=')))
                note(word, QStringLiteral("-b %1 reads cookies from a file; not carried over")
                               .arg(argument));
            else
                in->cookies.append(argument);
            break;
        case Kind::Location: in->location = true; break;
        case Kind::Get: in->get = true; break;
        case Kind::Head: in->head = true; break;
        case Kind::UserAgent:
            in->headers.append({QStringLiteral("User-Agent"), argument, 0});
            break;
        case Kind::Referer:
            in->headers.append(
                {QStringLiteral("Referer"), argument.section(QStringLiteral(";auto"), 0, 0), 0});
            break;
        case Kind::Url: in->urls.append(argument); break;
        case Kind::UrlQuery: in->urlQueries.append(argument); break;
        case Kind::MaxTime:
        case Kind::ConnectTimeout:
        case Kind::Retry: numericOption(option, word, argument, in); break;
        case Kind::Http1:
        case Kind::Http2:
        case Kind::Http2PriorKnowledge:
            in->http = option.kind;
            in->httpWord = word;
            break;
        case Kind::Bearer:
            in->headers.append(
                {QStringLiteral("Authorization"), QStringLiteral("Bearer ") + argument, 0});
            break;
        case Kind::UploadFile: in->uploadFile = argument; break;
        case Kind::Range:
            in->headers.append({QStringLiteral("Range"), QStringLiteral("bytes=") + argument, 0});
            break;
        case Kind::Next:
            finish(*in, word);
            *in = Invocation();
            break;
        case Kind::Quiet:
        case Kind::QuietWithArg: break;
        case Kind::Unsupported:
        case Kind::UnsupportedArg:
            note(word, QStringLiteral("%1 has no .http equivalent; not carried over%2")
                           .arg(word.text.startsWith(QLatin1String("--"))
                                    ? word.text
                                    : QStringLiteral("-") + QLatin1Char(option.shortName),
                                option.kind == Kind::Unsupported && option.shortName == 'k'
                                    ? QStringLiteral(" (trust the server's certificate in "
                                                     "microrequests.json \"tls\" instead)")
                                    : QString()));
            break;
        }
        return true;
    }

    void header(const ShellWords::Word &word, const QString &argument, Invocation *in)
    {
        if (argument.startsWith(QLatin1Char('@'))) {
            note(word, QStringLiteral("-H @file reads headers from a file; not carried over"));
            return;
        }
        const qsizetype colon = argument.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            if (argument.endsWith(QLatin1Char(';')) &&
                argument.size() > 1) { // "X-Empty;" sends it empty
                in->headers.append({argument.chopped(1).trimmed(), QString(), 0});
                return;
            }
            note(word, QStringLiteral("-H %1 is not a header (Name: value); not carried over")
                           .arg(argument));
            return;
        }
        const QString name = argument.left(colon).trimmed();
        const QString value = argument.mid(colon + 1).trimmed();
        if (value.isEmpty()) {
            note(word,
                 QStringLiteral("-H \"%1:\" removes a header curl would send; not carried over")
                     .arg(name));
            return;
        }
        in->headers.append({name, value, 0});
    }

    void dataUrlencode(const ShellWords::Word &word, const QString &argument, Invocation *in)
    {
        // content | =content | name=content | @file | name@file
        const qsizetype equals = argument.indexOf(QLatin1Char('='));
        const qsizetype at = argument.indexOf(QLatin1Char('@'));
        if (at >= 0 && (equals < 0 || at < equals)) {
            note(word,
                 QStringLiteral("--data-urlencode %1 encodes a file's content; not carried over")
                     .arg(argument));
            return;
        }
        const auto encode = [](const QString &text) {
            // curl writes a space as "+" here, as HTML forms do
            return QString::fromLatin1(QUrl::toPercentEncoding(text, " ").replace(' ', '+'));
        };
        if (equals < 0)
            in->data.append({encode(argument), QString()});
        else if (equals == 0)
            in->data.append({encode(argument.mid(1)), QString()});
        else
            in->data.append(
                {argument.left(equals) + QLatin1Char('=') + encode(argument.mid(equals + 1)),
                 QString()});
    }

    void form(const ShellWords::Word &word, const QString &argument, bool literal, Invocation *in)
    {
        const qsizetype equals = argument.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            error(word, QStringLiteral("-F %1: expected name=value").arg(argument));
            return;
        }
        const QString name = argument.left(equals);
        QString value = argument.mid(equals + 1);
        QString type;
        QString fileName;
        if (!literal) { // ";type=…" and ";filename=…" modifiers
            const QStringList pieces = value.split(QLatin1Char(';'));
            value = pieces.first();
            for (const QString &piece : pieces.mid(1)) {
                if (piece.startsWith(QLatin1String("type=")))
                    type = piece.mid(5);
                else if (piece.startsWith(QLatin1String("filename=")))
                    fileName = piece.mid(9);
                else
                    value += QLatin1Char(';') + piece; // part of the value after all
            }
        }
        QString section = QStringLiteral("--") + Boundary + QLatin1Char('\n');
        if (!literal && value.startsWith(QLatin1Char('@'))) {
            const QString file = value.mid(1);
            section +=
                QStringLiteral("Content-Disposition: form-data; name=\"%1\"; filename=\"%2\"\n")
                    .arg(name, fileName.isEmpty() ? QFileInfo(file).fileName() : fileName);
            if (!type.isEmpty())
                section += QStringLiteral("Content-Type: ") + type + QLatin1Char('\n');
            section += QStringLiteral("\n< ") + file;
            if (ImportedFilePath::leavesWorkspace(file))
                note(word, ImportedFilePath::note(file));
        } else if (!literal && value.startsWith(QLatin1Char('<'))) {
            section += QStringLiteral("Content-Disposition: form-data; name=\"%1\"\n").arg(name);
            if (!type.isEmpty())
                section += QStringLiteral("Content-Type: ") + type + QLatin1Char('\n');
            section += QStringLiteral("\n< ") + value.mid(1);
            if (ImportedFilePath::leavesWorkspace(value.mid(1)))
                note(word, ImportedFilePath::note(value.mid(1)));
        } else {
            section += QStringLiteral("Content-Disposition: form-data; name=\"%1\"\n").arg(name);
            if (!type.isEmpty())
                section += QStringLiteral("Content-Type: ") + type + QLatin1Char('\n');
            section += QLatin1Char('\n') + value;
        }
        in->formParts.append(section);
    }

    void numericOption(const Option &option, const ShellWords::Word &word, const QString &argument,
                       Invocation *in)
    {
        bool ok = false;
        const double value = argument.toDouble(&ok);
        if (!ok || value < 0) {
            error(word, QStringLiteral("%1 %2: expected a number").arg(word.text, argument));
            return;
        }
        if (option.kind == Kind::Retry) {
            in->directives.append({QStringLiteral("retries"), QString::number(qRound(value)), 0});
            return;
        }
        const QString duration =
            value == double(qint64(value))
                ? QString::number(qint64(value)) + QStringLiteral(" s")
                : QString::number(qRound64(value * 1000)) + QStringLiteral(" ms");
        if (option.kind == Kind::ConnectTimeout) {
            in->directives.append({QStringLiteral("connection-timeout"), duration, 0});
        } else {
            note(word, QStringLiteral("%1 limits the whole transfer; # @timeout limits the time "
                                      "without data")
                           .arg(word.text));
            in->directives.append({QStringLiteral("timeout"), duration, 0});
        }
    }

    static bool hasHeader(const Invocation &in, const QString &name)
    {
        for (const RequestDefinition::Header &header : in.headers) {
            if (header.name.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }

    // --http1.1 is # @http1 and --http2-prior-knowledge # @http2 (HTTP/2 without the upgrade
    // on http://, by ALPN on https). --http2 is # @http2 on https, where curl negotiates h2 by
    // ALPN; on http:// it asks for the h2c Upgrade, which Microrequests does not offer: noted,
    // and the request keeps the default.
    void protocol(const Invocation &in, const QString &url, RequestDefinition *request)
    {
        if (in.http == Kind::Http1) {
            request->directives.append({QStringLiteral("http1"), QString(), 0});
        } else if (in.http == Kind::Http2PriorKnowledge ||
                   (in.http == Kind::Http2 &&
                    url.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))) {
            request->directives.append({QStringLiteral("http2"), QString(), 0});
        } else if (in.http == Kind::Http2) {
            note(in.httpWord,
                 QStringLiteral("--http2 on a URL that is not https:// (%1) asks for the h2c "
                                "Upgrade, which Microrequests does not offer; not carried over "
                                "(# @http2 is HTTP/2 with prior knowledge there, as curl's "
                                "--http2-prior-knowledge)")
                     .arg(url));
        }
    }

    void finish(Invocation in, const ShellWords::Word &where)
    {
        if (in.urls.isEmpty()) {
            error(where, QStringLiteral("curl command without a URL"));
            return;
        }
        // The body, as curl would build it.
        QString body;
        QString bodyFile;
        if (!in.formParts.isEmpty()) {
            if (!in.data.isEmpty())
                note(where, QStringLiteral(
                                "-F and -d in one command: curl refuses this; the form is used"));
            body = in.formParts.join(QLatin1Char('\n')) + QStringLiteral("\n--") + Boundary +
                   QStringLiteral("--");
            if (!hasHeader(in, QStringLiteral("Content-Type")))
                in.headers.append({QStringLiteral("Content-Type"),
                                   QStringLiteral("multipart/form-data; boundary=") + Boundary, 0});
        } else if (!in.data.isEmpty()) {
            QStringList texts;
            for (const DataPart &part : std::as_const(in.data)) {
                if (!part.file.isEmpty()) {
                    if (in.data.size() > 1 || in.get)
                        note(where,
                             QStringLiteral("@%1 mixed with other data; only the file is sent")
                                 .arg(part.file));
                    bodyFile = part.file;
                    break;
                }
                texts.append(part.text);
            }
            if (bodyFile.isEmpty())
                body = texts.join(in.json ? QString() : QStringLiteral("&"));
        } else if (!in.uploadFile.isEmpty()) {
            bodyFile = in.uploadFile;
        }
        QString method = in.method;
        if (in.get && !body.isEmpty() &&
            in.formParts.isEmpty()) { // -G: the data goes into the query
            in.urlQueries.prepend(body);
            body.clear();
        }
        const bool hasBody = !body.isEmpty() || !bodyFile.isEmpty();
        if (ImportedFilePath::leavesWorkspace(bodyFile))
            note(where, ImportedFilePath::note(bodyFile));
        if (!method.isEmpty() && !HttpFileParser::isMethod(method.toUpper())) {
            error(where, QStringLiteral("-X %1 is not an HTTP method (letters and -)").arg(method));
            return;
        }
        if (method.isEmpty())
            method = in.head ? QStringLiteral("HEAD")
                             : (!in.uploadFile.isEmpty()
                                    ? QStringLiteral("PUT")
                                    : (hasBody ? QStringLiteral("POST") : QStringLiteral("GET")));
        if (hasBody && in.formParts.isEmpty() && in.uploadFile.isEmpty()) {
            if (in.json) {
                if (!hasHeader(in, QStringLiteral("Content-Type")))
                    in.headers.append(
                        {QStringLiteral("Content-Type"), QStringLiteral("application/json"), 0});
                if (!hasHeader(in, QStringLiteral("Accept")))
                    in.headers.append(
                        {QStringLiteral("Accept"), QStringLiteral("application/json"), 0});
            } else if (!hasHeader(in, QStringLiteral("Content-Type"))) {
                in.headers.append({QStringLiteral("Content-Type"),
                                   QStringLiteral("application/x-www-form-urlencoded"), 0});
            }
        }
        if (!in.cookies.isEmpty())
            in.headers.append({QStringLiteral("Cookie"), in.cookies.join(QStringLiteral("; ")), 0});
        if (!in.user.isEmpty()) {
            const qsizetype colon = in.user.indexOf(QLatin1Char(':'));
            const QString user = colon < 0 ? in.user : in.user.left(colon);
            const QString password = colon < 0 ? QString() : in.user.mid(colon + 1);
            if (colon < 0)
                note(where,
                     QStringLiteral(
                         "-u %1 without a password: curl would ask for one; it is empty here")
                         .arg(user));
            const bool spaced =
                user.contains(QLatin1Char(' ')) || password.contains(QLatin1Char(' '));
            if (in.digest && spaced)
                note(where, QStringLiteral("a Digest user or password with spaces cannot be "
                                           "written in .http; not carried over"));
            else if (in.digest)
                in.headers.append({QStringLiteral("Authorization"),
                                   QStringLiteral("Digest %1 %2").arg(user, password), 0});
            else if (spaced || password.isEmpty()) // the shorthand splits at spaces
                in.headers.append(
                    {QStringLiteral("Authorization"),
                     QStringLiteral("Basic ") +
                         QString::fromLatin1(
                             (user + QLatin1Char(':') + password).toUtf8().toBase64()),
                     0});
            else
                in.headers.append({QStringLiteral("Authorization"),
                                   QStringLiteral("Basic %1 %2").arg(user, password), 0});
        }
        if (!in.location)
            in.directives.prepend({QStringLiteral("no-redirect"), QString(), 0});
        if (body.contains(QLatin1String("\n###")) || body.startsWith(QLatin1String("###")))
            note(where, QStringLiteral("the body has a line starting with ###, which ends a "
                                       "request in .http; edit it"));

        for (const QString &rawUrl : std::as_const(in.urls)) {
            RequestDefinition request;
            request.method = method.toUpper() == method ? method : method.toUpper();
            QString url = rawUrl;
            if (!url.contains(QLatin1String("://")) && !url.startsWith(QLatin1String("{{")))
                url.prepend(QStringLiteral("http://")); // curl's default scheme
            for (const QString &query : std::as_const(in.urlQueries))
                url +=
                    (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + query;
            if (QString(url)
                    .remove(QRegularExpression(QStringLiteral("\\{\\{[^{}]*\\}\\}")))
                    .contains(QRegularExpression(QStringLiteral("\\s")))) {
                error(where,
                      QStringLiteral("the URL has spaces or line breaks; encode them (%20)"));
                return;
            }
            if (QRegularExpressionMatch m;
                url.contains(QRegularExpression(
                                 QStringLiteral("\\[[0-9a-z]+-[0-9a-z]+\\]|\\{[^{}]*,[^{}]*\\}")),
                             &m) &&
                !url.contains(QLatin1String("{{")))
                note(where, QStringLiteral("curl would expand the URL pattern %1 into several "
                                           "requests; it is kept as written")
                                .arg(m.captured()));
            request.url = url;
            request.headers = in.headers;
            for (RequestDefinition::Header &header : request.headers) {
                if (header.name.contains(QLatin1Char('\n')) ||
                    header.value.contains(QLatin1Char('\n'))) {
                    note(where,
                         QStringLiteral("header %1 has a line break; it was joined into one line")
                             .arg(header.name.simplified()));
                    header.name = header.name.simplified();
                    header.value = header.value.simplified();
                }
            }
            request.body = bodyFile.isEmpty() ? body : QStringLiteral("< ") + bodyFile;
            request.directives = in.directives;
            protocol(in, url, &request);
            if (method != request.method)
                note(where, QStringLiteral("-X %1 is written in capitals").arg(method));
            m_file.requests.append(request);
        }
    }

public:
    CollectionDraft::File m_file;

private:
    const QString &m_text;
    const QString &m_path;
    CollectionDraft *m_draft;
    QList<ShellWords::Word> m_words;
    qsizetype m_at = 0;
};

bool isCurl(const QString &word)
{
    return word == QLatin1String("curl") || word.endsWith(QLatin1String("/curl")) ||
           word == QLatin1String("curl.exe");
}

} // namespace

bool CurlImporter::looksLike(const QByteArray &data)
{
    const QByteArray start = data.left(4096).trimmed();
    return start.startsWith("curl ") || start.startsWith("curl\t") || start.startsWith("$ curl ") ||
           start.contains("\ncurl ");
}

CollectionDraft CurlImporter::read(const QByteArray &data, const QString &path)
{
    CollectionDraft draft;
    QString text = QString::fromUtf8(data);
    const QString baseName = QFileInfo(path).completeBaseName();
    draft.name =
        baseName.isEmpty() || path == QLatin1String("-") ? QStringLiteral("curl") : baseName;
    const QList<ShellWords::Command> commands = ShellWords::split(text, path, &draft.errors);
    CommandReader reader(text, path, &draft);
    for (ShellWords::Command command : commands) {
        if (!command.words.isEmpty() && command.words.first().text == QLatin1String("$"))
            command.words.removeFirst(); // a prompt copied along
        if (command.words.isEmpty())
            continue;
        if (!isCurl(command.words.first().text)) {
            Diagnostic d = Diagnostic::at(path, text, command.words.first().offset,
                                          QStringLiteral("%1 is not a curl command; skipped")
                                              .arg(command.words.first().text));
            d.severity = Diagnostic::Severity::Warning;
            draft.notes.append(d);
            continue;
        }
        reader.read(command);
    }
    if (reader.m_file.requests.isEmpty() && draft.errors.isEmpty())
        draft.errors.append(Diagnostic::at(path, text, 0, QStringLiteral("no curl command found")));
    reader.m_file.path = CollectionDraft::safeFileName(draft.name) + QStringLiteral(".http");
    if (!reader.m_file.requests.isEmpty())
        draft.files.append(reader.m_file);
    return draft;
}

} // namespace mr
