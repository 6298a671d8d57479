#pragma once

#include "base/diagnostic.h"

#include <QHash>
#include <QString>
#include <optional>

namespace mr {

struct TlsSettings;

// An environment's "SSLConfiguration", as the JetBrains HTTP Client writes it in
// http-client.env.json or http-client.private.env.json:
//   "dev": {"SSLConfiguration": {"clientCertificate": "certs/me.pem",
//                                "clientCertificateKey": "certs/me.key",
//                                "verifyHostCertificate": false}}
// A certificate may also be given as {"path": "certs/me.pem"}; PEM files only. Paths are
// relative to the file's folder and kept absolute. It changes trust (whom a request proves
// itself to, whether certificates are checked at all): WorkspaceTrust lists it, and the
// window applies it only in a workspace the user trusts.
struct EnvironmentTls {
    // Keys as written in the file.
    static constexpr const char *Key = "SSLConfiguration";
    static constexpr const char *ClientCertificate = "clientCertificate";
    static constexpr const char *ClientKey = "clientCertificateKey";
    static constexpr const char *VerifyHostCertificate = "verifyHostCertificate";

    QString clientCertificate;
    QString clientKey;
    std::optional<bool> verifyHostCertificate;
    // Where each value above was read, by its key (line and column of the value; the
    // message is empty).
    QHash<QString, Diagnostic> locations;

    bool isEmpty() const { return locations.isEmpty(); }
    // Values of `over` replace these (the private file over the public one, an environment
    // over "$shared").
    void overrideWith(const EnvironmentTls &over);
    // The client certificate and key replace the settings' own; verification off turns it off.
    void applyTo(TlsSettings *tls) const;
};

} // namespace mr
