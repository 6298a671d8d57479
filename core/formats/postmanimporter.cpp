#include "postmanimporter.h"

#include "base/jsonyamldocument.h"
#include "postmanauth.h"
#include "postmancontext.h"
#include "postmanrequestbody.h"
#include "postmantestscript.h"
#include "postmanurl.h"
#include "workspace/requestsanitizer.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <optional>

namespace mr {

namespace {

QByteArray withoutByteOrderMark(const QByteArray &data)
{
    return data.startsWith("\xEF\xBB\xBF") ? data.mid(3) : data;
}

// A name {{name}} can refer to from an environment: no braces, no line breaks, no leading "$"
// (those are dynamic variables) and no spaces around it ({{ name }} is trimmed).
bool isEnvironmentName(const QString &name)
{
    static const QRegularExpression bad(QStringLiteral("[{}\\r\\n]"));
    return !name.isEmpty() && name == name.trimmed() && !name.startsWith(QLatin1Char('$')) &&
           !name.contains(bad);
}

// What an item inherits from the folders above it.
struct Inherited {
    CollectionDraft::Variables variables; // folder variables, as file variables
    QJsonObject auth;                     // the nearest auth with a type (may be "noauth")
    QString authPointer;
    std::optional<bool> followRedirects; // protocolProfileBehavior we can express
    std::optional<bool> disableCookies;
    QString protocolVersion;        // "http1", "http2" or "auto" (Postman's HTTP version)
    bool guessesContentType = true; // false: disabledSystemHeaders names content-type
};

class Reader : public PostmanContext
{
public:
    using PostmanContext::PostmanContext;

    void run(const QJsonValue &rootValue)
    {
        if (!rootValue.isObject()) {
            error(QString(), QStringLiteral("not a Postman collection: expected an object with "
                                            "\"info\" and \"item\""));
            return;
        }
        const QJsonObject root = rootValue.toObject();
        if (root.contains(QLatin1String("_postman_variable_scope"))) {
            const QString scope =
                shortened(root.value(QLatin1String("_postman_variable_scope")).toString());
            error(QStringLiteral("/_postman_variable_scope"),
                  QStringLiteral("this is a Postman %1 export, not a collection; import the "
                                 "collection (Export → Collection v2.1) and add these variables "
                                 "to http-client.env.json")
                      .arg(scope.isEmpty() ? QStringLiteral("variables") : scope));
            return;
        }
        if (!root.contains(QLatin1String("item")) &&
            (root.contains(QLatin1String("requests")) || root.contains(QLatin1String("order")))) {
            error(root.contains(QLatin1String("requests")) ? QStringLiteral("/requests")
                                                           : QStringLiteral("/order"),
                  QStringLiteral("this is a Postman Collection v1 export; export the collection "
                                 "again from Postman as \"Collection v2.1\" to import it"));
            return;
        }
        const QJsonValue infoValue = root.value(QLatin1String("info"));
        if (!infoValue.isObject()) {
            error(infoValue.isUndefined() ? QString() : QStringLiteral("/info"),
                  QStringLiteral("not a Postman collection: \"info\" must be an object with the "
                                 "collection's name and schema"));
            return;
        }
        const QJsonObject info = infoValue.toObject();
        if (!checkSchema(info.value(QLatin1String("schema"))))
            return;
        const QJsonValue items = root.value(QLatin1String("item"));
        if (!items.isArray()) {
            error(items.isUndefined() ? QString() : QStringLiteral("/item"),
                  QStringLiteral("not a Postman collection: \"item\" must be an array of "
                                 "requests and folders"));
            return;
        }
        QString name = info.value(QLatin1String("name")).toString().trimmed();
        if (name.isEmpty())
            name = QFileInfo(path()).completeBaseName();
        draft()->name = name;
        const QString subject = QStringLiteral("the collection");
        if (!description(info.value(QLatin1String("description"))).trimmed().isEmpty())
            note(QStringLiteral("/info/description"),
                 QStringLiteral("the collection's description is not imported (a .http file "
                                "has comments only above requests)"));
        readCollectionVariables(root.value(QLatin1String("variable")));
        reportEvents(root, QString(), subject);

        Inherited top;
        readAuthOf(root, QString(), &top);
        readBehavior(root, QString(), subject, &top);
        readItems(items.toArray(), QStringLiteral("/item"), QString(), name, top, 0);
    }

private:
    bool checkSchema(const QJsonValue &schemaValue)
    {
        const QString schema = schemaValue.toString();
        if (schema.isEmpty()) {
            note(QStringLiteral("/info"), QStringLiteral("the collection names no schema "
                                                         "(\"info.schema\"); read as Collection "
                                                         "v2.1"));
            return true;
        }
        static const QRegularExpression version(QStringLiteral(R"(/v(\d+)\.(\d+)(?:\.\d+)?/)"));
        const QRegularExpressionMatch m = version.match(schema);
        const QString major = m.captured(1);
        const QString minor = m.captured(2);
        if (m.hasMatch() && major == QLatin1String("2") &&
            (minor == QLatin1String("0") || minor == QLatin1String("1")))
            return true;
        if (m.hasMatch() && major == QLatin1String("1")) {
            error(QStringLiteral("/info/schema"),
                  QStringLiteral("this is a Postman Collection v1 export; export the collection "
                                 "again from Postman as \"Collection v2.1\" to import it"));
            return false;
        }
        error(QStringLiteral("/info/schema"),
              QStringLiteral("the schema \"%1\" is not Postman Collection v2.0 or v2.1; export "
                             "the collection from Postman as \"Collection v2.1\"")
                  .arg(shortened(schema)));
        return false;
    }

