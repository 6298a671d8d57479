#include "poolstatemodel.h"

#include "connectionlog.h"

namespace mr {

namespace {

QString duration(double ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', 0);
    if (ms < 120000)
        return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
    return QStringLiteral("%1 min").arg(ms / 60000, 0, 'f', 1);
}

} // namespace

PoolStateModel::PoolStateModel(ConnectionLog *log, QObject *parent)
    : QAbstractItemModel(parent)
    , m_log(log)
{
    connect(log, &ConnectionLog::originAdded, this, &PoolStateModel::onOriginAdded);
    connect(log, &ConnectionLog::originChanged, this, [this](const QString &origin) {
        const QModelIndex row = originIndex(origin);
        if (row.isValid())
            Q_EMIT dataChanged(row, row.siblingAtColumn(ColumnCount - 1));
    });
    connect(log, &ConnectionLog::connectionAdded, this, &PoolStateModel::onConnectionAdded);
    connect(log, &ConnectionLog::connectionChanged, this, &PoolStateModel::onConnectionChanged);
    connect(log, &ConnectionLog::connectionAboutToBeRemoved, this,
            &PoolStateModel::onConnectionAboutToBeRemoved);
    connect(log, &ConnectionLog::aboutToBeCleared, this, [this] { beginResetModel(); });
    connect(log, &ConnectionLog::cleared, this, [this] {
        m_rows.clear();
        endResetModel();
    });
    rebuild();
}

void PoolStateModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    for (const QString &origin : m_log->origins())
        m_rows.append({origin, m_log->connectionsOf(origin)});
    endResetModel();
}

int PoolStateModel::originRow(const QString &origin) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].origin == origin)
            return row;
    }
    return -1;
}

QModelIndex PoolStateModel::originIndex(const QString &origin) const
{
    const int row = originRow(origin);
    return row < 0 ? QModelIndex() : index(row, 0);
}

QModelIndex PoolStateModel::connectionIndex(const QString &id, int column) const
{
    const ConnectionRecord *record = m_log->connection(id);
    if (!record)
        return {};
    const int row = originRow(record->origin);
    if (row < 0)
        return {};
    const int child = int(m_rows[row].connections.indexOf(id));
    return child < 0 ? QModelIndex() : index(child, column, index(row, 0));
}

void PoolStateModel::onOriginAdded(const QString &origin)
{
    const int row = int(m_rows.size());
    beginInsertRows(QModelIndex(), row, row);
    m_rows.append({origin, {}});
    endInsertRows();
}

void PoolStateModel::onConnectionAdded(const QString &id)
{
    const ConnectionRecord *record = m_log->connection(id);
    if (!record)
        return;
    const int row = originRow(record->origin);
    if (row < 0)
        return;
    const int child = int(m_rows[row].connections.size());
    beginInsertRows(index(row, 0), child, child);
    m_rows[row].connections.append(id);
    endInsertRows();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PoolStateModel::onConnectionChanged(const QString &id)
{
    const QModelIndex first = connectionIndex(id);
    if (!first.isValid())
        return;
    Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
    // An origin without a report from the engine counts its connections itself.
    const QModelIndex origin = first.parent();
    Q_EMIT dataChanged(origin, origin.siblingAtColumn(ColumnCount - 1));
}

void PoolStateModel::onConnectionAboutToBeRemoved(const QString &id)
{
    const QModelIndex gone = connectionIndex(id);
    if (!gone.isValid())
        return;
    beginRemoveRows(gone.parent(), gone.row(), gone.row());
    m_rows[gone.parent().row()].connections.removeAt(gone.row());
    endRemoveRows();
}

void PoolStateModel::refreshAges()
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const int children = int(m_rows[row].connections.size());
        if (children > 0) {
            const QModelIndex parent = index(row, 0);
            Q_EMIT dataChanged(index(0, AgeColumn, parent), index(children - 1, AgeColumn, parent),
                               {Qt::DisplayRole});
        }
    }
}

QModelIndex PoolStateModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_rows.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_rows.size())
        return {};
    return row < m_rows[parent.row()].connections.size()
               ? createIndex(row, column, quintptr(parent.row() + 1))
               : QModelIndex();
}

