#pragma once

#include "openapisample.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace mr {

class OpenApiDocument;
class OpenApiSchemaSampler;

// An operation's parameters (path, query, header, cookie) and their values, written as
// OpenAPI's styles (simple, label, matrix, form, deepObject…) and explode say.
class OpenApiParameters
{
public:
    struct Parameter {
        QJsonObject object;
        QString pointer;
        QString name;
        QString in;
    };

    OpenApiParameters(OpenApiDocument &document, OpenApiSchemaSampler &sampler);

    // A "parameters" array, references followed; broken ones are reported and left out.
    QList<Parameter> read(const QJsonValue &value, const QString &pointer);
    // Path-item parameters, with the operation's replacing those of the same name and place.
    static QList<Parameter> merged(const QList<Parameter> &pathLevel,
                                   const QList<Parameter> &operationLevel);
    // The parameter's value, and whether the description gave one (rather than it being made
    // up from the schema), and whether it is serialised as a media type (JSON, in practice).
    OpenApiSample value(const Parameter &parameter, bool *given, bool *json);

    // The items of an array or the key, value pairs of an object, as text.
    static QStringList parts(const OpenApiSample &value, bool pairs);
    // A path or header value as OpenAPI's simple, label and matrix styles write it.
    static QString pathOrHeaderValue(const Parameter &parameter, const OpenApiSample &value,
                                     bool encode);
    // "name=value" pairs for the query string, as the parameter's style and explode say.
    static QStringList queryPairs(const Parameter &parameter, const OpenApiSample &value,
                                  bool json);

private:
    static QString style(const Parameter &parameter);
    static bool explode(const Parameter &parameter);

    OpenApiDocument &m_document;
    OpenApiSchemaSampler &m_sampler;
};

} // namespace mr
