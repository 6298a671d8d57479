#include "waterfallmodel.h"

#include "connectionlog.h"

#include <QLocale>

namespace mr {

namespace {

QString ms(double value)
{
    return QString::number(value, 'f', value < 10 ? 2 : 1) + QStringLiteral(" ms");
}

} // namespace

WaterfallModel::WaterfallModel(ConnectionLog *log, QObject *parent)
    : QAbstractItemModel(parent)
    , m_log(log)
{
    connect(log, &ConnectionLog::exchangeAdded, this, &WaterfallModel::onAdded);
    connect(log, &ConnectionLog::exchangeAboutToBeRemoved, this,
            &WaterfallModel::onAboutToBeRemoved);
    connect(log, &ConnectionLog::connectionChanged, this, &WaterfallModel::onConnectionChanged);
    connect(log, &ConnectionLog::aboutToBeCleared, this, [this] { beginResetModel(); });
    connect(log, &ConnectionLog::cleared, this, [this] {
        m_lanes.clear();
        m_uidOf.clear();
        m_rowOf.clear();
        m_rowBase = 0;
        m_axisDirty = true;
        endResetModel();
    });
    reset();
}

void WaterfallModel::reset()
{
    beginResetModel();
    m_lanes.clear();
    m_uidOf.clear();
    m_rowOf.clear();
    m_rowBase = 0;
    for (int i = 0; i < m_log->exchangeCount(); ++i) {
        const LoggedExchange &entry = m_log->exchangeAt(i);
        auto uid = m_uidOf.constFind(entry.connectionId);
        if (uid == m_uidOf.constEnd()) {
            Lane lane;
            lane.uid = m_nextUid++;
            lane.connectionId = entry.connectionId;
            uid = m_uidOf.insert(entry.connectionId, lane.uid);
            setRow(lane.uid, int(m_lanes.size()));
            m_lanes.append(lane);
        }
        m_lanes[rowOf(*uid)].sequences.append(entry.sequence);
    }
    m_axisDirty = true;
    endResetModel();
}

void WaterfallModel::onAdded(const LoggedExchange &entry)
{
    const auto uid = m_uidOf.constFind(entry.connectionId);
    if (uid == m_uidOf.constEnd()) {
        const int row = int(m_lanes.size());
        beginInsertRows(QModelIndex(), row, row);
        Lane lane;
        lane.uid = m_nextUid++;
        lane.connectionId = entry.connectionId;
        lane.sequences.append(entry.sequence);
        m_uidOf.insert(entry.connectionId, lane.uid);
        setRow(lane.uid, row);
        m_lanes.append(lane);
        endInsertRows();
    } else {
        const int row = rowOf(*uid);
        Lane &lane = m_lanes[row];
        const int child = int(lane.sequences.size());
        beginInsertRows(index(row, 0), child, child);
        lane.sequences.append(entry.sequence);
        endInsertRows();
        // The lane's bar and request count grew.
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (!m_axisDirty) {
        m_axisStart = qMin(m_axisStart, entry.startMs);
        m_axisEnd = qMax(m_axisEnd, entry.endMs);
    }
}

void WaterfallModel::onAboutToBeRemoved(const LoggedExchange &entry)
{
    const auto uid = m_uidOf.constFind(entry.connectionId);
    if (uid == m_uidOf.constEnd())
        return;
    const int row = rowOf(*uid);
    Lane &lane = m_lanes[row];
    // The log drops its oldest exchange, which is the oldest of its lane.
    const int child = int(lane.sequences.indexOf(entry.sequence));
    if (child < 0)
        return;
    if (lane.sequences.size() == 1) {
        beginRemoveRows(QModelIndex(), row, row);
        m_rowOf.remove(lane.uid);
        m_uidOf.remove(lane.connectionId);
        m_lanes.removeAt(row);
        if (row == 0) // the usual case, the oldest lane: every row moves up at once
            ++m_rowBase;
        else
            for (int later = row; later < m_lanes.size(); ++later)
                setRow(m_lanes[later].uid, later);
        endRemoveRows();
    } else {
        beginRemoveRows(index(row, 0), child, child);
        lane.sequences.removeAt(child);
        endRemoveRows();
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    m_axisDirty = true;
}

int WaterfallModel::rowOf(quint64 uid) const
{
    const auto stored = m_rowOf.constFind(uid);
    return stored == m_rowOf.constEnd() ? -1 : int(*stored - m_rowBase);
}

void WaterfallModel::setRow(quint64 uid, int row)
{
    m_rowOf.insert(uid, m_rowBase + row);
}

void WaterfallModel::onConnectionChanged(const QString &id)
{
    const QModelIndex lane = laneIndex(id);
    if (lane.isValid())
        Q_EMIT dataChanged(lane, lane.siblingAtColumn(ColumnCount - 1));
}

QModelIndex WaterfallModel::laneIndex(const QString &connectionId) const
{
    const auto uid = m_uidOf.constFind(connectionId);
    return uid == m_uidOf.constEnd() ? QModelIndex() : index(rowOf(*uid), 0);
}

void WaterfallModel::computeAxis() const
{
    if (!m_axisDirty)
        return;
    m_axisDirty = false;
    m_axisStart = m_axisEnd = 0;
    for (int i = 0; i < m_log->exchangeCount(); ++i) {
        const LoggedExchange &entry = m_log->exchangeAt(i);
        if (i == 0) {
            m_axisStart = entry.startMs;
            m_axisEnd = entry.endMs;
        }
        m_axisStart = qMin(m_axisStart, entry.startMs);
        m_axisEnd = qMax(m_axisEnd, entry.endMs);
    }
}

double WaterfallModel::axisStart() const
{
    computeAxis();
    return m_axisStart;
}

double WaterfallModel::axisEnd() const
{
    computeAxis();
    return qMax(m_axisEnd, m_axisStart + m_minimumSpanMs);
}

double WaterfallModel::dataSpanMs() const
{
    if (m_log->exchangeCount() == 0)
        return 0;
    computeAxis();
    return m_axisEnd - m_axisStart;
}

void WaterfallModel::setMinimumSpanMs(double span)
{
    if (qFuzzyCompare(1 + span, 1 + m_minimumSpanMs))
        return;
    m_minimumSpanMs = qMax(0.0, span);
    Q_EMIT headerDataChanged(Qt::Horizontal, TimelineColumn, TimelineColumn);
}

double WaterfallModel::laneEnd(const Lane &lane) const
{
    double end = 0;
    for (quint64 sequence : lane.sequences) {
        if (const LoggedExchange *entry = m_log->exchangeBySequence(sequence))
            end = qMax(end, entry->endMs);
    }
    const ConnectionRecord *record = m_log->connection(lane.connectionId);
    if (record && record->closeKnown)
        end = qMax(end, record->closedAtMs);
    return end;
}

const LoggedExchange *WaterfallModel::exchange(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == 0)
        return nullptr;
    const int row = rowOf(index.internalId());
    if (row < 0)
        return nullptr;
    const Lane &lane = m_lanes[row];
    if (index.row() < 0 || index.row() >= lane.sequences.size())
        return nullptr;
    return m_log->exchangeBySequence(lane.sequences[index.row()]);
}

QList<WaterfallSegment> WaterfallModel::segments(const QModelIndex &index) const
{
    QList<WaterfallSegment> out;
    if (!index.isValid())
        return out;
    if (index.internalId() == 0) {
        const Lane &lane = m_lanes[index.row()];
        const ConnectionRecord *record = m_log->connection(lane.connectionId);
        const LoggedExchange *first = m_log->exchangeBySequence(lane.sequences.value(0));
        double start =
            record && record->openedAtMs >= 0 ? record->openedAtMs : (first ? first->startMs : 0);
        // Before the axis (opened for exchanges that left the log) is clipped to it.
        start = qMax(start, axisStart());
        out.append({WaterfallSegment::Lifetime, start, qMax(start, laneEnd(lane))});
        return out;
    }
    const LoggedExchange *entry = exchange(index);
    if (!entry)
        return out;
    bool timed = false;
    for (const Attempt &attempt : entry->exchange.attempts) {
        if (attempt.queuedAtMs < 0)
            continue;
        timed = true;
        double at = attempt.queuedAtMs;
        const PhaseTimings &t = attempt.timings;
        const std::pair<WaterfallSegment::Phase, double> phases[] = {
            {WaterfallSegment::Blocked, t.blocked}, {WaterfallSegment::Dns, t.dns},
            {WaterfallSegment::Tcp, t.tcp},         {WaterfallSegment::Tls, t.tls},
            {WaterfallSegment::Send, t.send},       {WaterfallSegment::Wait, t.wait},
            {WaterfallSegment::Receive, t.receive}};
        for (const auto &[phase, length] : phases) {
            if (length <= 0)
                continue;
            out.append({phase, at, at + length});
            at += length;
        }
    }
    if (!timed)
        out.append({WaterfallSegment::Inferred, entry->startMs, entry->endMs});
    return out;
}

QString WaterfallModel::phaseName(WaterfallSegment::Phase phase)
{
    switch (phase) {
    case WaterfallSegment::Blocked: return QStringLiteral("blocked");
    case WaterfallSegment::Dns: return QStringLiteral("dns");
    case WaterfallSegment::Tcp: return QStringLiteral("tcp");
    case WaterfallSegment::Tls: return QStringLiteral("tls");
    case WaterfallSegment::Send: return QStringLiteral("send");
    case WaterfallSegment::Wait: return QStringLiteral("wait");
    case WaterfallSegment::Receive: return QStringLiteral("receive");
    case WaterfallSegment::Inferred: return QStringLiteral("total (inferred)");
    case WaterfallSegment::Lifetime: return QStringLiteral("connection");
    }
    return {};
}

QModelIndex WaterfallModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_lanes.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_lanes.size())
        return {};
    const Lane &lane = m_lanes[parent.row()];
    return row < lane.sequences.size() ? createIndex(row, column, quintptr(lane.uid))
                                       : QModelIndex();
}

