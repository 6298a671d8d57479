#include "harimporter.h"

#include "base/jsonyamldocument.h"
#include "importerbase.h"
#include "workspace/multipartbodywriter.h"
#include "workspace/requestsanitizer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

namespace mr {

namespace {

// Text a browser recorded from bytes that are not text.
bool looksBinary(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') || u == 0xfffd)
            return true;
    }
    return false;
}

// One output file and what is reported once for it rather than per request.
struct FileState {
    CollectionDraft::File file;
    QString pointer; // where its notes point: its page, or the entries
    QStringList dropped;
    int responses = 0;
    int http3 = 0;
    QStringList otherSchemes;
};

class Reader : public ImporterBase
{
public:
    using ImporterBase::ImporterBase;

    void run(const QJsonValue &rootValue)
    {
        const QJsonObject log = rootValue.toObject().value(QLatin1String("log")).toObject();
        if (!rootValue.isObject() || !rootValue.toObject().value(QLatin1String("log")).isObject()) {
            error(QString(), QStringLiteral("not a HAR file: expected an object with a \"log\" "
                                            "object"));
            return;
        }
        const QJsonValue entries = log.value(QLatin1String("entries"));
        if (!entries.isArray()) {
            error(QStringLiteral("/log"),
                  QStringLiteral("not a HAR file: \"log\" has no \"entries\" array"));
            return;
        }
        const QString version = log.value(QLatin1String("version")).toString();
        if (!version.isEmpty() && !version.startsWith(QLatin1String("1.")))
            note(QStringLiteral("/log/version"),
                 QStringLiteral("HAR version %1 is read as 1.2").arg(shortened(version)));

        draft()->name = QFileInfo(path()).completeBaseName();
        readPages(log.value(QLatin1String("pages")).toArray());
        const QJsonArray list = entries.toArray();
        for (int i = 0; i < list.size(); ++i)
            readEntry(list[i], JsonPositions::child(QStringLiteral("/log/entries"), i));
        finish();
    }

private:
    void readPages(const QJsonArray &pages)
    {
        for (int i = 0; i < pages.size(); ++i) {
            const QJsonObject page = pages[i].toObject();
            const QString id = page.value(QLatin1String("id")).toString();
            if (id.isEmpty() || m_pageFiles.contains(id))
                continue;
            QString title = page.value(QLatin1String("title")).toString().trimmed();
            if (title.isEmpty())
                title = id;
            FileState state;
            state.file.path = uniqueName(CollectionDraft::safeFileName(title), &m_names) +
                              QStringLiteral(".http");
            state.pointer = JsonPositions::child(QStringLiteral("/log/pages"), i);
            m_pageFiles.insert(id, int(m_files.size()));
            m_files.append(state);
        }
    }

    FileState &fileFor(const QString &pageref)
    {
        const auto page = m_pageFiles.constFind(pageref);
        if (page != m_pageFiles.cend())
            return m_files[*page];
        if (m_defaultFile < 0) {
            FileState state;
            state.file.path =
                uniqueName(CollectionDraft::safeFileName(QFileInfo(path()).completeBaseName()),
                           &m_names) +
                QStringLiteral(".http");
            state.pointer = QStringLiteral("/log/entries");
            m_defaultFile = int(m_files.size());
            m_files.append(state);
        }
        return m_files[m_defaultFile];
    }

