#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace mr {

// Notices when other programs (git pull, an editor) change a workspace: any .http/.rest file,
// environment file or folder under its root. Bursts of changes come out as one changed().
class WorkspaceWatcher : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceWatcher(QObject *parent = nullptr);

    void watch(const QString &rootFolder);
    QString root() const { return m_root; }

Q_SIGNALS:
    void changed();

private:
    void rescan();

    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QString m_root;
};

} // namespace mr