QModelIndex WaterfallModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int row = rowOf(child.internalId());
    return row < 0 ? QModelIndex() : createIndex(row, 0, quintptr(0));
}

int WaterfallModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_lanes.size());
    if (parent.internalId() != 0 || parent.column() != 0 || parent.row() >= m_lanes.size())
        return 0;
    return int(m_lanes[parent.row()].sequences.size());
}

int WaterfallModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString WaterfallModel::laneToolTip(const Lane &lane) const
{
    const ConnectionRecord *record = m_log->connection(lane.connectionId);
    if (!record)
        return lane.connectionId;
    QStringList lines{record->label()};
    if (record->kind == ConnectionRecord::Kind::Pool) {
        if (record->localPort)
            lines << QStringLiteral("local port %1").arg(record->localPort);
        lines << QStringLiteral("%1 requests carried, %2 shown here")
                     .arg(record->requests)
                     .arg(lane.sequences.size());
        if (record->protocol == "h2") {
            // One connection, many streams at once: what limited them and how far apart.
            QStringList h2{
                QStringLiteral("HTTP/2: at most %1 streams at once").arg(record->peakStreams)};
            if (record->maxConcurrentStreams)
                h2 << QStringLiteral("server allows %1").arg(record->maxConcurrentStreams);
            if (record->pingRttMs >= 0)
                h2 << QStringLiteral("PING round trip %1").arg(ms(record->pingRttMs));
            lines << h2.join(QStringLiteral(" \u00b7 "));
            if (!record->goaway.isEmpty())
                lines << QStringLiteral("GOAWAY from the server: %1").arg(record->goaway);
        }
        if (record->closeKnown)
            lines << QStringLiteral("closed after %1: %2")
                         .arg(ms(record->closedAtMs - record->openedAtMs), record->closedWhy());
        else
            lines << QStringLiteral("open");
    }
    return lines.join(QLatin1Char('\n'));
}

