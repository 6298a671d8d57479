#pragma once

#include "collectiondraft.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace mr {

class PostmanContext;

// A Postman request's "body" (raw, urlencoded, form-data, file, GraphQL) as a .http body with
// the Content-Type Postman would send.
class PostmanRequestBody
{
public:
    explicit PostmanRequestBody(PostmanContext &context);

    void read(const QJsonValue &value, const QString &pointer, const QString &subject,
              bool guessesContentType, RequestDefinition *request);

private:
    void readGraphql(const QJsonObject &graphql, const QString &pointer, const QString &subject,
                     RequestDefinition *request, QStringList *problems);
    void readFormData(const QJsonArray &params, const QString &pointer, const QString &subject,
                      RequestDefinition *request);

    PostmanContext &m_context;
};

} // namespace mr
