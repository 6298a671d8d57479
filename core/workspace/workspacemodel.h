#pragma once

#include "workspace.h"

#include <QAbstractItemModel>
#include <functional>
#include <memory>

namespace mr {

class WorkspaceEditor;

// The workspace as a tree of folders, files and requests, for the window's tree view.
class WorkspaceModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Kind { Folder, File, Request };
    enum Role {
        KindRole = Qt::UserRole + 1, // int(Kind)
        MethodRole,                  // requests: "GET", "POST"…
        FilePathRole,                // absolute path of the file (or folder)
        RequestIndexRole,            // requests: index in HttpFile::requests
        LineRole,                    // requests: the request line
        HasErrorsRole,               // files: the file has parse errors
    };

    // Names edited in place and items dropped become WorkspaceEditor operations, run by
    // whoever owns the files (WorkspaceSession); without a runner the tree is read-only.
    using Edit = std::function<bool(WorkspaceEditor &editor, QString *error)>;
    using EditRunner = std::function<bool(const Edit &edit, QString *error)>;
    static constexpr const char *ItemMimeType = "application/x-microrequests-tree-item";

    explicit WorkspaceModel(QObject *parent = nullptr);
    ~WorkspaceModel() override;

    void setEditRunner(EditRunner runner) { m_editRunner = std::move(runner); }

    void setWorkspace(const Workspace &workspace);
    const Workspace &workspace() const { return m_workspace; }

    // The first request in the tree, or an invalid index when there is none.
    QModelIndex firstRequest() const;
    // The index of a file's request, or an invalid index.
    QModelIndex requestIndex(const QString &filePath, int requestIndex) const;
    // The definition behind a request index; nullptr for folders and files.
    const RequestDefinition *request(const QModelIndex &index) const;
    const HttpFile *file(const QModelIndex &index) const;
    // The file or folder at `path` (absolute), or an invalid index.
    QModelIndex pathIndex(const QString &path) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Editing names in place and dragging requests, files and folders. An edit is written
    // once control is back in the event loop (the tree reloads after it, which must not
    // happen inside the view's own commit or drop); a refused one comes out as editFailed().
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    void editFailed(const QString &error);

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(Node *node) const;
    // The edit a drop of `data` at (row, parent) stands for; empty when it can't be dropped.
    Edit dropEdit(const QMimeData *data, int row, const QModelIndex &parent) const;
    void runLater(const Edit &edit);

    Workspace m_workspace;
    std::unique_ptr<Node> m_root;
    EditRunner m_editRunner;
};

} // namespace mr
