#include "recentworkspaces.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace mr {

namespace {
const QString Key = QStringLiteral("workspaces/recent");

QString normalized(const QString &folder)
{
    const QFileInfo info(folder);
    const QString canonical = info.canonicalFilePath();
    return QDir::cleanPath(canonical.isEmpty() ? info.absoluteFilePath() : canonical);
}
} // namespace

RecentWorkspaces::RecentWorkspaces(QSettings *settings)
    : m_settings(settings)
{}

QStringList RecentWorkspaces::folders() const
{
    QStringList existing;
    const QStringList stored = m_settings->value(Key).toStringList();
    for (const QString &folder : stored) {
        if (QFileInfo(folder).isDir() && !existing.contains(folder))
            existing.append(folder);
    }
    return existing;
}

void RecentWorkspaces::add(const QString &folder)
{
    const QString path = normalized(folder);
    QStringList list = m_settings->value(Key).toStringList();
    list.removeAll(path);
    list.prepend(path);
    store(list);
}

void RecentWorkspaces::remove(const QString &folder)
{
    QStringList list = m_settings->value(Key).toStringList();
    list.removeAll(normalized(folder));
    list.removeAll(folder);
    store(list);
}

void RecentWorkspaces::clear()
{
    store({});
}

void RecentWorkspaces::store(const QStringList &folders)
{
    m_settings->setValue(Key, folders.mid(0, Limit));
    m_settings->sync();
}

} // namespace mr
