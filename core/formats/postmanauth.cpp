#include "postmanauth.h"

#include "postmancontext.h"
#include "workspace/requestsanitizer.h"

#include <QHash>
#include <QJsonArray>

namespace mr {

void PostmanAuth::read(PostmanContext &context, const QJsonObject &auth, const QString &pointer,
                       const QString &subject, RequestDefinition *request, QStringList *query)
{
    const QString type = PostmanContext::shortened(auth.value(QLatin1String("type")).toString());
    if (type.isEmpty() || type == QLatin1String("noauth"))
        return;
    const QString paramsPointer = JsonPositions::child(pointer, type);
    const QJsonValue params = auth.value(type);
    QHash<QString, QPair<QJsonValue, QString>> fields;
    if (params.isArray()) {
        const QJsonArray list = params.toArray();
        for (int i = 0; i < list.size(); ++i) {
            const QJsonObject attribute = list[i].toObject();
            fields.insert(
                attribute.value(QLatin1String("key")).toString(),
                {attribute.value(QLatin1String("value")), JsonPositions::child(paramsPointer, i)});
        }
    } else if (params.isObject()) {
        const QJsonObject object = params.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            fields.insert(it.key(), {it.value(), JsonPositions::child(paramsPointer, it.key())});
    }
    auto field = [&](const char *key) {
        const auto it = fields.constFind(QLatin1String(key));
        return it == fields.cend()
                   ? QString()
                   : context.convert(PostmanContext::text(it->first), it->second, subject);
    };
    if (type == QLatin1String("basic") || type == QLatin1String("digest")) {
        const QString user = field("username");
        const QString password = field("password");
        context.setUserAuthorization(pointer, subject, type, user, password, request);
        return;
    }
    if (type == QLatin1String("bearer")) {
        const QString token = field("token");
        if (!token.isEmpty()) // Postman sends nothing either
            context.setAuthorization(pointer, subject, type, QStringLiteral("Bearer ") + token,
                                     request);
        return;
    }
    if (type == QLatin1String("apikey")) {
        const QString key = field("key");
        const QString value = field("value");
        if (key.isEmpty())
            return; // Postman sends nothing either
        if (field("in") == QLatin1String("query"))
            query->append(RequestSanitizer::encodeComponent(key) + QLatin1Char('=') +
                          RequestSanitizer::encodeComponent(value));
        else
            request->headers.append({key, value, 0});
        return;
    }
    context.noteUnsupportedAuth(pointer, subject, type);
}

} // namespace mr
