#include "postmanexporter.h"

#include "postmantestscript.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

#include <vector>

namespace mr {

namespace {

const char *const SchemaUrl =
    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";
constexpr int MaxVariableDepth = 10;

struct Folder {
    QString name;
    QJsonArray requests;
    std::vector<Folder> folders;

    Folder &folder(const QString &child)
    {
        for (Folder &existing : folders) {
            if (existing.name == child)
                return existing;
        }
        folders.push_back(Folder{child, {}, {}});
        return folders.back();
    }

    QJsonArray items() const
    {
        QJsonArray all = requests;
        for (const Folder &child : folders) {
            QJsonObject item;
            item.insert(QStringLiteral("name"), child.name);
            item.insert(QStringLiteral("item"), child.items());
            all.append(item);
        }
        return all;
    }
};

// A multipart body as the .http format writes it: parts between "--boundary" lines.
struct Part {
    QString name;
    QString fileName;
    QString contentType;
    QStringList otherHeaders;
    QStringList lines;
};

QString boundaryOf(const QString &contentType)
{
    static const QRegularExpression parameter(
        QStringLiteral(R"re(;\s*boundary\s*=\s*"?([^";]+)"?)re"),
        QRegularExpression::CaseInsensitiveOption);
    return parameter.match(contentType).captured(1).trimmed();
}

QList<Part> multipartParts(const QString &body, const QString &boundary, bool *ok)
{
    QList<Part> parts;
    *ok = false;
    Part *current = nullptr;
    bool inHeaders = false;
    bool closed = false;
    static const QRegularExpression nameParameter(QStringLiteral(R"re(\bname="([^"]*)")re"));
    static const QRegularExpression fileParameter(QStringLiteral(R"re(\bfilename="([^"]*)")re"));
    for (const QString &line : body.split(QLatin1Char('\n'))) {
        if (closed)
            return {}; // text after the closing boundary: not one we can express
        if (line == QLatin1String("--") + boundary) {
            parts.append(Part());
            current = &parts.last();
            inHeaders = true;
            continue;
        }
        if (line == QLatin1String("--") + boundary + QLatin1String("--")) {
            closed = true;
            continue;
        }
        if (!current)
            return {}; // a preamble
        if (inHeaders) {
            if (line.isEmpty()) {
                inHeaders = false;
            } else if (line.startsWith(QLatin1String("Content-Disposition:"),
                                       Qt::CaseInsensitive)) {
                current->name = nameParameter.match(line).captured(1);
                current->fileName = fileParameter.match(line).captured(1);
            } else if (line.startsWith(QLatin1String("Content-Type:"), Qt::CaseInsensitive)) {
                current->contentType = line.mid(13).trimmed();
            } else {
                current->otherHeaders.append(line);
            }
            continue;
        }
        current->lines.append(line);
    }
    *ok = closed;
    return parts;
}

class Writer
{
public:
    Writer(const Workspace &workspace, const QString &environment, PostmanExporter::Result *result)
        : m_workspace(workspace)
        , m_result(result)
    {
        // Public values only: the private file's secrets never leave the machine.
        const QHash<QString, QString> values =
            EnvironmentSet::load(workspace.root(), {EnvironmentSet::PublicFileName})
                .variables(environment);
        const QHash<QString, QString> secrets =
            EnvironmentSet::load(workspace.root(), {EnvironmentSet::PrivateFileName})
                .variables(environment);
        QStringList names = values.keys();
        names.sort();
        for (const QString &name : std::as_const(names)) {
            if (!secrets.contains(name))
                addVariable(name, values.value(name));
        }
        QStringList secretNames = secrets.keys();
        secretNames.sort();
        for (const QString &name : std::as_const(secretNames))
            m_result->problems.append(
                QStringLiteral("%1: {{%2}} is a secret (http-client.private.env.json) and is not "
                               "exported; give it a value in a Postman environment")
                    .arg(QLatin1String(EnvironmentSet::PrivateFileName), name));
    }

    void addFile(const HttpFile &file, Folder *into)
    {
        // File variables join the collection's; one whose name another file or the
        // environment already gives another value is written into this file's requests.
        QHash<QString, QString> inlined;
        for (const auto &[name, value] : file.variables) {
            const auto existing = m_variableIndex.constFind(name);
            if (existing == m_variableIndex.cend())
                addVariable(name, value);
            else if (m_variables[*existing].toObject().value(QLatin1String("value")).toString() !=
                     PostmanExporter::postmanVariables(value, nullptr))
                inlined.insert(name, value);
        }
        for (const RequestDefinition &request : file.requests) {
            const QString where = QStringLiteral("%1:%2: %3")
                                      .arg(QDir(m_workspace.root()).relativeFilePath(file.path))
                                      .arg(request.requestLine)
                                      .arg(request.displayName().simplified());
            if (request.isWebSocket()) {
                m_result->problems.append(where +
                                          QStringLiteral(": WebSocket blocks are not exported"));
                continue;
            }
            m_fileName = QDir(m_workspace.root()).relativeFilePath(file.path);
            into->requests.append(
                item(request, inlined, QFileInfo(file.path).absolutePath(), where));
            ++m_result->requests;
        }
    }

    QJsonArray variables() const { return m_variables; }

private:
    void addVariable(const QString &name, const QString &value)
    {
        QJsonObject variable;
        variable.insert(QStringLiteral("key"), name);
        variable.insert(QStringLiteral("value"),
                        PostmanExporter::postmanVariables(value, &m_result->problems));
        variable.insert(QStringLiteral("type"), QStringLiteral("string"));
        m_variableIndex.insert(name, int(m_variables.size()));
        m_variables.append(variable);
    }

    // {{name}} of the inlined file variables replaced by their values (which may use others).
    static QString substituted(const QString &text, const QHash<QString, QString> &values,
                               int depth = 0)
    {
        if (values.isEmpty() || depth > MaxVariableDepth)
            return text;
        static const QRegularExpression reference(QStringLiteral(R"(\{\{\s*([^{}]+?)\s*\}\})"));
        QString out;
        qsizetype at = 0;
        for (auto it = reference.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += QStringView(text).mid(at, m.capturedStart() - at);
            const QString name = m.captured(1);
            out += values.contains(name) ? substituted(values.value(name), values, depth + 1)
                                         : m.captured(0);
            at = m.capturedEnd();
        }
        out += QStringView(text).mid(at);
        return out;
    }

    QString text(const QString &raw, const QHash<QString, QString> &inlined, const QString &where)
    {
        QStringList problems;
        const QString converted =
            PostmanExporter::postmanVariables(substituted(raw, inlined), &problems);
        for (const QString &problem : std::as_const(problems))
            m_result->problems.append(where + QStringLiteral(": ") + problem);
        return converted;
    }

    void problem(const QString &where, const QString &message)
    {
        m_result->problems.append(where + QStringLiteral(": ") + message);
    }

    static QJsonObject pair(const QString &key, const QString &value)
    {
        QJsonObject object;
        object.insert(QStringLiteral("key"), key);
        object.insert(QStringLiteral("value"), value);
        object.insert(QStringLiteral("type"), QStringLiteral("string"));
        return object;
    }

    QJsonObject item(const RequestDefinition &request, const QHash<QString, QString> &inlined,
                     const QString &folder, const QString &where)
    {
        QJsonObject http;
        http.insert(QStringLiteral("method"), request.method);
        http.insert(QStringLiteral("url"), text(request.url.trimmed(), inlined, where));
        QJsonObject systemHeaders; // Postman's own headers switched off
        systemHeaders.insert(QStringLiteral("postman-token"), true);
        systemHeaders.insert(QStringLiteral("cache-control"), true);

        QJsonArray headers;
        QString contentType;
        for (const RequestDefinition::Header &header : request.headers) {
            const QString value = text(header.value, inlined, where);
            if (header.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0) {
                const QStringList words = value.simplified().split(QLatin1Char(' '));
                const bool basic =
                    words.value(0).compare(QLatin1String("Basic"), Qt::CaseInsensitive) == 0;
                const bool digest =
                    words.value(0).compare(QLatin1String("Digest"), Qt::CaseInsensitive) == 0;
                if (words.size() == 3 && (basic || digest)) {
                    const QString type = basic ? QStringLiteral("basic") : QStringLiteral("digest");
                    QJsonObject auth;
                    auth.insert(QStringLiteral("type"), type);
                    auth.insert(type, QJsonArray{pair(QStringLiteral("username"), words[1]),
                                                 pair(QStringLiteral("password"), words[2])});
                    http.insert(QStringLiteral("auth"), auth);
                    continue;
                }
            }
            if (header.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
                contentType = value;
            headers.append(pair(header.name, value));
        }

        const QString body = request.body;
        const bool multipart =
            contentType.trimmed().startsWith(QLatin1String("multipart/"), Qt::CaseInsensitive);
        if (!body.isEmpty()) {
            QJsonObject postmanBody;
            if (multipart && body.contains(QLatin1String("\n< "))) {
                postmanBody =
                    formData(body, boundaryOf(contentType), inlined, folder, where, &headers);
            } else if (!multipart && body.startsWith(QLatin1String("< ")) &&
                       !body.trimmed().contains(QLatin1Char('\n'))) {
                postmanBody.insert(QStringLiteral("mode"), QStringLiteral("file"));
                QJsonObject file;
                file.insert(QStringLiteral("src"), relativeFile(body.mid(2).trimmed(), folder));
                postmanBody.insert(QStringLiteral("file"), file);
            } else {
                postmanBody.insert(QStringLiteral("mode"), QStringLiteral("raw"));
                postmanBody.insert(QStringLiteral("raw"),
                                   rawBody(body, multipart, inlined, folder, where));
                const QString language = languageOf(contentType);
                if (!language.isEmpty()) {
                    QJsonObject raw;
                    raw.insert(QStringLiteral("language"), language);
                    QJsonObject options;
                    options.insert(QStringLiteral("raw"), raw);
                    postmanBody.insert(QStringLiteral("options"), options);
                }
            }
            // Postman would guess a Content-Type for a body the request sends without one.
            if (contentType.isEmpty() &&
                postmanBody.value(QLatin1String("mode")).toString() != QLatin1String("formdata"))
                systemHeaders.insert(QStringLiteral("content-type"), true);
            if (!postmanBody.isEmpty())
                http.insert(QStringLiteral("body"), postmanBody);
        }
        http.insert(QStringLiteral("header"), headers);

        QStringList description;
        for (const QString &comment : request.comments) {
            if (RequestAssertion::isAssertionLine(comment))
                continue; // an assertion above the request line: exported as a test
            static const QRegularExpression marker(QStringLiteral("^\\s*(#|//)\\s?"));
            description.append(QString(comment).remove(marker));
        }
        while (!description.isEmpty() && description.last().trimmed().isEmpty())
            description.removeLast();
        if (!description.isEmpty())
            http.insert(QStringLiteral("description"), description.join(QLatin1Char('\n')));

        QJsonObject behavior;
        behavior.insert(QStringLiteral("disabledSystemHeaders"), systemHeaders);
        for (const RequestDefinition::Directive &directive : request.directives) {
            if (directive.name == QLatin1String("name"))
                continue;
            if (directive.name == QLatin1String("no-redirect"))
                behavior.insert(QStringLiteral("followRedirects"), false);
            else if (directive.name == QLatin1String("no-cookie-jar"))
                behavior.insert(QStringLiteral("disableCookies"), true);
            else if (RequestDefinition::isProtocolDirective(directive.name))
                continue; // the request's options say which one counts, below
            else if (directive.name == QLatin1String("timeout") ||
                     directive.name == QLatin1String("connection-timeout"))
                problem(where, QStringLiteral("# @%1 has no place in a collection; run newman with "
                                              "--timeout-request instead")
                                   .arg(directive.name));
            else
                problem(where, QStringLiteral("# @%1 has no Postman equivalent; not exported")
                                   .arg(directive.name));
        }
        // Postman's HTTP version setting, from the directives or the request line.
        if (const std::optional<ProtocolChoice> protocol = request.options().protocol;
            protocol == ProtocolChoice::Http1 || protocol == ProtocolChoice::Http2)
            behavior.insert(QStringLiteral("protocolVersion"), protocol == ProtocolChoice::Http1
                                                                   ? QStringLiteral("http1")
                                                                   : QStringLiteral("http2"));
        else if (!request.httpVersion.isEmpty())
            problem(where, QStringLiteral("%1 is not exported; Postman picks the protocol itself")
                               .arg(request.httpVersion));
        // "?? …" assertions become a Postman test script; real handlers ("> {% … %}",
        // "> file.js", "<> file") run JavaScript for another API and are reported.
        if (hasResponseHandler(request.responseHandlers))
            problem(where, QStringLiteral("its response handler (\"> {% … %}\" or \"> "
                                          "file.js\") is not exported: it is JavaScript for the "
                                          "JetBrains client API, not Postman's; write it as a "
                                          "Postman test"));
        const PostmanTestScript::Script tests = PostmanTestScript::script(request.assertions);
        for (const PostmanTestScript::Skipped &skipped : tests.skipped)
            m_result->problems.append(
                QStringLiteral("%1:%2:%3: %4: %5")
                    .arg(m_fileName)
                    .arg(skipped.line)
                    .arg(skipped.column)
                    .arg(request.displayName().simplified(), skipped.message));

        QJsonObject item;
        item.insert(QStringLiteral("name"), request.displayName().simplified());
        item.insert(QStringLiteral("request"), http);
        item.insert(QStringLiteral("protocolProfileBehavior"), behavior);
        if (!tests.exec.isEmpty()) {
            QJsonObject script;
            script.insert(QStringLiteral("type"), QStringLiteral("text/javascript"));
            script.insert(QStringLiteral("exec"), QJsonArray::fromStringList(tests.exec));
            QJsonObject event;
            event.insert(QStringLiteral("listen"), QStringLiteral("test"));
            event.insert(QStringLiteral("script"), script);
            item.insert(QStringLiteral("event"), QJsonArray{event});
        }
        return item;
    }

    // A body file relative to the workspace root, where newman's --working-dir points.
    QString relativeFile(const QString &path, const QString &folder) const
    {
        return QDir(m_workspace.root())
            .relativeFilePath(QDir::cleanPath(QDir(folder).absoluteFilePath(path)));
    }

    QString rawBody(const QString &body, bool multipart, const QHash<QString, QString> &inlined,
                    const QString &folder, const QString &where)
    {
        QStringList lines = body.split(QLatin1Char('\n'));
        for (QString &line : lines) {
            if (!line.startsWith(QLatin1String("< ")))
                continue;
            // A file inside a text body: its text is written in, as the engine would send it.
            const QString path =
                QDir::cleanPath(QDir(folder).absoluteFilePath(line.mid(2).trimmed()));
            QFile file(path);
            if (file.open(QIODevice::ReadOnly)) {
                line = QString::fromUtf8(file.readAll());
                problem(where, QStringLiteral("the body's \"< %1\" is written into the "
                                              "collection as text")
                                   .arg(relativeFile(path, folder)));
            } else {
                problem(where, QStringLiteral("the body's file %1 cannot be read (%2); the line "
                                              "is exported as text")
                                   .arg(QDir::toNativeSeparators(path), file.errorString()));
            }
        }
        return text(lines.join(multipart ? QStringLiteral("\r\n") : QStringLiteral("\n")), inlined,
                    where);
    }

    QJsonObject formData(const QString &body, const QString &boundary,
                         const QHash<QString, QString> &inlined, const QString &folder,
                         const QString &where, QJsonArray *headers)
    {
        bool ok = false;
        const QList<Part> parts =
            boundary.isEmpty() ? QList<Part>() : multipartParts(body, boundary, &ok);
        if (!ok) {
            problem(where, QStringLiteral("the multipart body does not follow its boundary; "
                                          "exported as text without its files"));
            QJsonObject raw;
            raw.insert(QStringLiteral("mode"), QStringLiteral("raw"));
            raw.insert(QStringLiteral("raw"), text(body, inlined, where));
            return raw;
        }
        QJsonArray fields;
        for (const Part &part : parts) {
            QJsonObject field;
            field.insert(QStringLiteral("key"), text(part.name, inlined, where));
            if (!part.contentType.isEmpty())
                field.insert(QStringLiteral("contentType"), part.contentType);
            for (const QString &header : part.otherHeaders)
                problem(where, QStringLiteral("the part header \"%1\" is not exported (Postman "
                                              "writes a part's headers itself)")
                                   .arg(header));
            const bool isFile =
                part.lines.size() == 1 && part.lines.first().startsWith(QLatin1String("< "));
            if (isFile) {
                const QString src = part.lines.first().mid(2).trimmed();
                field.insert(QStringLiteral("type"), QStringLiteral("file"));
                field.insert(QStringLiteral("src"), relativeFile(src, folder));
                if (!part.fileName.isEmpty() && part.fileName != QFileInfo(src).fileName())
                    problem(where, QStringLiteral("Postman names the uploaded file \"%1\", not "
                                                  "\"%2\"")
                                       .arg(QFileInfo(src).fileName(), part.fileName));
            } else {
                field.insert(QStringLiteral("type"), QStringLiteral("text"));
                field.insert(QStringLiteral("value"),
                             text(part.lines.join(QStringLiteral("\r\n")), inlined, where));
                if (!part.fileName.isEmpty())
                    problem(where, QStringLiteral("the part \"%1\" is sent as a field, without "
                                                  "its file name")
                                       .arg(part.name));
            }
            fields.append(field);
        }
        // Postman writes its own boundary into the Content-Type.
        for (qsizetype i = headers->size() - 1; i >= 0; --i) {
            if (headers->at(i)
                    .toObject()
                    .value(QLatin1String("key"))
                    .toString()
                    .compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
                headers->removeAt(i);
        }
        QJsonObject formData;
        formData.insert(QStringLiteral("mode"), QStringLiteral("formdata"));
        formData.insert(QStringLiteral("formdata"), fields);
        return formData;
    }

    static QString languageOf(const QString &contentType)
    {
        const QString type = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
        if (type.endsWith(QLatin1String("json")))
            return QStringLiteral("json");
        if (type.endsWith(QLatin1String("xml")))
            return QStringLiteral("xml");
        if (type == QLatin1String("text/html"))
            return QStringLiteral("html");
        if (type.endsWith(QLatin1String("javascript")))
            return QStringLiteral("javascript");
        if (type == QLatin1String("text/plain"))
            return QStringLiteral("text");
        return {};
    }

    // Whether a request's handler lines hold more than "?? …" assertions.
    static bool hasResponseHandler(const QString &handlers)
    {
        for (const QString &line : handlers.split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty() && !RequestAssertion::isAssertionLine(line))
                return true;
        }
        return false;
    }

    const Workspace &m_workspace;
    PostmanExporter::Result *m_result;
    QString m_fileName; // of the file being written, relative to the workspace root
    QJsonArray m_variables;
    QHash<QString, int> m_variableIndex;
};

} // namespace

QString PostmanExporter::postmanVariables(const QString &text, QStringList *problems)
{
    static const QRegularExpression reference(QStringLiteral(R"(\{\{\s*(\$[^{}]*?)\s*\}\})"));
    QString out;
    qsizetype at = 0;
    for (auto it = reference.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(at, m.capturedStart() - at);
        at = m.capturedEnd();
        const QStringList words = m.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QString name = words.value(0);
        if ((name == QLatin1String("$uuid") || name == QLatin1String("$random.uuid")) &&
            words.size() == 1) {
            out += QStringLiteral("{{$guid}}");
        } else if ((name == QLatin1String("$timestamp") || name == QLatin1String("$isoTimestamp") ||
                    name == QLatin1String("$randomInt")) &&
                   words.size() == 1) {
            out += QStringLiteral("{{%1}}").arg(name);
        } else if ((name == QLatin1String("$processEnv") || name == QLatin1String("$dotenv")) &&
                   words.size() == 2) {
            out += QStringLiteral("{{%1}}").arg(words[1]);
            if (problems)
                problems->append(QStringLiteral("{{%1}} is exported as {{%2}}; give %2 a value "
                                                "in a Postman environment")
                                     .arg(m.captured(1), words[1]));
        } else {
            out += m.captured(0);
            if (problems)
                problems->append(QStringLiteral("{{%1}} has no Postman equivalent; left as "
                                                "written")
                                     .arg(m.captured(1)));
        }
    }
    out += QStringView(text).mid(at);
    return out;
}

PostmanExporter::Result PostmanExporter::collection(const Workspace &workspace,
                                                    const QList<HttpFile> &files,
                                                    const QString &base, const QString &name,
                                                    const QString &environment)
{
    Result result;
    Writer writer(workspace, environment, &result);
    Folder root{name, {}, {}};
    const QDir baseDir(base);
    for (const HttpFile &file : files) {
        const QStringList parts = baseDir.relativeFilePath(file.path).split(QLatin1Char('/'));
        Folder *folder = &root;
        for (qsizetype i = 0; i + 1 < parts.size(); ++i)
            folder = &folder->folder(parts[i]);
        // "users/users.http" fills the folder "users" (how importers write a folder's requests).
        const QString fileName = QFileInfo(file.path).completeBaseName();
        if (fileName.compare(folder->name, Qt::CaseInsensitive) != 0)
            folder = &folder->folder(fileName);
        writer.addFile(file, folder);
    }
    QJsonObject info;
    info.insert(QStringLiteral("_postman_id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    info.insert(QStringLiteral("name"), name);
    info.insert(QStringLiteral("schema"), QLatin1String(SchemaUrl));
    QJsonObject collection;
    collection.insert(QStringLiteral("info"), info);
    collection.insert(QStringLiteral("item"), root.items());
    const QJsonArray variables = writer.variables();
    if (!variables.isEmpty())
        collection.insert(QStringLiteral("variable"), variables);
    result.json = QJsonDocument(collection).toJson(QJsonDocument::Indented);
    return result;
}

} // namespace mr