    void readEntry(const QJsonValue &value, const QString &pointer)
    {
        const QJsonObject entry = value.toObject();
        const QJsonValue requestValue = entry.value(QLatin1String("request"));
        if (!requestValue.isObject()) {
            note(pointer, QStringLiteral("an entry without a \"request\" object; skipped"));
            return;
        }
        FileState &state = fileFor(entry.value(QLatin1String("pageref")).toString());

        const QJsonObject har = requestValue.toObject();
        const QString at = JsonPositions::child(pointer, QStringLiteral("request"));
        RequestDefinition request;
        request.method = har.value(QLatin1String("method")).toString();
        request.url = har.value(QLatin1String("url")).toString().trimmed();
        const QUrl url(request.url, QUrl::TolerantMode);
        const QString scheme = url.scheme().toLower();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
            const QString label = scheme.isEmpty() ? QStringLiteral("(no scheme)") : scheme + ':';
            if (!state.otherSchemes.contains(label))
                state.otherSchemes.append(label);
            return;
        }
        if (!request.url.contains(QLatin1Char('?'))) {
            // The URL should carry the query; some writers only list it.
            QStringList pairs;
            const QJsonArray query = har.value(QLatin1String("queryString")).toArray();
            for (const QJsonValue &item : query)
                pairs.append(RequestSanitizer::encodeComponent(
                                 item.toObject().value(QLatin1String("name")).toString()) +
                             QLatin1Char('=') +
                             RequestSanitizer::encodeComponent(
                                 item.toObject().value(QLatin1String("value")).toString()));
            if (!pairs.isEmpty())
                request.url += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
        }
        const QString path = url.path(QUrl::FullyEncoded);
        request.name = request.method.toUpper() + QLatin1Char(' ') +
                       (path.isEmpty() ? QStringLiteral("/") : path);
        request.nameSource = RequestDefinition::NameSource::Separator;
        for (const QJsonValue &comment :
             {entry.value(QLatin1String("comment")), har.value(QLatin1String("comment"))})
            request.comments += RequestSanitizer::comments(comment.toString());

        const QString version = har.value(QLatin1String("httpVersion")).toString().toLower();
        if (version == QLatin1String("h2") || version.startsWith(QLatin1String("http/2")))
            request.directives.append({QStringLiteral("http2"), QString(), 0});
        if (version == QLatin1String("h3") || version.startsWith(QLatin1String("http/3"))) {
            request.directives.append({QStringLiteral("http2"), QString(), 0});
            ++state.http3;
        }

        readHeaders(har, url, &state, &request);
        const QString subject = QStringLiteral("request \"%1\"").arg(shortened(request.name));
        QStringList bodyProblems;
        readPostData(har.value(QLatin1String("postData")).toObject(), &request, &bodyProblems);
        for (const QString &problem : std::as_const(bodyProblems))
            note(JsonPositions::child(at, QStringLiteral("postData")),
                 subject + QStringLiteral(": ") + problem);

        QStringList problems;
        bool literalBraces =
            request.url.contains(QLatin1String("{{")) || request.body.contains(QLatin1String("{{"));
        for (const RequestDefinition::Header &header : std::as_const(request.headers))
            literalBraces = literalBraces || header.value.contains(QLatin1String("{{"));
        if (literalBraces)
            problems.append(QStringLiteral("contains \"{{\", which a .http file reads as the "
                                           "start of a {{variable}}; check the request"));
        bool usable = true;
        problems += RequestSanitizer::sanitize(&request, &usable);
        for (const QString &problem : std::as_const(problems))
            note(at, subject + QStringLiteral(": ") + problem);
        if (!usable)
            return;
        state.file.requests.append(request);
        const QJsonObject response = entry.value(QLatin1String("response")).toObject();
        if (response.value(QLatin1String("status")).toInt() > 0)
            ++state.responses;
    }

