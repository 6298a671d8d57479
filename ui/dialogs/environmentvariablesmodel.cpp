#include "environmentvariablesmodel.h"

namespace mr {

QString EnvironmentVariablesModel::mask()
{
    // A fixed length, so the mask does not tell how long the secret is.
    return QString(8, QChar(0x2022));
}

EnvironmentVariablesModel::EnvironmentVariablesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void EnvironmentVariablesModel::setVariables(const QList<EnvironmentEditor::Variable> &variables)
{
    beginResetModel();
    m_rows = variables;
    endResetModel();
}

QList<EnvironmentEditor::Variable> EnvironmentVariablesModel::variables() const
{
    QList<EnvironmentEditor::Variable> out;
    for (const EnvironmentEditor::Variable &v : m_rows) {
        if (!v.name.isEmpty() || !v.value.isEmpty())
            out.append(v);
    }
    return out;
}

void EnvironmentVariablesModel::setShowSecrets(bool show)
{
    if (show == m_showSecrets)
        return;
    m_showSecrets = show;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, ValueColumn), index(int(m_rows.size()) - 1, ValueColumn),
                           {Qt::DisplayRole, MaskedRole});
}

int EnvironmentVariablesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

int EnvironmentVariablesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EnvironmentVariablesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    const EnvironmentEditor::Variable v = m_rows.value(index.row());
    const bool masked = v.secret && !m_showSecrets && !v.value.isEmpty();
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return v.name;
        if (role == Qt::ToolTipRole && index.row() == m_rows.size())
            return tr("Type a name here to add a variable");
        break;
    case ValueColumn:
        if (role == Qt::DisplayRole)
            return masked ? mask() : v.value;
        if (role == Qt::EditRole)
            return v.value;
        if (role == MaskedRole)
            return v.secret && !m_showSecrets;
        break;
    case SecretColumn:
        if (role == Qt::CheckStateRole)
            return v.secret ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("Secret: saved to http-client.private.env.json, which git ignores");
        break;
    default: break;
    }
    return {};
}

bool EnvironmentVariablesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.model() != this)
        return false;
    const int row = index.row();
    EnvironmentEditor::Variable v = m_rows.value(row);
    if (index.column() == SecretColumn && role == Qt::CheckStateRole)
        v.secret = value.toInt() == Qt::Checked;
    else if (index.column() == NameColumn && role == Qt::EditRole)
        v.name = value.toString();
    else if (index.column() == ValueColumn && role == Qt::EditRole)
        v.value = value.toString();
    else
        return false;
    if (row < m_rows.size() && v == m_rows[row])
        return true;
    if (row == m_rows.size()) {
        // The empty last row becomes a variable: a new empty row follows it, then the row
        // takes the value (in that order, so the insertion moves no data).
        beginInsertRows(QModelIndex(), row + 1, row + 1);
        m_rows.append(EnvironmentEditor::Variable());
        endInsertRows();
    }
    m_rows[row] = v;
    Q_EMIT dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags EnvironmentVariablesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return index.column() == SecretColumn ? base | Qt::ItemIsUserCheckable
                                          : base | Qt::ItemIsEditable;
}

QVariant EnvironmentVariablesModel::headerData(int section, Qt::Orientation orientation,
                                               int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case ValueColumn: return tr("Value");
    case SecretColumn: return tr("Secret");
    default: return {};
    }
}

bool EnvironmentVariablesModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row >= m_rows.size())
        return false;
    const int last = qMin(row + count, int(m_rows.size())) - 1;
    beginRemoveRows(QModelIndex(), row, last);
    m_rows.remove(row, last - row + 1);
    endRemoveRows();
    Q_EMIT edited();
    return true;
}

} // namespace mr
