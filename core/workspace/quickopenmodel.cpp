#include "quickopenmodel.h"

#include <QDir>

#include <algorithm>

namespace mr {

namespace {

// Whether the letters of `term` appear in `text` in order ("lsus" in "list users").
bool inOrder(const QString &term, const QString &text)
{
    qsizetype at = 0;
    for (const QChar c : term) {
        at = text.indexOf(c, at, Qt::CaseInsensitive);
        if (at < 0)
            return false;
        ++at;
    }
    return true;
}

} // namespace

QuickOpenModel::QuickOpenModel(QObject *parent)
    : QAbstractListModel(parent)
{}

double QuickOpenModel::score(const QString &query, const QString &name, const QString &method,
                             const QString &url, const QString &file)
{
    const QStringList terms = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    double total = 0;
    for (const QString &term : terms) {
        const qsizetype inName = name.indexOf(term, 0, Qt::CaseInsensitive);
        if (inName == 0)
            total += 4;
        else if (inName > 0)
            total += 3;
        else if (method.compare(term, Qt::CaseInsensitive) == 0)
            total += 2;
        else if (url.contains(term, Qt::CaseInsensitive) ||
                 file.contains(term, Qt::CaseInsensitive))
            total += 1;
        else if (inOrder(term, name))
            total += 0.5;
        else
            return -1;
    }
    return total;
}

void QuickOpenModel::setWorkspace(const Workspace &workspace)
{
    m_all.clear();
    const QDir root(workspace.root());
    for (const HttpFile &file : workspace.files()) {
        for (int i = 0; i < file.requests.size(); ++i) {
            const RequestDefinition &request = file.requests[i];
            Entry entry;
            entry.name = request.displayName();
            entry.method = request.method;
            entry.url = request.url;
            entry.file = root.relativeFilePath(file.path);
            entry.path = file.path;
            entry.index = i;
            m_all.append(entry);
        }
    }
    refilter();
}

void QuickOpenModel::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    refilter();
}

void QuickOpenModel::refilter()
{
    beginResetModel();
    m_shown.clear();
    for (Entry entry : std::as_const(m_all)) {
        entry.score = score(m_query, entry.name, entry.method, entry.url, entry.file);
        if (entry.score >= 0)
            m_shown.append(entry);
    }
    // Best first; equal ones in the tree's order.
    std::stable_sort(m_shown.begin(), m_shown.end(),
                     [](const Entry &a, const Entry &b) { return a.score > b.score; });
    endResetModel();
}

int QuickOpenModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

QVariant QuickOpenModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_shown[index.row()];
    switch (role) {
    case Qt::DisplayRole: return entry.name;
    case Qt::ToolTipRole:
    case DetailRole:
        return QStringLiteral("%1 %2 \u00b7 %3")
            .arg(entry.method, entry.url, QDir::toNativeSeparators(entry.file));
    case FilePathRole: return entry.path;
    case RequestIndexRole: return entry.index;
    default: return {};
    }
}

QHash<int, QByteArray> QuickOpenModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(FilePathRole, "filePath");
    names.insert(RequestIndexRole, "requestIndex");
    names.insert(DetailRole, "detail");
    return names;
}

} // namespace mr
