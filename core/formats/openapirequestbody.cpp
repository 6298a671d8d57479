#include "openapirequestbody.h"

#include "openapidocument.h"
#include "openapischemasampler.h"
#include "openapitext.h"

#include <QJsonArray>

#include <algorithm>
#include <functional>
#include <vector>

namespace mr {

namespace {

const QLatin1String Boundary("WebAppBoundary"); // the boundary JetBrains' own examples use

} // namespace

OpenApiRequestBody::OpenApiRequestBody(OpenApiDocument &document, OpenApiSchemaSampler &sampler)
    : m_document(document)
    , m_sampler(sampler)
{}

bool OpenApiRequestBody::isJsonType(const QString &type)
{
    const QString t = type.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    return t == QLatin1String("application/json") || t.endsWith(QLatin1String("+json"));
}

QString OpenApiRequestBody::pickMediaType(const QStringList &types)
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
             [](const QString &t) { return t.startsWith(QLatin1String("multipart/form-data")); },
             [](const QString &t) { return t.startsWith(QLatin1String("text/")); },
             [](const QString &) { return true; }}) {
        const QString found = first(matches);
        if (!found.isEmpty())
            return found;
    }
    return QString();
}

QJsonObject OpenApiRequestBody::propertySchema(const QJsonValue &schema, const QString &pointer,
                                               const QString &name, int depth)
{
    if (depth > 8)
        return {};
    const OpenApiDocument::Resolved resolved = m_document.resolve(schema, pointer);
    const QJsonObject object = resolved.value.toObject();
    const QJsonValue property = object.value(QLatin1String("properties")).toObject().value(name);
    if (!property.isUndefined())
        return m_document
            .resolve(
                property,
                JsonPositions::child(
                    JsonPositions::child(resolved.pointer, QStringLiteral("properties")), name))
            .value.toObject();
    const QJsonArray allOf = object.value(QLatin1String("allOf")).toArray();
    for (qsizetype i = 0; i < allOf.size(); ++i) {
        const QJsonObject found =
            propertySchema(allOf.at(i),
                           JsonPositions::child(
                               JsonPositions::child(resolved.pointer, QStringLiteral("allOf")), i),
                           name, depth + 1);
        if (!found.isEmpty())
            return found;
    }
    return {};
}

bool OpenApiRequestBody::isBinary(const QJsonObject &schema)
{
    const QString format = schema.value(QLatin1String("format")).toString();
    return format == QLatin1String("binary") ||
           (schema.contains(QLatin1String("contentMediaType")) &&
            !schema.contains(QLatin1String("contentEncoding")));
}

void OpenApiRequestBody::read(const QJsonObject &operation, const QString &operationPointer,
                              RequestDefinition *request)
{
    if (!operation.contains(QLatin1String("requestBody")))
        return;
    const OpenApiDocument::Resolved body =
        m_document.resolve(operation.value(QLatin1String("requestBody")),
                           JsonPositions::child(operationPointer, QStringLiteral("requestBody")));
    if (!body.ok)
        return;
    const QJsonObject object = body.value.toObject();
    const QString contentPointer = JsonPositions::child(body.pointer, QStringLiteral("content"));
    if (!body.value.isObject() || !object.value(QLatin1String("content")).isObject()) {
        m_document.error(body.pointer, QStringLiteral("a request body needs a \"content\" object"));
        return;
    }
    const QString description = object.value(QLatin1String("description")).toString();
    const QStringList descriptionLines = description.trimmed().split(QLatin1Char('\n'));
    if (!description.trimmed().isEmpty()) {
        for (qsizetype i = 0; i < descriptionLines.size(); ++i)
            request->comments.append(OpenApiText::comment(
                (i == 0 ? QStringLiteral("Body: ") : QString()) + descriptionLines[i]));
    }
    const QJsonObject content = object.value(QLatin1String("content")).toObject();
    const QStringList types = m_document.orderedKeys(content, contentPointer);
    if (types.isEmpty())
        return;
    const QString type = pickMediaType(types);
    QStringList others = types;
    others.removeAll(type);
    if (!others.isEmpty())
        request->comments.append(OpenApiText::comment(QStringLiteral("Also accepts: ") +
                                                      others.join(QStringLiteral(", "))));
    const QString mediaPointer = JsonPositions::child(contentPointer, type);
    const QJsonObject media = content.value(type).toObject();
    const QJsonValue schema = media.value(QLatin1String("schema"));
    const QString schemaPointer = JsonPositions::child(mediaPointer, QStringLiteral("schema"));
    OpenApiSample value;
    const bool exampleGiven = m_sampler.exampleOf(media, mediaPointer, &value);
    if (!exampleGiven)
        value = m_sampler.sampleOfSchema(schema, schemaPointer, true);
    const QString lower = type.toLower();
    const bool wildcard = type.contains(QLatin1Char('*'));
    QString text;
    QString contentType = type;
    const bool binaryType = lower.startsWith(QLatin1String("application/octet-stream")) ||
                            lower.startsWith(QLatin1String("image/")) ||
                            lower.startsWith(QLatin1String("audio/")) ||
                            lower.startsWith(QLatin1String("video/"));
    const bool binary = isBinary(m_document.resolve(schema, schemaPointer).value.toObject()) ||
                        (binaryType && !(exampleGiven && value.scalar.isString()));
    if (lower.startsWith(QLatin1String("multipart/"))) {
        contentType = type.section(QLatin1Char(';'), 0, 0).trimmed() +
                      QStringLiteral("; boundary=") + Boundary;
        text = multipart(value, schema, schemaPointer, media, mediaPointer);
    } else if (binary) {
        text = QStringLiteral("< ./body.bin");
        m_document.note(mediaPointer,
                        QStringLiteral("the body is a file (%1): the request reads "
                                       "./body.bin next to the .http file; put it there or "
                                       "change the path")
                            .arg(type));
    } else if (value.isNull()) {
        // Nothing to send: neither an example nor a schema to make one from.
    } else if (isJsonType(type) || (wildcard && value.kind != OpenApiSample::Kind::Scalar)) {
        text =
            guardLines(OpenApiText::normalized(OpenApiSample::toJson(value, true)), mediaPointer);
    } else if (lower.startsWith(QLatin1String("application/x-www-form-urlencoded"))) {
        QStringList pairs;
        for (const auto &member : value.members)
            pairs.append(OpenApiText::encoded(member.first, OpenApiText::UrlPart::Query) +
                         QLatin1Char('=') +
                         OpenApiText::encoded(OpenApiSample::toText(member.second),
                                              OpenApiText::UrlPart::Query));
        text = pairs.join(QLatin1Char('&'));
    } else if (lower.startsWith(QLatin1String("text/")) || value.scalar.isString()) {
        text = guardLines(OpenApiText::normalized(OpenApiSample::toText(value)), mediaPointer);
    } else {
        m_document.note(mediaPointer,
                        QStringLiteral("no %1 body can be written from a JSON example or "
                                       "schema; the body is left empty: write one")
                            .arg(type));
    }
    if (wildcard)
        m_document.note(mediaPointer, QStringLiteral("the media type %1 is a range, not a type; no "
                                                     "Content-Type is sent")
                                          .arg(type));
    else
        request->headers.append(
            {QStringLiteral("Content-Type"), m_document.headerValue(contentType, mediaPointer), 0});
    request->body = text;
}

