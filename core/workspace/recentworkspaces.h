#pragma once

#include <QString>
#include <QStringList>

class QSettings;

namespace mr {

// The workspaces a user opened, newest first, kept in the user's settings (QSettings) so
// File ▸ Open Recent survives restarts. Folders that no longer exist are dropped on read.
class RecentWorkspaces
{
public:
    static constexpr int Limit = 10;

    explicit RecentWorkspaces(QSettings *settings);

    QStringList folders() const;
    void add(const QString &folder);
    void remove(const QString &folder);
    void clear();

private:
    void store(const QStringList &folders);

    QSettings *m_settings;
};

} // namespace mr
