#include "workspacesession.h"

#include "environmentset.h"
#include "gitignore.h"
#include "httpfilewriter.h"
#include "workspace.h"
#include "workspacemodel.h"

#include <QDir>
#include <QFileInfo>

namespace mr {

WorkspaceSession::WorkspaceSession(WorkspaceModel *model, HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_client(client)
{
    // Files changed by other programs (git pull, an editor) are read again.
    connect(&m_watcher, &WorkspaceWatcher::changed, this, &WorkspaceSession::reload);
    // Names edited in the tree and items dropped on it are written through edit().
    m_model->setEditRunner(
        [this](const Edit &operation, QString *error) { return edit(operation, error); });
}

QString WorkspaceSession::root() const
{
    return m_model->workspace().root();
}

bool WorkspaceSession::open(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = tr("%1: no such file or folder").arg(QDir::toNativeSeparators(path));
        return false;
    }
    // A file opens in its workspace, so that its environments are there.
    const QString root =
        info.isDir() ? info.absoluteFilePath() : Workspace::rootFor(info.absoluteFilePath());
    m_focusFile = info.isDir() ? QString() : info.absoluteFilePath();
    load(QDir::cleanPath(root));
    m_watcher.watch(root);
    Q_EMIT opened(root);
    return true;
}

void WorkspaceSession::reload()
{
    if (root().isEmpty())
        return;
    load(root());
    Q_EMIT reloaded();
}

void WorkspaceSession::load(const QString &root)
{
    // Secrets stay out of git: the workspace's .gitignore lists the private environment file.
    bool changed = false;
    QString error;
    if (!GitIgnore::protectSecrets(root, &changed, &error))
        Q_EMIT message(error);
    else if (changed)
        Q_EMIT message(tr("Added %1 to %2/.gitignore")
                           .arg(QString::fromLatin1(EnvironmentSet::PrivateFileName),
                                QDir::toNativeSeparators(root)));
    m_model->setWorkspace(Workspace::load(root));
    if (m_client)
        m_model->workspace().settings().applyTo(*m_client);
}

bool WorkspaceSession::saveRequest(const QString &filePath, int requestIndex,
                                   const RequestDefinition &original,
                                   const RequestDefinition &edited, int *savedAt, QString *error)
{
    const HttpFile *file = m_model->workspace().file(filePath);
    if (file)
        requestIndex = file->locate(original, requestIndex);
    if (!file || requestIndex < 0) {
        *error = tr("%1 was changed on disk and no longer holds this request as you opened "
                    "it; your edits are still in the tab — copy them, then reopen the request.")
                     .arg(QDir::toNativeSeparators(filePath));
        return false;
    }
    *savedAt = requestIndex;
    const HttpFile updated = HttpFileWriter::replaceRequest(*file, requestIndex, edited);
    if (!HttpFileWriter::save(updated, error))
        return false;
    reload();
    return true;
}

bool WorkspaceSession::edit(const Edit &operation, QString *error)
{
    if (root().isEmpty()) {
        *error = tr("Open a workspace first");
        return false;
    }
    WorkspaceEditor editor(m_model->workspace());
    const bool done = operation(editor, error);
    // Even a failed edit may have written one file (a move's destination): read it again.
    if (!editor.relocations().isEmpty()) {
        Q_EMIT relocated(editor.relocations());
        reload();
    }
    return done;
}

} // namespace mr
