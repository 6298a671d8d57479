#pragma once

#include "origin.h"

#include <QList>
#include <QSslError>

namespace mr {

struct TransferRequest;

// A connection's TLS certificate errors sorted out: those about a certificate the user trusts
// for this origin are no errors, those the request chose to ignore let it go on, and what
// stands is said in plain words.
class SslErrorTriage
{
public:
    SslErrorTriage(const Origin &origin, const QList<QByteArray> &trustedDigests);

    // The errors left once those about a trusted certificate are taken out.
    QList<QSslError> untrusted(const QList<QSslError> &errors) const;
    // Whether the request (not the client's settings) chose to ignore all of these errors.
    static bool ignoredByRequest(const TransferRequest *request, const QList<QSslError> &errors);
    // Whether the caller's decision (QNetworkReply::ignoreSslErrors, all or a list) covers
    // every pending error.
    static bool coveredByDecision(const QList<QSslError> &pending, bool ignore,
                                  const QList<QSslError> &ignored);
    // Why the handshake failed, for someone who can fix it.
    QString describe(const QList<QSslError> &errors) const;

private:
    Origin m_origin;
    QList<QByteArray> m_trustedDigests; // SHA-256 of certificates trusted for this origin
};

} // namespace mr