QString WaterfallModel::exchangeToolTip(const LoggedExchange &entry) const
{
    const Exchange &e = entry.exchange;
    QStringList lines;
    lines << QStringLiteral("%1 %2").arg(QString::fromLatin1(e.request.method),
                                         e.request.url.toString());
    if (e.hasResponse())
        lines << QStringLiteral("%1 %2").arg(e.status).arg(QString::fromLatin1(e.reasonPhrase));
    if (!e.error.isEmpty())
        lines << e.error; // no response, or one cut short
    if (!e.pathLabel().isEmpty())
        lines << e.pathLabel();
    lines << QStringLiteral("started at +%1, took %2")
                 .arg(ms(entry.startMs - axisStart()), ms(entry.endMs - entry.startMs));
    for (int i = 0; i < e.attempts.size(); ++i) {
        const Attempt &attempt = e.attempts[i];
        QString prefix =
            e.attempts.size() > 1 ? QStringLiteral("attempt %1: ").arg(i + 1) : QString();
        if (!attempt.connectionLabel().isEmpty())
            lines << prefix + attempt.connectionLabel();
        lines << prefix + attempt.phasesText();
        if (!attempt.errorString.isEmpty())
            lines << prefix + attempt.errorString;
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant WaterfallModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const bool isLane = index.internalId() == 0;
    if (isLane && index.row() >= m_lanes.size())
        return {};
    const Lane *lane = isLane ? &m_lanes[index.row()] : nullptr;
    const LoggedExchange *entry = isLane ? nullptr : exchange(index);
    if (!isLane && !entry)
        return {};
    const ConnectionRecord *record =
        m_log->connection(isLane ? lane->connectionId : entry->connectionId);

    switch (role) {
    case IsLaneRole: return isLane;
    case ConnectionIdRole: return isLane ? lane->connectionId : entry->connectionId;
    case SequenceRole: return isLane ? QVariant() : QVariant::fromValue(entry->sequence);
    case StartRole:
    case EndRole: {
        const QList<WaterfallSegment> bar = segments(index);
        if (bar.isEmpty())
            return {};
        return role == StartRole ? bar.first().startMs : bar.last().endMs;
    }
    case SegmentsRole: return QVariant::fromValue(segments(index));
    case Qt::ToolTipRole: return isLane ? laneToolTip(*lane) : exchangeToolTip(*entry);
    case Qt::DisplayRole: break;
    default: return {};
    }

    switch (index.column()) {
    case NameColumn:
        if (isLane)
            return record ? record->label() : lane->connectionId;
        return QStringLiteral("%1 %2").arg(
            QString::fromLatin1(entry->exchange.request.method),
            entry->exchange.request.url.path(QUrl::FullyDecoded).isEmpty()
                ? QStringLiteral("/")
                : entry->exchange.request.url.path(QUrl::FullyDecoded));
    case StatusColumn:
        if (isLane) {
            if (!record || record->kind != ConnectionRecord::Kind::Pool)
                return QStringLiteral("%1 requests").arg(lane->sequences.size());
            if (record->closeKnown)
                return QStringLiteral("closed: %1").arg(record->closedWhy());
            return record->busy ? QStringLiteral("open, busy") : QStringLiteral("open");
        } else {
            const Attempt *last = entry->exchange.finalAttempt();
            const QString connection = last ? last->connectionLabel() : QString();
            const Exchange &e = entry->exchange;
            const QString status = e.isComplete()    ? QString::number(e.status)
                                   : e.hasResponse() ? QStringLiteral("%1 failed").arg(e.status)
                                                     : QStringLiteral("failed");
            return connection.isEmpty() ? status : status + QStringLiteral(" \u00b7 ") + connection;
        }
    case DurationColumn: {
        const QList<WaterfallSegment> bar = segments(index);
        return bar.isEmpty() ? QVariant() : QVariant(ms(bar.last().endMs - bar.first().startMs));
    }
    default: return {};
    }
}

QVariant WaterfallModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Connection / request");
    case StatusColumn: return tr("Status");
    case DurationColumn: return tr("Time");
    case TimelineColumn:
        if (m_log->exchangeCount() == 0)
            return tr("Waterfall");
        return tr("Waterfall \u00b7 0 \u2013 %1").arg(ms(axisEnd() - axisStart()));
    default: return {};
    }
}

} // namespace mr