    // [{"key": …, "value": …, "disabled": …, "type": …}]: the collection's go to "$shared"
    // rather than into the top file, because a file variable reaches only its own file while
    // every folder's requests use them, and because in Postman an environment overrides a
    // collection variable, as a named environment overrides "$shared" here (file variables
    // would override the environments instead).
    void readCollectionVariables(const QJsonValue &value)
    {
        const QString pointer = QStringLiteral("/variable");
        if (value.isUndefined() || value.isNull())
            return;
        if (!value.isArray()) {
            note(pointer, QStringLiteral("the collection's \"variable\" is not an array; not "
                                         "imported"));
            return;
        }
        const QJsonArray list = value.toArray();
        const QString subject = QStringLiteral("the collection");
        for (int i = 0; i < list.size(); ++i) {
            const QString itemPointer = JsonPositions::child(pointer, i);
            const QJsonObject v = list[i].toObject();
            QString name = v.value(QLatin1String("key")).toString();
            if (name.isEmpty())
                name = v.value(QLatin1String("id")).toString();
            if (name.isEmpty())
                continue; // an empty row of Postman's table
            if (v.value(QLatin1String("disabled")).toBool()) {
                note(itemPointer, QStringLiteral("the disabled collection variable \"%1\" is not "
                                                 "imported")
                                      .arg(shortened(name)));
                continue;
            }
            if (!isEnvironmentName(name)) {
                note(itemPointer, QStringLiteral("the collection variable \"%1\" cannot be a "
                                                 ".http variable (braces, line breaks, spaces "
                                                 "around it or a leading \"$\" in its name); "
                                                 "not imported")
                                      .arg(shortened(name)));
                continue;
            }
            const bool secret =
                v.value(QLatin1String("type")).toString() == QLatin1String("secret");
            CollectionDraft::Variables &into =
                secret ? draft()->privateEnvironments[QStringLiteral("$shared")]
                       : draft()->environments[QStringLiteral("$shared")];
            const QString valueText =
                convert(text(v.value(QLatin1String("value"))), at(itemPointer, "value"), subject);
            bool replaced = false;
            for (auto &existing : into) {
                if (existing.first == name) {
                    existing.second = valueText;
                    replaced = true;
                }
            }
            if (replaced)
                note(itemPointer, QStringLiteral("the collection variable \"%1\" is defined "
                                                 "twice; the last value is kept")
                                      .arg(shortened(name)));
            else
                into.append({name, valueText});
        }
    }

