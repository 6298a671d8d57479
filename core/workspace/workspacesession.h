#pragma once

#include "requestdefinition.h"
#include "settings/layeredsettings.h"
#include "workspaceeditor.h"
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
// of git, and saving edited requests back into their files.
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
    const LayeredSettings &settings() const { return m_settings; }
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

private:
    void load(const QString &root);
    void protectSecrets(const QString &root);
    // Puts a workspace as read into the model and applies its settings to the client.
    void show(const Workspace &workspace);

    WorkspaceModel *m_model;
    HttpClient *m_client;
    WorkspaceWatcher m_watcher;
    LayeredSettings m_settings;
    QString m_focusFile;
    QByteArray m_fingerprint; // of what the model shows, to skip reloads that change nothing
};

} // namespace mr
