#include "workspacetreeactions.h"

#include "treestatekeeper.h"
#include "workspace/workspaceeditor.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"
#include "workspacepanel.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QTreeView>

namespace mr {

namespace {

WorkspaceModel::Kind kindOf(const QModelIndex &index)
{
    return WorkspaceModel::Kind(index.data(WorkspaceModel::KindRole).toInt());
}

} // namespace

WorkspaceTreeActions::WorkspaceTreeActions(WorkspacePanel *panel, WorkspaceSession *session)
    : QObject(panel)
    , m_panel(panel)
    , m_session(session)
    , m_confirm([panel](const QString &question) {
        return QMessageBox::question(panel, tr("Microrequests"), question) == QMessageBox::Yes;
    })
{
    QTreeView *view = panel->view();
    const auto make = [this, view](const QString &text, const QKeySequence &keys,
                                   const QString &name, void (WorkspaceTreeActions::*run)()) {
        auto *action = new QAction(text, this);
        action->setShortcut(keys);
        // Only while the tree has the focus: Del and F2 mean other things elsewhere.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setObjectName(name);
        connect(action, &QAction::triggered, this, run);
        view->addAction(action);
        return action;
    };
    m_newRequest = make(tr("New &Request"), QKeySequence::New, QStringLiteral("newRequestAction"),
                        &WorkspaceTreeActions::newRequest);
    m_newFile = make(tr("New &File"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N),
                     QStringLiteral("newFileAction"), &WorkspaceTreeActions::newFile);
    m_newFolder = make(tr("New F&older"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                       QStringLiteral("newFolderAction"), &WorkspaceTreeActions::newFolder);
    m_rename = make(tr("Re&name"), QKeySequence(Qt::Key_F2), QStringLiteral("renameAction"),
                    &WorkspaceTreeActions::rename);
    m_duplicate = make(tr("&Duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
                       QStringLiteral("duplicateAction"), &WorkspaceTreeActions::duplicate);
    m_delete = make(tr("De&lete"), QKeySequence::Delete, QStringLiteral("deleteAction"),
                    &WorkspaceTreeActions::remove);
    m_run = make(tr("Run in Connections &View"), QKeySequence(), QStringLiteral("runTreeAction"),
                 &WorkspaceTreeActions::run);

    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &pos) {
        const QModelIndex at = view->indexAt(pos);
        if (at.isValid())
            view->setCurrentIndex(at);
        else
            view->setCurrentIndex(QModelIndex()); // the workspace's root
        contextMenu()->popup(view->viewport()->mapToGlobal(pos));
    });
    connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &WorkspaceTreeActions::updateActions);
    connect(view->model(), &QAbstractItemModel::modelReset, this,
            &WorkspaceTreeActions::updateActions);
    updateActions();
}

QMenu *WorkspaceTreeActions::contextMenu()
{
    delete m_menu;
    m_menu = new QMenu(m_panel->view());
    m_menu->setObjectName(QStringLiteral("workspaceTreeMenu"));
    updateActions();
    m_menu->addActions({m_newRequest, m_newFile, m_newFolder});
    m_menu->addSeparator();
    m_menu->addActions({m_rename, m_duplicate});
    m_menu->addSeparator();
    m_menu->addAction(m_delete);
    m_menu->addSeparator();
    m_menu->addAction(m_run);
    return m_menu;
}

void WorkspaceTreeActions::updateActions()
{
    const QModelIndex current = m_panel->currentSourceIndex();
    const bool open = !m_session->root().isEmpty();
    const bool isRequest = current.isValid() && kindOf(current) == WorkspaceModel::Kind::Request;
    for (QAction *action : {m_newRequest, m_newFile, m_newFolder})
        action->setEnabled(open);
    m_rename->setEnabled(current.isValid());
    m_delete->setEnabled(current.isValid());
    m_duplicate->setEnabled(isRequest);
    m_run->setEnabled(open);
}

void WorkspaceTreeActions::run()
{
    const QString root = m_session->root();
    if (root.isEmpty())
        return;
    const QModelIndex current = m_panel->currentSourceIndex();
    const QDir rootDir(root);
    if (!current.isValid()) {
        Q_EMIT runRequested(tr("Workspace: %1").arg(rootDir.dirName()), root);
        return;
    }
    const QString path = current.data(WorkspaceModel::FilePathRole).toString();
    const QString relative = rootDir.relativeFilePath(path);
    switch (kindOf(current)) {
    case WorkspaceModel::Kind::Request: {
        const int line = current.data(WorkspaceModel::LineRole).toInt();
        Q_EMIT runRequested(tr("Request: %1 (%2:%3)")
                                .arg(current.data(Qt::DisplayRole).toString(), relative)
                                .arg(line),
                            QStringLiteral("%1:%2").arg(path).arg(line));
        return;
    }
    case WorkspaceModel::Kind::Folder:
        Q_EMIT runRequested(tr("Folder: %1/").arg(relative), path);
        return;
    case WorkspaceModel::Kind::File: break;
    }
    Q_EMIT runRequested(tr("File: %1").arg(relative), path);
}

QString WorkspaceTreeActions::currentFolder() const
{
    const QModelIndex current = m_panel->currentSourceIndex();
    if (!current.isValid())
        return m_session->root();
    const QString path = current.data(WorkspaceModel::FilePathRole).toString();
    return kindOf(current) == WorkspaceModel::Kind::Folder ? path : QFileInfo(path).absolutePath();
}

