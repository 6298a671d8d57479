#include "openapiimporter.h"

#include "base/jsonpositions.h"
#include "base/jsonyamldocument.h"
#include "base/yamldocument.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

namespace mr {

namespace {

constexpr int MaxSchemaDepth = 12;              // nesting of a value made up from a schema
constexpr int MaxSampleValues = 5000;           // values in one made-up body
constexpr int MaxExampleDepth = 256;            // nesting of an example copied from the document
constexpr int MaxRefHops = 64;                  // $ref chains
const QLatin1String Boundary("WebAppBoundary"); // the boundary JetBrains' own examples use

const QStringList &methods()
{
    static const QStringList list = {QStringLiteral("get"),     QStringLiteral("put"),
                                     QStringLiteral("post"),    QStringLiteral("delete"),
                                     QStringLiteral("options"), QStringLiteral("head"),
                                     QStringLiteral("patch"),   QStringLiteral("trace")};
    return list;
}

// A value with its object members in the order the document wrote them: QJsonObject sorts
// its keys, and a body whose fields come out alphabetically reads badly.
struct Sample {
    enum class Kind { Scalar, Array, Object };
    Kind kind = Kind::Scalar;
    QJsonValue scalar = QJsonValue(QJsonValue::Null);
    std::vector<Sample> items;
    std::vector<std::pair<QString, Sample>> members;

    static Sample of(const QJsonValue &value)
    {
        Sample s;
        s.scalar = value;
        return s;
    }
    static Sample ofKind(Kind kind)
    {
        Sample s;
        s.kind = kind;
        return s;
    }
    bool isNull() const { return kind == Kind::Scalar && scalar.isNull(); }
    void insert(const QString &key, Sample value)
    {
        for (auto &member : members) {
            if (member.first == key) {
                member.second = std::move(value);
                return;
            }
        }
        members.emplace_back(key, std::move(value));
    }
};

QString scalarJson(const QJsonValue &value)
{
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2)); // without "[" and "]"
}

void writeJson(const Sample &sample, int indent, bool pretty, QString *out)
{
    const QString pad = pretty ? QString(2 * (indent + 1), QLatin1Char(' ')) : QString();
    const QString end = pretty ? QString(2 * indent, QLatin1Char(' ')) : QString();
    const QString newline = pretty ? QStringLiteral("\n") : QString();
    switch (sample.kind) {
    case Sample::Kind::Scalar: *out += scalarJson(sample.scalar); return;
    case Sample::Kind::Array:
        if (sample.items.empty()) {
            *out += QStringLiteral("[]");
            return;
        }
        *out += QLatin1Char('[') + newline;
        for (size_t i = 0; i < sample.items.size(); ++i) {
            *out += pad;
            writeJson(sample.items[i], indent + 1, pretty, out);
            *out += (i + 1 < sample.items.size() ? QStringLiteral(",") : QString()) + newline;
        }
        *out += end + QLatin1Char(']');
        return;
    case Sample::Kind::Object:
        if (sample.members.empty()) {
            *out += QStringLiteral("{}");
            return;
        }
        *out += QLatin1Char('{') + newline;
        for (size_t i = 0; i < sample.members.size(); ++i) {
            *out += pad + scalarJson(sample.members[i].first) +
                    (pretty ? QStringLiteral(": ") : QStringLiteral(":"));
            writeJson(sample.members[i].second, indent + 1, pretty, out);
            *out += (i + 1 < sample.members.size() ? QStringLiteral(",") : QString()) + newline;
        }
        *out += end + QLatin1Char('}');
        return;
    }
}

QString toJson(const Sample &sample, bool pretty)
{
    QString out;
    writeJson(sample, 0, pretty, &out);
    return out;
}

// A primitive as text ("5", "true", "Rex"); anything else as compact JSON.
QString toText(const Sample &sample)
{
    if (sample.kind != Sample::Kind::Scalar)
        return toJson(sample, false);
    if (sample.scalar.isString())
        return sample.scalar.toString();
    if (sample.scalar.isNull())
        return QString();
    return scalarJson(sample.scalar);
}

// A name usable as a {{variable}} and an "@name = value" line.
QString variableName(const QString &name)
{
    static const QRegularExpression other(QStringLiteral("[^\\w.-]"));
    QString result = name;
    result.replace(other, QStringLiteral("_"));
    if (result.isEmpty() || !(result[0].isLetter() || result[0] == QLatin1Char('_')))
        result.prepend(QLatin1Char('_'));
    return result;
}

// A token, as HTTP wants, that a .http file reads as a header: a line starting with "#" is a
// comment there, and one starting with "&" right under the request line continues the query.
bool isHeaderName(const QString &name)
{
    static const QRegularExpression token(
        QStringLiteral(R"(^[!$%'*+\-.^_`|~0-9A-Za-z][!#$%&'*+\-.^_`|~0-9A-Za-z]*$)"));
    return token.match(name).hasMatch();
}

QString oneLine(const QString &text)
{
    return text.simplified();
}

QString encodeQuery(const QString &text, bool allowReserved)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(
        text, allowReserved ? QByteArray("!$'()*+,;:@/?=") : QByteArray("!$'()*,;:@/?")));
}

// A value in a path segment ("/" encoded too).
QString encodePath(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "!$&'()*+,;=:@"));
}

// The path template's own text: what a URL cannot hold is encoded, the rest kept.
QString encodeLiteral(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "!$&'()*+,;=:@/%"));
}

// Everything the JSON tree says about one document, and the draft being filled.
class Reader
{
public:
    Reader(const QJsonObject &root, const JsonPositions &positions, const QString &path,
           CollectionDraft *draft)
        : m_root(root)
        , m_positions(positions)
        , m_path(path)
        , m_draft(draft)
    {}

    void run()
    {
        const QJsonObject info = m_root.value(QLatin1String("info")).toObject();
        m_title = oneLine(info.value(QLatin1String("title")).toString());
        if (m_title.isEmpty())
            m_title = QStringLiteral("API");
        m_draft->name = m_title;
        collectReservedNames();
        readServers();
        if (m_root.contains(QLatin1String("webhooks")))
            note(QStringLiteral("/webhooks"),
                 QStringLiteral("webhooks are requests the API sends to you, not ones you send; "
                                "they are not imported"));
        const QJsonValue paths = m_root.value(QLatin1String("paths"));
        if (!paths.isUndefined() && !paths.isObject()) {
            error(QStringLiteral("/paths"), QStringLiteral("\"paths\" must be an object"));
            return;
        }
        const QJsonObject pathsObject = paths.toObject();
        for (const QString &key : orderedKeys(pathsObject, QStringLiteral("/paths")))
            readPathItem(key, pathsObject.value(key),
                         JsonPositions::child(QStringLiteral("/paths"), key));
        m_draft->files = m_files;
        if (!m_secrets.isEmpty())
            m_draft->privateEnvironments.insert(QLatin1String("$shared"), m_secrets);
    }

private:
    struct Resolved {
        QJsonValue value;
        QString pointer;
        bool ok = true;
    };
    struct Parameter {
        QJsonObject object;
        QString pointer;
        QString name;
        QString in;
    };

    // --- diagnostics -----------------------------------------------------------------------

    void note(const QString &pointer, const QString &message)
    {
        if (m_reported.contains(pointer + QLatin1Char('\n') + message))
            return;
        m_reported.insert(pointer + QLatin1Char('\n') + message);
        m_draft->notes.append(
            m_positions.at(m_path, pointer, message, Diagnostic::Severity::Warning));
    }

    void error(const QString &pointer, const QString &message)
    {
        if (m_reported.contains(pointer + QLatin1Char('\n') + message))
            return;
        m_reported.insert(pointer + QLatin1Char('\n') + message);
        m_draft->errors.append(m_positions.at(m_path, pointer, message));
    }