    void readItems(const QJsonArray &items, const QString &pointer, const QString &folder,
                   const QString &fileName, const Inherited &inherited, int depth)
    {
        CollectionDraft::File file;
        file.path = folder + CollectionDraft::safeFileName(fileName) + QStringLiteral(".http");
        file.variables = inherited.variables;
        QList<int> groups;
        for (int i = 0; i < items.size(); ++i) {
            const QString itemPointer = JsonPositions::child(pointer, i);
            if (!items[i].isObject()) {
                note(itemPointer, QStringLiteral("an item that is not an object; skipped"));
                continue;
            }
            const QJsonObject item = items[i].toObject();
            if (item.contains(QLatin1String("item"))) {
                groups.append(i);
            } else if (item.contains(QLatin1String("request"))) {
                RequestDefinition request;
                if (readRequest(item, itemPointer, inherited, &request))
                    file.requests.append(request);
            } else {
                note(itemPointer,
                     QStringLiteral("the item \"%1\" has neither \"request\" nor "
                                    "\"item\"; skipped")
                         .arg(shortened(item.value(QLatin1String("name")).toString())));
            }
        }
        const qsizetype at = draft()->files.size();
        // A sub-folder must not take the name of the folder's own file ("Shop.http").
        QSet<QString> folders = {file.path.section(QLatin1Char('/'), -1).toLower()};
        for (int index : std::as_const(groups)) {
            const QJsonObject group = items[index].toObject();
            const QString groupPointer = JsonPositions::child(pointer, index);
            if (!withinNesting(depth, groupPointer))
                continue;
            const QString name = group.value(QLatin1String("name")).toString();
            const QJsonValue children = group.value(QLatin1String("item"));
            if (!children.isArray()) {
                note(Reader::at(groupPointer, "item"),
                     QStringLiteral("folder \"%1\": \"item\" is not an array; not imported")
                         .arg(shortened(name)));
                continue;
            }
            const Inherited inner = inherit(inherited, group, groupPointer);
            readItems(children.toArray(), Reader::at(groupPointer, "item"),
                      folder + uniqueName(CollectionDraft::safeFileName(name), &folders) +
                          QLatin1Char('/'),
                      name, inner, depth + 1);
        }
        if (!file.requests.isEmpty())
            draft()->files.insert(at, file); // the folder's own file before its sub-folders'
    }

    Inherited inherit(const Inherited &outer, const QJsonObject &group, const QString &pointer)
    {
        Inherited inner = outer;
        const QString subject = QStringLiteral("folder \"%1\"")
                                    .arg(shortened(group.value(QLatin1String("name")).toString()));
        if (!description(group.value(QLatin1String("description"))).trimmed().isEmpty())
            note(at(pointer, "description"),
                 QStringLiteral("%1: the folder's description is not imported (a .http file has "
                                "comments only above requests)")
                     .arg(subject));
        // Folder variables: file variables of the folder's files and its sub-folders' (a
        // .http file has no folder level).
        const QJsonArray variables = group.value(QLatin1String("variable")).toArray();
        for (int i = 0; i < variables.size(); ++i) {
            const QString variablePointer = JsonPositions::child(at(pointer, "variable"), i);
            const QJsonObject v = variables[i].toObject();
            QString name = v.value(QLatin1String("key")).toString();
            if (name.isEmpty())
                name = v.value(QLatin1String("id")).toString();
            if (name.isEmpty())
                continue;
            if (skipsDisabled(v, variablePointer, subject, QStringLiteral("folder variable"), name))
                continue;
            const QString value = convert(text(v.value(QLatin1String("value"))),
                                          at(variablePointer, "value"), subject);
            addFolderVariable(variablePointer, subject, name, value, &inner.variables);
        }
        readAuthOf(group, pointer, &inner);
        readBehavior(group, pointer, subject, &inner);
        reportEvents(group, pointer, subject);
        return inner;
    }

