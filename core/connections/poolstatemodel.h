#pragma once

#include <QAbstractItemModel>
#include <QStringList>

namespace mr {

class ConnectionLog;

// Each origin's pool, live, as a tree: an origin row with its open, busy, idle and queued
// counts (as the engine last reported them), and under it its connections with their state,
// age, request count and, once closed, when and why. Follows its ConnectionLog.
class PoolStateModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        OpenColumn,
        BusyColumn,
        IdleColumn,
        QueuedColumn,
        AgeColumn,
        RequestsColumn,
        ClosedColumn,
        ColumnCount
    };
    enum Role {
        ConnectionIdRole = Qt::UserRole + 1, // QString; empty on origin rows
        OriginRole,                          // QString
        CountRole,                           // int: the number in the count columns
    };

    explicit PoolStateModel(ConnectionLog *log, QObject *parent = nullptr);

    // Ages of open connections grow: views call this now and then.
    void refreshAges();
    QModelIndex originIndex(const QString &origin) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct OriginRow {
        QString origin;
        QStringList connections;
    };

    void rebuild();
    void onOriginAdded(const QString &origin);
    void onConnectionAdded(const QString &id);
    void onConnectionChanged(const QString &id);
    void onConnectionAboutToBeRemoved(const QString &id);
    int originRow(const QString &origin) const;
    QModelIndex connectionIndex(const QString &id, int column = 0) const;

    ConnectionLog *m_log;
    QList<OriginRow> m_rows;
};

} // namespace mr
