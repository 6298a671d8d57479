#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace mr {

// TLS choices the client applies to every https request (a request's own
// QSslConfiguration still counts). Verification stays on; a certificate is trusted only by
// an explicit exception.
struct TlsSettings {
    QString caFile; // PEM certificates trusted besides the system's
    QString clientCertificateFile;
    QString clientKeyFile;
    QList<QByteArray> trustedCertificates; // SHA-256 digests trusted despite errors
};

} // namespace mr