    // An item's "auth" replaces the inherited one; none (or null, or "inherit") inherits.
    void readAuthOf(const QJsonObject &object, const QString &pointer, Inherited *state)
    {
        const QJsonObject auth = object.value(QLatin1String("auth")).toObject();
        const QString type = auth.value(QLatin1String("type")).toString();
        if (type.isEmpty() || type == QLatin1String("inherit"))
            return;
        state->auth = auth;
        state->authPointer = at(pointer, "auth");
    }

    // protocolProfileBehavior: what a directive can say is applied to the requests that
    // inherit it; the rest is reported where it is set.
    void readBehavior(const QJsonObject &object, const QString &pointer, const QString &subject,
                      Inherited *state)
    {
        const QJsonObject behavior =
            object.value(QLatin1String("protocolProfileBehavior")).toObject();
        const QString behaviorPointer = at(pointer, "protocolProfileBehavior");
        for (auto it = behavior.begin(); it != behavior.end(); ++it) {
            const QString key = it.key();
            const QString keyPointer = JsonPositions::child(behaviorPointer, key);
            if (key == QLatin1String("followRedirects") && it.value().isBool()) {
                state->followRedirects = it.value().toBool();
            } else if (key == QLatin1String("disableCookies") && it.value().isBool()) {
                state->disableCookies = it.value().toBool();
            } else if (key == QLatin1String("protocolVersion") &&
                       QStringList({QStringLiteral("http1"), QStringLiteral("http2"),
                                    QStringLiteral("auto")})
                           .contains(it.value().toString())) {
                state->protocolVersion = it.value().toString();
            } else if (key == QLatin1String("disabledSystemHeaders") && it.value().isObject()) {
                readSystemHeaders(it.value().toObject(), keyPointer, subject, state);
            } else if (key == QLatin1String("disableBodyPruning")) {
                // Postman drops GET bodies unless told not to; Microrequests always sends them.
            } else if (key == QLatin1String("strictSSL") && it.value().toBool(true)) {
                // Certificates are verified: the default.
            } else if (key == QLatin1String("strictSSL")) {
                note(keyPointer, QStringLiteral("%1: \"don't verify SSL certificates\" is not "
                                                "imported; certificates are verified")
                                     .arg(subject));
            } else {
                note(keyPointer, QStringLiteral("%1: the setting \"%2\" is not imported")
                                     .arg(subject, shortened(key)));
            }
        }
    }

    // Headers Postman adds on its own, switched off. Microrequests never sends Postman's own
    // (Postman-Token, Cache-Control: no-cache) and sets the others itself; only a switched-off
    // Content-Type changes what an imported request sends.
    void readSystemHeaders(const QJsonObject &headers, const QString &pointer,
                           const QString &subject, Inherited *state)
    {
        static const QStringList engineHeaders = {QStringLiteral("postman-token"),
                                                  QStringLiteral("cache-control"),
                                                  QStringLiteral("user-agent"),
                                                  QStringLiteral("accept"),
                                                  QStringLiteral("accept-encoding"),
                                                  QStringLiteral("connection"),
                                                  QStringLiteral("host"),
                                                  QStringLiteral("content-length")};
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            const QString name = it.key().toLower();
            if (name == QLatin1String("content-type"))
                state->guessesContentType = !it.value().toBool();
            else if (!engineHeaders.contains(name))
                note(JsonPositions::child(pointer, it.key()),
                     QStringLiteral("%1: switching off Postman's \"%2\" header is not imported")
                         .arg(subject, shortened(it.key())));
        }
    }

