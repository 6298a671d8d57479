#pragma once

#include "workspace/opentabs.h"
#include "workspace/workspaceeditor.h"

#include <QPointer>
#include <QTabWidget>

#include <functional>

class QSettings;

namespace mr {

class RequestTab;
class WorkspaceModel;
class WorkspaceSession;
struct RequestDefinition;

// The open requests of a workspace, one tab each: which tab shows which request of which
// file, following the files as they change on disk or in the tree, saving a tab's edits
// through the session, and asking before edits are lost. The window lays it out and wires
// each tab's Send and Cancel (tabCreated).
class RequestTabs : public QTabWidget
{
    Q_OBJECT
public:
    // The answer to "save the edits of …?" when a tab with edits closes.
    enum class CloseAnswer { Save, Discard, Cancel };
    using CloseQuestion = std::function<CloseAnswer(const QString &what)>;

    // `settings` keeps the request/response split as the user left it.
    RequestTabs(WorkspaceSession *session, QSettings *settings, QWidget *parent = nullptr);

    // Replaces the dialog that asks about unsaved edits (tests answer it themselves).
    void setCloseQuestion(CloseQuestion question) { m_closeQuestion = std::move(question); }

    RequestTab *current() const;
    RequestTab *tab(int index) const;
    // The tab showing request `requestIndex` of `filePath`, if one does.
    RequestTab *find(const QString &filePath, int requestIndex) const;
    // Shows the request of the tree at `sourceIndex`: the tab it is open in, or a new one.
    RequestTab *open(const QModelIndex &sourceIndex);
    // A new tab for a saved request, made current.
    RequestTab *addSaved(const QString &filePath, int requestIndex,
                         const RequestDefinition &request);
    // A new tab for a request in no file (from the history, the Connections view), made
    // current; `origin` says where it came from.
    RequestTab *addUnsaved(const RequestDefinition &request, const QString &sourceFile,
                           const QString &origin);
    // The tab's title, with a dot while it has edits.
    void updateText(RequestTab *tab);
    // The folder the current request's relative paths start from: its file's, else the
    // workspace's.
    QString currentFolder() const;

    // Writes the current tab's edits into its file (a tab from no file: appended to the file
    // it came from, or history.http); false, and message(), when it is not saved.
    bool saveCurrent();
    // Closes a tab, asking first when it has edits; false when the user kept it.
    bool closeTab(int index);
    bool closeAll();
    // Closing or restoring all tabs: the steps are not worth remembering.
    bool isInFlux() const { return m_inFlux; }

    // The open tabs of files (not the unsaved ones), for the settings.
    OpenTabs openTabs() const;
    // Opens the tabs kept for the open workspace again, found by name where requests
    // above them moved; true when any opened.
    bool restore(const OpenTabs &saved);
    // Keeps the current tab's request/response split for the tabs opened next.
    void rememberLayout();

    // A cell still being typed in holds its text until it loses focus: takes the focus away,
    // so the text is in the request before it is saved or judged.
    static void commitPendingEdit();

Q_SIGNALS:
    // A tab was made (before it is added): the window wires its Send, Cancel and curl keys.
    void tabCreated(mr::RequestTab *tab);
    // A tab's edits changed (typed); `modified` false when saved or edited back.
    void edited(mr::RequestTab *tab);
    void modifiedChanged(mr::RequestTab *tab, bool modified);
    // A tab with edits was closed (its edits saved or thrown away).
    void closed();
    // Saved into the workspace at this request of the tree.
    void savedInto(const QModelIndex &sourceIndex);
    void message(const QString &text, int timeoutMs);

private:
    RequestTab *newTab();
    QString originOf(const QString &filePath, const RequestDefinition &request) const;
    bool saveUnsaved(RequestTab *tab);
    // Tabs without edits follow their file after a reload.
    void refreshFromDisk();
    // Tabs of requests that a tree edit moved or renamed go with them; unedited tabs of
    // deleted ones close. Tabs with edits follow after the reload (followAfterReload).
    void followRelocations(const QList<WorkspaceEditor::Relocation> &relocations);
    void followAfterReload();

    WorkspaceSession *m_session;
    WorkspaceModel *m_model;
    QSettings *m_settings;
    CloseQuestion m_closeQuestion;
    bool m_inFlux = false;
    QList<QPointer<RequestTab>> m_following; // relocated with edits: follow after the reload
};

} // namespace mr
