#pragma once

#include "collectiondraft.h"

#include <QJsonValue>
#include <QStringList>

namespace mr {

class PostmanContext;

// A Postman request's "url" and "header" as the request line and headers of a .http request.
class PostmanUrl
{
public:
    explicit PostmanUrl(PostmanContext &context);

    // A URL is a string (v2.0, or "raw" alone) or an object; "raw" is what the user typed and
    // wins, else it is built from protocol, host, port, path, query and hash.
    QString read(const QJsonValue &value, const QString &pointer, const QString &subject);
    // [{"key", "value", "disabled"}], or v2.0's "Name: value" lines.
    void readHeaders(const QJsonValue &value, const QString &pointer, const QString &subject,
                     RequestDefinition *request);
    // Query pairs appended to a URL, before its #fragment.
    static void appendQuery(QString *url, const QStringList &pairs);

private:
    PostmanContext &m_context;
};

} // namespace mr