    // Pre-request and test scripts (Postman's pm.* API) have no .http equivalent, except a
    // request's test script as our export writes it from "?? …" assertions: read back into
    // them when `request` is given.
    void reportEvents(const QJsonObject &object, const QString &pointer, const QString &subject,
                      RequestDefinition *request = nullptr)
    {
        const QJsonArray events = object.value(QLatin1String("event")).toArray();
        for (int i = 0; i < events.size(); ++i) {
            const QJsonObject event = events[i].toObject();
            const QString eventPointer = JsonPositions::child(at(pointer, "event"), i);
            const QJsonObject script = event.value(QLatin1String("script")).toObject();
            const QJsonValue exec = script.value(QLatin1String("exec"));
            QString code = exec.toString();
            const QJsonArray lines = exec.toArray();
            for (const QJsonValue &line : lines)
                code += line.toString() + QLatin1Char('\n');
            if (code.trimmed().isEmpty() && script.value(QLatin1String("src")).toString().isEmpty())
                continue; // Postman exports empty scripts for every request it has opened
            if (request && readAssertions(event, code, request))
                continue;
            QString listen = event.value(QLatin1String("listen")).toString();
            if (listen == QLatin1String("prerequest"))
                listen = QStringLiteral("pre-request");
            note(event.contains(QLatin1String("listen")) ? at(eventPointer, "listen")
                                                         : eventPointer,
                 QStringLiteral("%1: the %2%3 script is not imported (Postman's pm.* scripts "
                                "have no .http equivalent)")
                     .arg(subject,
                          event.value(QLatin1String("disabled")).toBool()
                              ? QStringLiteral("disabled ")
                              : QString(),
                          shortened(listen.isEmpty() ? QStringLiteral("unnamed") : listen)));
        }
    }

    // A test script PostmanTestScript wrote, as the "?? …" lines it came from.
    static bool readAssertions(const QJsonObject &event, const QString &code,
                               RequestDefinition *request)
    {
        if (event.value(QLatin1String("listen")).toString() != QLatin1String("test") ||
            event.value(QLatin1String("disabled")).toBool())
            return false;
        const QStringList exec = code.split(QLatin1Char('\n'));
        bool ok = false;
        const QStringList assertionLines = PostmanTestScript::assertionLines(exec, &ok);
        if (!ok || assertionLines.isEmpty())
            return false;
        QStringList handlers;
        if (!request->responseHandlers.isEmpty())
            handlers.append(request->responseHandlers);
        else if (!request->body.isEmpty())
            handlers.append(QString()); // a blank line between the body and the assertions
        for (const QString &line : assertionLines) {
            handlers.append(line);
            request->assertions.append(RequestAssertion::parse(line, 0));
        }
        request->responseHandlers = handlers.join(QLatin1Char('\n'));
        return true;
    }

