#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <functional>

#include "workspace/variableexpander.h"
#include "workspace/workspaceeditor.h"

class QComboBox;
class QMenu;
class QSettings;
class QTabWidget;

namespace mr {

class EnvironmentDialog;
class QuickOpenDialog;
class WorkspaceTreeActions;
class HttpClient;
class RequestEditor;
class RequestTab;
class ResponseView;
class WorkspaceModel;
class WorkspacePanel;
class WorkspaceSession;

// The main window: the workspace tree on the left, open requests in tabs on the right (each
// its editor beside its response). Sending goes through core (RequestResolver, then
// HttpClient); saving through WorkspaceSession.
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
    // Opens a request of the tree in a tab (or shows the tab it is open in).
    void openRequest(const QModelIndex &sourceIndex);
    // Opens a workspace folder (or a .http file's workspace), closing the open tabs first
    // (asking about edits); false when the user kept them or the path is not there.
    bool openWorkspace(const QString &path);

    void send();
    void cancel();
    // Writes the current tab's request into its .http file; false (and a message) on failure.
    bool save();
    // Closes a tab, asking first when it has edits; false when the user kept it.
    bool closeTab(int index);

    // Imports another tool's collection (or curl commands) into the open workspace; returns
    // a summary with what was not carried over, or *error when nothing was written.
    QString importFile(const QString &path, QString *error);
    // The open request as a curl command, also put on the clipboard.
    QString copyAsCurl();
    // Reads a curl command into the open request; false (and a status message) when it is not one.
    bool pasteCurl(const QString &command);

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
    void chooseAndOpen();
    void chooseAndImport();
    void fillRecentMenu();
    void updateTabText(RequestTab *tab);
    void commitPendingEdit();
    void refreshTabsFromDisk();
    // Tabs of requests that a tree edit moved or renamed go with them; unedited tabs of
    // deleted ones close.
    void followRelocations(const QList<WorkspaceEditor::Relocation> &relocations);
    bool closeAllTabs();
    VariableExpander currentExpander() const;
    QString currentFolder() const;

    HttpClient *m_client;
    WorkspaceSession *m_session;
    WorkspaceModel *m_model;
    QSettings *m_settings;
    QHash<QString, QString> m_overrides;
    WorkspacePanel *m_panel;
    QTabWidget *m_tabs;
    QComboBox *m_environment;
    QMenu *m_recentMenu = nullptr;
    CloseQuestion m_closeQuestion;
    QPointer<EnvironmentDialog> m_environmentDialog;
    WorkspaceTreeActions *m_treeActions = nullptr;
    QuickOpenDialog *m_quickOpen = nullptr;
    QList<QPointer<RequestTab>> m_following; // relocated with edits: follow after the reload
};

} // namespace mr