QString OpenApiRequestBody::multipart(const OpenApiSample &value, const QJsonValue &schema,
                                      const QString &schemaPointer, const QJsonObject &media,
                                      const QString &mediaPointer)
{
    const QJsonObject encoding = media.value(QLatin1String("encoding")).toObject();
    QStringList lines;
    const auto part = [&](const QString &name, const OpenApiSample &partValue) {
        const QJsonObject property = propertySchema(schema, schemaPointer, name);
        const QString partType = OpenApiText::oneLine(
            encoding.value(name).toObject().value(QLatin1String("contentType")).toString());
        lines.append(QStringLiteral("--") + Boundary);
        const QString quoted =
            OpenApiText::oneLine(name).replace(QLatin1Char('"'), QStringLiteral("%22"));
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
            m_document.note(
                JsonPositions::child(JsonPositions::child(mediaPointer, QStringLiteral("schema")),
                                     name),
                QStringLiteral("the form field \"%1\" is a file: the request reads ./%2 next "
                               "to the .http file; put it there or change the path")
                    .arg(name, fileName));
            return;
        }
        lines.append(QStringLiteral("Content-Disposition: form-data; name=\"%1\"").arg(quoted));
        const bool json = partValue.kind != OpenApiSample::Kind::Scalar;
        if (!partType.isEmpty() || json)
            lines.append(QStringLiteral("Content-Type: ") +
                         (partType.isEmpty() ? QStringLiteral("application/json") : partType));
        lines.append(QString());
        lines.append(
            guardLines(OpenApiText::normalized(json ? OpenApiSample::toJson(partValue, false)
                                                    : OpenApiSample::toText(partValue)),
                       mediaPointer));
    };
    for (const auto &member : value.members) {
        // Arrays of primitives are sent as one part per item, as forms do.
        const bool repeated = member.second.kind == OpenApiSample::Kind::Array &&
                              std::all_of(member.second.items.begin(), member.second.items.end(),
                                          [](const OpenApiSample &item) {
                                              return item.kind == OpenApiSample::Kind::Scalar;
                                          });
        if (repeated && !member.second.items.empty()) {
            for (const OpenApiSample &item : member.second.items)
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

QString OpenApiRequestBody::guardLines(const QString &text, const QString &pointer)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (line.startsWith(QLatin1String("###")) || line.startsWith(QLatin1String("< ")) ||
            line.startsWith(QLatin1String("> ")) || line.startsWith(QLatin1String(">>")) ||
            line.startsWith(QLatin1String("<> "))) {
            m_document.note(
                pointer, QStringLiteral("a body line starts with \"%1\", which a .http file would "
                                        "read as a separator, a file or a response handler; it is "
                                        "indented by one space")
                             .arg(line.left(3).trimmed()));
            line.prepend(QLatin1Char(' '));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace mr
