#include "openapiimporter.h"

#include "base/jsonyamldocument.h"
#include "base/yamldocument.h"
#include "openapidocument.h"
#include "openapiparameters.h"
#include "openapirequestbody.h"
#include "openapischemasampler.h"
#include "openapisecurity.h"
#include "openapitext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <utility>
#include <vector>

namespace mr {

namespace {

const QStringList &methods()
{
    static const QStringList list = {QStringLiteral("get"),     QStringLiteral("put"),
                                     QStringLiteral("post"),    QStringLiteral("delete"),
                                     QStringLiteral("options"), QStringLiteral("head"),
                                     QStringLiteral("patch"),   QStringLiteral("trace")};
    return list;
}

// Everything the JSON tree says about one document, and the draft being filled.
class Reader
{
public:
    Reader(const QJsonObject &root, const JsonPositions &positions, const QString &path,
           CollectionDraft *draft)
        : m_document(root, positions, path, draft)
        , m_sampler(m_document)
        , m_parameters(m_document, m_sampler)
        , m_security(m_document)
        , m_body(m_document, m_sampler)
    {}

    void run()
    {
        const QJsonObject info = m_document.root().value(QLatin1String("info")).toObject();
        m_title = OpenApiText::oneLine(info.value(QLatin1String("title")).toString());
        if (m_title.isEmpty())
            m_title = QStringLiteral("API");
        m_document.draft()->name = m_title;
        readServers();
        if (m_document.root().contains(QLatin1String("webhooks")))
            m_document.note(
                QStringLiteral("/webhooks"),
                QStringLiteral("webhooks are requests the API sends to you, not ones you send; "
                               "they are not imported"));
        const QJsonValue paths = m_document.root().value(QLatin1String("paths"));
        if (!paths.isUndefined() && !paths.isObject()) {
            m_document.error(QStringLiteral("/paths"),
                             QStringLiteral("\"paths\" must be an object"));
            return;
        }
        const QJsonObject pathsObject = paths.toObject();
        for (const QString &key : m_document.orderedKeys(pathsObject, QStringLiteral("/paths")))
            readPathItem(key, pathsObject.value(key),
                         JsonPositions::child(QStringLiteral("/paths"), key));
        m_document.draft()->files = m_files;
        if (!m_security.secrets().isEmpty())
            m_document.draft()->privateEnvironments.insert(QLatin1String("$shared"),
                                                           m_security.secrets());
    }

private:
    using Parameter = OpenApiParameters::Parameter;

    // --- servers and environments ----------------------------------------------------------

    QString serverUrl(const QJsonValue &serverValue, const QString &pointer, bool *ok)
    {
        *ok = false;
        const OpenApiDocument::Resolved server = m_document.resolve(serverValue, pointer);
        const QJsonObject object = server.value.toObject();
        if (!object.value(QLatin1String("url")).isString()) {
            if (server.ok)
                m_document.error(server.pointer, QStringLiteral("a server needs a \"url\" string"));
            return {};
        }
        *ok = true;
        QString url = object.value(QLatin1String("url")).toString();
        const QString urlPointer = JsonPositions::child(server.pointer, QStringLiteral("url"));
        const QJsonObject variables = object.value(QLatin1String("variables")).toObject();
        const QString variablesPointer =
            JsonPositions::child(server.pointer, QStringLiteral("variables"));
        static const QRegularExpression templateVariable(QStringLiteral("\\{([^{}]*)\\}"));
        QString substituted;
        qsizetype last = 0;
        for (auto it = templateVariable.globalMatch(url); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            substituted += url.mid(last, m.capturedStart() - last);
            last = m.capturedEnd();
            const QString name = m.captured(1);
            const QJsonObject variable = variables.value(name).toObject();
            const QString variablePointer = JsonPositions::child(variablesPointer, name);
            if (!variable.contains(QLatin1String("default"))) {
                m_document.note(
                    urlPointer,
                    QStringLiteral("the server variable {%1} has no default; it is left empty")
                        .arg(name));
                continue;
            }
            const QString value = OpenApiSample::toText(
                m_sampler.fromDocument(variable.value(QLatin1String("default")), variablePointer));
            substituted += value;
            QStringList others;
            for (const QJsonValue &option : variable.value(QLatin1String("enum")).toArray()) {
                if (OpenApiSample::toText(OpenApiSample::of(option)) != value)
                    others.append(OpenApiSample::toText(OpenApiSample::of(option)));
            }
            if (!others.isEmpty())
                m_document.note(
                    variablePointer,
                    QStringLiteral("the server variable {%1} uses its default \"%2\"; it may also "
                                   "be %3: edit the URL to use another")
                        .arg(name, value, others.join(QStringLiteral(", "))));
        }
        substituted += url.mid(last);
        url = QString::fromLatin1(QUrl::toPercentEncoding(substituted, ":/?#[]@!$&'()*+,;=%"));
        if (url != substituted)
            m_document.note(urlPointer,
                            QStringLiteral("the server URL has characters a URL cannot hold "
                                           "(spaces, line breaks); they are percent-encoded"));
        while (url.endsWith(QLatin1Char('/')))
            url.chop(1); // paths start with "/"
        if (!url.contains(QLatin1String("://")))
            m_document.note(
                urlPointer,
                QStringLiteral("the server URL \"%1\" is relative to where the description is "
                               "served; baseUrl keeps it as it is: set it to the API's address, "
                               "e.g. https://api.example.com%2")
                    .arg(object.value(QLatin1String("url")).toString(), url));
        return url;
    }

