#pragma once

#include "http/httpauthchallenge.h"

#include <QByteArray>
#include <QString>

namespace mr {

// Answering one Digest challenge (RFC 7616), as many times as requests need it: every
// answer() counts up nc and draws a new cnonce for the method and URI it is given, so no
// answer is ever sent twice — a re-send after a dropped connection, a retry or a redirect hop
// each gets its own. A new challenge (a stale nonce) is a new session, counting from 1.
class DigestSession
{
public:
    DigestSession() = default;
    DigestSession(const HttpAuthChallenge &challenge, const QString &user, const QString &password);

    // False without a challenge, or for one the engine cannot answer (AuthResponder::digest).
    bool canAnswer() const { return m_canAnswer; }
    // The next Authorization value; empty when !canAnswer().
    QByteArray answer(const QByteArray &method, const QByteArray &uri);

private:
    HttpAuthChallenge m_challenge;
    QString m_user;
    QString m_password;
    int m_nonceCount = 0;
    bool m_canAnswer = false;
};

} // namespace mr
