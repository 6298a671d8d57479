#pragma once

#include <QNetworkCookieJar>
#include <QTimer>

namespace mr {

// The client's cookie jar, open to the cookie manager (list, add, edit, delete) and kept in a
// file of its own per workspace (in the user's data folder, never in the workspace folder,
// which lives in git). Session cookies are kept too, as API clients do: a login stays until
// the user deletes it or it expires.
class CookieJar : public QNetworkCookieJar
{
    Q_OBJECT
public:
    explicit CookieJar(QObject *parent = nullptr);
    ~CookieJar() override;

    // Every cookie, expired ones left out.
    QList<QNetworkCookie> cookies() const;
    // Adds a cookie or replaces the one with its name, domain and path; false when the cookie
    // has no name or no domain.
    bool store(const QNetworkCookie &cookie);
    bool remove(const QNetworkCookie &cookie);
    void clear();

    bool setCookiesFromUrl(const QList<QNetworkCookie> &cookieList, const QUrl &url) override;

    // Where this workspace's cookies are kept under the user's data folder.
    static QString fileFor(const QString &dataFolder, const QString &workspaceRoot);
    // Saves the cookies of the previous file, then holds the cookies of `path` (none when it
    // does not exist yet). Changes are saved there, shortly after they happen. An unreadable
    // file is moved aside and *message says so; the jar starts empty. Empty: no file.
    void setFile(const QString &path, QString *message = nullptr);
    QString file() const { return m_file; }
    // Writes the cookies now (atomically); false with *error when the file cannot be written.
    bool save(QString *error = nullptr);

Q_SIGNALS:
    void changed();

private:
    void touch();

    QString m_file;
    QTimer m_saveTimer;
};

} // namespace mr
