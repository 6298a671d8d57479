#include "keyvaluemodel.h"

#include <QApplication>
#include <QPalette>

namespace mr {

KeyValueModel::KeyValueModel(const QList<Column> &columns, bool checkable, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(columns)
    , m_checkable(checkable)
{}

void KeyValueModel::setRows(const QList<Row> &rows)
{
    if (rows == m_rows)
        return;
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int KeyValueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

int KeyValueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString &KeyValueModel::field(Row &row, Column kind)
{
    switch (kind) {
    case Name: return row.name;
    case Value: return row.value;
    case File: return row.file;
    case ContentType: return row.contentType;
    }
    return row.name;
}

const QString &KeyValueModel::field(const Row &row, Column kind)
{
    return field(const_cast<Row &>(row), kind);
}

QVariant KeyValueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    const Column kind = m_columns.at(index.column());
    if (isPlaceholderRow(index.row())) {
        if (kind != Name)
            return {};
        if (role == Qt::DisplayRole)
            return m_placeholder;
        if (role == Qt::EditRole)
            return QString();
        if (role == Qt::ForegroundRole)
            return QApplication::palette().color(QPalette::PlaceholderText);
        return {};
    }
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return field(row, kind);
    case Qt::CheckStateRole:
        if (m_checkable && kind == Name)
            return row.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ForegroundRole:
        // A disabled row is not sent: say so by fading it.
        if (!row.enabled)
            return QApplication::palette().color(QPalette::PlaceholderText);
        return {};
    default: return {};
    }
}

bool KeyValueModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.model() != this)
        return false;
    const Column kind = m_columns.at(index.column());
    if (isPlaceholderRow(index.row())) {
        if (role != Qt::EditRole || value.toString().isEmpty())
            return false;
        // A real row goes in before the empty one, which stays last.
        const int added = int(m_rows.size());
        beginInsertRows({}, added, added);
        Row row;
        field(row, kind) = value.toString();
        m_rows.append(row);
        endInsertRows();
        Q_EMIT edited();
        return true;
    }
    Row &row = m_rows[index.row()];
    if (role == Qt::CheckStateRole && m_checkable && kind == Name) {
        const bool enabled = value.toInt() == Qt::Checked;
        if (enabled == row.enabled)
            return true;
        row.enabled = enabled;
        Q_EMIT dataChanged(this->index(index.row(), 0),
                           this->index(index.row(), int(m_columns.size()) - 1));
        Q_EMIT edited();
        return true;
    }
    if (role != Qt::EditRole)
        return false;
    if (field(row, kind) == value.toString())
        return true;
    field(row, kind) = value.toString();
    Q_EMIT dataChanged(index, index);
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags KeyValueModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
    if (m_checkable && m_columns.at(index.column()) == Name && !isPlaceholderRow(index.row()))
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant KeyValueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= m_columns.size())
        return {};
    switch (m_columns.at(section)) {
    case Name: return tr("Name");
    case Value: return tr("Value");
    case File: return tr("File");
    case ContentType: return tr("Content type");
    }
    return {};
}

bool KeyValueModel::removeRows(int row, int count, const QModelIndex &parent)
{
    // The empty last row cannot go.
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    Q_EMIT edited();
    return true;
}

} // namespace mr