    // --- the tree --------------------------------------------------------------------------

    // An object's keys in document order (ties, such as keys the positions do not know, stay
    // alphabetical).
    QStringList orderedKeys(const QJsonObject &object, const QString &pointer) const
    {
        std::vector<std::pair<std::pair<int, int>, QString>> keyed;
        const QStringList keys = object.keys();
        for (const QString &key : keys) {
            const Diagnostic at = m_positions.at(m_path, JsonPositions::child(pointer, key), {});
            keyed.push_back({{at.line, at.column}, key});
        }
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        QStringList result;
        for (const auto &entry : keyed)
            result.append(entry.second);
        return result;
    }

    QJsonValue lookup(const QString &pointer, bool *found) const
    {
        *found = true;
        QJsonValue current = m_root;
        if (pointer.isEmpty())
            return current;
        if (!pointer.startsWith(QLatin1Char('/'))) {
            *found = false;
            return {};
        }
        const QStringList parts = pointer.mid(1).split(QLatin1Char('/'));
        for (QString part : parts) {
            part.replace(QLatin1String("~1"), QLatin1String("/"));
            part.replace(QLatin1String("~0"), QLatin1String("~"));
            if (current.isObject() && current.toObject().contains(part)) {
                current = current.toObject().value(part);
            } else if (current.isArray()) {
                bool ok = false;
                const int index = part.toInt(&ok);
                if (!ok || index < 0 || index >= current.toArray().size()) {
                    *found = false;
                    return {};
                }
                current = current.toArray().at(index);
            } else {
                *found = false;
                return {};
            }
        }
        return current;
    }

