#include "workspacemodel.h"

#include "workspaceeditor.h"

#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QMimeData>
#include <QTimer>
#include <vector>

namespace mr {

struct WorkspaceModel::Node {
    Kind kind = Kind::Folder;
    QString name;
    QString path;
    int fileIndex = -1;    // into Workspace::files()
    int requestIndex = -1; // into HttpFile::requests
    int row = 0;           // in parent->children
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(Kind childKind, const QString &childName, const QString &childPath)
    {
        auto child = std::make_unique<Node>();
        child->kind = childKind;
        child->name = childName;
        child->path = childPath;
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
    Node *folder(const QString &childName, const QString &childPath)
    {
        for (auto &child : children) {
            if (child->kind == Kind::Folder && child->name == childName)
                return child.get();
        }
        return add(Kind::Folder, childName, childPath);
    }
};

WorkspaceModel::WorkspaceModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

WorkspaceModel::~WorkspaceModel() = default;

void WorkspaceModel::setWorkspace(const Workspace &workspace)
{
    beginResetModel();
    m_workspace = workspace;
    m_root = std::make_unique<Node>();
    m_root->path = workspace.root();
    const QDir root(workspace.root());
    const QList<HttpFile> &files = m_workspace.files();
    for (int f = 0; f < files.size(); ++f) {
        const QStringList parts = root.relativeFilePath(files[f].path).split(QLatin1Char('/'));
        Node *parentNode = m_root.get();
        QString folderPath = workspace.root();
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
            folderPath += QLatin1Char('/') + parts[i];
            parentNode = parentNode->folder(parts[i], folderPath);
        }
        Node *fileNode = parentNode->add(Kind::File, parts.last(), files[f].path);
        fileNode->fileIndex = f;
        for (int r = 0; r < files[f].requests.size(); ++r) {
            Node *requestNode =
                fileNode->add(Kind::Request, files[f].requests[r].displayName(), files[f].path);
            requestNode->fileIndex = f;
            requestNode->requestIndex = r;
        }
    }
    // Folders without request files (a new one) show too, after the files beside them.
    for (const QString &folder : m_workspace.folders()) {
        Node *parentNode = m_root.get();
        QString folderPath = workspace.root();
        for (const QString &part : root.relativeFilePath(folder).split(QLatin1Char('/'))) {
            folderPath += QLatin1Char('/') + part;
            parentNode = parentNode->folder(part, folderPath);
        }
    }
    endResetModel();
}

WorkspaceModel::Node *WorkspaceModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex WorkspaceModel::indexFor(Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, node);
}

QModelIndex WorkspaceModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *parentNode = nodeFor(parent);
    return createIndex(row, column, parentNode->children[size_t(row)].get());
}

QModelIndex WorkspaceModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int WorkspaceModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int WorkspaceModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant WorkspaceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFor(index);
    const HttpFile *httpFile =
        node->fileIndex >= 0 ? &m_workspace.files()[node->fileIndex] : nullptr;
    const RequestDefinition *definition =
        node->kind == Kind::Request ? &httpFile->requests[node->requestIndex] : nullptr;
    switch (role) {
    case Qt::DisplayRole: return node->name;
    case Qt::EditRole: // what the name editor starts with
        if (definition)
            return definition->name.isEmpty() ? definition->displayName() : definition->name;
        return node->name;
    case Qt::ToolTipRole:
        if (node->kind == Kind::File && httpFile->hasErrors()) {
            QStringList lines;
            for (const Diagnostic &d : httpFile->diagnostics)
                lines.append(d.toString());
            return lines.join(QLatin1Char('\n'));
        }
        if (definition)
            return definition->method + QLatin1Char(' ') + definition->url;
        return node->path;
    case KindRole: return int(node->kind);
    case MethodRole: return definition ? QVariant(definition->method) : QVariant();
    case FilePathRole: return node->path;
    case RequestIndexRole: return node->requestIndex;
    case LineRole: return definition ? QVariant(definition->requestLine) : QVariant();
    case HasErrorsRole: return httpFile ? httpFile->hasErrors() : false;
    default: return {};
    }
}

QHash<int, QByteArray> WorkspaceModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(MethodRole, "method");
    names.insert(FilePathRole, "filePath");
    names.insert(RequestIndexRole, "requestIndex");
    names.insert(LineRole, "line");
    names.insert(HasErrorsRole, "hasErrors");
    return names;
}

QModelIndex WorkspaceModel::firstRequest() const
{
    // Depth-first, in display order.
    std::vector<Node *> stack{m_root.get()};
    while (!stack.empty()) {
        Node *node = stack.back();
        stack.pop_back();
        if (node->kind == Kind::Request)
            return indexFor(node);
        for (auto it = node->children.rbegin(); it != node->children.rend(); ++it)
            stack.push_back(it->get());
    }
    return {};
}

QModelIndex WorkspaceModel::requestIndex(const QString &filePath, int request) const
{
    std::vector<Node *> stack{m_root.get()};
    while (!stack.empty()) {
        Node *node = stack.back();
        stack.pop_back();
        if (node->kind == Kind::Request && node->path == filePath && node->requestIndex == request)
            return indexFor(node);
        for (auto &child : node->children)
            stack.push_back(child.get());
    }
    return {};
}

