#include "insomniaimporter.h"

#include "base/jsonyamldocument.h"
#include "insomniacontext.h"
#include "insomniarequestbody.h"
#include "workspace/requestsanitizer.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace mr {

namespace {

struct Resource {
    QJsonObject object;
    QString pointer;
    QString id;
    QString parentId;
    QString type;
    double sortKey = 0;
    int index = 0;

    QString string(const char *key) const { return object.value(QLatin1String(key)).toString(); }
    QString at(const char *key) const { return JsonPositions::child(pointer, QLatin1String(key)); }
};

// What a request inherits from the folders above it.
struct Inherited {
    CollectionDraft::Variables variables;
    QList<QPair<RequestDefinition::Header, QString>> headers; // with their pointers
    QJsonObject authentication;
    QString authenticationPointer;
};

class Reader : public InsomniaContext
{
public:
    using InsomniaContext::InsomniaContext;

    void run(const QJsonValue &rootValue)
    {
        if (!rootValue.isObject()) {
            error(QString(), QStringLiteral("not an Insomnia export: expected an object with "
                                            "\"_type\": \"export\" and \"resources\""));
            return;
        }
        const QJsonObject root = rootValue.toObject();
        if (root.value(QLatin1String("type"))
                .toString()
                .startsWith(QLatin1String("collection.insomnia.rest/"))) {
            error(QStringLiteral("/type"),
                  QStringLiteral("this is an Insomnia v5 collection; export it from Insomnia as "
                                 "\"Insomnia v4 (JSON)\" to import it"));
            return;
        }
        const QJsonValue type = root.value(QLatin1String("_type"));
        if (!type.isUndefined() && type.toString() != QLatin1String("export")) {
            error(QStringLiteral("/_type"), QStringLiteral("not an Insomnia export: \"_type\" "
                                                           "must be \"export\""));
            return;
        }
        const QJsonValue format = root.value(QLatin1String("__export_format"));
        if (format.isUndefined()) {
            error(QString(), QStringLiteral("not an Insomnia export: \"__export_format\" is "
                                            "missing"));
            return;
        }
        if (format.toDouble() != 4 && format.toString() != QLatin1String("4")) {
            error(QStringLiteral("/__export_format"),
                  QStringLiteral("export format %1 is not supported; export again from Insomnia "
                                 "as \"Insomnia v4\"")
                      .arg(format.isDouble()
                               ? QString::number(format.toDouble())
                               : QStringLiteral("\"%1\"").arg(shortened(format.toString()))));
            return;
        }
        const QJsonValue resources = root.value(QLatin1String("resources"));
        if (!resources.isArray()) {
            error(QStringLiteral("/resources"),
                  QStringLiteral("\"resources\" must be an array of Insomnia resources"));
            return;
        }
        collect(resources.toArray());
        readWorkspaces();
        readEnvironments();
        reportOthers();
    }

private:
    void collect(const QJsonArray &resources)
    {
        for (int i = 0; i < resources.size(); ++i) {
            Resource r;
            r.index = i;
            r.pointer = JsonPositions::child(QStringLiteral("/resources"), i);
            if (!resources[i].isObject()) {
                note(r.pointer, QStringLiteral("not an object; skipped"));
                continue;
            }
            r.object = resources[i].toObject();
            r.id = r.string("_id");
            r.parentId = r.string("parentId");
            r.type = r.string("_type");
            r.sortKey = r.object.value(QLatin1String("metaSortKey")).toDouble();
            if (r.id.isEmpty() || r.type.isEmpty()) {
                note(r.pointer, QStringLiteral("a resource without \"_id\" or \"_type\"; skipped"));
                continue;
            }
            if (m_byId.contains(r.id)) {
                note(r.pointer, QStringLiteral("a second resource with _id \"%1\"; skipped")
                                    .arg(shortened(r.id)));
                continue;
            }
            m_byId.insert(r.id, int(m_resources.size()));
            m_resources.append(r);
        }
        for (int i = 0; i < m_resources.size(); ++i)
            m_children[m_resources[i].parentId].append(i);
        for (QList<int> &children : m_children) {
            std::stable_sort(children.begin(), children.end(), [this](int a, int b) {
                return m_resources[a].sortKey < m_resources[b].sortKey;
            });
        }
    }

