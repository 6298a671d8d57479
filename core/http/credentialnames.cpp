#include "credentialnames.h"

namespace mr {

bool CredentialNames::isApiKeyName(const QString &name)
{
    QString n = name.toLower();
    n.remove(QLatin1Char('-'));
    n.remove(QLatin1Char('_'));
    return n.endsWith(QLatin1String("apikey")) || n.endsWith(QLatin1String("apitoken")) ||
           n == QLatin1String("xauthtoken");
}

} // namespace mr
