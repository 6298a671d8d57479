#include "workspacesession.h"

#include "environmentset.h"
#include "gitignore.h"
#include "httpfileparser.h"
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
    m_settings.setWorkspace(m_model->workspace().settings().values);
    if (m_client)
        m_settings.applyTo(*m_client);
}

void WorkspaceSession::setUserSettings(const QVariantMap &values)
{
    m_settings.setUser(values);
    if (m_client)
        m_settings.applyTo(*m_client);
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

bool WorkspaceSession::appendRequest(const QString &filePath, const RequestDefinition &request,
                                     int *savedAt, QString *error)
{
    const QString path = QDir::cleanPath(QFileInfo(filePath).absoluteFilePath());
    if (root().isEmpty() || !path.startsWith(QDir::cleanPath(root()) + QLatin1Char('/'))) {
        *error = tr("%1 is not in the open workspace; open its folder first.")
                     .arg(QDir::toNativeSeparators(filePath));
        return false;
    }
    HttpFile file;
    if (const HttpFile *loaded = m_model->workspace().file(path)) {
        file = *loaded;
    } else if (QFileInfo::exists(path)) {
        file = HttpFileParser::parseFile(path); // there, but not read yet (just written)
    } else {
        file.path = path; // a new file
    }
    RequestDefinition added = request;
    if (!added.name.isEmpty()) {
        const auto taken = [&file](const QString &name) {
            for (const RequestDefinition &existing : file.requests) {
                if (existing.name == name)
                    return true;
            }
            return false;
        };
        const QString base = added.name;
        for (int n = 2; taken(added.name); ++n)
            added.name = QStringLiteral("%1 (%2)").arg(base).arg(n);
    }
    const HttpFile updated = HttpFileWriter::appendRequest(file, added);
    if (!HttpFileWriter::save(updated, error))
        return false;
    *savedAt = int(updated.requests.size()) - 1;
    reload();
    return true;
}

} // namespace mr