    bool isContainer(const QString &id) const
    {
        const auto it = m_byId.constFind(id);
        if (it == m_byId.cend())
            return false;
        const QString &type = m_resources[*it].type;
        return type == QLatin1String("workspace") || type == QLatin1String("request_group");
    }

    void readWorkspaces()
    {
        QList<int> workspaces;
        for (int i = 0; i < m_resources.size(); ++i) {
            if (m_resources[i].type == QLatin1String("workspace"))
                workspaces.append(i);
        }
        draft()->name = workspaces.isEmpty() ? QFileInfo(path()).completeBaseName()
                                             : m_resources[workspaces.first()].string("name");
        if (workspaces.size() > 1)
            note(QStringLiteral("/resources"),
                 QStringLiteral("the export holds %1 workspaces; each is written into a folder "
                                "of its own and their environments are merged")
                     .arg(workspaces.size()));
        QSet<QString> folders;
        for (int index : std::as_const(workspaces)) {
            const Resource &workspace = m_resources[index];
            m_visited.insert(index);
            QString folder;
            if (workspaces.size() > 1)
                folder =
                    uniqueName(CollectionDraft::safeFileName(workspace.string("name")), &folders) +
                    QLatin1Char('/');
            readContainer(workspace, folder, workspace.string("name"), Inherited(), 0);
        }
        // Requests and folders whose parent is not in the export (a request exported alone,
        // say): into a file named after the export.
        QList<int> orphans;
        for (int i = 0; i < m_resources.size(); ++i) {
            const Resource &r = m_resources[i];
            if ((r.type == QLatin1String("request") || r.type == QLatin1String("request_group")) &&
                !isContainer(r.parentId))
                orphans.append(i);
        }
        if (orphans.isEmpty())
            return;
        std::stable_sort(orphans.begin(), orphans.end(), [this](int a, int b) {
            return m_resources[a].sortKey < m_resources[b].sortKey;
        });
        const QString fileName = QFileInfo(path()).completeBaseName();
        note(m_resources[orphans.first()].pointer,
             QStringLiteral("%1 requests or folders belong to no workspace or folder of the "
                            "export; they are imported into \"%2.http\"")
                 .arg(orphans.size())
                 .arg(CollectionDraft::safeFileName(fileName)));
        readItems(orphans, QString(), fileName, Inherited(), 0, &folders);
    }

    void readContainer(const Resource &container, const QString &folder, const QString &fileName,
                       const Inherited &inherited, int depth)
    {
        QSet<QString> folders;
        readItems(m_children.value(container.id), folder, fileName, inherited, depth, &folders);
    }

    void readItems(const QList<int> &items, const QString &folder, const QString &fileName,
                   const Inherited &inherited, int depth, QSet<QString> *folders)
    {
        CollectionDraft::File file;
        file.path = folder + CollectionDraft::safeFileName(fileName) + QStringLiteral(".http");
        file.variables = inherited.variables;
        QList<int> groups;
        for (int index : items) {
            if (m_visited.contains(index))
                continue;
            const Resource &r = m_resources[index];
            if (r.type == QLatin1String("request")) {
                m_visited.insert(index);
                RequestDefinition request;
                if (readRequest(r, inherited, &request))
                    file.requests.append(request);
            } else if (r.type == QLatin1String("request_group")) {
                m_visited.insert(index);
                groups.append(index);
            }
        }
        const qsizetype at = draft()->files.size();
        for (int index : std::as_const(groups)) {
            const Resource &group = m_resources[index];
            if (!withinNesting(depth, group.pointer))
                continue;
            const QString name = group.string("name");
            const Inherited inner = inherit(inherited, group);
            readContainer(group,
                          folder + uniqueName(CollectionDraft::safeFileName(name), folders) +
                              QLatin1Char('/'),
                          name, inner, depth + 1);
        }
        if (!file.requests.isEmpty())
            draft()->files.insert(at, file); // the folder's own file before its sub-folders'
    }

