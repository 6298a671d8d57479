#include "sslerrortriage.h"

#include "transferrequest.h"

#include <QCryptographicHash>
#include <QSslCertificate>

namespace mr {

SslErrorTriage::SslErrorTriage(const Origin &origin, const QList<QByteArray> &trustedDigests)
    : m_origin(origin)
    , m_trustedDigests(trustedDigests)
{}

QList<QSslError> SslErrorTriage::untrusted(const QList<QSslError> &errors) const
{
    // Errors about a certificate the user chose to trust for this origin are no errors — but
    // a trusted digest says who vouches for the certificate, not that it names this host: a
    // host name mismatch stays an error whatever is trusted.
    QList<QSslError> remaining;
    for (const QSslError &error : errors) {
        const QByteArray digest = error.certificate().isNull()
                                      ? QByteArray()
                                      : error.certificate().digest(QCryptographicHash::Sha256);
        if (digest.isEmpty() || !m_trustedDigests.contains(digest) ||
            error.error() == QSslError::HostNameMismatch)
            remaining.append(error);
    }
    return remaining;
}

bool SslErrorTriage::ignoredByRequest(const TransferRequest *request,
                                      const QList<QSslError> &errors)
{
    if (!request)
        return false;
    if (request->ignoreAllSslErrors)
        return true;
    bool expected = !request->expectedSslErrors.isEmpty();
    for (const QSslError &error : errors) {
        expected = expected && request->expectedSslErrors.contains(error);
    }
    return expected;
}

bool SslErrorTriage::coveredByDecision(const QList<QSslError> &pending, bool ignore,
                                       const QList<QSslError> &ignored)
{
    bool covered = ignore;
    if (ignore && !ignored.isEmpty()) {
        for (const QSslError &error : pending)
            covered = covered && ignored.contains(error);
    }
    return covered;
}

QString SslErrorTriage::describe(const QList<QSslError> &errors) const
{
    const QString where = m_origin.host + QLatin1Char(':') + QString::number(m_origin.port);
    for (const QSslError &error : errors) {
        const QSslCertificate certificate = error.certificate();
        switch (error.error()) {
        case QSslError::CertificateExpired:
            return QStringLiteral("The certificate of %1 expired on %2.")
                .arg(where, certificate.expiryDate().toString(Qt::ISODate));
        case QSslError::CertificateNotYetValid:
            return QStringLiteral("The certificate of %1 is not valid before %2.")
                .arg(where, certificate.effectiveDate().toString(Qt::ISODate));
        case QSslError::HostNameMismatch: {
            QStringList names = certificate.subjectAlternativeNames().values();
            if (names.isEmpty())
                names = certificate.subjectInfo(QSslCertificate::CommonName);
            return QStringLiteral("The certificate of %1 is for %2, not %3.")
                .arg(where, names.join(QStringLiteral(", ")), m_origin.host);
        }
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
            return QStringLiteral("The certificate of %1 is not trusted (issued by %2). Add its CA "
                                  "certificate, or trust this certificate for %1.")
                .arg(
                    where,
                    certificate.issuerInfo(QSslCertificate::CommonName).join(QStringLiteral(", ")));
        default: break;
        }
    }
    return errors.isEmpty() ? QStringLiteral("TLS handshake with %1 failed.").arg(where)
                            : QStringLiteral("TLS handshake with %1 failed: %2")
                                  .arg(where, errors.first().errorString());
}

} // namespace mr
