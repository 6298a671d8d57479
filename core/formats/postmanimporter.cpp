#include "postmanimporter.h"

#include "base/jsonpositions.h"
#include "base/jsonyamldocument.h"
#include "importedfilepath.h"
#include "postmantestscript.h"
#include "workspace/multipartbodywriter.h"
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

constexpr int MaxNesting = 64; // folders deeper than this are reported, not followed

// For quoting input in a one-line message.
QString shortened(const QString &text)
{
    QString line = text;
    line.replace(QRegularExpression(QStringLiteral("[\\r\\n]+")), QStringLiteral(" "));
    return line.size() > 60 ? line.left(57) + QStringLiteral("...") : line;
}

QByteArray withoutByteOrderMark(const QByteArray &data)
{
    return data.startsWith("\xEF\xBB\xBF") ? data.mid(3) : data;
}

// A value as the text Postman would send: strings as they are, numbers and booleans as
// written, anything else as compact JSON.
QString text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble() || value.isBool())
        return value.toVariant().toString();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return QString();
}

// Descriptions are a string or {"content": …, "type": "text/markdown"}.
QString description(const QJsonValue &value)
{
    if (value.isObject())
        return value.toObject().value(QLatin1String("content")).toString();
    return value.toString();
}

// A JSON string literal, quotes included.
QString jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

// "Name" in a file variable ("@name = value"); Postman allows any text.
bool isFileVariableName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral(R"(^[A-Za-z_][\w.-]*$)"));
    return re.match(name).hasMatch();
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
    bool guessesContentType = true; // false: disabledSystemHeaders names content-type
};

class Reader
{
public:
    Reader(const QString &path, const JsonPositions &positions, CollectionDraft *draft)
        : m_path(path)
        , m_positions(positions)
        , m_draft(draft)
    {}

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
            name = QFileInfo(m_path).completeBaseName();
        m_draft->name = name;
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
    void error(const QString &pointer, const QString &message)
    {
        m_draft->errors.append(m_positions.located(m_path, pointer, message));
    }

    void note(const QString &pointer, const QString &message)
    {
        m_draft->notes.append(
            m_positions.located(m_path, pointer, message, Diagnostic::Severity::Warning));
    }

    void notes(const QString &pointer, const QString &subject, const QStringList &messages)
    {
        for (const QString &message : messages)
            note(pointer, subject + QStringLiteral(": ") + message);
    }

    static QString at(const QString &pointer, const char *key)
    {
        return JsonPositions::child(pointer, QLatin1String(key));
    }

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