    Inherited inherit(const Inherited &outer, const Resource &group)
    {
        Inherited inner = outer;
        const QString subject =
            QStringLiteral("folder \"%1\"").arg(shortened(group.string("name")));
        CollectionDraft::Variables variables;
        flatten(group.object.value(QLatin1String("environment")), QString(),
                group.at("environment"), subject, &variables, 0);
        for (const auto &[name, value] : std::as_const(variables))
            addFolderVariable(group.at("environment"), subject, name, value, &inner.variables);
        const QJsonArray headers = group.object.value(QLatin1String("headers")).toArray();
        for (int i = 0; i < headers.size(); ++i) {
            const QJsonObject h = headers[i].toObject();
            const QString pointer = JsonPositions::child(group.at("headers"), i);
            if (skipsDisabled(h, pointer, subject, QStringLiteral("header"),
                              h.value(QLatin1String("name")).toString()))
                continue;
            RequestDefinition::Header header;
            header.name = h.value(QLatin1String("name")).toString();
            header.value = convert(h.value(QLatin1String("value")).toString(),
                                   JsonPositions::child(pointer, QStringLiteral("value")), subject);
            inner.headers.append({header, pointer});
        }
        const QJsonObject auth = group.object.value(QLatin1String("authentication")).toObject();
        if (!auth.value(QLatin1String("type")).toString().isEmpty()) {
            inner.authentication = auth;
            inner.authenticationPointer = group.at("authentication");
        }
        for (const char *script : {"preRequestScript", "afterResponseScript"}) {
            if (!group.string(script).trimmed().isEmpty())
                note(group.at(script), QStringLiteral("%1: the %2 is not imported (Insomnia's "
                                                      "script API has no .http equivalent)")
                                           .arg(subject, QLatin1String(script)));
        }
        return inner;
    }

