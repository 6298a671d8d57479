#pragma once

#include "workspace.h"

#include <QAbstractItemModel>
#include <memory>

namespace mr {

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

    explicit WorkspaceModel(QObject *parent = nullptr);
    ~WorkspaceModel() override;

    void setWorkspace(const Workspace &workspace);
    const Workspace &workspace() const { return m_workspace; }

    // The first request in the tree, or an invalid index when there is none.
    QModelIndex firstRequest() const;
    // The index of a file's request, or an invalid index.
    QModelIndex requestIndex(const QString &filePath, int requestIndex) const;
    // The definition behind a request index; nullptr for folders and files.
    const RequestDefinition *request(const QModelIndex &index) const;
    const HttpFile *file(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(Node *node) const;

    Workspace m_workspace;
    std::unique_ptr<Node> m_root;
};

} // namespace mr
