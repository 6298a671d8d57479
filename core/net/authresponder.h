#pragma once

#include "http/httpauthchallenge.h"

#include <QByteArray>
#include <QString>

namespace mr {

// Authorization header values for the schemes the engine answers itself: Basic, and Digest
// (RFC 7616: MD5 and SHA-256, with or without -sess, qop auth). NTLM and Negotiate are not
// supported on our path and are named as such.
class AuthResponder
{
public:
    static QByteArray basic(const QString &user, const QString &password);
    // Empty when the challenge can't be answered (unknown algorithm, no qop auth offered).
    static QByteArray digest(const HttpAuthChallenge &challenge, const QString &user,
                             const QString &password, const QByteArray &method,
                             const QByteArray &uri, const QByteArray &cnonce, int nonceCount);
    // The challenge to answer: Digest before Basic; nullptr when none can be answered.
    static const HttpAuthChallenge *pick(const QList<HttpAuthChallenge> &challenges);
    // Why the challenges can't be answered ("NTLM is not supported…"); empty if they can.
    static QString unsupportedReason(const QList<HttpAuthChallenge> &challenges);
};

} // namespace mr
