#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace mr {

// TLS choices the client applies to every https request (a request's own
// QSslConfiguration still counts). Verification stays on; a certificate is trusted only by
// an explicit exception, for the origin it names, and never for a host it does not name.
struct TlsSettings {
    QString caFile; // PEM certificates trusted besides the system's
    QString clientCertificateFile;
    QString clientKeyFile;
    // SHA-256 digests trusted despite verification errors (a host name mismatch excepted),
    // each on one origin only: "https://host:port" as Origin::toString() gives it.
    QMap<QString, QList<QByteArray>> trustedByOrigin;
    // False: any certificate is accepted, no verification at all (JetBrains'
    // "verifyHostCertificate": false in an environment the user trusts).
    bool verifyPeer = true;

    // "https://host:port" (Origin::toString()) for an https origin written as a URL without
    // user, path, query or fragment ("https://API.example.com", "https://[::1]:8443/"); empty
    // when the text is not one.
    static QString httpsOrigin(const QString &text);
    // The 32 bytes of a SHA-256 fingerprint written as 64 hex digits (colons allowed, as
    // browsers and openssl show them); empty when the text is not one.
    static QByteArray sha256Fingerprint(const QString &text);
};

} // namespace mr
