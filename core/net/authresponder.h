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
    // Whether digest() can answer this challenge.
    static bool canAnswerDigest(const HttpAuthChallenge &challenge);
    // The challenge to answer: Digest before Basic; nullptr when none can be answered.
    static const HttpAuthChallenge *pick(const QList<HttpAuthChallenge> &challenges);
    // The first challenge of a scheme ("basic", "digest"); nullptr when the server did not ask
    // for it.
    static const HttpAuthChallenge *find(const QList<HttpAuthChallenge> &challenges,
                                         const QByteArray &scheme);
    // Why the challenges can't be answered ("NTLM is not supported…"); empty if they can.
    static QString unsupportedReason(const QList<HttpAuthChallenge> &challenges);
    // Why credentials for one scheme ("basic", "digest") do not answer the challenges, which
    // ask for others — both schemes named, and what to write instead.
    static QString schemeMismatch(const QList<HttpAuthChallenge> &challenges,
                                  const QByteArray &credentialScheme, bool fromUrl);
};

} // namespace mr
