#pragma once

#include "collectiondraft.h"

#include <QJsonArray>
#include <QJsonObject>

namespace mr {

class InsomniaContext;

// An Insomnia request's "body" (form, multipart, a file, text, GraphQL) as a .http body with
// its Content-Type.
class InsomniaRequestBody
{
public:
    // Notes name `subject` (the request); the body goes into `request`.
    InsomniaRequestBody(InsomniaContext &context, const QString &subject,
                        RequestDefinition *request);

    void read(const QJsonObject &body, const QString &pointer);

private:
    void readMultipart(const QJsonArray &params, const QString &paramsPointer,
                       const QString &pointer);

    InsomniaContext &m_context;
    const QString m_subject;
    RequestDefinition *m_request;
};

} // namespace mr