    void readServers()
    {
        const QJsonValue servers = m_document.root().value(QLatin1String("servers"));
        CollectionDraft::Variables shared;
        if (!m_document.isArrayIfPresent(servers, QStringLiteral("/servers"),
                                         QStringLiteral("servers")))
            return;
        const QJsonArray list = servers.toArray();
        if (list.isEmpty()) {
            m_document.note(QString(),
                            QStringLiteral("the description names no server; baseUrl is empty: "
                                           "set it to the API's address in "
                                           "http-client.env.json"));
            shared.append({QStringLiteral("baseUrl"), QString()});
            m_document.draft()->environments.insert(QLatin1String("$shared"), shared);
            return;
        }
        QSet<QString> names;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString pointer = JsonPositions::child(QStringLiteral("/servers"), i);
            bool ok = false;
            const QString url = serverUrl(list.at(i), pointer, &ok);
            if (!ok)
                continue;
            if (i == 0) {
                shared.append({QStringLiteral("baseUrl"), url});
                continue;
            }
            // The other servers become environments to switch to. Their descriptions
            // ("Staging", "Sandbox server") are what people call their environments, so they
            // make the names; the host tells servers apart when there is no description.
            const QJsonObject server = m_document.resolve(list.at(i), pointer).value.toObject();
            QString name =
                OpenApiText::oneLine(server.value(QLatin1String("description")).toString());
            if (name.size() > 40)
                name = name.left(40).trimmed();
            if (name.isEmpty())
                name = QUrl(url).host();
            if (name.isEmpty())
                name = QStringLiteral("server %1").arg(i + 1);
            while (name.startsWith(QLatin1Char('$'))) // "$shared" and the like are reserved
                name.remove(0, 1);
            m_document.draft()->environments.insert(ImporterBase::uniqueName(name, &names),
                                                    {{QStringLiteral("baseUrl"), url}});
        }
        if (shared.isEmpty())
            shared.append({QStringLiteral("baseUrl"), QString()});
        m_document.draft()->environments.insert(QLatin1String("$shared"), shared);
    }

    // --- operations ------------------------------------------------------------------------

    void addComments(const QString &text, RequestDefinition *request)
    {
        if (text.trimmed().isEmpty())
            return;
        const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
        for (const QString &line : lines)
            request->comments.append(OpenApiText::comment(line));
    }

    CollectionDraft::File &fileFor(const QString &group)
    {
        const QString path = CollectionDraft::safeFileName(group) + QStringLiteral(".http");
        for (CollectionDraft::File &file : m_files) {
            if (file.path.compare(path, Qt::CaseInsensitive) == 0)
                return file;
        }
        CollectionDraft::File file;
        file.path = path;
        m_files.append(file);
        return m_files.last();
    }

    void readPathItem(const QString &path, const QJsonValue &value, const QString &pointer)
    {
        const OpenApiDocument::Resolved item = m_document.resolve(value, pointer);
        if (!item.ok)
            return;
        if (!item.value.isObject()) {
            m_document.error(pointer,
                             QStringLiteral("the path item \"%1\" must be an object").arg(path));
            return;
        }
        const QJsonObject object = item.value.toObject();
        const QList<Parameter> pathParameters =
            m_parameters.read(object.value(QLatin1String("parameters")),
                              JsonPositions::child(item.pointer, QStringLiteral("parameters")));
        static const QStringList known = {QStringLiteral("summary"), QStringLiteral("description"),
                                          QStringLiteral("servers"), QStringLiteral("parameters")};
        for (const QString &key : m_document.orderedKeys(object, item.pointer)) {
            const QString keyPointer = JsonPositions::child(item.pointer, key);
            if (methods().contains(key)) {
                const QJsonValue operation = object.value(key);
                if (!operation.isObject()) {
                    m_document.error(keyPointer,
                                     QStringLiteral("the operation \"%1 %2\" must be an object")
                                         .arg(key.toUpper(), path));
                    continue;
                }
                readOperation(path, key, operation.toObject(), keyPointer, object, item.pointer,
                              pathParameters);
            } else if (!known.contains(key) && !key.startsWith(QLatin1String("x-"))) {
                m_document.note(
                    keyPointer,
                    QStringLiteral("\"%1\" in a path item is not an operation this importer "
                                   "knows; it is left out")
                        .arg(key));
            }
        }
    }

