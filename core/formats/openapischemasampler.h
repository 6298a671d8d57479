#pragma once

#include "openapisample.h"

#include <QJsonObject>
#include <QStringList>

namespace mr {

class OpenApiDocument;

// Values for requests: copied from the description's examples, or made up from its schemas
// (example, default, enum[0], or a placeholder for the type) when it gives none.
class OpenApiSchemaSampler
{
public:
    explicit OpenApiSchemaSampler(OpenApiDocument &document);

    // A value written in the document, with its members in document order.
    OpenApiSample fromDocument(const QJsonValue &value, const QString &pointer,
                               int depth = 0) const;
    // The value a schema gives as its own: example (3.0), examples[0] (3.1), default, const,
    // enum[0]. False when it has none.
    bool ownExample(const QJsonObject &schema, const QString &pointer, OpenApiSample *out,
                    bool withDefault) const;
    // A parameter's or media type's example: example, then the first of examples. False when
    // there is none.
    bool exampleOf(const QJsonObject &object, const QString &pointer, OpenApiSample *out);
    // A value made up from a schema; `forRequest` leaves out what the server sets (readOnly).
    OpenApiSample sampleOfSchema(const QJsonValue &schema, const QString &pointer, bool forRequest);

private:
    OpenApiSample fromSchema(const QJsonValue &schemaValue, const QString &pointer, int depth,
                             QStringList *refs, int *budget, bool forRequest);
    OpenApiSample fromResolvedSchema(const QJsonObject &schema, const QString &pointer, int depth,
                                     QStringList *refs, int *budget, bool forRequest);
    bool isReadOnly(const QJsonValue &schema, const QString &pointer);
    static QString schemaType(const QJsonObject &schema);
    static OpenApiSample placeholder(const QString &type, const QJsonObject &schema);
    static void mergeInto(OpenApiSample *target, const OpenApiSample &more);

    OpenApiDocument &m_document;
};

} // namespace mr
