#include "demoauthroutes.h"

#include "http/httpauthchallenge.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace mr {

namespace {

constexpr qsizetype MaxNonces = 4096;
const QByteArray Realm = "microrequests-demo";

QJsonObject authenticated(const QString &key, const QString &value)
{
    return QJsonObject{{QStringLiteral("authenticated"), true}, {key, value}};
}

std::optional<QCryptographicHash::Algorithm> digestAlgorithm(const QString &name)
{
    if (name.compare(QLatin1String("MD5"), Qt::CaseInsensitive) == 0)
        return QCryptographicHash::Md5;
    if (name.compare(QLatin1String("SHA-256"), Qt::CaseInsensitive) == 0)
        return QCryptographicHash::Sha256;
    if (name.compare(QLatin1String("SHA-512"), Qt::CaseInsensitive) == 0)
        return QCryptographicHash::Sha512;
    return std::nullopt;
}

QByteArray hexHash(const QByteArray &data, QCryptographicHash::Algorithm algorithm)
{
    return QCryptographicHash::hash(data, algorithm).toHex();
}

} // namespace

std::optional<DemoResponse> DemoAuthRoutes::route(const DemoRequest &request,
                                                  const QStringList &segments,
                                                  const DemoRequestContext &context)
{
    Q_UNUSED(context)
    const QString first = segments.value(0);
    if (first == QLatin1String("basic-auth"))
        return basic(request, segments, false);
    if (first == QLatin1String("hidden-basic-auth"))
        return basic(request, segments, true);
    if (first == QLatin1String("bearer") && segments.size() == 1)
        return bearer(request);
    if (first == QLatin1String("digest-auth"))
        return digest(request, segments);
    return std::nullopt;
}

DemoResponse DemoAuthRoutes::basic(const DemoRequest &request, const QStringList &segments,
                                   bool hidden)
{
    if (segments.size() != 3)
        return DemoResponse::error(400,
                                   QStringLiteral("use /%1/{user}/{password}").arg(segments[0]));
    const QByteArray header = request.headers.value("Authorization");
    const QByteArray expected = (segments[1] + QLatin1Char(':') + segments[2]).toUtf8().toBase64();
    if (header.startsWith("Basic ") && header.mid(6).trimmed() == expected)
        return DemoResponse::json(authenticated(QStringLiteral("user"), segments[1]));
    if (hidden)
        return DemoResponse::error(404, QStringLiteral("not found"));
    DemoResponse r =
        DemoResponse::error(401, QStringLiteral("send Basic credentials for %1").arg(segments[1]));
    r.headers.append("WWW-Authenticate", R"(Basic realm="Fake Realm")");
    return r;
}

DemoResponse DemoAuthRoutes::bearer(const DemoRequest &request)
{
    const QByteArray header = request.headers.value("Authorization");
    if (header.startsWith("Bearer ") && !header.mid(7).trimmed().isEmpty())
        return DemoResponse::json(
            authenticated(QStringLiteral("token"), QString::fromUtf8(header.mid(7).trimmed())));
    DemoResponse r = DemoResponse::error(401, QStringLiteral("send Authorization: Bearer <token>"));
    r.headers.append("WWW-Authenticate", "Bearer");
    return r;
}

QByteArray DemoAuthRoutes::newNonce()
{
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
    nonce = nonce.toHex();
    m_nonces.insert(nonce);
    m_nonceOrder.append(nonce);
    if (m_nonceOrder.size() > MaxNonces)
        m_nonces.remove(m_nonceOrder.takeFirst());
    return nonce;
}

DemoResponse DemoAuthRoutes::digest(const DemoRequest &request, const QStringList &segments)
{
    if (segments.size() < 4 || segments.size() > 5)
        return DemoResponse::error(
            400, QStringLiteral("use /digest-auth/{qop}/{user}/{password}[/{algorithm}]"));
    const QString qop = segments[1];
    if (qop != QLatin1String("auth") && qop != QLatin1String("auth-int"))
        return DemoResponse::error(400, QStringLiteral("qop must be auth or auth-int"));
    const QString algorithmName = segments.value(4, QStringLiteral("MD5"));
    const auto algorithm = digestAlgorithm(algorithmName);
    if (!algorithm)
        return DemoResponse::error(400,
                                   QStringLiteral("algorithm must be MD5, SHA-256 or SHA-512"));
    if (m_opaque.isEmpty())
        m_opaque = QByteArray::number(QRandomGenerator::global()->generate64(), 16);

    const QByteArray header = request.headers.value("Authorization");
    if (header.startsWith("Digest ")) {
        const auto p = HttpAuthChallenge::parseParameters(header.mid(7));
        const QByteArray user = segments[2].toUtf8();
        const QByteArray password = segments[3].toUtf8();
        const QByteArray ha1 = hexHash(user + ':' + Realm + ':' + password, *algorithm);
        QByteArray a2 = request.method + ':' + p.value("uri");
        if (qop == QLatin1String("auth-int"))
            a2 += ':' + hexHash(request.body, *algorithm);
        const QByteArray ha2 = hexHash(a2, *algorithm);
        const QByteArray expected =
            hexHash(ha1 + ':' + p.value("nonce") + ':' + p.value("nc") + ':' + p.value("cnonce") +
                        ':' + p.value("qop") + ':' + ha2,
                    *algorithm);
        const bool ok = p.value("username") == user && p.value("realm") == Realm &&
                        m_nonces.contains(p.value("nonce")) && p.value("qop") == qop.toUtf8() &&
                        p.value("uri") == request.target && p.value("response") == expected;
        if (ok)
            return DemoResponse::json(authenticated(QStringLiteral("user"), segments[2]));
    }
    DemoResponse r = DemoResponse::error(401, QStringLiteral("answer the Digest challenge"));
    r.headers.append("WWW-Authenticate", "Digest realm=\"" + Realm + "\", qop=\"" + qop.toUtf8() +
                                             "\", nonce=\"" + newNonce() + "\", opaque=\"" +
                                             m_opaque + "\", algorithm=" + algorithmName.toUtf8() +
                                             ", stale=FALSE");
    return r;
}

} // namespace mr