    // Follows "$ref"s within the document. OpenAPI 3.1 lets a reference carry siblings (a
    // summary, a description; any keyword in a schema): they override the target's.
    Resolved resolve(const QJsonValue &value, const QString &pointer)
    {
        Resolved result{value, pointer, true};
        QSet<QString> seen;
        QJsonObject siblings;
        for (int hop = 0;
             result.value.isObject() && result.value.toObject().contains(QLatin1String("$ref"));
             ++hop) {
            const QJsonObject object = result.value.toObject();
            const QString refPointer = JsonPositions::child(result.pointer, QStringLiteral("$ref"));
            const QJsonValue refValue = object.value(QLatin1String("$ref"));
            if (!refValue.isString()) {
                error(refPointer, QStringLiteral("\"$ref\" must be a string"));
                return {QJsonValue(), pointer, false};
            }
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.key() != QLatin1String("$ref") && !siblings.contains(it.key()))
                    siblings.insert(it.key(), it.value());
            }
            const QString ref = refValue.toString();
            if (!ref.startsWith(QLatin1Char('#'))) {
                note(refPointer,
                     QStringLiteral("the external reference \"%1\" is not followed (only "
                                    "references within the document are); what it describes is "
                                    "left out. Bundle the description into one file first, e.g. "
                                    "with \"redocly bundle\"")
                         .arg(ref));
                return {QJsonValue(), pointer, false};
            }
            const QString target = QUrl::fromPercentEncoding(ref.mid(1).toUtf8());
            if (seen.contains(target) || hop >= MaxRefHops) {
                error(refPointer,
                      QStringLiteral("\"$ref\": \"%1\" refers back to itself").arg(ref));
                return {QJsonValue(), pointer, false};
            }
            seen.insert(target);
            bool found = false;
            const QJsonValue targetValue = lookup(target, &found);
            if (!found) {
                error(
                    refPointer,
                    QStringLiteral("\"$ref\": \"%1\" points at nothing in this document").arg(ref));
                return {QJsonValue(), pointer, false};
            }
            result.value = targetValue;
            result.pointer = target;
        }
        if (!siblings.isEmpty() && result.value.isObject()) {
            QJsonObject merged = result.value.toObject();
            for (auto it = siblings.begin(); it != siblings.end(); ++it)
                merged.insert(it.key(), it.value());
            result.value = merged;
        }
        return result;
    }

    // --- values: from examples, or made up from schemas -------------------------------------

    Sample fromDocument(const QJsonValue &value, const QString &pointer, int depth = 0) const
    {
        if (depth > MaxExampleDepth)
            return Sample();
        if (value.isArray()) {
            Sample s = Sample::ofKind(Sample::Kind::Array);
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                s.items.push_back(
                    fromDocument(array.at(i), JsonPositions::child(pointer, i), depth + 1));
            return s;
        }
        if (value.isObject()) {
            Sample s = Sample::ofKind(Sample::Kind::Object);
            const QJsonObject object = value.toObject();
            for (const QString &key : orderedKeys(object, pointer))
                s.members.emplace_back(
                    key,
                    fromDocument(object.value(key), JsonPositions::child(pointer, key), depth + 1));
            return s;
        }
        return Sample::of(value);
    }

    // The value a schema gives as its own: example (3.0), examples[0] (3.1), default, const,
    // enum[0]. False when it has none.
    bool ownExample(const QJsonObject &schema, const QString &pointer, Sample *out,
                    bool withDefault) const
    {
        if (schema.contains(QLatin1String("example"))) {
            *out = fromDocument(schema.value(QLatin1String("example")),
                                JsonPositions::child(pointer, QStringLiteral("example")));
            return true;
        }
        const QJsonValue examples = schema.value(QLatin1String("examples"));
        if (examples.isArray() && !examples.toArray().isEmpty()) {
            *out = fromDocument(
                examples.toArray().first(),
                JsonPositions::child(JsonPositions::child(pointer, QStringLiteral("examples")), 0));
            return true;
        }
        if (!withDefault)
            return false;
        for (const char *key : {"default", "const"}) {
            if (schema.contains(QLatin1String(key))) {
                *out = fromDocument(schema.value(QLatin1String(key)),
                                    JsonPositions::child(pointer, QLatin1String(key)));
                return true;
            }
        }
        const QJsonValue values = schema.value(QLatin1String("enum"));
        if (values.isArray() && !values.toArray().isEmpty()) {
            *out = fromDocument(
                values.toArray().first(),
                JsonPositions::child(JsonPositions::child(pointer, QStringLiteral("enum")), 0));
            return true;
        }
        return false;
    }

    static QString schemaType(const QJsonObject &schema)
    {
        const QJsonValue type = schema.value(QLatin1String("type"));
        if (type.isString())
            return type.toString();
        if (type.isArray()) { // 3.1: ["string", "null"]
            for (const QJsonValue &t : type.toArray()) {
                if (t.toString() != QLatin1String("null"))
                    return t.toString();
            }
            return QStringLiteral("null");
        }
        if (schema.contains(QLatin1String("properties")) ||
            schema.contains(QLatin1String("additionalProperties")))
            return QStringLiteral("object");
        if (schema.contains(QLatin1String("items")) ||
            schema.contains(QLatin1String("prefixItems")))
            return QStringLiteral("array");
        return QString();
    }

    static Sample placeholder(const QString &type, const QJsonObject &schema)
    {
        if (type == QLatin1String("integer") || type == QLatin1String("number")) {
            const QJsonValue minimum = schema.value(QLatin1String("minimum"));
            return Sample::of(minimum.isDouble() ? minimum : QJsonValue(0));
        }
        if (type == QLatin1String("boolean"))
            return Sample::of(true);
        if (type != QLatin1String("string"))
            return Sample();
        static const QHash<QString, QString> formats = {
            {QStringLiteral("date-time"), QStringLiteral("2024-01-01T00:00:00Z")},
            {QStringLiteral("date"), QStringLiteral("2024-01-01")},
            {QStringLiteral("time"), QStringLiteral("00:00:00Z")},
            {QStringLiteral("email"), QStringLiteral("user@example.com")},
            {QStringLiteral("uuid"), QStringLiteral("00000000-0000-0000-0000-000000000000")},
            {QStringLiteral("uri"), QStringLiteral("https://example.com")},
            {QStringLiteral("url"), QStringLiteral("https://example.com")},
            {QStringLiteral("hostname"), QStringLiteral("example.com")},
            {QStringLiteral("ipv4"), QStringLiteral("192.0.2.1")},
            {QStringLiteral("ipv6"), QStringLiteral("2001:db8::1")},
            {QStringLiteral("byte"), QStringLiteral("c3RyaW5n")},
        };
        return Sample::of(formats.value(schema.value(QLatin1String("format")).toString(),
                                        QStringLiteral("string")));
    }

    static void mergeInto(Sample *target, const Sample &more)
    {
        if (more.kind == Sample::Kind::Object &&
            (target->isNull() || target->kind == Sample::Kind::Object)) {
            target->kind = Sample::Kind::Object;
            for (const auto &member : more.members)
                target->insert(member.first, member.second);
        } else if (target->isNull()) {
            *target = more;
        }
    }

    // A value for a schema: its own example, or one made up from its properties (example,
    // default, enum[0], or a placeholder for the type), allOf merged, the first of oneOf and
    // anyOf. Recursive schemas stop where they recur; depth and size are bounded.
    Sample fromSchema(const QJsonValue &schemaValue, const QString &pointer, int depth,
                      QStringList *refs, int *budget, bool forRequest)
    {
        if (depth > MaxSchemaDepth || --*budget < 0 || !schemaValue.isObject())
            return Sample();
        QString ref;
        const QJsonObject raw = schemaValue.toObject();
        if (raw.value(QLatin1String("$ref")).isString()) {
            ref = raw.value(QLatin1String("$ref")).toString();
            if (refs->contains(ref))
                return Sample(); // a recursive schema: stop here
        }
        const Resolved resolved = resolve(schemaValue, pointer);
        if (!resolved.ok || !resolved.value.isObject())
            return Sample();
        if (!ref.isEmpty())
            refs->append(ref);
        const Sample result = fromResolvedSchema(resolved.value.toObject(), resolved.pointer, depth,
                                                 refs, budget, forRequest);
        if (!ref.isEmpty())
            refs->removeLast();
        return result;
    }

    Sample fromResolvedSchema(const QJsonObject &schema, const QString &pointer, int depth,
                              QStringList *refs, int *budget, bool forRequest)
    {
        Sample own;
        if (ownExample(schema, pointer, &own, true))
            return own;
        Sample result;
        const QJsonArray allOf = schema.value(QLatin1String("allOf")).toArray();
        const QString allOfPointer = JsonPositions::child(pointer, QStringLiteral("allOf"));
        for (qsizetype i = 0; i < allOf.size(); ++i)
            mergeInto(&result, fromSchema(allOf.at(i), JsonPositions::child(allOfPointer, i),
                                          depth + 1, refs, budget, forRequest));
        for (const char *key : {"oneOf", "anyOf"}) {
            const QJsonArray choices = schema.value(QLatin1String(key)).toArray();
            if (!choices.isEmpty())
                mergeInto(&result,
                          fromSchema(choices.first(),
                                     JsonPositions::child(
                                         JsonPositions::child(pointer, QLatin1String(key)), 0),
                                     depth + 1, refs, budget, forRequest));
        }
        const QString type = schemaType(schema);
        if (type == QLatin1String("object")) {
            Sample object = Sample::ofKind(Sample::Kind::Object);
            const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
            const QString propertiesPointer =
                JsonPositions::child(pointer, QStringLiteral("properties"));
            for (const QString &name : orderedKeys(properties, propertiesPointer)) {
                const QString propertyPointer = JsonPositions::child(propertiesPointer, name);
                const QJsonValue property = properties.value(name);
                if (forRequest && isReadOnly(property, propertyPointer))
                    continue; // the server sets it
                object.insert(name, fromSchema(property, propertyPointer, depth + 1, refs, budget,
                                               forRequest));
            }
            mergeInto(&result, object);
        } else if (type == QLatin1String("array")) {
            Sample array = Sample::ofKind(Sample::Kind::Array);
            const QJsonArray prefix = schema.value(QLatin1String("prefixItems")).toArray();
            for (qsizetype i = 0; i < prefix.size(); ++i)
                array.items.push_back(
                    fromSchema(prefix.at(i),
                               JsonPositions::child(
                                   JsonPositions::child(pointer, QStringLiteral("prefixItems")), i),
                               depth + 1, refs, budget, forRequest));
            if (prefix.isEmpty() && schema.value(QLatin1String("items")).isObject()) {
                const Sample item =
                    fromSchema(schema.value(QLatin1String("items")),
                               JsonPositions::child(pointer, QStringLiteral("items")), depth + 1,
                               refs, budget, forRequest);
                if (!item.isNull())
                    array.items.push_back(item);
            }
            if (result.isNull())
                result = array;
        } else if (result.isNull()) {
            result = placeholder(type, schema);
        }
        return result;
    }

    bool isReadOnly(const QJsonValue &schema, const QString &pointer)
    {
        const QJsonValue own = schema.toObject().value(QLatin1String("readOnly"));
        if (own.isBool())
            return own.toBool();
        if (!schema.toObject().contains(QLatin1String("$ref")))
            return false;
        const Resolved resolved = resolve(schema, pointer);
        return resolved.value.toObject().value(QLatin1String("readOnly")).toBool();
    }

    Sample sampleOfSchema(const QJsonValue &schema, const QString &pointer, bool forRequest)
    {
        QStringList refs;
        int budget = MaxSampleValues;
        return fromSchema(schema, pointer, 0, &refs, &budget, forRequest);
    }

    // A parameter's or media type's example: example, then the first of examples, then (when
    // asked) the schema's. False when there is none.
    bool exampleOf(const QJsonObject &object, const QString &pointer, Sample *out)
    {
        if (object.contains(QLatin1String("example"))) {
            *out = fromDocument(object.value(QLatin1String("example")),
                                JsonPositions::child(pointer, QStringLiteral("example")));
            return true;
        }
        const QJsonObject examples = object.value(QLatin1String("examples")).toObject();
        const QString examplesPointer = JsonPositions::child(pointer, QStringLiteral("examples"));
        for (const QString &name : orderedKeys(examples, examplesPointer)) {
            const Resolved example =
                resolve(examples.value(name), JsonPositions::child(examplesPointer, name));
            const QJsonObject exampleObject = example.value.toObject();
            if (exampleObject.contains(QLatin1String("value"))) {
                *out = fromDocument(exampleObject.value(QLatin1String("value")),
                                    JsonPositions::child(example.pointer, QStringLiteral("value")));
                return true;
            }
            if (exampleObject.contains(QLatin1String("externalValue")))
                note(
                    JsonPositions::child(example.pointer, QStringLiteral("externalValue")),
                    QStringLiteral("the example \"%1\" is in another file (%2); it is not read")
                        .arg(name, exampleObject.value(QLatin1String("externalValue")).toString()));
        }
        return false;
    }

    // --- servers and environments ----------------------------------------------------------

    QString serverUrl(const QJsonValue &serverValue, const QString &pointer, bool *ok)
    {
        *ok = false;
        const Resolved server = resolve(serverValue, pointer);
        const QJsonObject object = server.value.toObject();
        if (!object.value(QLatin1String("url")).isString()) {
            if (server.ok)
                error(server.pointer, QStringLiteral("a server needs a \"url\" string"));
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
                note(urlPointer,
                     QStringLiteral("the server variable {%1} has no default; it is left empty")
                         .arg(name));
                continue;
            }
            const QString value =
                toText(fromDocument(variable.value(QLatin1String("default")), variablePointer));
            substituted += value;
            QStringList others;
            for (const QJsonValue &option : variable.value(QLatin1String("enum")).toArray()) {
                if (toText(Sample::of(option)) != value)
                    others.append(toText(Sample::of(option)));
            }
            if (!others.isEmpty())
                note(variablePointer,
                     QStringLiteral("the server variable {%1} uses its default \"%2\"; it may also "
                                    "be %3: edit the URL to use another")
                         .arg(name, value, others.join(QStringLiteral(", "))));
        }
        substituted += url.mid(last);
        url = QString::fromLatin1(QUrl::toPercentEncoding(substituted, ":/?#[]@!$&'()*+,;=%"));
        if (url != substituted)
            note(urlPointer, QStringLiteral("the server URL has characters a URL cannot hold "
                                            "(spaces, line breaks); they are percent-encoded"));
        while (url.endsWith(QLatin1Char('/')))
            url.chop(1); // paths start with "/"
        if (!url.contains(QLatin1String("://")))
            note(urlPointer,
                 QStringLiteral("the server URL \"%1\" is relative to where the description is "
                                "served; baseUrl keeps it as it is: set it to the API's address, "
                                "e.g. https://api.example.com%2")
                     .arg(object.value(QLatin1String("url")).toString(), url));
        return url;
    }

    void readServers()
    {
        const QJsonValue servers = m_root.value(QLatin1String("servers"));
        CollectionDraft::Variables shared;
        if (!servers.isUndefined() && !servers.isArray()) {
            error(QStringLiteral("/servers"), QStringLiteral("\"servers\" must be an array"));
            return;
        }
        const QJsonArray list = servers.toArray();
        if (list.isEmpty()) {
            note(QString(), QStringLiteral("the description names no server; baseUrl is empty: "
                                           "set it to the API's address in "
                                           "http-client.env.json"));
            shared.append({QStringLiteral("baseUrl"), QString()});
            m_draft->environments.insert(QLatin1String("$shared"), shared);
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
            const QJsonObject server = resolve(list.at(i), pointer).value.toObject();
            QString name = oneLine(server.value(QLatin1String("description")).toString());
            if (name.size() > 40)
                name = name.left(40).trimmed();
            if (name.isEmpty())
                name = QUrl(url).host();
            if (name.isEmpty())
                name = QStringLiteral("server %1").arg(i + 1);
            while (name.startsWith(QLatin1Char('$'))) // "$shared" and the like are reserved
                name.remove(0, 1);
            QString unique = name;
            for (int n = 2; names.contains(unique.toLower()) || unique.isEmpty(); ++n)
                unique = name + QLatin1Char(' ') + QString::number(n);
            names.insert(unique.toLower());
            m_draft->environments.insert(unique, {{QStringLiteral("baseUrl"), url}});
        }
        if (shared.isEmpty())
            shared.append({QStringLiteral("baseUrl"), QString()});
        m_draft->environments.insert(QLatin1String("$shared"), shared);
    }

    // --- security --------------------------------------------------------------------------

    // Names the security schemes will use, so that path parameters do not shadow them (a file
    // variable wins over an environment's).
    void collectReservedNames()
    {
        m_reserved.insert(QStringLiteral("baseUrl"));
        const QJsonObject schemes = m_root.value(QLatin1String("components"))
                                        .toObject()
                                        .value(QLatin1String("securitySchemes"))
                                        .toObject();
        m_reserved.insert(QStringLiteral("token"));
        m_reserved.insert(QStringLiteral("username"));
        m_reserved.insert(QStringLiteral("password"));
        for (auto it = schemes.begin(); it != schemes.end(); ++it)
            m_reserved.insert(variableName(it.key()));
    }

    void addSecret(const QString &name)
    {
        for (const auto &existing : std::as_const(m_secrets)) {
            if (existing.first == name)
                return;
        }
        m_secrets.append({name, QString()});
    }

    struct Auth {
        QList<RequestDefinition::Header> headers;
        QStringList query;
        QStringList cookies;
    };

    void applyScheme(const QString &name, const QString &requirementPointer, Auth *auth)
    {
        const QString schemesPointer = QStringLiteral("/components/securitySchemes");
        const QJsonValue raw = m_root.value(QLatin1String("components"))
                                   .toObject()
                                   .value(QLatin1String("securitySchemes"))
                                   .toObject()
                                   .value(name);
        if (raw.isUndefined()) {
            error(requirementPointer, QStringLiteral("the security scheme \"%1\" is not defined in "
                                                     "components.securitySchemes")
                                          .arg(name));
            return;
        }
        const Resolved scheme = resolve(raw, JsonPositions::child(schemesPointer, name));
        if (!scheme.ok)
            return;
        const QJsonObject object = scheme.value.toObject();
        const QString type = object.value(QLatin1String("type")).toString();
        const QString typePointer = JsonPositions::child(scheme.pointer, QStringLiteral("type"));
        const auto header = [auth](const QString &value) {
            for (const auto &existing : std::as_const(auth->headers)) {
                if (existing.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0)
                    return false;
            }
            auth->headers.append({QStringLiteral("Authorization"), value, 0});
            return true;
        };
        const auto bearer = [&]() {
            if (header(QStringLiteral("Bearer {{token}}")))
                addSecret(QStringLiteral("token"));
        };
        if (type == QLatin1String("apiKey")) {
            const QString keyName = object.value(QLatin1String("name")).toString();
            const QString in = object.value(QLatin1String("in")).toString();
            const QString variable = QStringLiteral("{{%1}}").arg(variableName(name));
            if (in == QLatin1String("header") && isHeaderName(keyName)) {
                auth->headers.append({keyName, variable, 0});
            } else if (in == QLatin1String("query") && !keyName.isEmpty()) {
                auth->query.append(encodeQuery(keyName, false) + QLatin1Char('=') + variable);
            } else if (in == QLatin1String("cookie") && !keyName.isEmpty()) {
                auth->cookies.append(keyName + QLatin1Char('=') + variable);
            } else {
                error(scheme.pointer, QStringLiteral("the API key scheme \"%1\" needs a \"name\" "
                                                     "and \"in\": header, query or cookie")
                                          .arg(name));
                return;
            }
            addSecret(variableName(name));
        } else if (type == QLatin1String("http")) {
            const QString httpScheme = object.value(QLatin1String("scheme")).toString();
            if (httpScheme.compare(QLatin1String("basic"), Qt::CaseInsensitive) == 0 ||
                httpScheme.compare(QLatin1String("digest"), Qt::CaseInsensitive) == 0) {
                // The .http dialect's shorthands: "Basic user password", "Digest user password".
                const bool basic =
                    httpScheme.compare(QLatin1String("basic"), Qt::CaseInsensitive) == 0;
                if (header((basic ? QStringLiteral("Basic") : QStringLiteral("Digest")) +
                           QStringLiteral(" {{username}} {{password}}"))) {
                    addSecret(QStringLiteral("username"));
                    addSecret(QStringLiteral("password"));
                }
            } else if (httpScheme.compare(QLatin1String("bearer"), Qt::CaseInsensitive) == 0) {
                bearer();
            } else {
                const QString word = oneLine(httpScheme).section(QLatin1Char(' '), 0, 0);
                if (!word.isEmpty() && header(word + QStringLiteral(" {{token}}")))
                    addSecret(QStringLiteral("token"));
                note(scheme.pointer,
                     QStringLiteral("HTTP authentication \"%1\" is not built in; the request "
                                    "sends \"Authorization: %1 {{token}}\": put the credentials "
                                    "in token")
                         .arg(httpScheme));
            }
        } else if (type == QLatin1String("oauth2") || type == QLatin1String("openIdConnect")) {
            bearer();
            QStringList where;
            const QJsonObject flows = object.value(QLatin1String("flows")).toObject();
            for (const QString &flow : orderedKeys(
                     flows, JsonPositions::child(scheme.pointer, QStringLiteral("flows")))) {
                const QJsonObject f = flows.value(flow).toObject();
                const QString url =
                    f.value(QLatin1String("tokenUrl"))
                        .toString(f.value(QLatin1String("authorizationUrl")).toString());
                where.append(url.isEmpty() ? flow : QStringLiteral("%1 at %2").arg(flow, url));
            }
            const QString discovery = object.value(QLatin1String("openIdConnectUrl")).toString();
            if (!discovery.isEmpty())
                where.append(discovery);
            note(typePointer,
                 QStringLiteral("%1 \"%2\": tokens are not fetched here; get one (%3) and put it "
                                "in the private environment's token, sent as \"Authorization: "
                                "Bearer {{token}}\"")
                     .arg(type == QLatin1String("oauth2") ? QStringLiteral("OAuth 2")
                                                          : QStringLiteral("OpenID Connect"),
                          name,
                          where.isEmpty() ? QStringLiteral("as the API's documentation says")
                                          : where.join(QStringLiteral("; "))));
        } else if (type == QLatin1String("mutualTLS")) {
            note(typePointer, QStringLiteral("\"%1\" needs a client certificate: set it in the "
                                             "workspace's microrequests.json (tls)")
                                  .arg(name));
        } else {
            note(typePointer,
                 QStringLiteral("the security scheme type \"%1\" is unknown; no credentials are "
                                "sent for \"%2\"")
                     .arg(type, name));
        }
    }

    Auth readSecurity(const QJsonObject &operation, const QString &operationPointer,
                      RequestDefinition *request)
    {
        Auth auth;
        const bool own = operation.contains(QLatin1String("security"));
        const QJsonValue security = own ? operation.value(QLatin1String("security"))
                                        : m_root.value(QLatin1String("security"));
        const QString pointer =
            own ? JsonPositions::child(operationPointer, QStringLiteral("security"))
                : QStringLiteral("/security");
        if (security.isUndefined())
            return auth;
        if (!security.isArray()) {
            error(pointer, QStringLiteral("\"security\" must be an array"));
            return auth;
        }
        const QJsonArray alternatives = security.toArray();
        QStringList others;
        for (qsizetype i = 0; i < alternatives.size(); ++i) {
            const QString requirementPointer = JsonPositions::child(pointer, i);
            const QJsonObject requirement = alternatives.at(i).toObject();
            const QStringList names = orderedKeys(requirement, requirementPointer);
            if (i == 0) {
                for (const QString &name : names)
                    applyScheme(name, JsonPositions::child(requirementPointer, name), &auth);
            } else {
                others.append(names.isEmpty() ? QStringLiteral("none")
                                              : names.join(QStringLiteral(" + ")));
            }
        }
        if (!others.isEmpty())
            request->comments.append(comment(QStringLiteral("Other ways to authenticate: ") +
                                             others.join(QStringLiteral("; "))));
        return auth;
    }

    // --- parameters ------------------------------------------------------------------------

    QList<Parameter> readParameters(const QJsonValue &value, const QString &pointer)
    {
        QList<Parameter> result;
        if (value.isUndefined())
            return result;
        if (!value.isArray()) {
            error(pointer, QStringLiteral("\"parameters\" must be an array"));
            return result;
        }
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const Resolved resolved = resolve(array.at(i), JsonPositions::child(pointer, i));
            if (!resolved.ok)
                continue;
            Parameter parameter;
            parameter.object = resolved.value.toObject();
            parameter.pointer = resolved.pointer;
            parameter.name = parameter.object.value(QLatin1String("name")).toString();
            parameter.in = parameter.object.value(QLatin1String("in")).toString();
            static const QStringList places = {QStringLiteral("path"), QStringLiteral("query"),
                                               QStringLiteral("header"), QStringLiteral("cookie")};
            if (!resolved.value.isObject() || parameter.name.isEmpty() ||
                !places.contains(parameter.in)) {
                error(resolved.pointer,
                      QStringLiteral("a parameter needs a \"name\" and \"in\": path, query, "
                                     "header or cookie"));
                continue;
            }
            result.append(parameter);
        }
        return result;
    }

    // Path-item parameters, with the operation's replacing those of the same name and place.
    static QList<Parameter> merged(const QList<Parameter> &pathLevel,
                                   const QList<Parameter> &operationLevel)
    {
        QList<Parameter> result = pathLevel;
        for (const Parameter &parameter : operationLevel) {
            bool replaced = false;
            for (Parameter &existing : result) {
                if (existing.name == parameter.name && existing.in == parameter.in) {
                    existing = parameter;
                    replaced = true;
                }
            }
            if (!replaced)
                result.append(parameter);
        }
        return result;
    }

    // The parameter's value, and whether the description gave one (rather than it being made
    // up from the schema).
    Sample parameterValue(const Parameter &parameter, bool *given, bool *json)
    {
        Sample value;
        const QJsonObject content = parameter.object.value(QLatin1String("content")).toObject();
        const QString contentPointer =
            JsonPositions::child(parameter.pointer, QStringLiteral("content"));
        const QStringList types = orderedKeys(content, contentPointer);
        *json = !types.isEmpty(); // a value serialised as a media type (JSON, in practice)
        *given = exampleOf(parameter.object, parameter.pointer, &value);
        if (*given)
            return value;
        if (*json) {
            const QString mediaPointer = JsonPositions::child(contentPointer, types.first());
            const QJsonObject media = content.value(types.first()).toObject();
            *given = exampleOf(media, mediaPointer, &value);
            if (!*given) {
                const QJsonValue schema = media.value(QLatin1String("schema"));
                const QString schemaPointer =
                    JsonPositions::child(mediaPointer, QStringLiteral("schema"));
                const Resolved resolved = resolve(schema, schemaPointer);
                *given = ownExample(resolved.value.toObject(), resolved.pointer, &value, false);
                if (!*given)
                    value = sampleOfSchema(schema, schemaPointer, true);
            }
            return value;
        }
        const QJsonValue schema = parameter.object.value(QLatin1String("schema"));
        const QString schemaPointer =
            JsonPositions::child(parameter.pointer, QStringLiteral("schema"));
        const Resolved resolved = resolve(schema, schemaPointer);
        *given = ownExample(resolved.value.toObject(), resolved.pointer, &value, false);
        if (!*given)
            value = sampleOfSchema(schema, schemaPointer, true);
        return value;
    }

    static QString style(const Parameter &parameter)
    {
        const QString own = parameter.object.value(QLatin1String("style")).toString();
        if (!own.isEmpty())
            return own;
        if (parameter.in == QLatin1String("query") || parameter.in == QLatin1String("cookie"))
            return QStringLiteral("form");
        return QStringLiteral("simple");
    }

    static bool explode(const Parameter &parameter)
    {
        const QJsonValue own = parameter.object.value(QLatin1String("explode"));
        return own.isBool() ? own.toBool() : style(parameter) == QLatin1String("form");
    }

    // The items of an array or the key, value pairs of an object, as text.
    static QStringList parts(const Sample &value, bool pairs)
    {
        QStringList result;
        if (value.kind == Sample::Kind::Array) {
            for (const Sample &item : value.items)
                result.append(toText(item));
        } else if (value.kind == Sample::Kind::Object) {
            for (const auto &member : value.members) {
                if (pairs)
                    result.append(member.first + QLatin1Char('=') + toText(member.second));
                else
                    result << member.first << toText(member.second);
            }
        }
        return result;
    }

    // A path or header value as OpenAPI's simple, label and matrix styles write it.
    static QString pathOrHeaderValue(const Parameter &parameter, const Sample &value, bool encode)
    {
        const auto enc = [encode](const QString &text) { return encode ? encodePath(text) : text; };
        const QString s = style(parameter);
        const bool exploded = explode(parameter);
        const QString name = parameter.name;
        if (value.kind == Sample::Kind::Scalar) {
            if (s == QLatin1String("label"))
                return QLatin1Char('.') + enc(toText(value));
            if (s == QLatin1String("matrix"))
                return QLatin1Char(';') + name + QLatin1Char('=') + enc(toText(value));
            return enc(toText(value));
        }
        QStringList items;
        for (const QString &part : parts(value, exploded && value.kind == Sample::Kind::Object))
            items.append(enc(part));
        if (s == QLatin1String("label"))
            return QLatin1Char('.') + items.join(exploded ? QLatin1Char('.') : QLatin1Char(','));
        if (s == QLatin1String("matrix")) {
            if (!exploded)
                return QLatin1Char(';') + name + QLatin1Char('=') + items.join(QLatin1Char(','));
            if (value.kind == Sample::Kind::Object)
                return QLatin1Char(';') + items.join(QLatin1Char(';'));
            QStringList named;
            for (const QString &item : std::as_const(items))
                named.append(name + QLatin1Char('=') + item);
            return QLatin1Char(';') + named.join(QLatin1Char(';'));
        }
        return items.join(QLatin1Char(','));
    }

    // "name=value" pairs for the query string, as the parameter's style and explode say.
    static QStringList queryPairs(const Parameter &parameter, const Sample &value, bool json)
    {
        const bool reserved = parameter.object.value(QLatin1String("allowReserved")).toBool();
        const auto enc = [reserved](const QString &text) { return encodeQuery(text, reserved); };
        const QString name = enc(parameter.name);
        if (json || value.kind == Sample::Kind::Scalar)
            return {name + QLatin1Char('=') + enc(json ? toJson(value, false) : toText(value))};
        const QString s = style(parameter);
        const bool exploded = explode(parameter);
        QStringList result;
        if (s == QLatin1String("deepObject") && value.kind == Sample::Kind::Object) {
            for (const auto &member : value.members)
                result.append(name + QStringLiteral("%5B") + enc(member.first) +
                              QStringLiteral("%5D=") + enc(toText(member.second)));
            return result;
        }
        if (exploded && s == QLatin1String("form")) {
            if (value.kind == Sample::Kind::Array) {
                for (const Sample &item : value.items)
                    result.append(name + QLatin1Char('=') + enc(toText(item)));
            } else {
                for (const auto &member : value.members)
                    result.append(enc(member.first) + QLatin1Char('=') +
                                  enc(toText(member.second)));
            }
            return result;
        }
        const QString separator = s == QLatin1String("spaceDelimited")  ? QStringLiteral("%20")
                                  : s == QLatin1String("pipeDelimited") ? QStringLiteral("%7C")
                                                                        : QStringLiteral(",");
        QStringList items;
        for (const QString &part : parts(value, false))
            items.append(enc(part));
        return {name + QLatin1Char('=') + items.join(separator)};
    }

    // --- bodies ----------------------------------------------------------------------------

    static bool isJsonType(const QString &type)
    {
        const QString t = type.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
        return t == QLatin1String("application/json") || t.endsWith(QLatin1String("+json"));
    }

    static QString pickMediaType(const QStringList &types)
    {
        const auto first = [&types](const std::function<bool(const QString &)> &matches) {
            for (const QString &type : types) {
                if (matches(type.toLower()))
                    return type;
            }
            return QString();
        };
        for (const auto &matches : std::vector<std::function<bool(const QString &)>>{
                 [](const QString &t) { return t.startsWith(QLatin1String("application/json")); },
                 [](const QString &t) { return isJsonType(t); },
                 [](const QString &t) {
                     return t.startsWith(QLatin1String("application/x-www-form-urlencoded"));
                 },
                 [](const QString &t) {
                     return t.startsWith(QLatin1String("multipart/form-data"));
                 },
                 [](const QString &t) { return t.startsWith(QLatin1String("text/")); },
                 [](const QString &) { return true; }}) {
            const QString found = first(matches);
            if (!found.isEmpty())
                return found;
        }
        return QString();
    }

    // A property of an object schema, looked up through $ref and allOf.
    QJsonObject propertySchema(const QJsonValue &schema, const QString &pointer,
                               const QString &name, int depth = 0)
    {
        if (depth > 8)
            return {};
        const Resolved resolved = resolve(schema, pointer);
        const QJsonObject object = resolved.value.toObject();
        const QJsonValue property =
            object.value(QLatin1String("properties")).toObject().value(name);
        if (!property.isUndefined())
            return resolve(property,
                           JsonPositions::child(
                               JsonPositions::child(resolved.pointer, QStringLiteral("properties")),
                               name))
                .value.toObject();
        const QJsonArray allOf = object.value(QLatin1String("allOf")).toArray();
        for (qsizetype i = 0; i < allOf.size(); ++i) {
            const QJsonObject found = propertySchema(
                allOf.at(i),
                JsonPositions::child(
                    JsonPositions::child(resolved.pointer, QStringLiteral("allOf")), i),
                name, depth + 1);
            if (!found.isEmpty())
                return found;
        }
        return {};
    }

    static bool isBinary(const QJsonObject &schema)
    {
        const QString format = schema.value(QLatin1String("format")).toString();
        return format == QLatin1String("binary") ||
               (schema.contains(QLatin1String("contentMediaType")) &&
                !schema.contains(QLatin1String("contentEncoding")));
    }

    void readBody(const QJsonObject &operation, const QString &operationPointer,
                  RequestDefinition *request)
    {
        if (!operation.contains(QLatin1String("requestBody")))
            return;
        const Resolved body =
            resolve(operation.value(QLatin1String("requestBody")),
                    JsonPositions::child(operationPointer, QStringLiteral("requestBody")));
        if (!body.ok)
            return;
        const QJsonObject object = body.value.toObject();
        const QString contentPointer =
            JsonPositions::child(body.pointer, QStringLiteral("content"));
        if (!body.value.isObject() || !object.value(QLatin1String("content")).isObject()) {
            error(body.pointer, QStringLiteral("a request body needs a \"content\" object"));
            return;
        }
        const QString description = object.value(QLatin1String("description")).toString();
        const QStringList descriptionLines = description.trimmed().split(QLatin1Char('\n'));
        if (!description.trimmed().isEmpty()) {
            for (qsizetype i = 0; i < descriptionLines.size(); ++i)
                request->comments.append(
                    comment((i == 0 ? QStringLiteral("Body: ") : QString()) + descriptionLines[i]));
        }
        const QJsonObject content = object.value(QLatin1String("content")).toObject();
        const QStringList types = orderedKeys(content, contentPointer);
        if (types.isEmpty())
            return;
        const QString type = pickMediaType(types);
        QStringList others = types;
        others.removeAll(type);
        if (!others.isEmpty())
            request->comments.append(
                comment(QStringLiteral("Also accepts: ") + others.join(QStringLiteral(", "))));
        const QString mediaPointer = JsonPositions::child(contentPointer, type);
        const QJsonObject media = content.value(type).toObject();
        const QJsonValue schema = media.value(QLatin1String("schema"));
        const QString schemaPointer = JsonPositions::child(mediaPointer, QStringLiteral("schema"));
        Sample value;
        const bool exampleGiven = exampleOf(media, mediaPointer, &value);
        if (!exampleGiven)
            value = sampleOfSchema(schema, schemaPointer, true);
        const QString lower = type.toLower();
        const bool wildcard = type.contains(QLatin1Char('*'));
        QString text;
        QString contentType = type;
        const bool binaryType = lower.startsWith(QLatin1String("application/octet-stream")) ||
                                lower.startsWith(QLatin1String("image/")) ||
                                lower.startsWith(QLatin1String("audio/")) ||
                                lower.startsWith(QLatin1String("video/"));
        const bool binary = isBinary(resolve(schema, schemaPointer).value.toObject()) ||
                            (binaryType && !(exampleGiven && value.scalar.isString()));
        if (lower.startsWith(QLatin1String("multipart/"))) {
            contentType = type.section(QLatin1Char(';'), 0, 0).trimmed() +
                          QStringLiteral("; boundary=") + Boundary;
            text = multipart(value, schema, schemaPointer, media, mediaPointer);
        } else if (binary) {
            text = QStringLiteral("< ./body.bin");
            note(mediaPointer, QStringLiteral("the body is a file (%1): the request reads "
                                              "./body.bin next to the .http file; put it there or "
                                              "change the path")
                                   .arg(type));
        } else if (value.isNull()) {
            // Nothing to send: neither an example nor a schema to make one from.
        } else if (isJsonType(type) || (wildcard && value.kind != Sample::Kind::Scalar)) {
            text = guardLines(normalized(toJson(value, true)), mediaPointer);
        } else if (lower.startsWith(QLatin1String("application/x-www-form-urlencoded"))) {
            QStringList pairs;
            for (const auto &member : value.members)
                pairs.append(encodeQuery(member.first, false) + QLatin1Char('=') +
                             encodeQuery(toText(member.second), false));
            text = pairs.join(QLatin1Char('&'));
        } else if (lower.startsWith(QLatin1String("text/")) || value.scalar.isString()) {
            text = guardLines(normalized(toText(value)), mediaPointer);
        } else {
            note(mediaPointer, QStringLiteral("no %1 body can be written from a JSON example or "
                                              "schema; the body is left empty: write one")
                                   .arg(type));
        }
        if (wildcard)
            note(mediaPointer, QStringLiteral("the media type %1 is a range, not a type; no "
                                              "Content-Type is sent")
                                   .arg(type));
        else
            request->headers.append(
                {QStringLiteral("Content-Type"), headerValue(contentType, mediaPointer), 0});
        request->body = text;
    }

    QString multipart(const Sample &value, const QJsonValue &schema, const QString &schemaPointer,
                      const QJsonObject &media, const QString &mediaPointer)
    {
        const QJsonObject encoding = media.value(QLatin1String("encoding")).toObject();
        QStringList lines;
        const auto part = [&](const QString &name, const Sample &partValue) {
            const QJsonObject property = propertySchema(schema, schemaPointer, name);
            const QString partType = oneLine(
                encoding.value(name).toObject().value(QLatin1String("contentType")).toString());
            lines.append(QStringLiteral("--") + Boundary);
            const QString quoted = oneLine(name).replace(QLatin1Char('"'), QStringLiteral("%22"));
            const bool file =
                isBinary(property) ||
                (property.value(QLatin1String("type")).toString() == QLatin1String("array") &&
                 isBinary(property.value(QLatin1String("items")).toObject()));
            if (file) {
                const QString fileName = CollectionDraft::safeFileName(name);
                lines.append(QStringLiteral("Content-Disposition: form-data; name=\"%1\"; "
                                            "filename=\"%2\"")
                                 .arg(quoted, fileName));
                lines.append(
                    QStringLiteral("Content-Type: ") +
                    (partType.isEmpty() ? QStringLiteral("application/octet-stream") : partType));
                lines.append(QString());
                lines.append(QStringLiteral("< ./") + fileName);
                note(JsonPositions::child(
                         JsonPositions::child(mediaPointer, QStringLiteral("schema")), name),
                     QStringLiteral("the form field \"%1\" is a file: the request reads ./%2 next "
                                    "to the .http file; put it there or change the path")
                         .arg(name, fileName));
                return;
            }
            lines.append(QStringLiteral("Content-Disposition: form-data; name=\"%1\"").arg(quoted));
            const bool json = partValue.kind != Sample::Kind::Scalar;
            if (!partType.isEmpty() || json)
                lines.append(QStringLiteral("Content-Type: ") +
                             (partType.isEmpty() ? QStringLiteral("application/json") : partType));
            lines.append(QString());
            lines.append(guardLines(normalized(json ? toJson(partValue, false) : toText(partValue)),
                                    mediaPointer));
        };
        for (const auto &member : value.members) {
            // Arrays of primitives are sent as one part per item, as forms do.
            const bool repeated =
                member.second.kind == Sample::Kind::Array &&
                std::all_of(member.second.items.begin(), member.second.items.end(),
                            [](const Sample &item) { return item.kind == Sample::Kind::Scalar; });
            if (repeated && !member.second.items.empty()) {
                for (const Sample &item : member.second.items)
                    part(member.first, item);
            } else {
                part(member.first, member.second);
            }
        }
        if (lines.isEmpty())
            return QString();
        lines.append(QStringLiteral("--") + Boundary + QStringLiteral("--"));
        return lines.join(QLatin1Char('\n'));
    }

    // A body line that a .http reader would take for something else (a "###" separator, a
    // "< file" include, a "> handler") is indented by a space, and reported.
    QString guardLines(const QString &text, const QString &pointer)
    {
        QStringList lines = text.split(QLatin1Char('\n'));
        for (QString &line : lines) {
            if (line.startsWith(QLatin1String("###")) || line.startsWith(QLatin1String("< ")) ||
                line.startsWith(QLatin1String("> ")) || line.startsWith(QLatin1String(">>")) ||
                line.startsWith(QLatin1String("<> "))) {
                note(pointer,
                     QStringLiteral("a body line starts with \"%1\", which a .http file would "
                                    "read as a separator, a file or a response handler; it is "
                                    "indented by one space")
                         .arg(line.left(3).trimmed()));
                line.prepend(QLatin1Char(' '));
            }
        }
        return lines.join(QLatin1Char('\n'));
    }

    // Line breaks as a .http file keeps them; trailing blank lines are not part of a body there.
    static QString normalized(QString text)
    {
        text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
        QStringList lines = text.split(QLatin1Char('\n'));
        while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
            lines.removeLast();
        return lines.join(QLatin1Char('\n'));
    }

    // --- operations ------------------------------------------------------------------------

    // One comment line: "# text". Line breaks inside would end the comment, and "# @word"
    // would read as a directive.
    static QString comment(const QString &text)
    {
        const QString line = oneLine(text);
        if (line.isEmpty())
            return QStringLiteral("#");
        return QStringLiteral("# ") +
               (line.startsWith(QLatin1Char('@')) ? QStringLiteral("\\") : QString()) + line;
    }

    void addComments(const QString &text, RequestDefinition *request)
    {
        if (text.trimmed().isEmpty())
            return;
        const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
        for (const QString &line : lines)
            request->comments.append(comment(line));
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
        const Resolved item = resolve(value, pointer);
        if (!item.ok)
            return;
        if (!item.value.isObject()) {
            error(pointer, QStringLiteral("the path item \"%1\" must be an object").arg(path));
            return;
        }
        const QJsonObject object = item.value.toObject();
        const QList<Parameter> pathParameters =
            readParameters(object.value(QLatin1String("parameters")),
                           JsonPositions::child(item.pointer, QStringLiteral("parameters")));
        static const QStringList known = {QStringLiteral("summary"), QStringLiteral("description"),
                                          QStringLiteral("servers"), QStringLiteral("parameters")};
        for (const QString &key : orderedKeys(object, item.pointer)) {
            const QString keyPointer = JsonPositions::child(item.pointer, key);
            if (methods().contains(key)) {
                const QJsonValue operation = object.value(key);
                if (!operation.isObject()) {
                    error(keyPointer, QStringLiteral("the operation \"%1 %2\" must be an object")
                                          .arg(key.toUpper(), path));
                    continue;
                }
                readOperation(path, key, operation.toObject(), keyPointer, object, item.pointer,
                              pathParameters);
            } else if (!known.contains(key) && !key.startsWith(QLatin1String("x-"))) {
                note(keyPointer,
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
            oneLine(operation.value(QLatin1String("operationId")).toString());
        const QString summary = operation.value(QLatin1String("summary")).toString();
        request.name = !operationId.isEmpty() ? operationId
                       : !oneLine(summary).isEmpty()
                           ? oneLine(summary)
                           : request.method + QLatin1Char(' ') + oneLine(path);
        if (!operationId.isEmpty())
            addComments(summary, &request);
        addComments(operation.value(QLatin1String("description")).toString(), &request);
        if (operation.value(QLatin1String("deprecated")).toBool())
            request.comments.append(QStringLiteral("# Deprecated: the API marks this operation "
                                                   "as deprecated"));
        const QString docs = oneLine(operation.value(QLatin1String("externalDocs"))
                                         .toObject()
                                         .value(QLatin1String("url"))
                                         .toString());
        if (!docs.isEmpty())
            request.comments.append(comment(QStringLiteral("See ") + docs));
        if (operation.contains(QLatin1String("callbacks")))
            note(JsonPositions::child(pointer, QStringLiteral("callbacks")),
                 QStringLiteral("callbacks are requests the API sends to you; they are not "
                                "imported"));

        const QJsonArray tags = operation.value(QLatin1String("tags")).toArray();
        const QString tag = oneLine(tags.isEmpty() ? QString() : tags.first().toString());
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

        const QList<Parameter> parameters =
            merged(pathParameters,
                   readParameters(operation.value(QLatin1String("parameters")),
                                  JsonPositions::child(pointer, QStringLiteral("parameters"))));

        // The path, with {name} as {{name}} and the value as a file variable.
        QString url = base;
        QString pathText = path;
        if (!pathText.startsWith(QLatin1Char('/'))) {
            note(JsonPositions::child(QStringLiteral("/paths"), path),
                 QStringLiteral("a path must start with \"/\"; one is added"));
            pathText.prepend(QLatin1Char('/'));
        }
        static const QRegularExpression templateVariable(QStringLiteral("\\{([^{}]*)\\}"));
        qsizetype last = 0;
        for (auto it = templateVariable.globalMatch(pathText); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            url += encodeLiteral(pathText.mid(last, m.capturedStart() - last));
            last = m.capturedEnd();
            const QString name = m.captured(1);
            const Parameter *parameter = nullptr;
            for (const Parameter &p : parameters) {
                if (p.in == QLatin1String("path") && p.name == name)
                    parameter = &p;
            }
            QString variable = variableName(name);
            if (m_reserved.contains(variable))
                variable += QStringLiteral("_path");
            url += QStringLiteral("{{") + variable + QStringLiteral("}}");
            if (!parameter) {
                note(JsonPositions::child(QStringLiteral("/paths"), path),
                     QStringLiteral("the path parameter {%1} is not described; set @%2 in the "
                                    ".http file")
                         .arg(name, variable));
                continue;
            }
            bool given = false;
            bool json = false;
            const Sample value = parameterValue(*parameter, &given, &json);
            const QString text = json ? encodePath(toJson(value, false))
                                      : pathOrHeaderValue(*parameter, value, true);
            setFileVariable(&file, variable, text, &request, *parameter);
        }
        url += encodeLiteral(pathText.mid(last));
        for (const Parameter &parameter : parameters) {
            if (parameter.in == QLatin1String("path") &&
                !pathText.contains(QLatin1Char('{') + parameter.name + QLatin1Char('}')))
                note(parameter.pointer,
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
            const Sample value = parameterValue(parameter, &given, &json);
            const bool required = parameter.object.value(QLatin1String("required")).toBool();
            if (!required && !given) {
                leftOut.append(parameter.name + QStringLiteral(" (") + parameter.in +
                               QLatin1Char(')'));
                continue;
            }
            if (parameter.in == QLatin1String("query")) {
                query += queryPairs(parameter, value, json);
            } else if (parameter.in == QLatin1String("header")) {
                static const QStringList ignored = {QStringLiteral("accept"),
                                                    QStringLiteral("content-type"),
                                                    QStringLiteral("authorization")};
                if (ignored.contains(parameter.name.toLower())) {
                    note(parameter.pointer,
                         QStringLiteral("OpenAPI ignores a header parameter named %1 (the media "
                                        "types and security schemes say it); so does the import")
                             .arg(parameter.name));
                    continue;
                }
                if (!isHeaderName(parameter.name)) {
                    note(parameter.pointer,
                         QStringLiteral("\"%1\" is not a valid header name; the header is left "
                                        "out")
                             .arg(parameter.name));
                    continue;
                }
                request.headers.append(
                    {parameter.name,
                     headerValue(json ? toJson(value, false)
                                      : pathOrHeaderValue(parameter, value, false),
                                 parameter.pointer),
                     0});
            } else {
                const QString text = json ? toJson(value, false)
                                          : (value.kind == Sample::Kind::Scalar
                                                 ? toText(value)
                                                 : parts(value, false).join(QLatin1Char(',')));
                cookies.append(parameter.name + QLatin1Char('=') + text);
            }
        }
        if (!leftOut.isEmpty())
            request.comments.append(comment(QStringLiteral("Optional parameters left out: ") +
                                            leftOut.join(QStringLiteral(", "))));

        const Auth auth = readSecurity(operation, pointer, &request);
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
            request.headers.append({QStringLiteral("Cookie"),
                                    headerValue(cookies.join(QStringLiteral("; ")), pointer), 0});
        if (!query.isEmpty())
            url += QLatin1Char('?') + query.join(QLatin1Char('&'));
        request.url = url;

        readBody(operation, pointer, &request);
        file.requests.append(request);
    }

    QString headerValue(QString value, const QString &pointer)
    {
        if (value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'))) {
            note(pointer, QStringLiteral("a header value has line breaks, which a header cannot "
                                         "hold; they are replaced by spaces"));
            value.replace(QRegularExpression(QStringLiteral("[\r\n]+")), QStringLiteral(" "));
        }
        return value.trimmed();
    }

    // One variable per path parameter name in a file, as the requests of a tag usually share
    // their ids; a request whose example differs says so in a comment.
    void setFileVariable(CollectionDraft::File *file, const QString &name, QString value,
                         RequestDefinition *request, const Parameter &parameter)
    {
        value = headerValue(value, parameter.pointer);
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

    const QJsonObject m_root;
    const JsonPositions &m_positions;
    const QString m_path;
    CollectionDraft *m_draft;
    QString m_title;
    QList<CollectionDraft::File> m_files;
    CollectionDraft::Variables m_secrets;
    QSet<QString> m_reserved;
    QSet<QString> m_reported;
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
    Diagnostic error;
    if (!JsonYamlDocument::read(data, path, &document, &error)) {
        draft.errors.append(error);
        return draft;
    }
    draft.notes = document.warnings;
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
        return fail(QStringLiteral("/swagger"),
                    QStringLiteral("Swagger %1 (OpenAPI 2) is not supported, only OpenAPI 3.0 "
                                   "and 3.1: convert it first, e.g. \"npx swagger2openapi %2 -o "
                                   "openapi.yaml\" or the Swagger Editor's \"Convert to OpenAPI "
                                   "3\", and import the result")
                        .arg(toText(Sample::of(root.value(QLatin1String("swagger")))),
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
