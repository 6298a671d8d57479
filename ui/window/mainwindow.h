#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

#include <functional>

#include "runner/requestsender.h"
#include "workspace/draftstore.h"
#include "workspace/namedresponses.h"
#include "workspace/requestresolver.h"
#include "workspace/variableexpander.h"
#include "workspace/workspaceeditor.h"

class QComboBox;
class QDockWidget;
class QMenu;
class QSettings;
class QSplitter;
class QTabWidget;
class QTimer;

namespace mr {

class ConnectionLog;
class ConnectionsView;
class CookieManagerDialog;
class DraftBar;
class EnvironmentDialog;
class HintBar;
class SettingsDialog;
class HistoryPanel;
class HistoryStore;
class QuickOpenDialog;
class WorkspaceTreeActions;
class HttpClient;
class RequestEditor;
class RequestTab;
class ResponseView;
class SecretRedactor;
class WorkspaceModel;
class WorkspacePanel;
class WorkspaceSession;
class WorkspaceTrustBar;
class WorkspaceTrustDialog;
struct Exchange;

// The main window: the workspace tree on the left, open requests in tabs on the right (each
// its editor beside its response). Sending goes through core (RequestSender: RequestResolver,
// then HttpClient); saving through WorkspaceSession.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // The answer to "save the edits of …?" when a tab with edits closes.
    enum class CloseAnswer { Save, Discard, Cancel };
    using CloseQuestion = std::function<CloseAnswer(const QString &what)>;

    MainWindow(HttpClient *client, WorkspaceSession *session, QSettings *settings,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Variables that win over the environment's (the embedded demo service's baseUrl).
    void setOverrides(const QHash<QString, QString> &overrides) { m_overrides = overrides; }
    // Refreshes the environment picker from the model's workspace and selects `preferred`.
    void refreshEnvironments(const QString &preferred);
    QString currentEnvironment() const;
    // Opens the environment editor on the workspace (window-modal, without blocking) and
    // returns it; after a save the picker keeps its environment (renamed, if it was).
    EnvironmentDialog *showEnvironmentDialog();
    // The cookie manager on the client's jar (not modal); the same one while it is open.
    CookieManagerDialog *showCookieManager();
    // The settings dialog (window-modal, without blocking); accepting it saves the user's
    // settings and applies them to the client at once.
    SettingsDialog *showSettingsDialog();
    // Opens a request of the tree in a tab (or shows the tab it is open in).
    void openRequest(const QModelIndex &sourceIndex);
    // Opens a workspace folder (or a .http file's workspace), closing the open tabs first
    // (asking about edits); false when the user kept them or the path is not there.
    bool openWorkspace(const QString &path);

    // Copies the demo workspace into the data folder where it is not there yet, and opens it.
    bool openDemoWorkspace();
    // A hint above the tabs (what to try on the first start) until the user closes it.
    void showHint(const QString &text);
    HintBar *hintBar() const { return m_hintBar; }

    void send();
    void cancel();
    // Writes the current tab's request into its .http file; false (and a message) on failure.
    bool save();
    // Closes a tab, asking first when it has edits; false when the user kept it.
    bool closeTab(int index);

    // Imports another tool's collection (or curl commands) into the open workspace; returns
    // a summary with what was not carried over, or *error when nothing was written.
    QString importFile(const QString &path, QString *error);
    // The open workspace as a Postman v2.1 collection at `path` (atomically), with the current
    // environment's public values; a summary, or *error when nothing was written.
    QString exportPostman(const QString &path, QString *error);
    // The open request as a curl command, also put on the clipboard.
    QString copyAsCurl();
    // Reads a curl command into the open request; false (and a status message) when it is not one.
    bool pasteCurl(const QString &command);

    // Where unsaved edits are kept so they survive a crash (the app passes its
    // AppDataLocation): <folder>/drafts/<hash of the workspace>.json. Without it, none are.
    void setDataFolder(const QString &folder);
    // The drafts file of the open workspace; empty without a data folder or workspace.
    QString draftsPath() const;
    // Writes the open tabs' unsaved edits now (edits schedule this on their own).
    void writeDrafts();
    // The bar offering back the edits kept from last time (hidden when there are none).
    DraftBar *draftBar() const { return m_draftBar; }
    // "Trust this workspace?" (window-modal, without blocking), listing what the open
    // workspace's files would change; shown by itself when there is no answer for them yet.
    // nullptr when they change nothing about trust.
    WorkspaceTrustDialog *showTrustDialog();
    WorkspaceTrustDialog *trustDialog() const;
    // The bar shown while the open workspace is not trusted, with "Review…".
    WorkspaceTrustBar *trustBar() const { return m_trustBar; }
    // The last exchange of each named request sent in this session, for
    // {{name.response.body.$.x}} references.
    const NamedResponses &namedResponses() const { return m_sender->namedResponses(); }
    // Records every finished exchange into `store` and shows it in a History tab beside the
    // workspace tree. Without it the window keeps no history.
    void setHistory(HistoryStore *store);
    HistoryPanel *historyPanel() const { return m_historyPanel; }
    // The workspace tree and the history, in tabs on the left.
    QTabWidget *sidebar() const { return m_sidebar; }
    // Opens a history entry in a new tab: the request (as written, when it came from the
    // workspace) and the response that was stored. False (and a message) when it is gone.
    bool openHistoryEntry(qint64 id);
    // Opens it, then sends it again (which records a new entry).
    bool resendHistoryEntry(qint64 id);
    // Opens it, then saves it into the workspace: at the end of the .http file it came from,
    // or of history.http at the workspace's root.
    bool saveHistoryEntry(qint64 id);

