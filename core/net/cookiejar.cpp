#include "cookiejar.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookie>
#include <QSaveFile>

namespace mr {

CookieJar::CookieJar(QObject *parent)
    : QNetworkCookieJar(parent)
{
    // Bursts of Set-Cookie (a login's redirects) make one write.
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(300);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] { save(); });
}

CookieJar::~CookieJar()
{
    if (m_saveTimer.isActive())
        save();
}

QList<QNetworkCookie> CookieJar::cookies() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QNetworkCookie> live;
    for (const QNetworkCookie &cookie : allCookies()) {
        if (cookie.isSessionCookie() || cookie.expirationDate() > now)
            live.append(cookie);
    }
    return live;
}

bool CookieJar::store(const QNetworkCookie &cookie)
{
    if (cookie.name().isEmpty() || cookie.domain().isEmpty())
        return false;
    QNetworkCookie normalized = cookie;
    if (normalized.path().isEmpty())
        normalized.setPath(QStringLiteral("/"));
    if (!updateCookie(normalized) && !insertCookie(normalized))
        return false;
    touch();
    return true;
}

bool CookieJar::remove(const QNetworkCookie &cookie)
{
    if (!deleteCookie(cookie))
        return false;
    touch();
    return true;
}

void CookieJar::clear()
{
    if (allCookies().isEmpty())
        return;
    setAllCookies({});
    touch();
}

bool CookieJar::setCookiesFromUrl(const QList<QNetworkCookie> &cookieList, const QUrl &url)
{
    const bool added = QNetworkCookieJar::setCookiesFromUrl(cookieList, url);
    if (added)
        touch();
    return added;
}

QString CookieJar::fileFor(const QString &dataFolder, const QString &workspaceRoot)
{
    const QString canonical = QFileInfo(workspaceRoot).canonicalFilePath();
    const QByteArray key =
        QCryptographicHash::hash((canonical.isEmpty() ? workspaceRoot : canonical).toUtf8(),
                                 QCryptographicHash::Sha256)
            .toHex()
            .left(16);
    return QDir(dataFolder).filePath(QStringLiteral("cookies/%1.json").arg(QLatin1String(key)));
}

void CookieJar::setFile(const QString &path, QString *message)
{
    if (m_saveTimer.isActive())
        save();
    m_saveTimer.stop();
    m_file = path;
    setAllCookies({});
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.exists())
        return;
    QJsonParseError error{};
    const QJsonDocument document = file.open(QIODevice::ReadOnly)
                                       ? QJsonDocument::fromJson(file.readAll(), &error)
                                       : QJsonDocument();
    file.close();
    if (!document.isObject() || !document.object().value(QStringLiteral("cookies")).isArray()) {
        const QString aside =
            path + QStringLiteral(".unreadable-") +
            QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
        QFile::rename(path, aside);
        if (message)
            *message = tr("The saved cookies could not be read; they were moved to %1 and "
                          "the jar starts empty.")
                           .arg(QDir::toNativeSeparators(aside));
        return;
    }
    QList<QNetworkCookie> loaded;
    for (const QJsonValue &raw : document.object().value(QStringLiteral("cookies")).toArray())
        loaded += QNetworkCookie::parseCookies(raw.toString().toUtf8());
    setAllCookies(loaded);
}

bool CookieJar::save(QString *error)
{
    m_saveTimer.stop();
    if (m_file.isEmpty())
        return true;
    QJsonArray raw;
    for (const QNetworkCookie &cookie : cookies())
        raw.append(QString::fromUtf8(cookie.toRawForm(QNetworkCookie::Full)));
    // In the user's data folder: its folder too is the user's only.
    const QString folder = QFileInfo(m_file).absolutePath();
    if (QDir().mkpath(folder))
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner);
    QSaveFile file(m_file);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(
        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("cookies"), raw}})
            .toJson());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void CookieJar::touch()
{
    Q_EMIT changed();
    if (!m_file.isEmpty())
        m_saveTimer.start();
}

} // namespace mr
