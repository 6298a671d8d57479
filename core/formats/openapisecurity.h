#pragma once

#include "collectiondraft.h"

#include <QJsonObject>
#include <QSet>
#include <QStringList>

namespace mr {

class OpenApiDocument;

// Security schemes as what a request sends: API keys, Basic, Digest and bearer tokens as
// headers, query parameters or cookies with {{variables}}, whose (empty) values go into the
// private environment. OAuth and OpenID Connect tokens are not fetched: the request sends one
// the user puts there.
class OpenApiSecurity
{
public:
    struct Auth {
        QList<RequestDefinition::Header> headers;
        QStringList query;
        QStringList cookies;
    };

    explicit OpenApiSecurity(OpenApiDocument &document);

    // Names the security schemes will use, so that path parameters do not shadow them (a file
    // variable wins over an environment's).
    bool isReserved(const QString &variable) const { return m_reserved.contains(variable); }
    // The operation's security, else the document's: the first alternative applied, the
    // others named in a comment.
    Auth read(const QJsonObject &operation, const QString &operationPointer,
              RequestDefinition *request);
    // The credentials' variables, for the private environment.
    const CollectionDraft::Variables &secrets() const { return m_secrets; }

private:
    void applyScheme(const QString &name, const QString &requirementPointer, Auth *auth);
    void addSecret(const QString &name);

    OpenApiDocument &m_document;
    CollectionDraft::Variables m_secrets;
    QSet<QString> m_reserved;
};

} // namespace mr