    // Postman's dynamic variables: those we have become ours, the others stay as written and
    // are reported. Plain {{variables}} are already .http variables.
    QString convert(const QString &input, const QString &pointer, const QString &subject)
    {
        static const QHash<QString, QString> dynamic = {
            {QStringLiteral("$guid"), QStringLiteral("$uuid")},
            {QStringLiteral("$randomUUID"), QStringLiteral("$uuid")},
            {QStringLiteral("$timestamp"), QStringLiteral("$timestamp")},
            {QStringLiteral("$isoTimestamp"), QStringLiteral("$isoTimestamp")},
            {QStringLiteral("$randomInt"), QStringLiteral("$randomInt")},
        };
        QString out;
        QSet<QString> reported;
        qsizetype pos = 0;
        while (true) {
            const qsizetype open = input.indexOf(QLatin1String("{{"), pos);
            if (open < 0)
                break;
            const qsizetype close = input.indexOf(QLatin1String("}}"), open + 2);
            if (close < 0)
                break;
            out += QStringView(input).mid(pos, open - pos);
            const QString expression = input.mid(open + 2, close - open - 2).trimmed();
            const auto known = dynamic.constFind(expression);
            if (known != dynamic.cend()) {
                out += QStringLiteral("{{") + *known + QStringLiteral("}}");
            } else {
                out += QStringView(input).mid(open, close + 2 - open);
                if (expression.startsWith(QLatin1Char('$')) && !reported.contains(expression)) {
                    reported.insert(expression);
                    note(pointer,
                         QStringLiteral("%1: Postman's dynamic variable {{%2}} has no .http "
                                        "equivalent; left as written")
                             .arg(subject, shortened(expression)));
                }
            }
            pos = close + 2;
        }
        out += QStringView(input).mid(pos);
        return out;
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
                secret ? m_draft->privateEnvironments[QStringLiteral("$shared")]
                       : m_draft->environments[QStringLiteral("$shared")];
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

    static QString uniqueName(const QString &name, QSet<QString> *taken)
    {
        QString candidate = name;
        for (int n = 2; taken->contains(candidate.toLower()); ++n)
            candidate = name + QLatin1Char(' ') + QString::number(n);
        taken->insert(candidate.toLower());
        return candidate;
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
        const qsizetype at = m_draft->files.size();
        // A sub-folder must not take the name of the folder's own file ("Shop.http").
        QSet<QString> folders = {file.path.section(QLatin1Char('/'), -1).toLower()};
        for (int index : std::as_const(groups)) {
            const QJsonObject group = items[index].toObject();
            const QString groupPointer = JsonPositions::child(pointer, index);
            if (depth >= MaxNesting) {
                note(groupPointer, QStringLiteral("folders nested deeper than %1 levels are not "
                                                  "imported")
                                       .arg(MaxNesting));
                continue;
            }
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
            m_draft->files.insert(at, file); // the folder's own file before its sub-folders'
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
            if (v.value(QLatin1String("disabled")).toBool()) {
                note(variablePointer, QStringLiteral("%1: the disabled folder variable \"%2\" is "
                                                     "not imported")
                                          .arg(subject, shortened(name)));
                continue;
            }
            const QString value = convert(text(v.value(QLatin1String("value"))),
                                          at(variablePointer, "value"), subject);
            if (!isFileVariableName(name) || value.contains(QLatin1Char('\n')) ||
                value.contains(QLatin1Char('\r'))) {
                note(variablePointer,
                     QStringLiteral("%1: the folder variable \"%2\" cannot be a .http file "
                                    "variable (its name or a line break in its value); not "
                                    "imported")
                         .arg(subject, shortened(name)));
                continue;
            }
            for (qsizetype j = 0; j < inner.variables.size(); ++j) {
                if (inner.variables[j].first == name) {
                    inner.variables.removeAt(j);
                    break;
                }
            }
            inner.variables.append({name, value.trimmed()});
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

    static bool hasHeader(const RequestDefinition &request, const QString &name)
    {
        for (const RequestDefinition::Header &header : request.headers) {
            if (header.name.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }

    // Query pairs appended to a URL, before its #fragment.
    static void appendQuery(QString *url, const QStringList &pairs)
    {
        if (pairs.isEmpty())
            return;
        const qsizetype hash = url->indexOf(QLatin1Char('#'));
        QString fragment;
        if (hash >= 0) {
            fragment = url->mid(hash);
            url->truncate(hash);
        }
        *url += (url->contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
                pairs.join(QLatin1Char('&')) + fragment;
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

        QString url = readUrl(r.value(QLatin1String("url")), urlPointer, subject);
        readHeaders(r.value(QLatin1String("header")), at(requestPointer, "header"), subject,
                    &request);

        // Authentication: the request's own, else the nearest folder's or the collection's.
        Inherited state = inherited;
        readAuthOf(r, requestPointer, &state);
        QStringList query;
        readAuth(state.auth, state.authPointer, subject, &request, &query);
        appendQuery(&url, query);
        request.url = url;

        readBehavior(item, pointer, subject, &state);
        readBody(r.value(QLatin1String("body")), at(requestPointer, "body"), subject,
                 state.guessesContentType, &request);

        if (state.followRedirects.has_value() && !*state.followRedirects)
            request.directives.append({QStringLiteral("no-redirect"), QString(), 0});
        if (state.disableCookies.value_or(false))
            request.directives.append({QStringLiteral("no-cookie-jar"), QString(), 0});

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

    // A URL is a string (v2.0, or "raw" alone) or an object; "raw" is what the user typed and
    // wins, else it is built from protocol, host, port, path, query and hash.
    QString readUrl(const QJsonValue &value, const QString &pointer, const QString &subject)
    {
        if (value.isString())
            return convert(value.toString(), pointer, subject);
        const QJsonObject u = value.toObject();
        QString url;
        const QString raw = u.value(QLatin1String("raw")).toString();
        const QJsonArray query = u.value(QLatin1String("query")).toArray();
        const QString queryPointer = at(pointer, "query");
        if (!raw.trimmed().isEmpty()) {
            url = convert(raw, at(pointer, "raw"), subject);
        } else {
            auto joined = [](const QJsonValue &v, QLatin1Char separator) {
                if (!v.isArray())
                    return v.toString();
                QStringList parts;
                const QJsonArray array = v.toArray();
                for (const QJsonValue &part : array)
                    parts.append(part.isObject()
                                     ? part.toObject().value(QLatin1String("value")).toString()
                                     : text(part));
                return parts.join(separator);
            };
            const QString protocol = u.value(QLatin1String("protocol")).toString();
            const QString host = joined(u.value(QLatin1String("host")), QLatin1Char('.'));
            const QString port = text(u.value(QLatin1String("port")));
            const QString path = joined(u.value(QLatin1String("path")), QLatin1Char('/'));
            if (!protocol.isEmpty())
                url += protocol + QStringLiteral("://");
            url += host;
            if (!port.isEmpty())
                url += QLatin1Char(':') + port;
            if (!path.isEmpty())
                url += (path.startsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + path;
            QStringList pairs;
            for (int i = 0; i < query.size(); ++i) {
                const QJsonObject q = query[i].toObject();
                if (q.value(QLatin1String("disabled")).toBool())
                    continue; // reported below
                const QString key = q.value(QLatin1String("key")).toString();
                const QJsonValue v = q.value(QLatin1String("value"));
                if (key.isEmpty() && v.toString().isEmpty())
                    continue;
                pairs.append(RequestSanitizer::encodeComponent(key) +
                             (v.isNull() || v.isUndefined()
                                  ? QString()
                                  : QLatin1Char('=') + RequestSanitizer::encodeComponent(text(v))));
            }
            if (!pairs.isEmpty())
                url += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
            const QString hash = u.value(QLatin1String("hash")).toString();
            if (!hash.isEmpty())
                url += QLatin1Char('#') + hash;
            url = convert(url, pointer, subject);
        }
        for (int i = 0; i < query.size(); ++i) {
            const QJsonObject q = query[i].toObject();
            if (q.value(QLatin1String("disabled")).toBool())
                note(JsonPositions::child(queryPointer, i),
                     QStringLiteral("%1: the disabled query parameter \"%2\" is not imported")
                         .arg(subject, shortened(q.value(QLatin1String("key")).toString())));
        }

        // Path variables: "/users/:id" with "variable": [{"key": "id", "value": "5"}].
        const QJsonArray variables = u.value(QLatin1String("variable")).toArray();
        for (int i = 0; i < variables.size(); ++i) {
            const QJsonObject v = variables[i].toObject();
            const QString name = v.value(QLatin1String("key")).toString();
            if (name.isEmpty())
                continue;
            const QString variablePointer = JsonPositions::child(at(pointer, "variable"), i);
            const QRegularExpression placeholder(QStringLiteral("/:") +
                                                 QRegularExpression::escape(name) +
                                                 QStringLiteral("(?=[/?#]|$)"));
            if (!url.contains(placeholder))
                continue;
            const QString valueText = convert(text(v.value(QLatin1String("value"))),
                                              at(variablePointer, "value"), subject);
            if (valueText.isEmpty()) {
                note(variablePointer, QStringLiteral("%1: the path variable \":%2\" has no "
                                                     "value; left as written")
                                          .arg(subject, shortened(name)));
                continue;
            }
            url.replace(placeholder,
                        QStringLiteral("/") + RequestSanitizer::encodeComponent(valueText).replace(
                                                  QLatin1Char('/'), QLatin1String("%2F")));
        }
        return url;
    }

    // [{"key", "value", "disabled"}], or v2.0's "Name: value" lines.
    void readHeaders(const QJsonValue &value, const QString &pointer, const QString &subject,
                     RequestDefinition *request)
    {
        if (value.isString()) {
            const QStringList lines = value.toString().split(
                QRegularExpression(QStringLiteral("[\\r\\n]+")), Qt::SkipEmptyParts);
            for (const QString &line : lines) {
                const qsizetype colon = line.indexOf(QLatin1Char(':'));
                if (colon <= 0) {
                    if (!line.trimmed().isEmpty())
                        note(pointer, QStringLiteral("%1: the header line \"%2\" has no \"Name: "
                                                     "value\"; not imported")
                                          .arg(subject, shortened(line)));
                    continue;
                }
                request->headers.append({line.left(colon).trimmed(),
                                         convert(line.mid(colon + 1).trimmed(), pointer, subject),
                                         0});
            }
            return;
        }
        const QJsonArray headers = value.toArray();
        for (int i = 0; i < headers.size(); ++i) {
            const QJsonObject h = headers[i].toObject();
            const QString headerPointer = JsonPositions::child(pointer, i);
            const QString name = h.value(QLatin1String("key")).toString();
            if (h.value(QLatin1String("disabled")).toBool()) {
                note(headerPointer, QStringLiteral("%1: the disabled header \"%2\" is not "
                                                   "imported")
                                        .arg(subject, shortened(name)));
                continue;
            }
            request->headers.append({convert(name, at(headerPointer, "key"), subject),
                                     convert(text(h.value(QLatin1String("value"))),
                                             at(headerPointer, "value"), subject),
                                     0});
        }
    }

    // v2.1: {"type": "basic", "basic": [{"key": "username", "value": …}, …]};
    // v2.0: {"type": "basic", "basic": {"username": …, "password": …}}.
    void readAuth(const QJsonObject &auth, const QString &pointer, const QString &subject,
                  RequestDefinition *request, QStringList *query)
    {
        const QString type = shortened(auth.value(QLatin1String("type")).toString());
        if (type.isEmpty() || type == QLatin1String("noauth"))
            return;
        const QString paramsPointer = JsonPositions::child(pointer, type);
        const QJsonValue params = auth.value(type);
        QHash<QString, QPair<QJsonValue, QString>> fields;
        if (params.isArray()) {
            const QJsonArray list = params.toArray();
            for (int i = 0; i < list.size(); ++i) {
                const QJsonObject attribute = list[i].toObject();
                fields.insert(attribute.value(QLatin1String("key")).toString(),
                              {attribute.value(QLatin1String("value")),
                               JsonPositions::child(paramsPointer, i)});
            }
        } else if (params.isObject()) {
            const QJsonObject object = params.toObject();
            for (auto it = object.begin(); it != object.end(); ++it)
                fields.insert(it.key(),
                              {it.value(), JsonPositions::child(paramsPointer, it.key())});
        }
        auto field = [&](const char *key) {
            const auto it = fields.constFind(QLatin1String(key));
            return it == fields.cend() ? QString() : convert(text(it->first), it->second, subject);
        };
        auto setAuthorization = [&](const QString &value) {
            if (hasHeader(*request, QStringLiteral("Authorization"))) {
                note(pointer, QStringLiteral("%1: has its own Authorization header; the %2 "
                                             "authentication is not added")
                                  .arg(subject, type));
                return;
            }
            request->headers.append({QStringLiteral("Authorization"), value, 0});
        };
        if (type == QLatin1String("basic") || type == QLatin1String("digest")) {
            const QString user = field("username");
            const QString password = field("password");
            const bool basic = type == QLatin1String("basic");
            const QString value = RequestSanitizer::authorization(!basic, user, password);
            if (!value.isEmpty()) {
                setAuthorization(value);
            } else {
                note(pointer, QStringLiteral("%1: %2 authentication with an empty or spaced "
                                             "user name or password cannot be written as "
                                             "\"Authorization: %3 user password\"; not imported")
                                  .arg(subject, type,
                                       basic ? QStringLiteral("Basic") : QStringLiteral("Digest")));
            }
            return;
        }
        if (type == QLatin1String("bearer")) {
            const QString token = field("token");
            if (!token.isEmpty()) // Postman sends nothing either
                setAuthorization(QStringLiteral("Bearer ") + token);
            return;
        }
        if (type == QLatin1String("apikey")) {
            const QString key = field("key");
            const QString value = field("value");
            if (key.isEmpty())
                return; // Postman sends nothing either
            if (field("in") == QLatin1String("query"))
                query->append(RequestSanitizer::encodeComponent(key) + QLatin1Char('=') +
                              RequestSanitizer::encodeComponent(value));
            else
                request->headers.append({key, value, 0});
            return;
        }
        note(pointer, QStringLiteral("%1: %2 authentication is not imported (a .http file can "
                                     "only send fixed headers); add an Authorization header with "
                                     "a token instead")
                          .arg(subject, type));
    }

    void readBody(const QJsonValue &value, const QString &pointer, const QString &subject,
                  bool guessesContentType, RequestDefinition *request)
    {
        if (!value.isObject())
            return;
        const QJsonObject body = value.toObject();
        const QString mode = body.value(QLatin1String("mode")).toString();
        if (mode.isEmpty())
            return;
        if (body.value(QLatin1String("disabled")).toBool()) {
            note(at(pointer, "disabled"), QStringLiteral("%1: the disabled %2 body is not imported")
                                              .arg(subject, shortened(mode)));
            return;
        }
        QStringList problems;
        auto setContentType = [&](const QString &type) {
            if (!hasHeader(*request, QStringLiteral("Content-Type")))
                request->headers.append({QStringLiteral("Content-Type"), type, 0});
        };
        const QString modePointer = JsonPositions::child(pointer, mode);
        if (mode == QLatin1String("raw")) {
            const QString raw = text(body.value(QLatin1String("raw")));
            if (raw.isEmpty())
                return;
            // The language picked in Postman's editor sets the Content-Type Postman sends.
            static const QHash<QString, QString> types = {
                {QStringLiteral("json"), QStringLiteral("application/json")},
                {QStringLiteral("xml"), QStringLiteral("application/xml")},
                {QStringLiteral("html"), QStringLiteral("text/html")},
                {QStringLiteral("javascript"), QStringLiteral("application/javascript")},
                {QStringLiteral("text"), QStringLiteral("text/plain")},
            };
            const QString language = body.value(QLatin1String("options"))
                                         .toObject()
                                         .value(QLatin1String("raw"))
                                         .toObject()
                                         .value(QLatin1String("language"))
                                         .toString();
            // Postman sends text/plain when no language is picked, unless told not to.
            if (types.contains(language))
                setContentType(types.value(language));
            else if (language.isEmpty() && guessesContentType)
                setContentType(QStringLiteral("text/plain"));
            request->body =
                RequestSanitizer::bodyText(convert(raw, modePointer, subject), &problems);
        } else if (mode == QLatin1String("urlencoded")) {
            const QJsonArray params = body.value(mode).toArray();
            QStringList pairs;
            for (int i = 0; i < params.size(); ++i) {
                const QJsonObject p = params[i].toObject();
                const QString paramPointer = JsonPositions::child(modePointer, i);
                const QString key = p.value(QLatin1String("key")).toString();
                if (p.value(QLatin1String("disabled")).toBool()) {
                    note(paramPointer,
                         QStringLiteral("%1: the disabled form field \"%2\" is not imported")
                             .arg(subject, shortened(key)));
                    continue;
                }
                const QString fieldValue = text(p.value(QLatin1String("value")));
                if (key.isEmpty() && fieldValue.isEmpty())
                    continue;
                pairs.append(
                    RequestSanitizer::encodeComponent(convert(key, paramPointer, subject), true) +
                    QLatin1Char('=') +
                    RequestSanitizer::encodeComponent(convert(fieldValue, paramPointer, subject),
                                                      true));
            }
            if (pairs.isEmpty())
                return;
            setContentType(QStringLiteral("application/x-www-form-urlencoded"));
            request->body = pairs.join(QLatin1Char('&'));
        } else if (mode == QLatin1String("formdata")) {
            readFormData(body.value(mode).toArray(), modePointer, subject, request);
        } else if (mode == QLatin1String("file")) {
            const QJsonObject file = body.value(mode).toObject();
            const QString src = file.value(QLatin1String("src")).toString();
            const QString content = file.value(QLatin1String("content")).toString();
            if (!src.isEmpty()) {
                if (src.contains(QLatin1Char('\n')) || src.contains(QLatin1Char('\r'))) {
                    note(modePointer, QStringLiteral("%1: the body file name has a line break; "
                                                     "the body is not imported")
                                          .arg(subject));
                    return;
                }
                request->body = QStringLiteral("< ") + src;
                if (ImportedFilePath::leavesWorkspace(src))
                    note(at(modePointer, "src"),
                         QStringLiteral("%1: %2").arg(subject, ImportedFilePath::note(src)));
            } else if (!content.isEmpty()) {
                request->body = RequestSanitizer::bodyText(content, &problems);
            } else {
                note(modePointer,
                     QStringLiteral("%1: the file body names no file; not imported").arg(subject));
            }
        } else if (mode == QLatin1String("graphql")) {
            readGraphql(body.value(mode).toObject(), modePointer, subject, request, &problems);
            setContentType(QStringLiteral("application/json"));
        } else {
            note(at(pointer, "mode"), QStringLiteral("%1: the body mode \"%2\" is not imported")
                                          .arg(subject, shortened(mode)));
        }
        notes(pointer, subject, problems);
    }

    // Postman sends GraphQL as {"query": …, "variables": {…}}; so does the .http body.
    void readGraphql(const QJsonObject &graphql, const QString &pointer, const QString &subject,
                     RequestDefinition *request, QStringList *problems)
    {
        const QString query = convert(graphql.value(QLatin1String("query")).toString(),
                                      at(pointer, "query"), subject);
        const QJsonValue variables = graphql.value(QLatin1String("variables"));
        QString variablesText;
        if (variables.isObject()) {
            variablesText = text(variables);
        } else if (variables.isString() && !variables.toString().trimmed().isEmpty()) {
            const QString given = variables.toString().trimmed();
            QJsonParseError error{};
            const QJsonDocument parsed = QJsonDocument::fromJson(given.toUtf8(), &error);
            if (error.error == QJsonParseError::NoError && parsed.isObject()) {
                variablesText = QString::fromUtf8(
                    QJsonDocument(parsed.object()).toJson(QJsonDocument::Compact));
            } else {
                variablesText = given;
                note(at(pointer, "variables"),
                     QStringLiteral("%1: the GraphQL variables are not a JSON object as written "
                                    "(a {{variable}} outside quotes?); written into the body as "
                                    "they are")
                         .arg(subject));
            }
        }
        variablesText = convert(variablesText, at(pointer, "variables"), subject);
        QString json = QStringLiteral("{\"query\":") + jsonString(query);
        if (!variablesText.isEmpty())
            json += QStringLiteral(",\"variables\":") + variablesText;
        json += QLatin1Char('}');
        request->body = RequestSanitizer::bodyText(json, problems);
    }

    // [{"key", "value", "type": "text"|"file", "src": path or [paths], "contentType"}]
    void readFormData(const QJsonArray &params, const QString &pointer, const QString &subject,
                      RequestDefinition *request)
    {
        QList<MultipartBodyWriter::Part> parts;
        QStringList problems;
        for (int i = 0; i < params.size(); ++i) {
            const QJsonObject p = params[i].toObject();
            const QString paramPointer = JsonPositions::child(pointer, i);
            MultipartBodyWriter::Part part;
            part.name = convert(p.value(QLatin1String("key")).toString(), paramPointer, subject);
            if (p.value(QLatin1String("disabled")).toBool()) {
                note(paramPointer, QStringLiteral("%1: the disabled form field \"%2\" is not "
                                                  "imported")
                                       .arg(subject, shortened(part.name)));
                continue;
            }
            part.contentType = p.value(QLatin1String("contentType")).toString().trimmed();
            if (p.value(QLatin1String("type")).toString() == QLatin1String("file")) {
                const QJsonValue src = p.value(QLatin1String("src"));
                QStringList files;
                if (src.isArray()) {
                    const QJsonArray list = src.toArray();
                    for (const QJsonValue &file : list)
                        files.append(file.toString());
                } else {
                    files.append(src.toString());
                }
                files.removeAll(QString());
                if (files.isEmpty())
                    note(paramPointer, QStringLiteral("%1: the file field \"%2\" names no file; "
                                                      "not imported")
                                           .arg(subject, shortened(part.name)));
                for (const QString &file : std::as_const(files)) {
                    if (file.contains(QLatin1Char('\n')) || file.contains(QLatin1Char('\r'))) {
                        note(paramPointer, QStringLiteral("%1: a file of the field \"%2\" has a "
                                                          "line break in its name; not imported")
                                               .arg(subject, shortened(part.name)));
                        continue;
                    }
                    MultipartBodyWriter::Part filePart = part;
                    filePart.fileName = file;
                    filePart.filePath = file;
                    parts.append(filePart);
                    if (ImportedFilePath::leavesWorkspace(file))
                        note(at(paramPointer, "src"),
                             QStringLiteral("%1: %2").arg(subject, ImportedFilePath::note(file)));
                }
                continue;
            }
            const QString value = text(p.value(QLatin1String("value")));
            if (part.name.isEmpty() && value.isEmpty())
                continue;
            part.value =
                RequestSanitizer::bodyText(convert(value, paramPointer, subject), &problems, true);
            parts.append(part);
        }
        if (parts.isEmpty()) {
            notes(pointer, subject, problems);
            return;
        }
        MultipartBodyWriter::write(parts, request);
        notes(pointer, subject, problems);
    }

    const QString &m_path;
    const JsonPositions &m_positions;
    CollectionDraft *m_draft;
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
    Diagnostic error;
    if (!JsonYamlDocument::readJson(input, path, &document, &error)) {
        draft.errors.append(error);
        return draft;
    }
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
