#include "tlssettings.h"

#include "origin.h"

#include <QUrl>

namespace mr {

QString TlsSettings::httpsOrigin(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0 ||
        url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment() ||
        (!url.path().isEmpty() && url.path() != QLatin1String("/")))
        return {};
    return Origin::fromUrl(url).toString();
}

QByteArray TlsSettings::sha256Fingerprint(const QString &text)
{
    const QString hex = text.trimmed().remove(QLatin1Char(':'));
    if (hex.size() != 64)
        return {};
    for (const QChar c : hex) {
        const char16_t u = c.toLower().unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return {};
    }
    return QByteArray::fromHex(hex.toLatin1());
}

} // namespace mr
