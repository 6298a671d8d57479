#pragma once

#include <QByteArrayView>
#include <QString>

namespace mr {

// Names that carry a credential outside Authorization: API key headers and query params
// ("X-API-Key", "api_key", "apiKey", "X-Auth-Token"…). The auth tab reads such a header or
// param as an API key; the engine drops credential headers on a redirect to another origin,
// whoever set them.
class CredentialNames
{
public:
    static bool isApiKeyName(const QString &name);
    // Wider than isApiKeyName, for what must not leave its origin nor reach history in clear:
    // any API key name, and names that say they hold a token, secret, password or key
    // ("X-Access-Token", "Private-Token", "access_token", "client_secret", "key").
    static bool isCredentialName(const QString &name);
    // The same for a name in bytes read as Latin-1 (a header's), without allocating.
    static bool isCredentialName(QByteArrayView latin1Name);
};

} // namespace mr