    static void readHeaders(const QJsonObject &har, const QUrl &url, FileState *state,
                            RequestDefinition *request)
    {
        static const QSet<QString> computed = {
            QStringLiteral("content-length"),   QStringLiteral("transfer-encoding"),
            QStringLiteral("connection"),       QStringLiteral("keep-alive"),
            QStringLiteral("proxy-connection"), QStringLiteral("te"),
            QStringLiteral("upgrade")};
        QString authority = url.host().toLower();
        if (url.port() >= 0 &&
            url.port() != (url.scheme().toLower() == QLatin1String("https") ? 443 : 80))
            authority += QLatin1Char(':') + QString::number(url.port());
        auto drop = [state](const QString &name) {
            if (!state->dropped.contains(name, Qt::CaseInsensitive))
                state->dropped.append(name);
        };
        QStringList cookies;
        qsizetype cookieAt = -1;
        const QJsonArray headers = har.value(QLatin1String("headers")).toArray();
        for (const QJsonValue &value : headers) {
            const QJsonObject h = value.toObject();
            const QString name = h.value(QLatin1String("name")).toString().trimmed();
            const QString text = h.value(QLatin1String("value")).toString();
            const QString lower = name.toLower();
            if (name.startsWith(QLatin1Char(':')) || computed.contains(lower)) {
                drop(name);
                continue;
            }
            if (lower == QLatin1String("host") &&
                text.trimmed().compare(authority, Qt::CaseInsensitive) == 0) {
                drop(name);
                continue;
            }
            if (lower == QLatin1String("cookie")) {
                // HTTP/2 may split cookies over several fields; HTTP/1.1 wants one.
                if (cookieAt < 0)
                    cookieAt = request->headers.size();
                cookies.append(text.trimmed());
                continue;
            }
            request->headers.append({name, text, 0});
        }
        if (cookies.isEmpty()) {
            // Only when no Cookie header carries them: the array repeats the header.
            const QJsonArray array = har.value(QLatin1String("cookies")).toArray();
            for (const QJsonValue &value : array) {
                const QJsonObject c = value.toObject();
                const QString name = c.value(QLatin1String("name")).toString();
                if (!name.isEmpty())
                    cookies.append(name + QLatin1Char('=') +
                                   c.value(QLatin1String("value")).toString());
            }
            cookieAt = request->headers.size();
        }
        if (!cookies.isEmpty())
            request->headers.insert(
                cookieAt, {QStringLiteral("Cookie"), cookies.join(QStringLiteral("; ")), 0});
    }

    static void readPostData(const QJsonObject &postData, RequestDefinition *request,
                             QStringList *problems)
    {
        if (postData.isEmpty())
            return;
        const QString mimeType = postData.value(QLatin1String("mimeType")).toString().trimmed();
        const bool multipart = mimeType.toLower().startsWith(QLatin1String("multipart/"));
        auto setContentType = [&](const QString &value) {
            if (!value.isEmpty() && !hasHeader(*request, QStringLiteral("Content-Type")))
                request->headers.append({QStringLiteral("Content-Type"), value, 0});
        };
        QString text = postData.value(QLatin1String("text")).toString();
        const QString encoding =
            postData.value(QLatin1String("encoding"))
                .toString(postData.value(QLatin1String("_encoding")).toString());
        if (!text.isEmpty() &&
            encoding.compare(QLatin1String("base64"), Qt::CaseInsensitive) == 0) {
            const QByteArray bytes = QByteArray::fromBase64(text.toLatin1());
            const QString decoded = QString::fromUtf8(bytes);
            if (looksBinary(decoded)) {
                problems->append(QStringLiteral("the body is binary (%1 bytes, base64 in the HAR); "
                                                "not imported: save it to a file and write "
                                                "\"< ./file\" as the body")
                                     .arg(bytes.size()));
                setContentType(mimeType);
                return;
            }
            text = decoded;
        }
        if (!text.isEmpty()) {
            if (looksBinary(text)) {
                problems->append(QStringLiteral("the body is binary; not imported: save it to a "
                                                "file and write \"< ./file\" as the body"));
                setContentType(mimeType);
                return;
            }
            setContentType(mimeType);
            request->body = RequestSanitizer::bodyText(text, problems, multipart);
            return;
        }
        const QJsonArray params = postData.value(QLatin1String("params")).toArray();
        if (params.isEmpty())
            return;
        if (!multipart) {
            QStringList pairs;
            for (const QJsonValue &value : params) {
                const QJsonObject p = value.toObject();
                pairs.append(RequestSanitizer::encodeComponent(
                                 p.value(QLatin1String("name")).toString(), true) +
                             QLatin1Char('=') +
                             RequestSanitizer::encodeComponent(
                                 p.value(QLatin1String("value")).toString(), true));
            }
            setContentType(mimeType.isEmpty() ? QStringLiteral("application/x-www-form-urlencoded")
                                              : mimeType);
            request->body = pairs.join(QLatin1Char('&'));
            return;
        }
        readMultipart(params, mimeType, request, problems);
    }

