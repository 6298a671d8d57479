#include "workspacewatcher.h"

#include <QDir>
#include <QDirIterator>

namespace mr {

WorkspaceWatcher::WorkspaceWatcher(QObject *parent)
    : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(150); // a git checkout writes many files: one reload
    connect(&m_settle, &QTimer::timeout, this, [this] {
        rescan(); // new files and folders get watched too
        Q_EMIT changed();
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_settle.start(); });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_settle.start(); });
}

void WorkspaceWatcher::watch(const QString &rootFolder)
{
    m_root = QDir(rootFolder).absolutePath();
    rescan();
}

void WorkspaceWatcher::rescan()
{
    const QStringList old = m_watcher.files() + m_watcher.directories();
    if (!old.isEmpty())
        m_watcher.removePaths(old);
    if (m_root.isEmpty())
        return;
    QStringList paths{m_root};
    QDirIterator it(m_root, QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(m_root).relativeFilePath(path);
        if (relative.startsWith(QLatin1Char('.')) || relative.contains(QLatin1String("/.")) ||
            relative.contains(QLatin1String("node_modules")))
            continue;
        const QFileInfo info = it.fileInfo();
        const QString suffix = info.suffix().toLower();
        if (info.isDir() || suffix == QLatin1String("http") || suffix == QLatin1String("rest") ||
            info.fileName().startsWith(QLatin1String("http-client.")) ||
            info.fileName() == QLatin1String("microrequests.json"))
            paths.append(path);
    }
    m_watcher.addPaths(paths);
}

} // namespace mr