    void readOperation(const QString &path, const QString &method, const QJsonObject &operation,
                       const QString &pointer, const QJsonObject &pathItem,
                       const QString &pathItemPointer, const QList<Parameter> &pathParameters)
    {
        RequestDefinition request;
        request.method = method.toUpper();
        request.nameSource = RequestDefinition::NameSource::Separator;
        const QString operationId =
            OpenApiText::oneLine(operation.value(QLatin1String("operationId")).toString());
        const QString summary = operation.value(QLatin1String("summary")).toString();
        request.name = !operationId.isEmpty() ? operationId
                       : !OpenApiText::oneLine(summary).isEmpty()
                           ? OpenApiText::oneLine(summary)
                           : request.method + QLatin1Char(' ') + OpenApiText::oneLine(path);
        if (!operationId.isEmpty())
            addComments(summary, &request);
        addComments(operation.value(QLatin1String("description")).toString(), &request);
        if (operation.value(QLatin1String("deprecated")).toBool())
            request.comments.append(QStringLiteral("# Deprecated: the API marks this operation "
                                                   "as deprecated"));
        const QString docs = OpenApiText::oneLine(operation.value(QLatin1String("externalDocs"))
                                                      .toObject()
                                                      .value(QLatin1String("url"))
                                                      .toString());
        if (!docs.isEmpty())
            request.comments.append(OpenApiText::comment(QStringLiteral("See ") + docs));
        if (operation.contains(QLatin1String("callbacks")))
            m_document.note(
                JsonPositions::child(pointer, QStringLiteral("callbacks")),
                QStringLiteral("callbacks are requests the API sends to you; they are not "
                               "imported"));

        const QJsonArray tags = operation.value(QLatin1String("tags")).toArray();
        const QString tag =
            OpenApiText::oneLine(tags.isEmpty() ? QString() : tags.first().toString());
        CollectionDraft::File &file = fileFor(tag.isEmpty() ? m_title : tag);

        // Base: the operation's or path item's own server, else {{baseUrl}}.
        QString base = QStringLiteral("{{baseUrl}}");
        const std::vector<std::pair<QJsonObject, QString>> owners = {{operation, pointer},
                                                                     {pathItem, pathItemPointer}};
        for (const auto &[owner, ownerPointer] : owners) {
            const QJsonArray servers = owner.value(QLatin1String("servers")).toArray();
            if (servers.isEmpty())
                continue;
            bool ok = false;
            const QString url =
                serverUrl(servers.first(),
                          JsonPositions::child(
                              JsonPositions::child(ownerPointer, QStringLiteral("servers")), 0),
                          &ok);
            if (ok) {
                base = url;
                request.comments.append(
                    QStringLiteral("# This operation has its own server, not {{baseUrl}}"));
            }
            break;
        }

        const QList<Parameter> parameters = OpenApiParameters::merged(
            pathParameters,
            m_parameters.read(operation.value(QLatin1String("parameters")),
                              JsonPositions::child(pointer, QStringLiteral("parameters"))));

        // The path, with {name} as {{name}} and the value as a file variable.
        QString url = base;
        QString pathText = path;
        if (!pathText.startsWith(QLatin1Char('/'))) {
            m_document.note(JsonPositions::child(QStringLiteral("/paths"), path),
                            QStringLiteral("a path must start with \"/\"; one is added"));
            pathText.prepend(QLatin1Char('/'));
        }
        static const QRegularExpression templateVariable(QStringLiteral("\\{([^{}]*)\\}"));
        qsizetype last = 0;
        for (auto it = templateVariable.globalMatch(pathText); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            url += OpenApiText::encoded(pathText.mid(last, m.capturedStart() - last),
                                        OpenApiText::UrlPart::PathTemplate);
            last = m.capturedEnd();
            const QString name = m.captured(1);
            const Parameter *parameter = nullptr;
            for (const Parameter &p : parameters) {
                if (p.in == QLatin1String("path") && p.name == name)
                    parameter = &p;
            }
            QString variable = OpenApiText::variableName(name);
            if (m_security.isReserved(variable))
                variable += QStringLiteral("_path");
            url += QStringLiteral("{{") + variable + QStringLiteral("}}");
            if (!parameter) {
                m_document.note(
                    JsonPositions::child(QStringLiteral("/paths"), path),
                    QStringLiteral("the path parameter {%1} is not described; set @%2 in the "
                                   ".http file")
                        .arg(name, variable));
                continue;
            }
            bool given = false;
            bool json = false;
            const OpenApiSample value = m_parameters.value(*parameter, &given, &json);
            const QString text =
                json ? OpenApiText::encoded(OpenApiSample::toJson(value, false),
                                            OpenApiText::UrlPart::PathSegment)
                     : OpenApiParameters::pathOrHeaderValue(*parameter, value, true);
            setFileVariable(&file, variable, text, &request, *parameter);
        }
        url += OpenApiText::encoded(pathText.mid(last), OpenApiText::UrlPart::PathTemplate);
        for (const Parameter &parameter : parameters) {
            if (parameter.in == QLatin1String("path") &&
                !pathText.contains(QLatin1Char('{') + parameter.name + QLatin1Char('}')))
                m_document.note(
                    parameter.pointer,
                    QStringLiteral("the path parameter \"%1\" is not in the path \"%2\"; it is "
                                   "left out")
                        .arg(parameter.name, path));
        }

        // Query, header and cookie parameters: required ones always, optional ones when the
        // description gives an example.
        QStringList query;
        QStringList cookies;
        QStringList leftOut;
        for (const Parameter &parameter : parameters) {
            if (parameter.in == QLatin1String("path"))
                continue;
            bool given = false;
            bool json = false;
            const OpenApiSample value = m_parameters.value(parameter, &given, &json);
            const bool required = parameter.object.value(QLatin1String("required")).toBool();
            if (!required && !given) {
                leftOut.append(parameter.name + QStringLiteral(" (") + parameter.in +
                               QLatin1Char(')'));
                continue;
            }
            if (parameter.in == QLatin1String("query")) {
                query += OpenApiParameters::queryPairs(parameter, value, json);
            } else if (parameter.in == QLatin1String("header")) {
                static const QStringList ignored = {QStringLiteral("accept"),
                                                    QStringLiteral("content-type"),
                                                    QStringLiteral("authorization")};
                if (ignored.contains(parameter.name.toLower())) {
                    m_document.note(
                        parameter.pointer,
                        QStringLiteral("OpenAPI ignores a header parameter named %1 (the media "
                                       "types and security schemes say it); so does the import")
                            .arg(parameter.name));
                    continue;
                }
                if (!OpenApiText::isHeaderName(parameter.name)) {
                    m_document.note(
                        parameter.pointer,
                        QStringLiteral("\"%1\" is not a valid header name; the header is left "
                                       "out")
                            .arg(parameter.name));
                    continue;
                }
                request.headers.append(
                    {parameter.name,
                     m_document.headerValue(
                         json ? OpenApiSample::toJson(value, false)
                              : OpenApiParameters::pathOrHeaderValue(parameter, value, false),
                         parameter.pointer),
                     0});
            } else {
                const QString text =
                    json ? OpenApiSample::toJson(value, false)
                         : (value.kind == OpenApiSample::Kind::Scalar
                                ? OpenApiSample::toText(value)
                                : OpenApiParameters::parts(value, false).join(QLatin1Char(',')));
                cookies.append(parameter.name + QLatin1Char('=') + text);
            }
        }
        if (!leftOut.isEmpty())
            request.comments.append(
                OpenApiText::comment(QStringLiteral("Optional parameters left out: ") +
                                     leftOut.join(QStringLiteral(", "))));

        const OpenApiSecurity::Auth auth = m_security.read(operation, pointer, &request);
        for (const auto &header : auth.headers) {
            bool present = false;
            for (const auto &existing : std::as_const(request.headers))
                present = present || existing.name.compare(header.name, Qt::CaseInsensitive) == 0;
            if (!present)
                request.headers.append(header);
        }
        query += auth.query;
        cookies += auth.cookies;
        if (!cookies.isEmpty())
            request.headers.append(
                {QStringLiteral("Cookie"),
                 m_document.headerValue(cookies.join(QStringLiteral("; ")), pointer), 0});
        if (!query.isEmpty())
            url += QLatin1Char('?') + query.join(QLatin1Char('&'));
        request.url = url;

        m_body.read(operation, pointer, &request);
        file.requests.append(request);
    }