QModelIndex PoolStateModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int PoolStateModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() != 0 || parent.column() != 0 || parent.row() >= m_rows.size())
        return 0;
    return int(m_rows[parent.row()].connections.size());
}

int PoolStateModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant PoolStateModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == 0) {
        if (index.row() >= m_rows.size())
            return {};
        const OriginRow &row = m_rows[index.row()];
        const OriginState state = m_log->originState(row.origin);
        int count = -1;
        switch (index.column()) {
        case OpenColumn: count = state.open; break;
        case BusyColumn: count = state.busy; break;
        case IdleColumn: count = state.idle; break;
        case QueuedColumn: count = state.queued; break;
        default: break;
        }
        switch (role) {
        case OriginRole: return row.origin;
        case ConnectionIdRole: return QString();
        case CountRole: return count >= 0 ? QVariant(count) : QVariant();
        case Qt::DisplayRole:
            if (index.column() == NameColumn)
                return row.origin;
            if (count >= 0)
                return count;
            if (index.column() == RequestsColumn) {
                int requests = 0;
                for (const QString &id : row.connections) {
                    if (const ConnectionRecord *record = m_log->connection(id))
                        requests += record->requests;
                }
                return requests;
            }
            return {};
        case Qt::ToolTipRole:
            return tr("%1: %2 open (%3 busy, %4 idle), %5 queued for a connection")
                .arg(row.origin)
                .arg(state.open)
                .arg(state.busy)
                .arg(state.idle)
                .arg(state.queued);
        default: return {};
        }
    }

    const int originRow = int(index.internalId() - 1);
    if (originRow >= m_rows.size() || index.row() >= m_rows[originRow].connections.size())
        return {};
    const QString &id = m_rows[originRow].connections[index.row()];
    const ConnectionRecord *record = m_log->connection(id);
    if (!record)
        return {};
    const bool open = record->isOpen();
    switch (role) {
    case OriginRole: return record->origin;
    case ConnectionIdRole: return id;
    case Qt::ToolTipRole: {
        QStringList lines{record->label()};
        if (record->localPort)
            lines << tr("local port %1").arg(record->localPort);
        if (record->closeKnown)
            lines << tr("closed: %1").arg(record->closedWhy());
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::DisplayRole: break;
    default: return {};
    }
    switch (index.column()) {
    case NameColumn: {
        QString name = record->kind == ConnectionRecord::Kind::Pool
                           ? QStringLiteral("#%1").arg(record->serial)
                           : record->label().mid(record->origin.size() + 3);
        if (record->localPort)
            name += tr(" · port %1").arg(record->localPort);
        if (!record->openedWhy().isEmpty())
            name += QStringLiteral(" \u00b7 ") + record->openedWhy();
        return name;
    }
    case OpenColumn:
        if (record->kind != ConnectionRecord::Kind::Pool)
            return tr("inferred");
        return open ? tr("open") : tr("closed");
    case BusyColumn:
        if (open && record->busy && record->protocol == "h2")
            return record->inFlight == 1 ? tr("1 stream") : tr("%1 streams").arg(record->inFlight);
        return open && record->busy ? tr("busy") : QString();
    case IdleColumn: return open && !record->busy ? tr("idle") : QString();
    case AgeColumn: {
        if (record->openedAtMs < 0 || record->kind != ConnectionRecord::Kind::Pool)
            return {};
        const double end = record->closeKnown ? record->closedAtMs : m_log->nowMs();
        return duration(qMax(0.0, end - record->openedAtMs));
    }
    case RequestsColumn: return record->requests;
    case ClosedColumn:
        if (!record->closeKnown)
            return {};
        return tr("after %1: %2")
            .arg(duration(record->closedAtMs - record->openedAtMs), record->closedWhy());
    default: return {};
    }
}

QVariant PoolStateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Origin / connection");
    case OpenColumn: return tr("Open");
    case BusyColumn: return tr("Busy");
    case IdleColumn: return tr("Idle");
    case QueuedColumn: return tr("Queued");
    case AgeColumn: return tr("Age");
    case RequestsColumn: return tr("Requests");
    case ClosedColumn: return tr("Closed");
    default: return {};
    }
}

} // namespace mr