    // The Connections view (View ▸ Connections, Ctrl+Shift+O) in a dock below the tabs; its
    // log records every exchange of the client from the start, shown or not.
    ConnectionsView *connectionsView() const { return m_connectionsView; }
    QDockWidget *connectionsDock() const { return m_connectionsDock; }
    // Opens an exchange (one the Connections view shows) in a new tab: request and response.
    void openExchange(const Exchange &exchange);
    // Shows the Connections view's Runs page with `path` (a folder, a .http file or
    // "file.http:LINE") chosen to run.
    void runInConnectionsView(const QString &label, const QString &path);

    // Replaces the dialog that asks about unsaved edits (tests answer it themselves).
    void setCloseQuestion(CloseQuestion question) { m_closeQuestion = std::move(question); }

    WorkspacePanel *workspacePanel() const { return m_panel; }
    // The tree's editing commands (new, rename, duplicate, move, delete).
    WorkspaceTreeActions *treeActions() const { return m_treeActions; }
    // Ctrl+P: shows the quick-open box (not modal) and returns it.
    QuickOpenDialog *showQuickOpen();
    QTabWidget *tabs() const { return m_tabs; }
    RequestTab *currentTab() const;
    // The current tab's editor and response (nullptr with no tab open).
    RequestEditor *requestEditor() const;
    ResponseView *responseView() const;
    QComboBox *environmentPicker() const { return m_environment; }
    QMenu *recentMenu() const { return m_recentMenu; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildConnectionsDock();
    // The Runs page offers the open request, its file and the whole workspace.
    void updateRunTargets();
    // A tab wired to the window, not yet added to the tabs.
    RequestTab *newRequestTab();
    bool saveUnsavedTab(RequestTab *tab);
    void chooseAndOpen();
    void chooseAndImport();
    void chooseAndExportPostman();
    void fillRecentMenu();
    void updateTabText(RequestTab *tab);
    void commitPendingEdit();
    void refreshTabsFromDisk();
    // Tabs of requests that a tree edit moved or renamed go with them; unedited tabs of
    // deleted ones close.
    void followRelocations(const QList<WorkspaceEditor::Relocation> &relocations);
    bool closeAllTabs();
    // Keeps the window's geometry and splitters, and the open workspace's tabs and
    // environment, in the settings; restoreTabs() opens those tabs again.
    void rememberWindow();
    bool restoreTabs();
    VariableExpander currentExpander() const;
    // What the window masks in what it writes about a request's exchanges (history, HAR):
    // its environment's secrets and the request's auth, unless the user chose otherwise.
    SecretRedactor secretsFor(const RequestDefinition &request) const;
    RequestTab *addRequestTab(const QString &filePath, int requestIndex,
                              const RequestDefinition &request);
    void offerDrafts();
    void restoreDrafts();
    void discardDrafts();
    QString currentFolder() const;
    // The trust bar follows the session; a workspace without an answer asks.
    void updateTrust();
    // The open workspace and what its files hold that changes trust, as one text.
    QString trustKey() const;
    // What the current request's body may read: its folder, the workspace, the files outside
    // it the user allowed (the sender adds the size limit).
    RequestResolver::FileAccess currentFileAccess() const;
    // A body reads files outside the workspace: asks (OutsideFilesDialog) and sends on "Send".
    void askToSendOutsideFiles(RequestTab *tab, const RequestDefinition &request,
                               const RequestResolver::Result &resolved);

    HttpClient *m_client;
    RequestSender *m_sender; // the session's named responses
    WorkspaceSession *m_session;
    WorkspaceModel *m_model;
    QSettings *m_settings;
    QHash<QString, QString> m_overrides;
    WorkspacePanel *m_panel;
    QTabWidget *m_tabs;
    QSplitter *m_mainSplitter = nullptr;
    HintBar *m_hintBar = nullptr;
    QMenu *m_viewMenu = nullptr;
    bool m_tabsInFlux = false; // closing or restoring all tabs: do not remember the steps
    QComboBox *m_environment;
    QMenu *m_recentMenu = nullptr;
    CloseQuestion m_closeQuestion;
    QPointer<EnvironmentDialog> m_environmentDialog;
    QPointer<CookieManagerDialog> m_cookieManager;
    QPointer<SettingsDialog> m_settingsDialog;
    // Files outside a workspace the user let its requests send, by workspace root (session).
    QHash<QString, QSet<QString>> m_allowedOutsideFiles;
    QString m_dataFolder;
    QTimer *m_draftTimer;
    DraftBar *m_draftBar;
    WorkspaceTrustBar *m_trustBar;
    QPointer<WorkspaceTrustDialog> m_trustDialog;
    QString m_trustDialogKey;                 // trustKey() when it was opened
    QList<DraftStore::Draft> m_offeredDrafts; // kept in the file until restored or discarded
    QTabWidget *m_sidebar;
    QPointer<HistoryStore> m_history;
    HistoryPanel *m_historyPanel = nullptr;
    WorkspaceTreeActions *m_treeActions = nullptr;
    QuickOpenDialog *m_quickOpen = nullptr;
    QList<QPointer<RequestTab>> m_following; // relocated with edits: follow after the reload
    ConnectionLog *m_connectionLog = nullptr;
    ConnectionsView *m_connectionsView = nullptr;
    QDockWidget *m_connectionsDock = nullptr;
};

} // namespace mr
