#include "historymodel.h"

#include "historystore.h"

#include <QLocale>

namespace mr {

HistoryModel::HistoryModel(HistoryStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_rowLimit(HistoryStore::DefaultMaxEntries)
{
    connect(store, &HistoryStore::added, this, &HistoryModel::entryAdded);
    connect(store, &HistoryStore::removed, this, &HistoryModel::entryRemoved);
    connect(store, &HistoryStore::pruned, this, &HistoryModel::entriesPruned);
    connect(store, &HistoryStore::reset, this, &HistoryModel::reload);
    reload();
}

void HistoryModel::setSearch(const QString &search)
{
    if (search == m_search)
        return;
    m_search = search;
    reload();
}

void HistoryModel::reload()
{
    beginResetModel();
    m_rows = m_store->recent(m_search, m_rowLimit, 0);
    endResetModel();
}

const HistorySummary *HistoryModel::summary(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

qint64 HistoryModel::idAt(int row) const
{
    const HistorySummary *s = summary(row);
    return s ? s->id : 0;
}

int HistoryModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

void HistoryModel::entryAdded(qint64 id)
{
    // Only if it matches the search; new entries are the newest, so they go on top.
    const std::optional<HistorySummary> added = m_store->summary(id, m_search);
    if (!added || rowOf(id) >= 0)
        return;
    beginInsertRows(QModelIndex(), 0, 0);
    m_rows.prepend(*added);
    endInsertRows();
    if (m_rows.size() > m_rowLimit) {
        beginRemoveRows(QModelIndex(), int(m_rows.size()) - 1, int(m_rows.size()) - 1);
        m_rows.removeLast();
        endRemoveRows();
    }
}

void HistoryModel::entryRemoved(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void HistoryModel::entriesPruned()
{
    // The oldest went; rows are newest first, so they are the last ones. The list keeps its
    // selection, which a reload would lose at each exchange once the history is full.
    const qint64 oldest = m_store->oldestId();
    int keep = int(m_rows.size());
    while (keep > 0 && m_rows.at(keep - 1).id < oldest)
        --keep;
    if (keep == m_rows.size())
        return;
    beginRemoveRows(QModelIndex(), keep, int(m_rows.size()) - 1);
    m_rows.erase(m_rows.begin() + keep, m_rows.end());
    endRemoveRows();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    const HistorySummary *s = index.isValid() ? summary(index.row()) : nullptr;
    if (!s)
        return {};
    if (role == IdRole)
        return s->id;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == DurationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines{s->method + QLatin1Char(' ') + s->url};
        if (!s->filePath.isEmpty())
            lines.append(tr("From %1%2")
                             .arg(s->filePath, s->requestName.isEmpty()
                                                   ? QString()
                                                   : QStringLiteral(" · ") + s->requestName));
        if (!s->environment.isEmpty())
            lines.append(tr("Environment: %1").arg(s->environment));
        if (!s->error.isEmpty())
            lines.append(s->error);
        if (!s->connectionId.isEmpty())
            lines.append(tr("Connection %1").arg(s->connectionId));
        lines.append(QLocale().toString(s->recordedAt, QLocale::LongFormat));
        return lines.join(QLatin1Char('\n'));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn: {
        // Today's entries by time, older ones with their date.
        const QDateTime local = s->recordedAt.toLocalTime();
        return local.date() == QDate::currentDate()
                   ? local.toString(QStringLiteral("HH:mm:ss"))
                   : local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    case MethodColumn: return s->method;
    case RequestColumn: return s->requestName.isEmpty() ? s->url : s->requestName;
    case StatusColumn:
        if (s->status <= 0)
            return tr("failed");
        // A status whose body was cut short (or that failed after it) is no answer either.
        return s->error.isEmpty() ? QString::number(s->status) : tr("%1 failed").arg(s->status);
    case DurationColumn: return QStringLiteral("%1 ms").arg(s->durationMs, 0, 'f', 1);
    case ConnectionColumn: return s->connectionLabel();
    default: return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case MethodColumn: return tr("Method");
    case RequestColumn: return tr("Request");
    case StatusColumn: return tr("Status");
    case DurationColumn: return tr("Duration");
    case ConnectionColumn: return tr("Connection");
    default: return {};
    }
}

} // namespace mr
