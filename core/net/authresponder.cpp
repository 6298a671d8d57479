#include "authresponder.h"

#include <QCryptographicHash>

namespace mr {

QByteArray AuthResponder::basic(const QString &user, const QString &password)
{
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

QByteArray AuthResponder::digest(const HttpAuthChallenge &challenge, const QString &user,
                                 const QString &password, const QByteArray &method,
                                 const QByteArray &uri, const QByteArray &cnonce, int nonceCount)
{
    QByteArray algorithm = challenge.parameter("algorithm");
    if (algorithm.isEmpty())
        algorithm = "MD5";
    const QByteArray upper = algorithm.toUpper();
    const bool session = upper.endsWith("-SESS");
    const QByteArray base = session ? upper.left(upper.size() - 5) : upper;
    QCryptographicHash::Algorithm hash;
    if (base == "MD5")
        hash = QCryptographicHash::Md5;
    else if (base == "SHA-256")
        hash = QCryptographicHash::Sha256;
    else
        return {};
    const auto h = [hash](const QByteArray &data) {
        return QCryptographicHash::hash(data, hash).toHex();
    };
    const QList<QByteArray> qops = challenge.parameter("qop").split(',');
    bool qopAuth = false;
    for (const QByteArray &q : qops)
        qopAuth = qopAuth || q.trimmed() == "auth";
    if (!challenge.parameter("qop").isEmpty() && !qopAuth)
        return {}; // only auth-int offered
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
        for (const HttpAuthChallenge &challenge : challenges) {
            if (challenge.scheme == scheme)
                return &challenge;
        }
    }
    return nullptr;
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
