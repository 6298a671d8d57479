#include "authresponder.h"

#include <QCryptographicHash>
#include <optional>

namespace mr {

QByteArray AuthResponder::basic(const QString &user, const QString &password)
{
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

namespace {

QByteArray algorithmOf(const HttpAuthChallenge &challenge)
{
    const QByteArray algorithm = challenge.parameter("algorithm");
    return algorithm.isEmpty() ? QByteArrayLiteral("MD5") : algorithm;
}

// The hash of an algorithm name ("MD5", "SHA-256-sess"…); nullopt for others.
std::optional<QCryptographicHash::Algorithm> hashOf(const QByteArray &algorithm)
{
    const QByteArray upper = algorithm.toUpper();
    const QByteArray base = upper.endsWith("-SESS") ? upper.left(upper.size() - 5) : upper;
    if (base == "MD5")
        return QCryptographicHash::Md5;
    if (base == "SHA-256")
        return QCryptographicHash::Sha256;
    return std::nullopt;
}

bool offersQopAuth(const HttpAuthChallenge &challenge)
{
    const QList<QByteArray> qops = challenge.parameter("qop").split(',');
    for (const QByteArray &q : qops) {
        if (q.trimmed() == "auth")
            return true;
    }
    return false;
}

QString schemeName(const QByteArray &scheme)
{
    if (scheme == "ntlm")
        return QStringLiteral("NTLM");
    return QString::fromLatin1(scheme.left(1).toUpper() + scheme.mid(1));
}

} // namespace

bool AuthResponder::canAnswerDigest(const HttpAuthChallenge &challenge)
{
    // qop auth, or no qop at all (RFC 2069); a challenge offering only auth-int is not.
    return challenge.scheme == "digest" && hashOf(algorithmOf(challenge)) &&
           (challenge.parameter("qop").isEmpty() || offersQopAuth(challenge));
}

QByteArray AuthResponder::digest(const HttpAuthChallenge &challenge, const QString &user,
                                 const QString &password, const QByteArray &method,
                                 const QByteArray &uri, const QByteArray &cnonce, int nonceCount)
{
    if (!canAnswerDigest(challenge))
        return {};
    const QByteArray algorithm = algorithmOf(challenge);
    const bool session = algorithm.toUpper().endsWith("-SESS");
    const QCryptographicHash::Algorithm hash = *hashOf(algorithm);
    const auto h = [hash](const QByteArray &data) {
        return QCryptographicHash::hash(data, hash).toHex();
    };
    const bool qopAuth = offersQopAuth(challenge);
    const QByteArray realm = challenge.parameter("realm");
    const QByteArray nonce = challenge.parameter("nonce");
    const QByteArray nc = QByteArray::number(nonceCount, 16).rightJustified(8, '0');
    QByteArray ha1 = h(user.toUtf8() + ':' + realm + ':' + password.toUtf8());
    if (session)
        ha1 = h(ha1 + ':' + nonce + ':' + cnonce);
    const QByteArray ha2 = h(method + ':' + uri);
    const QByteArray response =
        qopAuth ? h(ha1 + ':' + nonce + ':' + nc + ':' + cnonce + ":auth:" + ha2)
                : h(ha1 + ':' + nonce + ':' + ha2);
    QByteArray value = "Digest username=\"" + user.toUtf8() + "\", realm=\"" + realm +
                       "\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", algorithm=" + algorithm +
                       ", response=\"" + response + '"';
    if (qopAuth)
        value += ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + '"';
    if (!challenge.parameter("opaque").isEmpty())
        value += ", opaque=\"" + challenge.parameter("opaque") + '"';
    return value;
}

const HttpAuthChallenge *AuthResponder::pick(const QList<HttpAuthChallenge> &challenges)
{
    for (const char *scheme : {"digest", "basic"}) {
        if (const HttpAuthChallenge *challenge = find(challenges, scheme))
            return challenge;
    }
    return nullptr;
}

const HttpAuthChallenge *AuthResponder::find(const QList<HttpAuthChallenge> &challenges,
                                             const QByteArray &scheme)
{
    for (const HttpAuthChallenge &challenge : challenges) {
        if (challenge.scheme == scheme)
            return &challenge;
    }
    return nullptr;
}

QString AuthResponder::schemeMismatch(const QList<HttpAuthChallenge> &challenges,
                                      const QByteArray &credentialScheme, bool fromUrl)
{
    QStringList asked;
    for (const HttpAuthChallenge &challenge : challenges) {
        if (!asked.contains(schemeName(challenge.scheme)))
            asked.append(schemeName(challenge.scheme));
    }
    const QString credentials =
        fromUrl ? QStringLiteral("the credentials in the URL are for "
                                 "Basic (curl's rule)")
                : QStringLiteral("the credentials are for %1").arg(schemeName(credentialScheme));
    const QString why =
        credentialScheme == "digest"
            ? QStringLiteral("they are never sent another way, which could give the password "
                             "away; if this server should get Basic, write \"Authorization: "
                             "Basic user password\" instead")
            : QStringLiteral("they answer Basic only; to answer Digest, write \"Authorization: "
                             "Digest user password\" instead");
    return QStringLiteral("Authentication failed: the server asks for %1 authentication, but %2: "
                          "%3")
        .arg(asked.join(QStringLiteral(" or ")), credentials, why);
}

QString AuthResponder::unsupportedReason(const QList<HttpAuthChallenge> &challenges)
{
    if (challenges.isEmpty() || pick(challenges))
        return {};
    QStringList names;
    for (const HttpAuthChallenge &challenge : challenges)
        names.append(QString::fromLatin1(challenge.scheme).toUpper());
    return QStringLiteral("the server asks for %1 authentication, which Microrequests does not "
                          "support; use Basic, Digest or a bearer token")
        .arg(names.join(QStringLiteral(" or ")));
}

} // namespace mr
