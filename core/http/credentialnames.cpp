#include "credentialnames.h"

namespace mr {

namespace {

// "X-Api_Key" → "xapikey": the spellings of one name compare equal.
QString normalized(const QString &name)
{
    QString n = name.toLower();
    n.remove(QLatin1Char('-'));
    n.remove(QLatin1Char('_'));
    n.remove(QLatin1Char('.'));
    return n;
}

} // namespace

bool CredentialNames::isApiKeyName(const QString &name)
{
    const QString n = normalized(name);
    return n.endsWith(QLatin1String("apikey")) || n.endsWith(QLatin1String("apitoken")) ||
           n == QLatin1String("xauthtoken");
}

bool CredentialNames::isCredentialName(const QString &name)
{
    if (isApiKeyName(name))
        return true;
    const QString n = normalized(name);
    for (const char *end : {"token", "secret", "password", "passwd", "accesskey", "authkey",
                            "privatekey", "sessionid"}) {
        if (n.endsWith(QLatin1String(end)))
            return true;
    }
    for (const char *whole : {"key", "auth", "xauth", "xkey"}) {
        if (n == QLatin1String(whole))
            return true;
    }
    return false;
}

} // namespace mr