    static void readMultipart(const QJsonArray &params, const QString &mimeType,
                              RequestDefinition *request, QStringList *problems)
    {
        QList<MultipartBodyWriter::Part> parts;
        QStringList missingFiles;
        for (const QJsonValue &value : params) {
            const QJsonObject p = value.toObject();
            MultipartBodyWriter::Part part;
            part.name = p.value(QLatin1String("name")).toString();
            part.fileName =
                RequestSanitizer::singleLine(p.value(QLatin1String("fileName")).toString());
            const QString text = p.value(QLatin1String("value")).toString();
            if (!part.fileName.isEmpty())
                part.contentType = p.value(QLatin1String("contentType")).toString().trimmed();
            if (!part.fileName.isEmpty() && text.isEmpty()) {
                // HAR keeps a file's name, not its content.
                part.filePath = QStringLiteral("./") + QFileInfo(part.fileName).fileName();
                missingFiles.append(QFileInfo(part.fileName).fileName());
            } else {
                part.value = RequestSanitizer::bodyText(text, problems, true);
            }
            parts.append(part);
        }
        MultipartBodyWriter::write(parts, request, mimeType);
        if (!missingFiles.isEmpty())
            problems->append(QStringLiteral("the HAR does not hold the content of %1; the body "
                                            "reads it from the .http file's folder")
                                 .arg(missingFiles.join(QStringLiteral(", "))));
    }

    void finish()
    {
        for (FileState &state : m_files) {
            if (!state.otherSchemes.isEmpty())
                note(state.pointer,
                     QStringLiteral("%1: entries with %2 URLs are not imported (only http and "
                                    "https requests are)")
                         .arg(state.file.path, state.otherSchemes.join(QStringLiteral(", "))));
            if (state.file.requests.isEmpty())
                continue;
            if (!state.dropped.isEmpty())
                note(state.pointer,
                     QStringLiteral("%1: left out headers the engine sets itself: %2")
                         .arg(state.file.path, state.dropped.join(QStringLiteral(", "))));
            if (state.responses > 0)
                note(state.pointer,
                     QStringLiteral("%1: recorded responses (%2) are not imported (a .http "
                                    "file holds requests); send the requests to see them again")
                         .arg(state.file.path, QString::number(state.responses)));
            if (state.http3 > 0)
                note(state.pointer,
                     QStringLiteral("%1: requests that went over HTTP/3 (%2), which "
                                    "Microrequests does not speak, are marked # @http2")
                         .arg(state.file.path, QString::number(state.http3)));
            draft()->files.append(state.file);
        }
    }

    QList<FileState> m_files;
    QHash<QString, int> m_pageFiles;
    int m_defaultFile = -1;
    QSet<QString> m_names;
};

} // namespace

bool HarImporter::looksLike(const QByteArray &data)
{
    const QByteArray head = data.left(4096);
    return head.trimmed().startsWith('{') && head.contains("\"log\"") &&
           (head.contains("\"entries\"") || head.contains("\"creator\"") ||
            head.contains("\"pages\""));
}

CollectionDraft HarImporter::read(const QByteArray &input, const QString &path)
{
    CollectionDraft draft;
    JsonYamlDocument document;
    if (!ImporterBase::parse(input, path, ImporterBase::Syntax::Json, &document, &draft))
        return draft;
    Reader(path, document.positions, &draft).run(document.root);
    return draft;
}

} // namespace mr