    // Environment values: nested objects become dotted names (how {{ _.a.b }} is converted),
    // arrays stay JSON text.
    void flatten(const QJsonValue &value, const QString &name, const QString &pointer,
                 const QString &subject, CollectionDraft::Variables *out, int depth)
    {
        if (value.isObject() && depth < MaxNesting) {
            const QJsonObject object = value.toObject();
            if (!name.isEmpty() && !object.isEmpty())
                note(pointer, QStringLiteral("%1: the object \"%2\" is flattened into variables "
                                             "named %2.<key> ({{ _.%2.key }} is imported as "
                                             "{{%2.key}})")
                                  .arg(subject, shortened(name)));
            for (auto it = object.begin(); it != object.end(); ++it)
                flatten(it.value(), name.isEmpty() ? it.key() : name + QLatin1Char('.') + it.key(),
                        JsonPositions::child(pointer, it.key()), subject, out, depth + 1);
            return;
        }
        if (name.isEmpty())
            return; // the environment itself is not an object: nothing to read
        QString text;
        if (value.isString()) {
            text = convert(value.toString(), pointer, subject);
        } else if (value.isDouble() || value.isBool()) {
            text = value.toVariant().toString();
        } else if (value.isArray() || value.isObject()) {
            text = QString::fromUtf8(
                value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
            note(pointer, QStringLiteral("%1: \"%2\" is kept as JSON text (a .http variable "
                                         "holds text; Nunjucks indexing like {{ _.%2[0] }} has no "
                                         "equivalent)")
                              .arg(subject, shortened(name)));
        }
        out->append({name, text});
    }

    bool readRequest(const Resource &r, const Inherited &inherited, RequestDefinition *out)
    {
        RequestDefinition request;
        request.name = r.string("name");
        request.nameSource = RequestDefinition::NameSource::Separator;
        const QString subject = QStringLiteral("request \"%1\"").arg(shortened(request.name));
        request.comments = RequestSanitizer::comments(r.string("description"));
        request.method =
            r.object.contains(QLatin1String("method")) ? r.string("method") : QStringLiteral("GET");
        QString url = convert(r.string("url"), r.at("url"), subject);

        // Path parameters: "/users/:id" with {"name": "id", "value": "5"}.
        const QJsonArray pathParameters = r.object.value(QLatin1String("pathParameters")).toArray();
        for (int i = 0; i < pathParameters.size(); ++i) {
            const QJsonObject p = pathParameters[i].toObject();
            const QString name = p.value(QLatin1String("name")).toString();
            if (name.isEmpty())
                continue;
            const QString pointer = JsonPositions::child(r.at("pathParameters"), i);
            const QString value =
                convert(p.value(QLatin1String("value")).toString(), pointer, subject);
            const QRegularExpression placeholder(QStringLiteral("/:") +
                                                 QRegularExpression::escape(name) +
                                                 QStringLiteral("(?=[/?#]|$)"));
            url.replace(placeholder,
                        QStringLiteral("/") + RequestSanitizer::encodeComponent(value).replace(
                                                  QLatin1Char('/'), QLatin1String("%2F")));
        }

        // Query parameters kept apart from the URL.
        QStringList query;
        const QJsonArray parameters = r.object.value(QLatin1String("parameters")).toArray();
        for (int i = 0; i < parameters.size(); ++i) {
            const QJsonObject p = parameters[i].toObject();
            const QString pointer = JsonPositions::child(r.at("parameters"), i);
            const QString name = p.value(QLatin1String("name")).toString();
            const QString value = p.value(QLatin1String("value")).toString();
            if (name.isEmpty() && value.isEmpty())
                continue;
            if (skipsDisabled(p, pointer, subject, QStringLiteral("query parameter"), name))
                continue;
            query.append(
                RequestSanitizer::encodeComponent(
                    convert(name, JsonPositions::child(pointer, QStringLiteral("name")), subject)) +
                QLatin1Char('=') +
                RequestSanitizer::encodeComponent(convert(
                    value, JsonPositions::child(pointer, QStringLiteral("value")), subject)));
        }

        // Headers: the folders' first, the request's own replace those of the same name.
        QList<QPair<RequestDefinition::Header, QString>> headers = inherited.headers;
        const QJsonArray ownHeaders = r.object.value(QLatin1String("headers")).toArray();
        for (int i = 0; i < ownHeaders.size(); ++i) {
            const QJsonObject h = ownHeaders[i].toObject();
            const QString pointer = JsonPositions::child(r.at("headers"), i);
            RequestDefinition::Header header;
            header.name = h.value(QLatin1String("name")).toString();
            if (skipsDisabled(h, pointer, subject, QStringLiteral("header"), header.name))
                continue;
            header.value = convert(h.value(QLatin1String("value")).toString(),
                                   JsonPositions::child(pointer, QStringLiteral("value")), subject);
            headers.erase(std::remove_if(headers.begin(), headers.end(),
                                         [&](const auto &inheritedHeader) {
                                             return inheritedHeader.first.name.compare(
                                                        header.name, Qt::CaseInsensitive) == 0;
                                         }),
                          headers.end());
            headers.append({header, pointer});
        }
        for (const auto &header : std::as_const(headers))
            request.headers.append(header.first);

        // Authentication: the request's own, or the nearest folder's when it has none.
        QJsonObject auth = r.object.value(QLatin1String("authentication")).toObject();
        QString authPointer = r.at("authentication");
        if (auth.value(QLatin1String("type")).toString().isEmpty()) {
            auth = inherited.authentication;
            authPointer = inherited.authenticationPointer;
        }
        readAuthentication(auth, authPointer, subject, &request, &query);

        if (!query.isEmpty())
            url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
                   query.join(QLatin1Char('&'));
        request.url = url;

        InsomniaRequestBody(*this, subject, &request)
            .read(r.object.value(QLatin1String("body")).toObject(), r.at("body"));
        readSettings(r, subject, &request);

        bool usable = true;
        const QStringList problems = RequestSanitizer::sanitize(&request, &usable);
        notes(r.pointer, subject, problems);
        if (!usable)
            return false;
        *out = request;
        return true;
    }

    void readAuthentication(const QJsonObject &auth, const QString &pointer, const QString &subject,
                            RequestDefinition *request, QStringList *query)
    {
        const QString type = shortened(auth.value(QLatin1String("type")).toString());
        if (type.isEmpty() || type == QLatin1String("none"))
            return;
        if (auth.value(QLatin1String("disabled")).toBool()) {
            note(pointer, QStringLiteral("%1: the disabled %2 authentication is not imported")
                              .arg(subject, type));
            return;
        }
        auto field = [&](const char *key) {
            return convert(auth.value(QLatin1String(key)).toString(),
                           JsonPositions::child(pointer, QLatin1String(key)), subject);
        };
        if (type == QLatin1String("basic") || type == QLatin1String("digest")) {
            const QString user = field("username");
            const QString password = field("password");
            if (type == QLatin1String("basic") && auth.value(QLatin1String("useISO88591")).toBool())
                note(pointer, QStringLiteral("%1: basic authentication is encoded as UTF-8, not "
                                             "ISO-8859-1")
                                  .arg(subject));
            setUserAuthorization(pointer, subject, type, user, password, request);
            return;
        }
        if (type == QLatin1String("bearer")) {
            const QString token = field("token");
            const QString prefix = field("prefix").trimmed();
            if (token.isEmpty())
                return; // Insomnia sends nothing either
            setAuthorization(pointer, subject, type,
                             (prefix.isEmpty() ? QStringLiteral("Bearer") : prefix) +
                                 QLatin1Char(' ') + token,
                             request);
            return;
        }
        if (type == QLatin1String("apikey")) {
            const QString key = field("key");
            const QString value = field("value");
            const QString addTo = auth.value(QLatin1String("addTo")).toString();
            if (key.isEmpty())
                return;
            if (addTo == QLatin1String("queryParams")) {
                query->append(RequestSanitizer::encodeComponent(key) + QLatin1Char('=') +
                              RequestSanitizer::encodeComponent(value));
            } else if (addTo == QLatin1String("cookie")) {
                request->headers.append(
                    {QStringLiteral("Cookie"), key + QLatin1Char('=') + value, 0});
            } else {
                request->headers.append({key, value, 0});
            }
            return;
        }
        noteUnsupportedAuth(pointer, subject, type);
    }

    void readSettings(const Resource &r, const QString &subject, RequestDefinition *request)
    {
        auto directive = [&](const QString &name) {
            request->directives.append({name, QString(), 0});
        };
        auto isFalse = [&](const char *key) {
            const QJsonValue v = r.object.value(QLatin1String(key));
            return v.isBool() && !v.toBool();
        };
        if (r.string("settingFollowRedirects") == QLatin1String("off"))
            directive(QStringLiteral("no-redirect"));
        if (isFalse("settingSendCookies"))
            directive(QStringLiteral("no-cookie-jar"));
        if (isFalse("settingStoreCookies"))
            note(r.at("settingStoreCookies"),
                 QStringLiteral("%1: \"don't store cookies\" has no .http directive; responses' "
                                "cookies will be stored")
                     .arg(subject));
        if (isFalse("settingEncodeUrl")) {
            directive(QStringLiteral("no-auto-encoding"));
            note(r.at("settingEncodeUrl"),
                 QStringLiteral("%1: \"don't encode the URL\" is written as # @no-auto-encoding, "
                                "which Microrequests keeps but does not apply")
                     .arg(subject));
        }
        if (isFalse("settingRebuildPath"))
            note(r.at("settingRebuildPath"),
                 QStringLiteral("%1: \"don't rebuild the path\" is not imported; the URL path is "
                                "normalized when sent")
                     .arg(subject));
        if (r.object.value(QLatin1String("settingDisableRenderRequestBody")).toBool())
            note(r.at("settingDisableRenderRequestBody"),
                 QStringLiteral("%1: \"don't render the body\" is not imported; {{variables}} in "
                                "the body are replaced when sent")
                     .arg(subject));
        for (const char *script : {"preRequestScript", "afterResponseScript"}) {
            if (!r.string(script).trimmed().isEmpty())
                note(r.at(script), QStringLiteral("%1: the %2 is not imported (Insomnia's script "
                                                  "API has no .http equivalent)")
                                       .arg(subject, QLatin1String(script)));
        }
    }

    void readEnvironments()
    {
        for (int i = 0; i < m_resources.size(); ++i) {
            const Resource &r = m_resources[i];
            if (r.type != QLatin1String("environment"))
                continue;
            m_visited.insert(i);
            const auto parent = m_byId.constFind(r.parentId);
            const QString parentType =
                parent == m_byId.cend() ? QString() : m_resources[*parent].type;
            QString name;
            if (parentType == QLatin1String("workspace"))
                name = QStringLiteral("$shared");
            else if (parentType == QLatin1String("environment"))
                name = r.string("name").trimmed();
            if (name.isEmpty()) {
                note(r.pointer, QStringLiteral("environment \"%1\" belongs to no workspace or "
                                               "base environment (or has no name); not imported")
                                    .arg(shortened(r.string("name"))));
                continue;
            }
            const bool secret = r.object.value(QLatin1String("isPrivate")).toBool() &&
                                name != QLatin1String("$shared");
            const QString subject = name == QLatin1String("$shared")
                                        ? QStringLiteral("the base environment")
                                        : QStringLiteral("environment \"%1\"").arg(shortened(name));
            CollectionDraft::Variables variables;
            flatten(r.object.value(QLatin1String("data")), QString(), r.at("data"), subject,
                    &variables, 0);
            CollectionDraft::Variables &into =
                secret ? draft()->privateEnvironments[name] : draft()->environments[name];
            for (const auto &[key, value] : std::as_const(variables)) {
                bool clash = false;
                for (const auto &existing : std::as_const(into))
                    clash = clash || existing.first == key;
                if (clash) {
                    note(r.at("data"), QStringLiteral("%1: \"%2\" is defined twice; the first "
                                                      "value is kept")
                                           .arg(subject, shortened(key)));
                    continue;
                }
                into.append({key, value});
            }
        }
    }

    void reportOthers()
    {
        // UI state and things reported with their owner.
        static const QStringList quiet = {
            QStringLiteral("workspace"),          QStringLiteral("request_meta"),
            QStringLiteral("request_group_meta"), QStringLiteral("workspace_meta"),
            QStringLiteral("grpc_request_meta"),  QStringLiteral("websocket_payload"),
            QStringLiteral("socket_io_payload"),  QStringLiteral("response"),
            QStringLiteral("request_version"),    QStringLiteral("stats"),
            QStringLiteral("environment")};
        for (int i = 0; i < m_resources.size(); ++i) {
            const Resource &r = m_resources[i];
            const QString name = shortened(r.string("name"));
            if (r.type == QLatin1String("request") || r.type == QLatin1String("request_group")) {
                if (!m_visited.contains(i))
                    note(r.pointer,
                         QStringLiteral("%1 \"%2\" is not reached from a workspace "
                                        "(its parentId chain loops, or it is nested too deep); not "
                                        "imported")
                             .arg(shortened(r.type), name));
                continue;
            }
            if (quiet.contains(r.type) || r.type.endsWith(QLatin1String("_meta")))
                continue;
            if (r.type == QLatin1String("cookie_jar")) {
                const qsizetype cookies = r.object.value(QLatin1String("cookies")).toArray().size();
                if (cookies > 0)
                    note(r.pointer,
                         QStringLiteral("the cookie jar's %1 cookies are not imported; the "
                                        "cookie jar fills again from the responses")
                             .arg(cookies));
                continue;
            }
            if (r.type == QLatin1String("api_spec")) {
                if (!r.string("contents").trimmed().isEmpty())
                    note(r.pointer, QStringLiteral("the API spec \"%1\" is not imported; save it "
                                                   "to a file and import it as OpenAPI")
                                        .arg(shortened(r.string("fileName"))));
                continue;
            }
            if (r.type == QLatin1String("grpc_request"))
                note(r.pointer, QStringLiteral("the gRPC request \"%1\" is not imported (.http "
                                               "files hold HTTP requests)")
                                    .arg(name));
            else if (r.type == QLatin1String("websocket_request"))
                note(r.pointer,
                     QStringLiteral("the WebSocket request \"%1\" is not imported").arg(name));
            else
                note(r.pointer, QStringLiteral("the Insomnia %1 \"%2\" is not imported")
                                    .arg(shortened(r.type), name));
        }
    }

    QList<Resource> m_resources;
    QHash<QString, int> m_byId;
    QHash<QString, QList<int>> m_children;
    QSet<int> m_visited;
};

} // namespace

bool InsomniaImporter::looksLike(const QByteArray &data)
{
    const QByteArray head = data.left(8192);
    return head.contains("__export_format") &&
           (head.contains("\"export\"") || head.contains("_type: export"));
}

CollectionDraft InsomniaImporter::read(const QByteArray &data, const QString &path)
{
    CollectionDraft draft;
    JsonYamlDocument document;
    if (!ImporterBase::parse(data, path, ImporterBase::Syntax::JsonOrYaml, &document, &draft))
        return draft;
    Reader(path, document.positions, &draft).run(document.root);
    return draft;
}

} // namespace mr
