#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include "requesttabs.h"
#include "runner/requestsender.h"
#include "workspace/namedresponses.h"
#include "workspace/variableexpander.h"

class QComboBox;
class QDockWidget;
class QMenu;
class QSettings;
class QSplitter;
class QTabWidget;

namespace mr {

class ConnectionsDock;
class ConnectionsView;
class CookieManagerDialog;
class DraftBar;
class DraftKeeper;
class EnvironmentDialog;
class HintBar;
class SettingsDialog;
class TabSender;
class HistoryActions;
class HistoryPanel;
class HistoryStore;
class QuickOpenDialog;
class WorkspaceTreeActions;
class HttpClient;
class ImportExportActions;
class RequestEditor;
class RequestTab;
class ResponseView;
class SecretRedactor;
class WorkspaceModel;
class WorkspacePanel;
class WorkspaceSession;
class WorkspaceTrustBar;
class WorkspaceTrustDialog;
class WorkspaceTrustPrompt;
struct Exchange;

// The main window: the workspace tree on the left, open requests in tabs on the right (each
// its editor beside its response), the Connections view in a dock below. It lays out its
// parts and wires them: RequestTabs (the tabs and saving), DraftKeeper (unsaved edits kept
// across a crash), ImportExportActions, HistoryActions and ConnectionsDock. Sending goes
// through core (RequestSender: RequestResolver, then HttpClient).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    using CloseAnswer = RequestTabs::CloseAnswer;
    using CloseQuestion = RequestTabs::CloseQuestion;

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
    bool save() { return m_tabs->saveCurrent(); }
    // Closes a tab, asking first when it has edits; false when the user kept it.
    bool closeTab(int index) { return m_tabs->closeTab(index); }
    // Replaces the dialog that asks about unsaved edits (tests answer it themselves).
    void setCloseQuestion(CloseQuestion question) { m_tabs->setCloseQuestion(std::move(question)); }

    // File ▸ Import, Export and the curl commands.
    ImportExportActions *importExport() const { return m_importExport; }
    // Unsaved edits, kept so they survive a crash; the app gives it its data folder.
    DraftKeeper *drafts() const { return m_drafts; }
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
    // Open, re-send and save the history's entries (nullptr without a history).
    HistoryActions *historyActions() const { return m_historyActions; }
    // The workspace tree and the history, in tabs on the left.
    QTabWidget *sidebar() const { return m_sidebar; }

    // The Connections view (View ▸ Connections, Ctrl+Shift+O) in a dock below the tabs.
    ConnectionsDock *connectionsDock() const { return m_connectionsDock; }
    ConnectionsView *connectionsView() const;

    WorkspacePanel *workspacePanel() const { return m_panel; }
    // The tree's editing commands (new, rename, duplicate, move, delete).
    WorkspaceTreeActions *treeActions() const { return m_treeActions; }
    // Ctrl+P: shows the quick-open box (not modal) and returns it.
    QuickOpenDialog *showQuickOpen();
    RequestTabs *tabs() const { return m_tabs; }
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
    // Wires a new tab's Send, Cancel and curl keys to the window.
    void wireTab(RequestTab *tab);
    // Opens an exchange (one the Connections view shows) in a new tab: request and response.
    void openExchange(const Exchange &exchange);
    void chooseAndOpen();
    void fillRecentMenu();
    // Keeps the window's geometry and splitters, and the open workspace's tabs and
    // environment, in the settings; restoreTabs() opens those tabs again.
    void rememberWindow();
    bool restoreTabs();
    VariableExpander currentExpander() const;
    // What the window masks in what it writes about a request's exchanges (history, HAR):
    // its environment's secrets and the request's auth, unless the user chose otherwise.
    SecretRedactor secretsFor(const RequestDefinition &request) const;
    void showMessage(const QString &text, int timeoutMs = 0);

    HttpClient *m_client;
    RequestSender *m_sender; // the session's named responses
    WorkspaceSession *m_session;
    WorkspaceModel *m_model;
    QSettings *m_settings;
    QHash<QString, QString> m_overrides;
    WorkspacePanel *m_panel;
    RequestTabs *m_tabs;
    QSplitter *m_mainSplitter = nullptr;
    HintBar *m_hintBar = nullptr;
    QMenu *m_viewMenu = nullptr;
    QComboBox *m_environment;
    QMenu *m_recentMenu = nullptr;
    QPointer<EnvironmentDialog> m_environmentDialog;
    QPointer<CookieManagerDialog> m_cookieManager;
    QPointer<SettingsDialog> m_settingsDialog;
    DraftBar *m_draftBar;
    DraftKeeper *m_drafts;
    ImportExportActions *m_importExport;
    WorkspaceTrustBar *m_trustBar;
    WorkspaceTrustPrompt *m_trustPrompt = nullptr;
    TabSender *m_tabSender = nullptr;
    QTabWidget *m_sidebar;
    HistoryPanel *m_historyPanel = nullptr;
    HistoryActions *m_historyActions = nullptr;
    WorkspaceTreeActions *m_treeActions = nullptr;
    QuickOpenDialog *m_quickOpen = nullptr;
    ConnectionsDock *m_connectionsDock = nullptr;
};

} // namespace mr
