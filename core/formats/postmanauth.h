#pragma once

#include "collectiondraft.h"

#include <QJsonObject>
#include <QStringList>

namespace mr {

class PostmanContext;

// A Postman "auth" (basic, digest, bearer, API key) as the headers or query parameters the
// request sends; the schemes a .http file cannot send (OAuth, AWS signatures…) are reported.
class PostmanAuth
{
public:
    // v2.1: {"type": "basic", "basic": [{"key": "username", "value": …}, …]};
    // v2.0: {"type": "basic", "basic": {"username": …, "password": …}}.
    static void read(PostmanContext &context, const QJsonObject &auth, const QString &pointer,
                     const QString &subject, RequestDefinition *request, QStringList *query);
};

} // namespace mr
