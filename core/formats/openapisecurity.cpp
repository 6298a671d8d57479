#include "openapisecurity.h"

#include "openapidocument.h"
#include "openapitext.h"

#include <QJsonArray>

namespace mr {

OpenApiSecurity::OpenApiSecurity(OpenApiDocument &document)
    : m_document(document)
{
    m_reserved.insert(QStringLiteral("baseUrl"));
    const QJsonObject schemes = m_document.root()
                                    .value(QLatin1String("components"))
                                    .toObject()
                                    .value(QLatin1String("securitySchemes"))
                                    .toObject();
    m_reserved.insert(QStringLiteral("token"));
    m_reserved.insert(QStringLiteral("username"));
    m_reserved.insert(QStringLiteral("password"));
    for (auto it = schemes.begin(); it != schemes.end(); ++it)
        m_reserved.insert(OpenApiText::variableName(it.key()));
}

void OpenApiSecurity::addSecret(const QString &name)
{
    for (const auto &existing : std::as_const(m_secrets)) {
        if (existing.first == name)
            return;
    }
    m_secrets.append({name, QString()});
}

void OpenApiSecurity::applyScheme(const QString &name, const QString &requirementPointer,
                                  Auth *auth)
{
    const QString schemesPointer = QStringLiteral("/components/securitySchemes");
    const QJsonValue raw = m_document.root()
                               .value(QLatin1String("components"))
                               .toObject()
                               .value(QLatin1String("securitySchemes"))
                               .toObject()
                               .value(name);
    if (raw.isUndefined()) {
        m_document.error(requirementPointer,
                         QStringLiteral("the security scheme \"%1\" is not defined in "
                                        "components.securitySchemes")
                             .arg(name));
        return;
    }
    const OpenApiDocument::Resolved scheme =
        m_document.resolve(raw, JsonPositions::child(schemesPointer, name));
    if (!scheme.ok)
        return;
    const QJsonObject object = scheme.value.toObject();
    const QString type = object.value(QLatin1String("type")).toString();
    const QString typePointer = JsonPositions::child(scheme.pointer, QStringLiteral("type"));
    const auto header = [auth](const QString &value) {
        for (const auto &existing : std::as_const(auth->headers)) {
            if (existing.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0)
                return false;
        }
        auth->headers.append({QStringLiteral("Authorization"), value, 0});
        return true;
    };
    const auto bearer = [&]() {
        if (header(QStringLiteral("Bearer {{token}}")))
            addSecret(QStringLiteral("token"));
    };
    if (type == QLatin1String("apiKey")) {
        const QString keyName = object.value(QLatin1String("name")).toString();
        const QString in = object.value(QLatin1String("in")).toString();
        const QString variable = QStringLiteral("{{%1}}").arg(OpenApiText::variableName(name));
        if (in == QLatin1String("header") && OpenApiText::isHeaderName(keyName)) {
            auth->headers.append({keyName, variable, 0});
        } else if (in == QLatin1String("query") && !keyName.isEmpty()) {
            auth->query.append(OpenApiText::encoded(keyName, OpenApiText::UrlPart::Query) +
                               QLatin1Char('=') + variable);
        } else if (in == QLatin1String("cookie") && !keyName.isEmpty()) {
            auth->cookies.append(keyName + QLatin1Char('=') + variable);
        } else {
            m_document.error(scheme.pointer,
                             QStringLiteral("the API key scheme \"%1\" needs a \"name\" "
                                            "and \"in\": header, query or cookie")
                                 .arg(name));
            return;
        }
        addSecret(OpenApiText::variableName(name));
    } else if (type == QLatin1String("http")) {
        const QString httpScheme = object.value(QLatin1String("scheme")).toString();
        if (httpScheme.compare(QLatin1String("basic"), Qt::CaseInsensitive) == 0 ||
            httpScheme.compare(QLatin1String("digest"), Qt::CaseInsensitive) == 0) {
            // The .http dialect's shorthands: "Basic user password", "Digest user password".
            const bool basic = httpScheme.compare(QLatin1String("basic"), Qt::CaseInsensitive) == 0;
            if (header((basic ? QStringLiteral("Basic") : QStringLiteral("Digest")) +
                       QStringLiteral(" {{username}} {{password}}"))) {
                addSecret(QStringLiteral("username"));
                addSecret(QStringLiteral("password"));
            }
        } else if (httpScheme.compare(QLatin1String("bearer"), Qt::CaseInsensitive) == 0) {
            bearer();
        } else {
            const QString word = OpenApiText::oneLine(httpScheme).section(QLatin1Char(' '), 0, 0);
            if (!word.isEmpty() && header(word + QStringLiteral(" {{token}}")))
                addSecret(QStringLiteral("token"));
            m_document.note(
                scheme.pointer,
                QStringLiteral("HTTP authentication \"%1\" is not built in; the request "
                               "sends \"Authorization: %1 {{token}}\": put the credentials "
                               "in token")
                    .arg(httpScheme));
        }
    } else if (type == QLatin1String("oauth2") || type == QLatin1String("openIdConnect")) {
        bearer();
        QStringList where;
        const QJsonObject flows = object.value(QLatin1String("flows")).toObject();
        for (const QString &flow : m_document.orderedKeys(
                 flows, JsonPositions::child(scheme.pointer, QStringLiteral("flows")))) {
            const QJsonObject f = flows.value(flow).toObject();
            const QString url =
                f.value(QLatin1String("tokenUrl"))
                    .toString(f.value(QLatin1String("authorizationUrl")).toString());
            where.append(url.isEmpty() ? flow : QStringLiteral("%1 at %2").arg(flow, url));
        }
        const QString discovery = object.value(QLatin1String("openIdConnectUrl")).toString();
        if (!discovery.isEmpty())
            where.append(discovery);
        m_document.note(
            typePointer,
            QStringLiteral("%1 \"%2\": tokens are not fetched here; get one (%3) and put it "
                           "in the private environment's token, sent as \"Authorization: "
                           "Bearer {{token}}\"")
                .arg(type == QLatin1String("oauth2") ? QStringLiteral("OAuth 2")
                                                     : QStringLiteral("OpenID Connect"),
                     name,
                     where.isEmpty() ? QStringLiteral("as the API's documentation says")
                                     : where.join(QStringLiteral("; "))));
    } else if (type == QLatin1String("mutualTLS")) {
        m_document.note(typePointer,
                        QStringLiteral("\"%1\" needs a client certificate: set it in the "
                                       "workspace's microrequests.json (tls)")
                            .arg(name));
    } else {
        m_document.note(
            typePointer,
            QStringLiteral("the security scheme type \"%1\" is unknown; no credentials are "
                           "sent for \"%2\"")
                .arg(type, name));
    }
}

OpenApiSecurity::Auth OpenApiSecurity::read(const QJsonObject &operation,
                                            const QString &operationPointer,
                                            RequestDefinition *request)
{
    Auth auth;
    const bool own = operation.contains(QLatin1String("security"));
    const QJsonValue security = own ? operation.value(QLatin1String("security"))
                                    : m_document.root().value(QLatin1String("security"));
    const QString pointer = own ? JsonPositions::child(operationPointer, QStringLiteral("security"))
                                : QStringLiteral("/security");
    if (!m_document.isArrayIfPresent(security, pointer, QStringLiteral("security")))
        return auth;
    const QJsonArray alternatives = security.toArray();
    QStringList others;
    for (qsizetype i = 0; i < alternatives.size(); ++i) {
        const QString requirementPointer = JsonPositions::child(pointer, i);
        const QJsonObject requirement = alternatives.at(i).toObject();
        const QStringList names = m_document.orderedKeys(requirement, requirementPointer);
        if (i == 0) {
            for (const QString &name : names)
                applyScheme(name, JsonPositions::child(requirementPointer, name), &auth);
        } else {
            others.append(names.isEmpty() ? QStringLiteral("none")
                                          : names.join(QStringLiteral(" + ")));
        }
    }
    if (!others.isEmpty())
        request->comments.append(OpenApiText::comment(
            QStringLiteral("Other ways to authenticate: ") + others.join(QStringLiteral("; "))));
    return auth;
}

} // namespace mr
