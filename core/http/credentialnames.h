#pragma once

#include <QString>

namespace mr {

// Names that carry a credential outside Authorization: API key headers and query params
// ("X-API-Key", "api_key", "apiKey", "X-Auth-Token"…). The auth tab reads such a header or
// param as an API key; the engine drops such headers on a redirect to another origin,
// whoever set them.
class CredentialNames
{
public:
    static bool isApiKeyName(const QString &name);
};

} // namespace mr
