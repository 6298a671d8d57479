#include "workspacesession.h"

#include "environmentset.h"
#include "gitignore.h"
#include "httpfileparser.h"
#include "httpfilewriter.h"
#include "net/httpclient.h"
#include "owneronly.h"
#include "workspace.h"
#include "workspacemodel.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <utility>

namespace mr {

namespace {

// What the workspace was read from: its request files' bytes, its empty folders and its
// environment and settings files.
QByteArray fingerprint(const Workspace &workspace)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const auto add = [&hash](const QByteArray &bytes) {
        hash.addData(QByteArray::number(bytes.size()) + ':');
        hash.addData(bytes);
    };
    for (const HttpFile &file : workspace.files()) {
        add(file.path.toUtf8());
        add(file.loadedBytes);
    }
    for (const QString &folder : workspace.folders())
        add(folder.toUtf8());
    for (const char *name : {EnvironmentSet::PublicFileName, EnvironmentSet::PrivateFileName,
                             WorkspaceSettings::FileName}) {
        QFile file(QDir(workspace.root()).filePath(QLatin1String(name)));
        add(file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(none)"));
    }
    return hash.result();
}

} // namespace

WorkspaceSession::WorkspaceSession(WorkspaceModel *model, HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_client(client)
{
    // Files changed by other programs (git pull, an editor) are read again.
    // Our own saves and tree edits come back from the watcher too: those change nothing, and
    // must not reset the tree (a name being typed in it would be lost).
    connect(&m_watcher, &WorkspaceWatcher::changed, this, [this] {
        if (root().isEmpty())
            return;
        // Read once: the same reading decides and, when it differs, is what the model shows.
        const QString folder = root();
        Workspace read = Workspace::load(folder);
        if (fingerprint(read) == m_fingerprint)
            return;
        protectSecrets(folder);
        show(read);
        Q_EMIT reloaded();
    });
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
    protectSecrets(root);
    show(Workspace::load(root));
}

void WorkspaceSession::protectSecrets(const QString &root)
{
    // Secrets are the user's only, though an older version wrote them readable by everyone.
    OwnerOnly::tighten(QDir(root).filePath(QLatin1String(EnvironmentSet::PrivateFileName)));
    // Secrets stay out of git: the workspace's .gitignore lists the private environment file.
    bool changed = false;
    QString error;
    if (!GitIgnore::protectSecrets(root, &changed, &error))
        Q_EMIT message(error);
    else if (changed)
        Q_EMIT message(tr("Added %1 to %2/.gitignore")
                           .arg(QString::fromLatin1(EnvironmentSet::PrivateFileName),
                                QDir::toNativeSeparators(root)));
}

void WorkspaceSession::show(const Workspace &workspace)
{
    m_fingerprint = fingerprint(workspace);
    m_model->setWorkspace(workspace);
    const bool wasTrusted = m_trusted;
    const bool wasUndecided = m_undecided;
    const QByteArray before = m_trust.digest();
    const QString beforeRoot = std::exchange(m_trustRoot, root());
    m_trust = WorkspaceTrust::collect(m_model->workspace());
    const TrustedWorkspaces::Answer answer = m_trust.isEmpty()
                                                 ? TrustedWorkspaces::Answer::Trusted
                                                 : m_answers.answer(root(), m_trust.digest());
    m_trusted = answer == TrustedWorkspaces::Answer::Trusted;
    m_undecided = answer == TrustedWorkspaces::Answer::None;
    applySettings();
    if (m_trusted != wasTrusted || m_undecided != wasUndecided || m_trust.digest() != before ||
        m_trustRoot != beforeRoot)
        Q_EMIT trustChanged();
}

void WorkspaceSession::applySettings()
{
    if (m_trusted && !m_trust.isEmpty()) {
        // The CA and key files are read again below: one rewritten since trust was given
        // (a pull the file watcher does not see) is a new question, not silently applied.
        const WorkspaceTrust now = WorkspaceTrust::collect(m_model->workspace());
        if (now.digest() != m_trust.digest()) {
            m_trust = now;
            const TrustedWorkspaces::Answer answer = m_answers.answer(root(), m_trust.digest());
            m_trusted = answer == TrustedWorkspaces::Answer::Trusted;
            m_undecided = answer == TrustedWorkspaces::Answer::None;
            Q_EMIT trustChanged();
        }
    }
    const QVariantMap &values = m_model->workspace().settings().values;
    m_settings.setWorkspace(m_trusted ? values : WorkspaceTrust::withoutTrustChanges(values));
    if (!m_client)
        return;
    m_settings.applyTo(*m_client);
    if (m_trusted) {
        TlsSettings tls = m_client->tlsSettings();
        m_model->workspace().environments().tls(m_environment).applyTo(&tls);
        m_client->setTlsSettings(tls);
    }
}

void WorkspaceSession::setUserSettings(const QVariantMap &values)
{
    m_settings.setUser(values);
    applySettings();
}

void WorkspaceSession::setTrusted(bool trusted)
{
    if (root().isEmpty() || m_trust.isEmpty())
        return;
    m_answers.remember(root(), m_trust.digest(), trusted);
    m_trusted = trusted;
    m_undecided = false;
    applySettings();
    Q_EMIT trustChanged();
}

void WorkspaceSession::setEnvironment(const QString &name)
{
    if (name == m_environment)
        return;
    m_environment = name;
    applySettings();
}

void WorkspaceSession::reloadAfterOwnEdit()
{
    if (root().isEmpty())
        return;
    const QString folder = root();
    const Workspace read = Workspace::load(folder);
    const WorkspaceTrust after = WorkspaceTrust::collect(read);
    // The editor writes the environment files only: what changed elsewhere at the same time
    // (a pull of microrequests.json, a CA file) is not the user's edit and is asked about.
    const QString settingsFile = QLatin1String(WorkspaceSettings::FileName);
    const bool onlyOwnFilesChanged =
        after.inFile(settingsFile).digest() == m_trust.inFile(settingsFile).digest();
    if (m_trusted && !after.isEmpty() && onlyOwnFilesChanged)
        m_answers.remember(folder, after.digest(), true);
    protectSecrets(folder);
    show(read);
    Q_EMIT reloaded();
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
