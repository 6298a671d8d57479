#include "openapiparameters.h"

#include "openapidocument.h"
#include "openapischemasampler.h"
#include "openapitext.h"

#include <QJsonArray>

namespace mr {

OpenApiParameters::OpenApiParameters(OpenApiDocument &document, OpenApiSchemaSampler &sampler)
    : m_document(document)
    , m_sampler(sampler)
{}

QList<OpenApiParameters::Parameter> OpenApiParameters::read(const QJsonValue &value,
                                                            const QString &pointer)
{
    QList<Parameter> result;
    if (!m_document.isArrayIfPresent(value, pointer, QStringLiteral("parameters")))
        return result;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const OpenApiDocument::Resolved resolved =
            m_document.resolve(array.at(i), JsonPositions::child(pointer, i));
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
            m_document.error(resolved.pointer,
                             QStringLiteral("a parameter needs a \"name\" and \"in\": path, query, "
                                            "header or cookie"));
            continue;
        }
        result.append(parameter);
    }
    return result;
}

QList<OpenApiParameters::Parameter>
OpenApiParameters::merged(const QList<Parameter> &pathLevel, const QList<Parameter> &operationLevel)
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
OpenApiSample OpenApiParameters::value(const Parameter &parameter, bool *given, bool *json)
{
    OpenApiSample value;
    const QJsonObject content = parameter.object.value(QLatin1String("content")).toObject();
    const QString contentPointer =
        JsonPositions::child(parameter.pointer, QStringLiteral("content"));
    const QStringList types = m_document.orderedKeys(content, contentPointer);
    *json = !types.isEmpty(); // a value serialised as a media type (JSON, in practice)
    *given = m_sampler.exampleOf(parameter.object, parameter.pointer, &value);
    if (*given)
        return value;
    if (*json) {
        const QString mediaPointer = JsonPositions::child(contentPointer, types.first());
        const QJsonObject media = content.value(types.first()).toObject();
        *given = m_sampler.exampleOf(media, mediaPointer, &value);
        if (!*given) {
            const QJsonValue schema = media.value(QLatin1String("schema"));
            const QString schemaPointer =
                JsonPositions::child(mediaPointer, QStringLiteral("schema"));
            const OpenApiDocument::Resolved resolved = m_document.resolve(schema, schemaPointer);
            *given =
                m_sampler.ownExample(resolved.value.toObject(), resolved.pointer, &value, false);
            if (!*given)
                value = m_sampler.sampleOfSchema(schema, schemaPointer, true);
        }
        return value;
    }
    const QJsonValue schema = parameter.object.value(QLatin1String("schema"));
    const QString schemaPointer = JsonPositions::child(parameter.pointer, QStringLiteral("schema"));
    const OpenApiDocument::Resolved resolved = m_document.resolve(schema, schemaPointer);
    *given = m_sampler.ownExample(resolved.value.toObject(), resolved.pointer, &value, false);
    if (!*given)
        value = m_sampler.sampleOfSchema(schema, schemaPointer, true);
    return value;
}

QString OpenApiParameters::style(const Parameter &parameter)
{
    const QString own = parameter.object.value(QLatin1String("style")).toString();
    if (!own.isEmpty())
        return own;
    if (parameter.in == QLatin1String("query") || parameter.in == QLatin1String("cookie"))
        return QStringLiteral("form");
    return QStringLiteral("simple");
}

bool OpenApiParameters::explode(const Parameter &parameter)
{
    const QJsonValue own = parameter.object.value(QLatin1String("explode"));
    return own.isBool() ? own.toBool() : style(parameter) == QLatin1String("form");
}

QStringList OpenApiParameters::parts(const OpenApiSample &value, bool pairs)
{
    QStringList result;
    if (value.kind == OpenApiSample::Kind::Array) {
        for (const OpenApiSample &item : value.items)
            result.append(OpenApiSample::toText(item));
    } else if (value.kind == OpenApiSample::Kind::Object) {
        for (const auto &member : value.members) {
            if (pairs)
                result.append(member.first + QLatin1Char('=') +
                              OpenApiSample::toText(member.second));
            else
                result << member.first << OpenApiSample::toText(member.second);
        }
    }
    return result;
}

QString OpenApiParameters::pathOrHeaderValue(const Parameter &parameter, const OpenApiSample &value,
                                             bool encode)
{
    const auto enc = [encode](const QString &text) {
        return encode ? OpenApiText::encoded(text, OpenApiText::UrlPart::PathSegment) : text;
    };
    const QString s = style(parameter);
    const bool exploded = explode(parameter);
    const QString name = parameter.name;
    if (value.kind == OpenApiSample::Kind::Scalar) {
        if (s == QLatin1String("label"))
            return QLatin1Char('.') + enc(OpenApiSample::toText(value));
        if (s == QLatin1String("matrix"))
            return QLatin1Char(';') + name + QLatin1Char('=') + enc(OpenApiSample::toText(value));
        return enc(OpenApiSample::toText(value));
    }
    QStringList items;
    for (const QString &part : parts(value, exploded && value.kind == OpenApiSample::Kind::Object))
        items.append(enc(part));
    if (s == QLatin1String("label"))
        return QLatin1Char('.') + items.join(exploded ? QLatin1Char('.') : QLatin1Char(','));
    if (s == QLatin1String("matrix")) {
        if (!exploded)
            return QLatin1Char(';') + name + QLatin1Char('=') + items.join(QLatin1Char(','));
        if (value.kind == OpenApiSample::Kind::Object)
            return QLatin1Char(';') + items.join(QLatin1Char(';'));
        QStringList named;
        for (const QString &item : std::as_const(items))
            named.append(name + QLatin1Char('=') + item);
        return QLatin1Char(';') + named.join(QLatin1Char(';'));
    }
    return items.join(QLatin1Char(','));
}

QStringList OpenApiParameters::queryPairs(const Parameter &parameter, const OpenApiSample &value,
                                          bool json)
{
    const bool reserved = parameter.object.value(QLatin1String("allowReserved")).toBool();
    const auto enc = [reserved](const QString &text) {
        return OpenApiText::encoded(text, reserved ? OpenApiText::UrlPart::QueryAllReserved
                                                   : OpenApiText::UrlPart::Query);
    };
    const QString name = enc(parameter.name);
    if (json || value.kind == OpenApiSample::Kind::Scalar)
        return {name + QLatin1Char('=') +
                enc(json ? OpenApiSample::toJson(value, false) : OpenApiSample::toText(value))};
    const QString s = style(parameter);
    const bool exploded = explode(parameter);
    QStringList result;
    if (s == QLatin1String("deepObject") && value.kind == OpenApiSample::Kind::Object) {
        for (const auto &member : value.members)
            result.append(name + QStringLiteral("%5B") + enc(member.first) +
                          QStringLiteral("%5D=") + enc(OpenApiSample::toText(member.second)));
        return result;
    }
    if (exploded && s == QLatin1String("form")) {
        if (value.kind == OpenApiSample::Kind::Array) {
            for (const OpenApiSample &item : value.items)
                result.append(name + QLatin1Char('=') + enc(OpenApiSample::toText(item)));
        } else {
            for (const auto &member : value.members)
                result.append(enc(member.first) + QLatin1Char('=') +
                              enc(OpenApiSample::toText(member.second)));
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

} // namespace mr
