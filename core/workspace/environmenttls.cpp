#include "environmenttls.h"

#include "net/tlssettings.h"

namespace mr {

void EnvironmentTls::overrideWith(const EnvironmentTls &over)
{
    if (over.locations.contains(QLatin1String(ClientCertificate)))
        clientCertificate = over.clientCertificate;
    if (over.locations.contains(QLatin1String(ClientKey)))
        clientKey = over.clientKey;
    if (over.verifyHostCertificate)
        verifyHostCertificate = over.verifyHostCertificate;
    for (auto it = over.locations.begin(); it != over.locations.end(); ++it)
        locations.insert(it.key(), it.value());
}

void EnvironmentTls::applyTo(TlsSettings *tls) const
{
    if (!clientCertificate.isEmpty()) {
        tls->clientCertificateFile = clientCertificate;
        tls->clientKeyFile = clientKey;
    }
    if (verifyHostCertificate == false)
        tls->verifyPeer = false;
}

} // namespace mr
