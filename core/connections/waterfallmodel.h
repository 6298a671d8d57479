#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QMetaType>

namespace mr {

class ConnectionLog;
struct LoggedExchange;

// A piece of a waterfall bar: one phase of one attempt, on the log's time axis (ms).
struct WaterfallSegment {
    enum Phase { Blocked, Dns, Tcp, Tls, Send, Wait, Receive, Inferred, Lifetime };
    Phase phase = Wait;
    double startMs = 0;
    double endMs = 0;
};

// The Connections view's waterfall as a tree: one top-level row (lane) per connection,
// labelled "origin#serial · why it opened", and under it one row per exchange it carried, in
// the order they finished. Bars (SegmentsRole) share one time axis, axisStart()..axisEnd().
// Follows its ConnectionLog live: rows come and go as exchanges do.
class WaterfallModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, DurationColumn, TimelineColumn, ColumnCount };
    enum Role {
        IsLaneRole = Qt::UserRole + 1, // bool
        ConnectionIdRole,              // QString, lanes and exchanges
        SequenceRole,                  // quint64, exchanges: LoggedExchange::sequence
        StartRole,                     // double ms on the axis
        EndRole,                       // double ms on the axis
        SegmentsRole,                  // QList<WaterfallSegment>
    };

    explicit WaterfallModel(ConnectionLog *log, QObject *parent = nullptr);

    ConnectionLog *log() const { return m_log; }
    // The shared time axis: from the first exchange's start to the last one's end (ms), or
    // longer when a minimum span is set.
    double axisStart() const;
    double axisEnd() const;
    // How long the exchanges themselves span (ms), whatever the minimum.
    double dataSpanMs() const;
    // The axis spans at least this long: two waterfalls side by side then share one scale
    // (header and bars alike), and the faster run's bars end sooner.
    void setMinimumSpanMs(double span);
    double minimumSpanMs() const { return m_minimumSpanMs; }
    // The bar of a row, cheaper than SegmentsRole for painting.
    QList<WaterfallSegment> segments(const QModelIndex &index) const;
    const LoggedExchange *exchange(const QModelIndex &index) const;
    QModelIndex laneIndex(const QString &connectionId) const;
    static QString phaseName(WaterfallSegment::Phase phase);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Lane {
        quint64 uid = 0; // internalId of its children
        QString connectionId;
        QList<quint64> sequences;
    };

    void reset();
    void onAdded(const LoggedExchange &entry);
    void onAboutToBeRemoved(const LoggedExchange &entry);
    void onConnectionChanged(const QString &id);
    void computeAxis() const;
    int rowOf(quint64 uid) const; // -1: no such lane
    void setRow(quint64 uid, int row);
    double laneEnd(const Lane &lane) const;
    QString laneToolTip(const Lane &lane) const;
    QString exchangeToolTip(const LoggedExchange &entry) const;

    ConnectionLog *m_log;
    QList<Lane> m_lanes;
    QHash<QString, quint64> m_uidOf; // connection id -> lane uid
    // Lane uid -> row + m_rowBase: dropping the first lane moves every row by raising the base.
    QHash<quint64, qint64> m_rowOf;
    qint64 m_rowBase = 0;
    quint64 m_nextUid = 1;
    mutable bool m_axisDirty = true;
    mutable double m_axisStart = 0;
    mutable double m_axisEnd = 0;
    double m_minimumSpanMs = 0;
};

} // namespace mr

Q_DECLARE_METATYPE(mr::WaterfallSegment)
