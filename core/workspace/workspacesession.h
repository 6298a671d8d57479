#pragma once

#include "requestdefinition.h"
#include "settings/layeredsettings.h"
#include "settings/trustedworkspaces.h"
#include "workspaceeditor.h"
#include "workspacetrust.h"
#include "workspacewatcher.h"

#include <QObject>
#include <QString>

#include <functional>

namespace mr {

class HttpClient;
class Workspace;
class WorkspaceModel;

// The open workspace of a window: opening a folder (or a .http file's workspace), keeping the
// model in step with the disk, applying microrequests.json to the client, keeping secrets out
// of git, and saving edited requests back into their files. What the workspace's files would
// change about trust (WorkspaceTrust: proxy, CA, fingerprints, client certificates,
// verification off) applies only once the user trusted that content of that folder.
class WorkspaceSession : public QObject
{
    Q_OBJECT
public:
    WorkspaceSession(WorkspaceModel *model, HttpClient *client, QObject *parent = nullptr);

    // Opens a workspace folder, or the workspace of a .http file; false with *error when the
    // path is not there (the open workspace stays).
    bool open(const QString &path, QString *error);
    // Reads the workspace again from disk.
    void reload();
    // Writes an edited request into its file (atomically, through HttpFileWriter) and reloads.
    // `original` is the request as the editor opened it: when the file no longer holds it at
    // that place (another program changed or moved it), nothing is written and *error says
    // so — an edit never lands on another request. False too when the file does not parse.
    // *savedAt: where it is now (requests added or removed above it move it).
    bool saveRequest(const QString &filePath, int requestIndex, const RequestDefinition &original,
                     const RequestDefinition &edited, int *savedAt, QString *error);

    // The user's defaults for the client (UserSettings); the open workspace's
    // microrequests.json still wins key by key. Applied to the client at once.
    void setUserSettings(const QVariantMap &values);
    // The layers applied: the workspace's without what changes trust while it is not trusted.
    const LayeredSettings &settings() const { return m_settings; }

    // Where the answers to "trust this workspace?" are kept (the user's settings); without
    // it, for as long as this session lasts.
    void setTrustSettings(QSettings *settings) { m_answers.setSettings(settings); }
    // What the open workspace's files would change about trust (empty: nothing to decide).
    const WorkspaceTrust &trust() const { return m_trust; }
    // True when those changes apply: the user trusts what the files hold now, or they hold
    // nothing that changes trust.
    bool isTrusted() const { return m_trusted; }
    // No answer for what the files hold now: never asked, or changed since they were trusted.
    bool isTrustUndecided() const { return m_undecided; }
    // The user's answer, remembered for the folder and what its files hold now; applied at once.
    void setTrusted(bool trusted);
    // The environment requests are sent in: its SSLConfiguration applies in a trusted workspace.
    void setEnvironment(const QString &name);
    // Reads the workspace again after the window itself wrote its files (the environment
    // editor): the user's own edit, so a trusted workspace stays trusted with what it holds now.
    void reloadAfterOwnEdit();
    // Adds a request at the end of a .http file of the workspace (creating the file when it is
    // not there yet) and reloads. When the file already has a request of that name, the new
    // one is named "name (2)" (then 3…), so names still say which request is which.
    // *savedAt: its index in the file. False with *error when the file does not parse, changed
    // on disk, or is outside the workspace.
    bool appendRequest(const QString &filePath, const RequestDefinition &request, int *savedAt,
                       QString *error);
    // Runs a tree edit (create, rename, move, delete…) on the workspace as loaded; when it
    // changed anything on disk, relocated() says where things went, then the tree reloads.
    // False with *error (which file, what to do) when the edit was refused or failed.
    using Edit = std::function<bool(WorkspaceEditor &editor, QString *error)>;
    bool edit(const Edit &operation, QString *error);

    QString root() const;
    // The .http file open() was given, empty when it was given a folder.
    QString focusFile() const { return m_focusFile; }
    WorkspaceModel *model() const { return m_model; }

Q_SIGNALS:
    void opened(const QString &root);
    void reloaded();
    // Before the reload that follows a tree edit: where requests, files and folders went.
    void relocated(const QList<mr::WorkspaceEditor::Relocation> &relocations);
    // Something the user should know that is not an error: "added … to .gitignore".
    void message(const QString &text);
    // The trust state changed (another workspace, files that changed, an answer): see
    // isTrusted() and isTrustUndecided().
    void trustChanged();

private:
    void load(const QString &root);
    void protectSecrets(const QString &root);
    // Puts a workspace as read into the model and applies its settings to the client.
    void show(const Workspace &workspace);
    // The user's settings and the workspace's (what trust allows) to the client, with the
    // environment's SSLConfiguration in a trusted workspace.
    void applySettings();

    WorkspaceModel *m_model;
    HttpClient *m_client;
    WorkspaceWatcher m_watcher;
    LayeredSettings m_settings;
    TrustedWorkspaces m_answers;
    WorkspaceTrust m_trust;
    QString m_trustRoot; // the folder m_trust was collected from
    bool m_trusted = true;
    bool m_undecided = false;
    QString m_environment;
    QString m_focusFile;
    QByteArray m_fingerprint; // of what the model shows, to skip reloads that change nothing
};

} // namespace mr
