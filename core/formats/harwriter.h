// core/formats: reading and writing the formats other tools use — HAR today; Postman,
// Insomnia, curl and OpenAPI with the workspaces work.
#pragma once

#include "net/exchange.h"

#include <QJsonObject>
#include <QList>

namespace mr {

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) with the engine's real phases:
// connect = tcp + tls (TLS is inside connect in HAR), ssl = tls, time counts TLS once;
// "connection" is our connection id; custom fields are prefixed with "_" as HAR requires.
class HarWriter
{
public:
    static QJsonObject document(const QList<Exchange> &exchanges, const QString &creatorVersion);
    static QJsonObject entry(const Exchange &exchange);
    // Writes atomically; false with *error on failure.
    static bool write(const QString &path, const QList<Exchange> &exchanges,
                      const QString &creatorVersion, QString *error);
};

} // namespace mr