void WorkspaceTreeActions::select(const QString &path, int requestIndex, bool editName)
{
    WorkspaceModel *model = m_session->model();
    const QModelIndex source =
        requestIndex >= 0 ? model->requestIndex(path, requestIndex) : model->pathIndex(path);
    if (!source.isValid())
        return;
    m_panel->select(source);
    if (requestIndex >= 0)
        Q_EMIT openRequested(source);
    if (editName) {
        m_panel->view()->setFocus();
        m_panel->view()->edit(m_panel->viewIndex(source));
    }
}

void WorkspaceTreeActions::newRequest()
{
    const QModelIndex current = m_panel->currentSourceIndex();
    QString error;
    QString path;
    int index = -1;
    bool done = false;
    if (current.isValid() && kindOf(current) != WorkspaceModel::Kind::Folder) {
        // In the current file, at its end.
        path = current.data(WorkspaceModel::FilePathRole).toString();
        done = m_session->edit([&](WorkspaceEditor &editor,
                                   QString *why) { return editor.addRequest(path, &index, why); },
                               &error);
    } else {
        // In a folder: in a new file.
        const QString folder = currentFolder();
        const QString name = WorkspaceEditor::unusedName(folder, QStringLiteral("requests"),
                                                         QStringLiteral(".http"));
        index = 0;
        done = m_session->edit(
            [&](WorkspaceEditor &editor, QString *why) {
                return editor.addFile(folder, name, true, &path, why);
            },
            &error);
    }
    if (!done) {
        Q_EMIT message(tr("No request added: %1").arg(error));
        return;
    }
    select(path, index, true);
}

void WorkspaceTreeActions::newFile()
{
    const QString folder = currentFolder();
    const QString name =
        WorkspaceEditor::unusedName(folder, QStringLiteral("untitled"), QStringLiteral(".http"));
    QString path;
    QString error;
    if (!m_session->edit(
            [&](WorkspaceEditor &editor, QString *why) {
                return editor.addFile(folder, name, false, &path, why);
            },
            &error)) {
        Q_EMIT message(error);
        return;
    }
    select(path, -1, true);
}

void WorkspaceTreeActions::newFolder()
{
    const QString folder = currentFolder();
    const QString name =
        WorkspaceEditor::unusedName(folder, QStringLiteral("New folder"), QString());
    QString path;
    QString error;
    if (!m_session->edit([&](WorkspaceEditor &editor,
                             QString *why) { return editor.addFolder(folder, name, &path, why); },
                         &error)) {
        Q_EMIT message(error);
        return;
    }
    select(path, -1, true);
}

void WorkspaceTreeActions::rename()
{
    const QModelIndex current = m_panel->view()->currentIndex();
    if (current.isValid())
        m_panel->view()->edit(current);
}

void WorkspaceTreeActions::duplicate()
{
    const QModelIndex current = m_panel->currentSourceIndex();
    if (!current.isValid() || kindOf(current) != WorkspaceModel::Kind::Request)
        return;
    const QString path = current.data(WorkspaceModel::FilePathRole).toString();
    const int index = current.data(WorkspaceModel::RequestIndexRole).toInt();
    int copy = -1;
    QString error;
    if (!m_session->edit(
            [&](WorkspaceEditor &editor, QString *why) {
                return editor.duplicateRequest(path, index, &copy, why);
            },
            &error)) {
        Q_EMIT message(tr("Not duplicated: %1").arg(error));
        return;
    }
    select(path, copy, false);
}

void WorkspaceTreeActions::remove()
{
    const QModelIndex current = m_panel->currentSourceIndex();
    if (!current.isValid())
        return;
    const QString path = current.data(WorkspaceModel::FilePathRole).toString();
    const QString shown = QDir::toNativeSeparators(QDir(m_session->root()).relativeFilePath(path));
    QString error;
    if (kindOf(current) == WorkspaceModel::Kind::Request) {
        const int index = current.data(WorkspaceModel::RequestIndexRole).toInt();
        // A request has no trash to come back from.
        if (!m_confirm(tr("Delete the request \"%1\" from %2?")
                           .arg(current.data(Qt::DisplayRole).toString(), shown)))
            return;
        if (!m_session->edit([&](WorkspaceEditor &editor,
                                 QString *why) { return editor.removeRequest(path, index, why); },
                             &error))
            Q_EMIT message(tr("Not deleted: %1").arg(error));
        else
            Q_EMIT message(tr("Deleted the request from %1").arg(shown));
        return;
    }
    WorkspaceEditor::RemoveResult result = WorkspaceEditor::RemoveResult::Failed;
    const auto removeWith = [&](WorkspaceEditor::Removal removal) {
        m_session->edit(
            [&](WorkspaceEditor &editor, QString *why) {
                result = editor.removePath(path, removal, why);
                return result == WorkspaceEditor::RemoveResult::Trashed ||
                       result == WorkspaceEditor::RemoveResult::Deleted;
            },
            &error);
    };
    removeWith(WorkspaceEditor::Removal::ToTrash);
    if (result == WorkspaceEditor::RemoveResult::TrashUnavailable) {
        if (!m_confirm(tr("%1 cannot be moved to the trash here. Delete it for good, with "
                          "all it holds?")
                           .arg(shown)))
            return;
        removeWith(WorkspaceEditor::Removal::Permanently);
    }
    switch (result) {
    case WorkspaceEditor::RemoveResult::Trashed:
        Q_EMIT message(tr("Moved %1 to the trash").arg(shown));
        break;
    case WorkspaceEditor::RemoveResult::Deleted: Q_EMIT message(tr("Deleted %1").arg(shown)); break;
    default: Q_EMIT message(tr("Not deleted: %1").arg(error)); break;
    }
}

} // namespace mr