    // One variable per path parameter name in a file, as the requests of a tag usually share
    // their ids; a request whose example differs says so in a comment.
    void setFileVariable(CollectionDraft::File *file, const QString &name, QString value,
                         RequestDefinition *request, const Parameter &parameter)
    {
        value = m_document.headerValue(value, parameter.pointer);
        for (const auto &existing : std::as_const(file->variables)) {
            if (existing.first != name)
                continue;
            if (existing.second != value)
                request->comments.append(
                    QStringLiteral("# %1: the description's example is \"%2\"; the file's @%1 "
                                   "is \"%3\"")
                        .arg(name, value, existing.second));
            return;
        }
        file->variables.append({name, value});
    }

    OpenApiDocument m_document;
    OpenApiSchemaSampler m_sampler;
    OpenApiParameters m_parameters;
    OpenApiSecurity m_security;
    OpenApiRequestBody m_body;
    QString m_title;
    QList<CollectionDraft::File> m_files;
};

const QRegularExpression &yamlOpenApiLine()
{
    // A top-level "openapi: 3.x" or "swagger: 2.0" key, quoted or not.
    static const QRegularExpression re(
        QStringLiteral(R"(^(["']?)(openapi|swagger)\1[ \t]*:[ \t]*["']?(3|2)\.)"),
        QRegularExpression::MultilineOption);
    return re;
}

} // namespace

