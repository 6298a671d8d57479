#include "openapischemasampler.h"

#include "openapidocument.h"

#include <QHash>
#include <QJsonArray>

namespace mr {

namespace {

constexpr int MaxSchemaDepth = 12;    // nesting of a value made up from a schema
constexpr int MaxSampleValues = 5000; // values in one made-up body
constexpr int MaxExampleDepth = 256;  // nesting of an example copied from the document

} // namespace

OpenApiSchemaSampler::OpenApiSchemaSampler(OpenApiDocument &document)
    : m_document(document)
{}

OpenApiSample OpenApiSchemaSampler::fromDocument(const QJsonValue &value, const QString &pointer,
                                                 int depth) const
{
    if (depth > MaxExampleDepth)
        return OpenApiSample();
    if (value.isArray()) {
        OpenApiSample s = OpenApiSample::ofKind(OpenApiSample::Kind::Array);
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            s.items.push_back(
                fromDocument(array.at(i), JsonPositions::child(pointer, i), depth + 1));
        return s;
    }
    if (value.isObject()) {
        OpenApiSample s = OpenApiSample::ofKind(OpenApiSample::Kind::Object);
        const QJsonObject object = value.toObject();
        for (const QString &key : m_document.orderedKeys(object, pointer))
            s.members.emplace_back(
                key,
                fromDocument(object.value(key), JsonPositions::child(pointer, key), depth + 1));
        return s;
    }
    return OpenApiSample::of(value);
}

bool OpenApiSchemaSampler::ownExample(const QJsonObject &schema, const QString &pointer,
                                      OpenApiSample *out, bool withDefault) const
{
    // 3.1's examples and enum are arrays: their first item.
    const auto firstItem = [&](const char *key) {
        const QJsonArray items = schema.value(QLatin1String(key)).toArray();
        if (items.isEmpty())
            return false;
        *out = fromDocument(
            items.first(),
            JsonPositions::child(JsonPositions::child(pointer, QLatin1String(key)), 0));
        return true;
    };
    if (schema.contains(QLatin1String("example"))) {
        *out = fromDocument(schema.value(QLatin1String("example")),
                            JsonPositions::child(pointer, QStringLiteral("example")));
        return true;
    }
    if (firstItem("examples"))
        return true;
    if (!withDefault)
        return false;
    for (const char *key : {"default", "const"}) {
        if (schema.contains(QLatin1String(key))) {
            *out = fromDocument(schema.value(QLatin1String(key)),
                                JsonPositions::child(pointer, QLatin1String(key)));
            return true;
        }
    }
    return firstItem("enum");
}

QString OpenApiSchemaSampler::schemaType(const QJsonObject &schema)
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
    if (schema.contains(QLatin1String("items")) || schema.contains(QLatin1String("prefixItems")))
        return QStringLiteral("array");
    return QString();
}

OpenApiSample OpenApiSchemaSampler::placeholder(const QString &type, const QJsonObject &schema)
{
    if (type == QLatin1String("integer") || type == QLatin1String("number")) {
        const QJsonValue minimum = schema.value(QLatin1String("minimum"));
        return OpenApiSample::of(minimum.isDouble() ? minimum : QJsonValue(0));
    }
    if (type == QLatin1String("boolean"))
        return OpenApiSample::of(true);
    if (type != QLatin1String("string"))
        return OpenApiSample();
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
    return OpenApiSample::of(
        formats.value(schema.value(QLatin1String("format")).toString(), QStringLiteral("string")));
}

void OpenApiSchemaSampler::mergeInto(OpenApiSample *target, const OpenApiSample &more)
{
    if (more.kind == OpenApiSample::Kind::Object &&
        (target->isNull() || target->kind == OpenApiSample::Kind::Object)) {
        target->kind = OpenApiSample::Kind::Object;
        for (const auto &member : more.members)
            target->insert(member.first, member.second);
    } else if (target->isNull()) {
        *target = more;
    }
}

// A value for a schema: its own example, or one made up from its properties (example,
// default, enum[0], or a placeholder for the type), allOf merged, the first of oneOf and
// anyOf. Recursive schemas stop where they recur; depth and size are bounded.
OpenApiSample OpenApiSchemaSampler::fromSchema(const QJsonValue &schemaValue,
                                               const QString &pointer, int depth, QStringList *refs,
                                               int *budget, bool forRequest)
{
    if (depth > MaxSchemaDepth || --*budget < 0 || !schemaValue.isObject())
        return OpenApiSample();
    QString ref;
    const QJsonObject raw = schemaValue.toObject();
    if (raw.value(QLatin1String("$ref")).isString()) {
        ref = raw.value(QLatin1String("$ref")).toString();
        if (refs->contains(ref))
            return OpenApiSample(); // a recursive schema: stop here
    }
    const OpenApiDocument::Resolved resolved = m_document.resolve(schemaValue, pointer);
    if (!resolved.ok || !resolved.value.isObject())
        return OpenApiSample();
    if (!ref.isEmpty())
        refs->append(ref);
    const OpenApiSample result = fromResolvedSchema(resolved.value.toObject(), resolved.pointer,
                                                    depth, refs, budget, forRequest);
    if (!ref.isEmpty())
        refs->removeLast();
    return result;
}