    bool readRequest(const QJsonObject &item, const QString &pointer, const Inherited &inherited,
                     RequestDefinition *out)
    {
        RequestDefinition request;
        request.name = item.value(QLatin1String("name")).toString();
        request.nameSource = RequestDefinition::NameSource::Separator;
        const QString subject = QStringLiteral("request \"%1\"").arg(shortened(request.name));
        const QString requestPointer = at(pointer, "request");
        const QJsonValue requestValue = item.value(QLatin1String("request"));
        QJsonObject r;
        QString urlPointer = at(requestPointer, "url");
        if (requestValue.isString()) {
            r.insert(QLatin1String("url"), requestValue); // v2 allows a bare URL: a GET
            urlPointer = requestPointer;
        } else if (requestValue.isObject()) {
            r = requestValue.toObject();
        } else {
            note(requestPointer, QStringLiteral("%1: \"request\" is neither a URL nor an object; "
                                                "not imported")
                                     .arg(subject));
            return false;
        }

        QString comments = description(r.value(QLatin1String("description")));
        if (comments.trimmed().isEmpty())
            comments = description(item.value(QLatin1String("description")));
        request.comments = RequestSanitizer::comments(comments);
        const QJsonValue method = r.value(QLatin1String("method"));
        request.method = method.isString() && !method.toString().trimmed().isEmpty()
                             ? method.toString()
                             : QStringLiteral("GET");

        QString url = PostmanUrl(*this).read(r.value(QLatin1String("url")), urlPointer, subject);
        PostmanUrl(*this).readHeaders(r.value(QLatin1String("header")),
                                      at(requestPointer, "header"), subject, &request);

        // Authentication: the request's own, else the nearest folder's or the collection's.
        Inherited state = inherited;
        readAuthOf(r, requestPointer, &state);
        QStringList query;
        PostmanAuth::read(*this, state.auth, state.authPointer, subject, &request, &query);
        PostmanUrl::appendQuery(&url, query);
        request.url = url;

        readBehavior(item, pointer, subject, &state);
        PostmanRequestBody(*this).read(r.value(QLatin1String("body")), at(requestPointer, "body"),
                                       subject, state.guessesContentType, &request);

        if (state.followRedirects.has_value() && !*state.followRedirects)
            request.directives.append({QStringLiteral("no-redirect"), QString(), 0});
        if (state.disableCookies.value_or(false))
            request.directives.append({QStringLiteral("no-cookie-jar"), QString(), 0});
        if (state.protocolVersion == QLatin1String("http1") ||
            state.protocolVersion == QLatin1String("http2")) // "auto" is the default
            request.directives.append({state.protocolVersion, QString(), 0});

        reportEvents(item, pointer, subject, &request);
        const qsizetype responses = item.value(QLatin1String("response")).toArray().size();
        if (responses > 0)
            note(at(pointer, "response"),
                 QStringLiteral("%1: %2 saved example response(s) not imported")
                     .arg(subject)
                     .arg(responses));
        if (!item.value(QLatin1String("variable")).toArray().isEmpty())
            note(at(pointer, "variable"),
                 QStringLiteral("%1: request variables are not imported").arg(subject));
        for (const char *key : {"proxy", "certificate"}) {
            const QJsonValue v = r.value(QLatin1String(key));
            if (!v.isUndefined() && !v.isNull())
                note(at(requestPointer, key),
                     QStringLiteral("%1: the request's %2 settings are not imported")
                         .arg(subject, QLatin1String(key)));
        }

        bool usable = true;
        const QStringList problems = RequestSanitizer::sanitize(&request, &usable);
        notes(pointer, subject, problems);
        if (!usable)
            return false;
        *out = request;
        return true;
    }
};

} // namespace

bool PostmanImporter::looksLike(const QByteArray &data)
{
    const QByteArray text = withoutByteOrderMark(data).trimmed();
    if (!text.startsWith('{'))
        return false;
    const QByteArray head = text.left(8192);
    if (!head.contains("schema.getpostman.com") && !head.contains("schema.postman.com") &&
        !head.contains("\"_postman_id\"") && !head.contains("\"_postman_variable_scope\"") &&
        !head.contains("\"collectionId\""))
        return false;
    // The words may be in another format's request body: the root must be Postman's.
    QJsonParseError error{};
    const QJsonDocument json = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return true; // plainly Postman's, but broken: read() says where
    const QJsonObject root = json.object();
    // Environments and v1 collections, so that read() can say what to do with them.
    if (root.contains(QLatin1String("_postman_variable_scope")))
        return true;
    if (root.value(QLatin1String("requests")).isArray() &&
        root.value(QLatin1String("order")).isArray() && !root.contains(QLatin1String("item")))
        return true;
    const QJsonObject info = root.value(QLatin1String("info")).toObject();
    const QString schema = info.value(QLatin1String("schema")).toString();
    return schema.contains(QLatin1String("schema.getpostman.com")) ||
           schema.contains(QLatin1String("schema.postman.com")) ||
           info.contains(QLatin1String("_postman_id"));
}

CollectionDraft PostmanImporter::read(const QByteArray &input, const QString &path)
{
    CollectionDraft draft;
    JsonYamlDocument document;
    if (!ImporterBase::parse(input, path, ImporterBase::Syntax::Json, &document, &draft))
        return draft;
    Reader(path, document.positions, &draft).run(document.root);
    // Notes are found folder by folder, not in the order of the file; sorted, they read along
    // with it.
    std::stable_sort(draft.notes.begin(), draft.notes.end(),
                     [](const Diagnostic &a, const Diagnostic &b) {
                         return a.line != b.line ? a.line < b.line : a.column < b.column;
                     });
    return draft;
}

} // namespace mr