bool OpenApiImporter::looksLike(const QByteArray &data)
{
    // Swagger 2.0 is sniffed too, so that it gets read()'s message about converting it rather
    // than "unknown format".
    const QByteArray trimmed = data.trimmed();
    if (trimmed.startsWith('{')) {
        const QJsonObject root = QJsonDocument::fromJson(trimmed).object();
        return root.value(QLatin1String("openapi")).toString().startsWith(QLatin1String("3.")) ||
               root.value(QLatin1String("swagger")).toString().startsWith(QLatin1String("2."));
    }
    return yamlOpenApiLine().match(QString::fromUtf8(data.left(YamlDocument::MaxBytes))).hasMatch();
}

CollectionDraft OpenApiImporter::read(const QByteArray &data, const QString &path)
{
    CollectionDraft draft;
    JsonYamlDocument document;
    if (!ImporterBase::parse(data, path, ImporterBase::Syntax::JsonOrYaml, &document, &draft))
        return draft;
    const QJsonValue rootValue = document.root;
    JsonPositions positions = document.positions;
    if (positions.at(path, QString(), QString()).line < 1)
        positions.add(QString(), 1, 1); // an empty document: messages still have a place
    const auto fail = [&](const QString &pointer, const QString &message) {
        draft.errors.append(positions.at(path, pointer, message));
        return draft;
    };
    if (!rootValue.isObject())
        return fail(QString(), QStringLiteral("not an OpenAPI description: expected an object "
                                              "with \"openapi\": \"3.x\""));
    const QJsonObject root = rootValue.toObject();
    if (root.contains(QLatin1String("swagger")))
        return fail(
            QStringLiteral("/swagger"),
            QStringLiteral("Swagger %1 (OpenAPI 2) is not supported, only OpenAPI 3.0 "
                           "and 3.1: convert it first, e.g. \"npx swagger2openapi %2 -o "
                           "openapi.yaml\" or the Swagger Editor's \"Convert to OpenAPI "
                           "3\", and import the result")
                .arg(OpenApiSample::toText(OpenApiSample::of(root.value(QLatin1String("swagger")))),
                     path.isEmpty() ? QStringLiteral("swagger.json") : path));
    const QJsonValue version = root.value(QLatin1String("openapi"));
    if (!version.isString())
        return fail(root.contains(QLatin1String("openapi")) ? QStringLiteral("/openapi")
                                                            : QString(),
                    QStringLiteral("not an OpenAPI description: expected \"openapi\": \"3.0.x\" "
                                   "or \"3.1.x\" (a string)"));
    const QString v = version.toString();
    if (!v.startsWith(QLatin1String("3.")))
        return fail(QStringLiteral("/openapi"),
                    QStringLiteral("OpenAPI %1 is not supported, only 3.0 and 3.1").arg(v));
    if (!v.startsWith(QLatin1String("3.0")) && !v.startsWith(QLatin1String("3.1")))
        draft.notes.append(positions.at(path, QStringLiteral("/openapi"),
                                        QStringLiteral("OpenAPI %1 is read as 3.1; parts that "
                                                       "are new in it may be missed")
                                            .arg(v),
                                        Diagnostic::Severity::Warning));
    Reader(root, positions, path, &draft).run();
    return draft;
}

} // namespace mr
