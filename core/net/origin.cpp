#include "origin.h"

#include <QHostAddress>

namespace mr {

Origin Origin::fromUrl(const QUrl &url)
{
    Origin origin;
    origin.scheme = url.scheme().toLower();
    origin.host = url.host().toLower();
    origin.port = quint16(url.port(origin.scheme == QLatin1String("https") ? 443 : 80));
    return origin;
}

static QString bracketed(const QString &host)
{
    return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

QString Origin::toString() const
{
    const QString hostPort = bracketed(host) + QLatin1Char(':') + QString::number(port);
    return isTls() ? QStringLiteral("https://") + hostPort : hostPort;
}

QByteArray Origin::hostHeader() const
{
    const bool defaultPort = (isTls() && port == 443) || (!isTls() && port == 80);
    const bool literal = !QHostAddress(host).isNull();
    const QByteArray name = literal ? bracketed(host).toLatin1() : QUrl::toAce(host);
    return defaultPort ? name : name + ':' + QByteArray::number(port);
}

} // namespace mr
