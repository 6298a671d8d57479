#include "challengeanswerer.h"

#include "authresponder.h"
#include "transferrequest.h"

#include <QAuthenticator>

namespace mr {

void ChallengeAnswerer::useCredentials(const std::optional<QStringList> &given, const QUrl &url)
{
    if (given && given->size() >= 2) {
        const QStringList &credentials = *given;
        m_user = credentials[0];
        m_password = credentials[1];
        m_credentialScheme =
            credentials.value(2).compare(QLatin1String("Basic"), Qt::CaseInsensitive) == 0
                ? "basic"
                : "digest";
    } else if (!url.userName().isEmpty()) {
        m_user = url.userName();
        m_password = url.password();
        m_credentialScheme = "basic";
        m_credentialsFromUrl = true;
    }
}

bool ChallengeAnswerer::answer(const QList<HttpAuthChallenge> &challenges, TransferRequest &hop,
                               const Ask &ask, QString *mismatch)
{
    // Three answers on one URL: the first, and two stale nonces (or a wrong-credentials
    // server that keeps saying stale=true) — then the 401 stands.
    constexpr int MaxAnswers = 3;
    if (m_challengesAnswered >= MaxAnswers)
        return false;
    if (hop.oneTimeAuthorization) {
        // Our Digest answer was refused: ask again only for a stale nonce (RFC 7616 §3.3),
        // with the same credentials.
        const HttpAuthChallenge *digest = AuthResponder::find(challenges, "digest");
        if (!digest || digest->parameter("stale").compare("true", Qt::CaseInsensitive) != 0)
            return false;
        m_digest = DigestSession(*digest, m_user, m_password);
        ++m_challengesAnswered;
        return m_digest.canAnswer();
    }
    if (m_credentialScheme.isEmpty() && !askForCredentials(challenges, ask))
        return false;
    const HttpAuthChallenge *challenge = AuthResponder::find(challenges, m_credentialScheme);
    if (!challenge) {
        *mismatch =
            AuthResponder::schemeMismatch(challenges, m_credentialScheme, m_credentialsFromUrl);
        return false;
    }
    ++m_challengesAnswered;
    if (m_credentialScheme == "basic") {
        const QByteArray basic = AuthResponder::basic(m_user, m_password);
        if (hop.headers.value("Authorization") == basic)
            return false; // sent already (the URL's, up front): refused
        hop.headers.set("Authorization", basic);
        m_answeredScheme = "Basic";
        return true;
    }
    m_digest = DigestSession(*challenge, m_user, m_password);
    if (!m_digest.canAnswer())
        return false;
    hop.oneTimeAuthorization = true; // digestAnswer() gives each send its answer
    m_answeredScheme = "Digest";
    return true;
}

bool ChallengeAnswerer::askForCredentials(const QList<HttpAuthChallenge> &challenges,
                                          const Ask &ask)
{
    // Once per reply. The slot is told the scheme and the realm; what it gives answers that
    // scheme only.
    if (m_askedForCredentials)
        return false;
    m_askedForCredentials = true;
    const HttpAuthChallenge *challenge = AuthResponder::pick(challenges);
    if (!challenge)
        return false;
    QAuthenticator authenticator;
    authenticator.setOption(QStringLiteral("realm"),
                            QString::fromUtf8(challenge->parameter("realm")));
    authenticator.setOption(QStringLiteral("scheme"), challenge->scheme == "digest"
                                                          ? QStringLiteral("Digest")
                                                          : QStringLiteral("Basic"));
    if (!ask(&authenticator) || authenticator.user().isEmpty())
        return false;
    m_user = authenticator.user();
    m_password = authenticator.password();
    m_credentialScheme = challenge->scheme;
    m_credentialsFromUrl = false;
    return true;
}

QByteArray ChallengeAnswerer::digestAnswer(const QByteArray &method, const QByteArray &target)
{
    return m_digest.answer(method, target);
}

void ChallengeAnswerer::followRedirect(bool crossOrigin)
{
    m_challengesAnswered = 0; // a new URL, a new challenge
    if (!crossOrigin)
        return;
    m_user.clear();
    m_password.clear();
    m_credentialScheme.clear();
    m_credentialsFromUrl = false;
    m_digest = DigestSession();
}

} // namespace mr