OpenApiSample OpenApiSchemaSampler::fromResolvedSchema(const QJsonObject &schema,
                                                       const QString &pointer, int depth,
                                                       QStringList *refs, int *budget,
                                                       bool forRequest)
{
    OpenApiSample own;
    if (ownExample(schema, pointer, &own, true))
        return own;
    OpenApiSample result;
    const QJsonArray allOf = schema.value(QLatin1String("allOf")).toArray();
    const QString allOfPointer = JsonPositions::child(pointer, QStringLiteral("allOf"));
    for (qsizetype i = 0; i < allOf.size(); ++i)
        mergeInto(&result, fromSchema(allOf.at(i), JsonPositions::child(allOfPointer, i), depth + 1,
                                      refs, budget, forRequest));
    for (const char *key : {"oneOf", "anyOf"}) {
        const QJsonArray choices = schema.value(QLatin1String(key)).toArray();
        if (!choices.isEmpty())
            mergeInto(&result, fromSchema(choices.first(),
                                          JsonPositions::child(
                                              JsonPositions::child(pointer, QLatin1String(key)), 0),
                                          depth + 1, refs, budget, forRequest));
    }
    const QString type = schemaType(schema);
    if (type == QLatin1String("object")) {
        OpenApiSample object = OpenApiSample::ofKind(OpenApiSample::Kind::Object);
        const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        const QString propertiesPointer =
            JsonPositions::child(pointer, QStringLiteral("properties"));
        for (const QString &name : m_document.orderedKeys(properties, propertiesPointer)) {
            const QString propertyPointer = JsonPositions::child(propertiesPointer, name);
            const QJsonValue property = properties.value(name);
            if (forRequest && isReadOnly(property, propertyPointer))
                continue; // the server sets it
            object.insert(
                name, fromSchema(property, propertyPointer, depth + 1, refs, budget, forRequest));
        }
        mergeInto(&result, object);
    } else if (type == QLatin1String("array")) {
        OpenApiSample array = OpenApiSample::ofKind(OpenApiSample::Kind::Array);
        const QJsonArray prefix = schema.value(QLatin1String("prefixItems")).toArray();
        for (qsizetype i = 0; i < prefix.size(); ++i)
            array.items.push_back(
                fromSchema(prefix.at(i),
                           JsonPositions::child(
                               JsonPositions::child(pointer, QStringLiteral("prefixItems")), i),
                           depth + 1, refs, budget, forRequest));
        if (prefix.isEmpty() && schema.value(QLatin1String("items")).isObject()) {
            const OpenApiSample item =
                fromSchema(schema.value(QLatin1String("items")),
                           JsonPositions::child(pointer, QStringLiteral("items")), depth + 1, refs,
                           budget, forRequest);
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

bool OpenApiSchemaSampler::isReadOnly(const QJsonValue &schema, const QString &pointer)
{
    const QJsonValue own = schema.toObject().value(QLatin1String("readOnly"));
    if (own.isBool())
        return own.toBool();
    if (!schema.toObject().contains(QLatin1String("$ref")))
        return false;
    const OpenApiDocument::Resolved resolved = m_document.resolve(schema, pointer);
    return resolved.value.toObject().value(QLatin1String("readOnly")).toBool();
}

OpenApiSample OpenApiSchemaSampler::sampleOfSchema(const QJsonValue &schema, const QString &pointer,
                                                   bool forRequest)
{
    QStringList refs;
    int budget = MaxSampleValues;
    return fromSchema(schema, pointer, 0, &refs, &budget, forRequest);
}

// A parameter's or media type's example: example, then the first of examples with a value (an
// externalValue is noted, not read). False when there is none: the caller samples the schema.
bool OpenApiSchemaSampler::exampleOf(const QJsonObject &object, const QString &pointer,
                                     OpenApiSample *out)
{
    if (object.contains(QLatin1String("example"))) {
        *out = fromDocument(object.value(QLatin1String("example")),
                            JsonPositions::child(pointer, QStringLiteral("example")));
        return true;
    }
    const QJsonObject examples = object.value(QLatin1String("examples")).toObject();
    const QString examplesPointer = JsonPositions::child(pointer, QStringLiteral("examples"));
    for (const QString &name : m_document.orderedKeys(examples, examplesPointer)) {
        const OpenApiDocument::Resolved example =
            m_document.resolve(examples.value(name), JsonPositions::child(examplesPointer, name));
        const QJsonObject exampleObject = example.value.toObject();
        if (exampleObject.contains(QLatin1String("value"))) {
            *out = fromDocument(exampleObject.value(QLatin1String("value")),
                                JsonPositions::child(example.pointer, QStringLiteral("value")));
            return true;
        }
        if (exampleObject.contains(QLatin1String("externalValue")))
            m_document.note(
                JsonPositions::child(example.pointer, QStringLiteral("externalValue")),
                QStringLiteral("the example \"%1\" is in another file (%2); it is not read")
                    .arg(name, exampleObject.value(QLatin1String("externalValue")).toString()));
    }
    return false;
}

} // namespace mr
