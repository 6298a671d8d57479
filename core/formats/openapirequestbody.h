#pragma once

#include "collectiondraft.h"
#include "openapisample.h"

#include <QJsonObject>
#include <QStringList>

namespace mr {

class OpenApiDocument;
class OpenApiSchemaSampler;

// An operation's requestBody as a .http body: one media type picked (JSON first), its example
// or a value made up from its schema written as that type (JSON, a form, multipart parts,
// text), and files as "< ./file" for the user to put there.
class OpenApiRequestBody
{
public:
    OpenApiRequestBody(OpenApiDocument &document, OpenApiSchemaSampler &sampler);

    void read(const QJsonObject &operation, const QString &operationPointer,
              RequestDefinition *request);

private:
    static bool isJsonType(const QString &type);
    static QString pickMediaType(const QStringList &types);
    static bool isBinary(const QJsonObject &schema);
    // A property of an object schema, looked up through $ref and allOf.
    QJsonObject propertySchema(const QJsonValue &schema, const QString &pointer,
                               const QString &name, int depth = 0);
    QString multipart(const OpenApiSample &value, const QJsonValue &schema,
                      const QString &schemaPointer, const QJsonObject &media,
                      const QString &mediaPointer);
    // A body line that a .http reader would take for something else (a "###" separator, a
    // "< file" include, a "> handler") is indented by a space, and reported.
    QString guardLines(const QString &text, const QString &pointer);

    OpenApiDocument &m_document;
    OpenApiSchemaSampler &m_sampler;
};

} // namespace mr
