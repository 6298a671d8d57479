#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QMenu;
class QModelIndex;
class QPoint;

namespace mr {

class WorkspacePanel;
class WorkspaceSession;

// The workspace tree's editing commands: new request, file and folder, rename (F2, in
// place), duplicate (Ctrl+D) and delete (Del), from the keyboard and the context menu. Each
// runs a core operation (WorkspaceEditor, through WorkspaceSession) and selects its result;
// what went wrong comes out as message().
class WorkspaceTreeActions : public QObject
{
    Q_OBJECT
public:
    // Asked before deleting: true to go ahead. The default shows a dialog; tests answer.
    using Confirmation = std::function<bool(const QString &question)>;

    WorkspaceTreeActions(WorkspacePanel *panel, WorkspaceSession *session);

    void setConfirmation(Confirmation confirmation) { m_confirm = std::move(confirmation); }

    // On the tree's current item (the workspace's root when there is none).
    void newRequest();
    void newFile();
    void newFolder();
    void rename();
    void duplicate();
    void remove();
    // Asks (runRequested) to run the current item — request, file, folder or the whole
    // workspace — in the Connections view.
    void run();

    QAction *newRequestAction() const { return m_newRequest; }
    QAction *newFileAction() const { return m_newFile; }
    QAction *newFolderAction() const { return m_newFolder; }
    QAction *renameAction() const { return m_rename; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *deleteAction() const { return m_delete; }
    QAction *runAction() const { return m_run; }
    // The context menu for the current item (built anew each time).
    QMenu *contextMenu();

Q_SIGNALS:
    // A request was created (new or duplicated): open it. The index is the source model's.
    void openRequested(const QModelIndex &sourceIndex);
    void message(const QString &text);
    // `path`: a folder, a .http file or "file.http:LINE"; `label` says which in words.
    void runRequested(const QString &label, const QString &path);

private:
    QString currentFolder() const;
    void updateActions();
    void select(const QString &path, int requestIndex, bool editName);

    WorkspacePanel *m_panel;
    WorkspaceSession *m_session;
    Confirmation m_confirm;
    QAction *m_newRequest;
    QAction *m_newFile;
    QAction *m_newFolder;
    QAction *m_rename;
    QAction *m_duplicate;
    QAction *m_delete;
    QAction *m_run;
    QMenu *m_menu = nullptr;
};

} // namespace mr