const RequestDefinition *WorkspaceModel::request(const QModelIndex &index) const
{
    const Node *node = nodeFor(index);
    if (!index.isValid() || node->kind != Kind::Request)
        return nullptr;
    return &m_workspace.files()[node->fileIndex].requests[node->requestIndex];
}

const HttpFile *WorkspaceModel::file(const QModelIndex &index) const
{
    const Node *node = nodeFor(index);
    if (!index.isValid() || node->fileIndex < 0)
        return nullptr;
    return &m_workspace.files()[node->fileIndex];
}

QModelIndex WorkspaceModel::pathIndex(const QString &path) const
{
    std::vector<Node *> stack{m_root.get()};
    while (!stack.empty()) {
        Node *node = stack.back();
        stack.pop_back();
        if (node->kind != Kind::Request && node->path == path)
            return indexFor(node);
        for (auto &child : node->children)
            stack.push_back(child.get());
    }
    return {};
}

Qt::ItemFlags WorkspaceModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_editRunner ? Qt::ItemIsDropEnabled : Qt::NoItemFlags; // the workspace's root
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_editRunner)
        flags |= Qt::ItemIsEditable | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    return flags;
}

void WorkspaceModel::runLater(const Edit &edit)
{
    QTimer::singleShot(0, this, [this, edit] {
        QString error;
        if (m_editRunner && !m_editRunner(edit, &error))
            Q_EMIT editFailed(error);
    });
}

bool WorkspaceModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || !m_editRunner)
        return false;
    const Node *node = nodeFor(index);
    const QString name = value.toString().trimmed();
    if (name == data(index, Qt::EditRole).toString())
        return false; // nothing to write
    const QString path = node->path;
    if (node->kind == Kind::Request) {
        const int request = node->requestIndex;
        runLater([path, request, name](WorkspaceEditor &editor, QString *error) {
            return editor.renameRequest(path, request, name, error);
        });
    } else {
        runLater([path, name](WorkspaceEditor &editor, QString *error) {
            QString renamed;
            return editor.renamePath(path, name, &renamed, error);
        });
    }
    return true;
}

QStringList WorkspaceModel::mimeTypes() const
{
    return {QString::fromLatin1(ItemMimeType)};
}

// One dragged item: its kind, path and (for requests) index in its file.
QMimeData *WorkspaceModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty() || !indexes.first().isValid())
        return nullptr;
    const Node *node = nodeFor(indexes.first());
    QByteArray encoded;
    QDataStream stream(&encoded, QIODevice::WriteOnly);
    stream << int(node->kind) << node->path << node->requestIndex;
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(ItemMimeType), encoded);
    return data;
}

Qt::DropActions WorkspaceModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions WorkspaceModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

WorkspaceModel::Edit WorkspaceModel::dropEdit(const QMimeData *data, int row,
                                              const QModelIndex &parent) const
{
    if (!data || !data->hasFormat(QString::fromLatin1(ItemMimeType)) || !m_editRunner)
        return {};
    QDataStream stream(data->data(QString::fromLatin1(ItemMimeType)));
    int kind = -1;
    QString path;
    int request = -1;
    stream >> kind >> path >> request;
    if (stream.status() != QDataStream::Ok)
        return {};
    const Node *target = nodeFor(parent);
    if (Kind(kind) == Kind::Request) {
        // Into a file (at a row, else at its end), or onto a request: just before it.
        QString toFile;
        int position = row;
        if (target->kind == Kind::File) {
            toFile = target->path;
            const int count = int(target->children.size());
            position = row < 0 || row > count ? count : row;
        } else if (target->kind == Kind::Request) {
            toFile = target->path;
            position = target->requestIndex;
        } else {
            return {}; // a request lives in a file
        }
        return [path, request, toFile, position](WorkspaceEditor &editor, QString *error) {
            int at = -1;
            return editor.moveRequest(path, request, toFile, position, &at, error);
        };
    }
    if (Kind(kind) == Kind::File || Kind(kind) == Kind::Folder) {
        if (target->kind != Kind::Folder) // root or a folder
            return {};
        const QString folder = target == m_root.get() ? m_workspace.root() : target->path;
        if (QFileInfo(path).absolutePath() == folder)
            return {}; // already there
        return [path, folder](WorkspaceEditor &editor, QString *error) {
            QString moved;
            return editor.movePath(path, folder, &moved, error);
        };
    }
    return {};
}

bool WorkspaceModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                                     const QModelIndex &parent) const
{
    return action == Qt::MoveAction && bool(dropEdit(data, row, parent));
}

bool WorkspaceModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                                  const QModelIndex &parent)
{
    const Edit edit = action == Qt::MoveAction ? dropEdit(data, row, parent) : Edit();
    if (!edit)
        return false;
    // The edit moves the item on disk and the tree reloads; the model has no removeRows(), so
    // the view's own clean-up after a move leaves the rows to that reload.
    runLater(edit);
    return true;
}

} // namespace mr
