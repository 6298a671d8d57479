#include "digestsession.h"

#include "authresponder.h"

#include <QRandomGenerator>

namespace mr {

DigestSession::DigestSession(const HttpAuthChallenge &challenge, const QString &user,
                             const QString &password)
    : m_challenge(challenge)
    , m_user(user)
    , m_password(password)
    , m_canAnswer(AuthResponder::canAnswerDigest(challenge))
{}

QByteArray DigestSession::answer(const QByteArray &method, const QByteArray &uri)
{
    if (!m_canAnswer)
        return {};
    quint32 random[4];
    QRandomGenerator::global()->fillRange(random);
    const QByteArray cnonce =
        QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex();
    return AuthResponder::digest(m_challenge, m_user, m_password, method, uri, cnonce,
                                 ++m_nonceCount);
}

} // namespace mr
