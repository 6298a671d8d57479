#pragma once

#include "connectionrecord.h"
#include "net/exchange.h"
#include "net/httpclient.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <deque>

class QNetworkReply;

namespace mr {

// A finished exchange as the log keeps it: numbered, placed on the log's time axis and
// filed under the connection (lane) its final attempt used.
struct LoggedExchange {
    quint64 sequence = 0; // 1, 2, ... in the order they finished; never reused
    Exchange exchange;
    QString connectionId; // the lane: a ConnectionRecord's id
    double startMs = 0;   // when its first attempt was queued, on the log's axis
    double endMs = 0;     // when its last byte arrived
};

// The live session's record for the Connections view: the most recent N finished exchanges
// (configurable), the connections that carried them with why they opened and closed, and
// each origin's pool (open, busy, idle, queued) as the engine reports it. Closed connections
// with no exchange left in the log are forgotten, oldest first, in batches once there are an
// eighth more than N of them.
//
// Times are on one axis, the engine's clock (ConnectionEvent::atMs, Attempt::queuedAtMs), so
// bars and connection lifetimes line up below a millisecond; exchanges of Qt's own path are
// placed by their wall-clock start.
class ConnectionLog : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultLimit = 1000;
    // Response bodies are kept up to this size (for the HAR export), so a long session of
    // large downloads cannot fill the memory; the exchange's tab keeps the whole body.
    static constexpr qsizetype KeptBodyBytes = 64 * 1024;

    explicit ConnectionLog(QObject *parent = nullptr);

    // Records every reply the client finishes and follows its pool's events, live.
    void attach(HttpClient *client);
    HttpClient *client() const { return m_client; }

    // Response bodies are cut to this many bytes (KeptBodyBytes unless set; 0 keeps none).
    qsizetype keptBodyBytes() const { return m_keptBodyBytes; }
    void setKeptBodyBytes(qsizetype bytes) { m_keptBodyBytes = qMax<qsizetype>(0, bytes); }

    // The most recent exchanges kept (1..1,000,000); older ones leave the log.
    int limit() const { return m_limit; }
    void setLimit(int count);

    // Adds a finished exchange (attach() does this for every reply of its client).
    void record(const Exchange &exchange);
    void clear();

    int exchangeCount() const { return int(m_exchanges.size()); }
    // Oldest first.
    const LoggedExchange &exchangeAt(int index) const { return m_exchanges[size_t(index)]; }
    const LoggedExchange *exchangeBySequence(quint64 sequence) const;
    QList<Exchange> exchanges() const;

    // Origins in the order they were first seen.
    QStringList origins() const { return m_origins; }
    // The pool's last report for the origin, or counts from the log's records without one.
    OriginState originState(const QString &origin) const;
    // Connections in the order the log first saw them.
    QStringList connectionIds() const { return m_connectionOrder; }
    QStringList connectionsOf(const QString &origin) const;
    const ConnectionRecord *connection(const QString &id) const;

    // Now, on the log's axis (for the age of open connections).
    double nowMs() const;

Q_SIGNALS:
    void exchangeAdded(const mr::LoggedExchange &entry);
    void exchangeAboutToBeRemoved(const mr::LoggedExchange &entry); // the oldest, always
    void exchangeRemoved();
    void connectionAdded(const QString &id);
    void connectionChanged(const QString &id);
    void connectionAboutToBeRemoved(const QString &id);
    void connectionRemoved(const QString &id);
    void originAdded(const QString &origin);
    void originChanged(const QString &origin);
    void aboutToBeCleared();
    void cleared();

public:
    // What a pool reported (attach() feeds these from its client's signals). Public for a
    // log that follows a client in another thread, from events carried across in batches.
    void onOpened(const ConnectionEvent &event);
    void onClosed(const ConnectionEvent &event);
    void onOriginState(const OriginState &state);
    void onRequestStarted(quint64 id, const QString &connectionId);
    void onRequestFinished(quint64 id);

private:
    // What an event says of the connection beyond its identity (protocol, HTTP/2 facts).
    static void learnFrom(const ConnectionEvent &event, ConnectionRecord *record);
    void onReplyFinished(QNetworkReply *reply);

    ConnectionRecord &ensureConnection(const QString &id, const QString &origin,
                                       ConnectionRecord::Kind kind);
    void ensureOrigin(const QString &origin);
    void learnOffset(double epochMs, double engineMs, bool exact);
    double axisFromEpoch(double epochMs) const { return epochMs - m_offsetMs; }
    void placeQtExchange(LoggedExchange &entry) const;
    void trim();
    void pruneConnections();

    QPointer<HttpClient> m_client;
    int m_limit = DefaultLimit;
    qsizetype m_keptBodyBytes = KeptBodyBytes;
    std::deque<LoggedExchange> m_exchanges;
    quint64 m_nextSequence = 1;
    QHash<QString, ConnectionRecord> m_connections;
    QStringList m_connectionOrder;
    QStringList m_origins;
    QHash<QString, OriginState> m_reported; // the engine's last word per origin
    QHash<quint64, QString> m_running;      // engine request id -> connection id
    // Wall clock (ms since the epoch) minus engine clock; exact once a pool attempt is seen.
    double m_offsetMs = 0;
    bool m_offsetKnown = false;
    bool m_offsetExact = false;
};

} // namespace mr

Q_DECLARE_METATYPE(mr::LoggedExchange)
