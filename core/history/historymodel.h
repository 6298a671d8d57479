#pragma once

#include "historyentry.h"

#include <QAbstractTableModel>

namespace mr {

class HistoryStore;

// The history list over a HistoryStore: newest first, narrowed by a search, at most
// rowLimit() rows (summaries only, no bodies: the store's 5000 entries are a few hundred KB).
// It follows the store: a recorded exchange appears on top, a deleted one goes, a clear
// empties it.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        MethodColumn,
        RequestColumn,
        StatusColumn,
        DurationColumn,
        ConnectionColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1 };

    explicit HistoryModel(HistoryStore *store, QObject *parent = nullptr);

    void setSearch(const QString &search);
    QString search() const { return m_search; }
    // Takes effect on the next reload().
    void setRowLimit(int rows) { m_rowLimit = qMax(1, rows); }
    int rowLimit() const { return m_rowLimit; }
    // Reads the list again from the store.
    void reload();

    const HistorySummary *summary(int row) const;
    qint64 idAt(int row) const;
    // The row of an entry, -1 when it is not listed.
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void entryAdded(qint64 id);
    void entryRemoved(qint64 id);
    void entriesPruned();

    HistoryStore *m_store;
    QList<HistorySummary> m_rows;
    QString m_search;
    int m_rowLimit;
};

} // namespace mr
