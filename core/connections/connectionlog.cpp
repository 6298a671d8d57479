#include "connectionlog.h"

#include "net/enginereply.h"
#include "net/enginerequest.h"
#include "net/httpclient.h"
#include "net/origin.h"
#include "net/replystatus.h"

#include <QDateTime>
#include <QFile>
#include <QNetworkReply>
#include <QSet>

namespace mr {

namespace {

QString originOfConnection(const QString &connectionId)
{
    return connectionId.left(connectionId.lastIndexOf(QLatin1Char('#')));
}

double attemptEnd(const Attempt &attempt)
{
    const PhaseTimings &t = attempt.timings;
    return attempt.queuedAtMs + t.total();
}

} // namespace

ConnectionLog::ConnectionLog(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<LoggedExchange>();
}

void ConnectionLog::attach(HttpClient *client)
{
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (!client)
        return;
    connect(client, &QNetworkAccessManager::finished, this, &ConnectionLog::onReplyFinished);
    connect(client, &HttpClient::connectionOpened, this, &ConnectionLog::onOpened);
    connect(client, &HttpClient::connectionClosed, this, &ConnectionLog::onClosed);
    connect(client, &HttpClient::originStateChanged, this, &ConnectionLog::onOriginState);
    connect(client, &HttpClient::requestStarted, this, &ConnectionLog::onRequestStarted);
    connect(client, &HttpClient::requestFinished, this, &ConnectionLog::onRequestFinished);
}

void ConnectionLog::setLimit(int count)
{
    m_limit = qBound(1, count, 1000000);
    trim();
    pruneConnections();
}

void ConnectionLog::onReplyFinished(QNetworkReply *reply)
{
    if (auto *engineReply = qobject_cast<EngineReply *>(reply)) {
        record(engineReply->exchange());
        return;
    }
    // Qt's own path: what the reply says, with no connection identity or phases. The body is
    // peeked at, never read: the reply's owner reads it after us.
    Exchange exchange;
    exchange.path = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
                        ? Exchange::Path::QtHttp2
                        : Exchange::Path::QtOther;
    exchange.request.url = reply->url();
    exchange.request.method = EngineRequest::methodFor(reply->operation(), reply->request());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime started = reply->property(HttpClient::StartedAtProperty).toDateTime();
    exchange.startedAt = started.isValid() ? started : now;
    exchange.durationMs = double(exchange.startedAt.msecsTo(now));
    exchange.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    exchange.reasonPhrase =
        reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    exchange.httpVersion = exchange.path == Exchange::Path::QtHttp2 ? "HTTP/2" : "HTTP/1.1";
    for (const auto &pair : reply->rawHeaderPairs())
        exchange.responseHeaders.append(pair.first, pair.second);
    const qint64 bodyBytes = reply->isOpen() ? reply->bytesAvailable() : 0;
    if (reply->isOpen())
        exchange.responseBody = reply->peek(qMin(bodyBytes, m_keptBodyBytes));
    exchange.responseBodySize = bodyBytes;
    // An error after a status is a body cut short, not an answer.
    exchange.error = ReplyStatus::failureOf(reply, bodyBytes).message;
    record(exchange);
}

void ConnectionLog::record(const Exchange &exchange)
{
    LoggedExchange entry;
    entry.sequence = m_nextSequence++;
    entry.exchange = exchange;
    if (!entry.exchange.responseBodyFile.isEmpty()) {
        // A body too large for memory: keep its beginning, as of any other, not its file
        // (the log holds thousands of exchanges; their files would fill the disk).
        QFile file(entry.exchange.responseBodyFile);
        if (file.open(QIODevice::ReadOnly))
            entry.exchange.responseBody = file.read(m_keptBodyBytes);
        entry.exchange.dropBodyFile();
    }
    if (entry.exchange.responseBody.size() > m_keptBodyBytes)
        entry.exchange.responseBody.truncate(m_keptBodyBytes);
    const QString origin = Origin::fromUrl(exchange.request.url).toString();

    // Every attempt tells about the connection it used, even a failed first try.
    bool placed = false;
    for (const Attempt &attempt : exchange.attempts) {
        if (attempt.queuedAtMs >= 0 && attempt.startedAt.isValid())
            learnOffset(double(attempt.startedAt.toMSecsSinceEpoch()), attempt.queuedAtMs, true);
        if (attempt.queuedAtMs >= 0) {
            if (!placed)
                entry.startMs = attempt.queuedAtMs;
            placed = true;
            entry.endMs = qMax(entry.endMs, attemptEnd(attempt));
        }
        if (attempt.connectionId.isEmpty())
            continue;
        ConnectionRecord &record =
            ensureConnection(attempt.connectionId, originOfConnection(attempt.connectionId),
                             ConnectionRecord::Kind::Pool);
        record.serial = attempt.connectionSerial;
        if (attempt.localPort)
            record.localPort = attempt.localPort;
        record.requests = qMax(record.requests, attempt.requestIndex);
        if (attempt.streamId > 0) {
            record.protocol = QByteArrayLiteral("h2");
            record.peakStreams = qMax(record.peakStreams, attempt.streamsInFlight);
        } else if (record.protocol.isEmpty() && attempt.status > 0) {
            record.protocol = QByteArrayLiteral("http/1.1");
        }
        if (!attempt.reused && record.openedAtMs < 0 && attempt.queuedAtMs >= 0)
            record.openedAtMs = attempt.queuedAtMs + qMax(0.0, attempt.timings.blocked);
        Q_EMIT connectionChanged(record.id);
    }

    const Attempt *last = exchange.finalAttempt();
    if (last && !last->connectionId.isEmpty()) {
        entry.connectionId = last->connectionId;
    } else {
        ConnectionRecord::Kind kind = ConnectionRecord::Kind::NoConnection;
        QString suffix = QStringLiteral(" (no connection)");
        if (exchange.path == Exchange::Path::QtHttp2) {
            kind = ConnectionRecord::Kind::Http2Inferred;
            suffix = QStringLiteral(" (HTTP/2)");
        } else if (exchange.path == Exchange::Path::QtOther) {
            kind = ConnectionRecord::Kind::QtPath;
            suffix = QStringLiteral(" (Qt)");
        }
        ConnectionRecord &record = ensureConnection(origin + suffix, origin, kind);
        ++record.requests;
        entry.connectionId = record.id;
    }
    if (!placed) {
        if (!m_offsetKnown)
            learnOffset(double(exchange.startedAt.toMSecsSinceEpoch()), 0, false);
        placeQtExchange(entry);
    }
    ConnectionRecord &lane = m_connections[entry.connectionId];
    ++lane.exchangesKept;
    if (lane.openedAtMs < 0 || lane.kind != ConnectionRecord::Kind::Pool)
        lane.openedAtMs =
            lane.openedAtMs < 0 ? entry.startMs : qMin(lane.openedAtMs, entry.startMs);

    m_exchanges.push_back(entry);
    Q_EMIT exchangeAdded(m_exchanges.back());
    trim();
    pruneConnections();
}

void ConnectionLog::placeQtExchange(LoggedExchange &entry) const
{
    entry.startMs = axisFromEpoch(double(entry.exchange.startedAt.toMSecsSinceEpoch()));
    entry.endMs = entry.startMs + qMax(0.0, entry.exchange.durationMs);
}

void ConnectionLog::learnOffset(double epochMs, double engineMs, bool exact)
{
    if (m_offsetExact || (m_offsetKnown && !exact))
        return;
    m_offsetMs = epochMs - engineMs;
    m_offsetKnown = true;
    if (!exact)
        return;
    m_offsetExact = true;
    // Exchanges of Qt's path placed before the engine's clock was known move onto it.
    for (LoggedExchange &entry : m_exchanges) {
        if (entry.exchange.attempts.isEmpty() || entry.exchange.attempts.first().queuedAtMs < 0)
            placeQtExchange(entry);
    }
}

double ConnectionLog::nowMs() const
{
    return m_offsetKnown ? axisFromEpoch(double(QDateTime::currentMSecsSinceEpoch())) : 0;
}

void ConnectionLog::trim()
{
    while (int(m_exchanges.size()) > m_limit) {
        Q_EMIT exchangeAboutToBeRemoved(m_exchanges.front());
        const QString id = m_exchanges.front().connectionId;
        m_exchanges.pop_front();
        auto it = m_connections.find(id);
        if (it != m_connections.end())
            --it->exchangesKept;
        Q_EMIT exchangeRemoved();
    }
}

void ConnectionLog::pruneConnections()
{
    // Closed connections with nothing left in the log go first, oldest first, once there
    // are more than the limit; open ones stay for the pool's picture. They go in batches
    // (an eighth of the limit past it), so a run that opens a connection per request does
    // not walk the whole list for each one.
    if (m_connectionOrder.size() <= m_limit + m_limit / 8 + 16)
        return;
    QSet<QString> gone;
    for (const QString &id : std::as_const(m_connectionOrder)) {
        if (m_connectionOrder.size() - gone.size() <= m_limit)
            break;
        const auto it = m_connections.constFind(id);
        if (it == m_connections.cend() || (it->exchangesKept == 0 && !it->isOpen()))
            gone.insert(id);
    }
    if (gone.isEmpty())
        return;
    for (const QString &id : std::as_const(m_connectionOrder)) {
        if (gone.contains(id))
            Q_EMIT connectionAboutToBeRemoved(id);
    }
    m_connectionOrder.removeIf([&gone](const QString &id) { return gone.contains(id); });
    for (const QString &id : std::as_const(gone)) {
        m_connections.remove(id);
        Q_EMIT connectionRemoved(id);
    }
}

void ConnectionLog::clear()
{
    Q_EMIT aboutToBeCleared();
    m_exchanges.clear();
    m_connections.clear();
    m_connectionOrder.clear();
    m_origins.clear();
    m_reported.clear();
    m_running.clear();
    Q_EMIT cleared();
}

const LoggedExchange *ConnectionLog::exchangeBySequence(quint64 sequence) const
{
    if (m_exchanges.empty() || sequence < m_exchanges.front().sequence)
        return nullptr;
    const quint64 index = sequence - m_exchanges.front().sequence;
    return index < m_exchanges.size() ? &m_exchanges[size_t(index)] : nullptr;
}

QList<Exchange> ConnectionLog::exchanges() const
{
    QList<Exchange> out;
    out.reserve(qsizetype(m_exchanges.size()));
    for (const LoggedExchange &entry : m_exchanges)
        out.append(entry.exchange);
    return out;
}

OriginState ConnectionLog::originState(const QString &origin) const
{
    const auto reported = m_reported.constFind(origin);
    if (reported != m_reported.constEnd())
        return *reported;
    OriginState state;
    state.origin = origin;
    for (const QString &id : connectionsOf(origin)) {
        const ConnectionRecord &record = m_connections[id];
        if (!record.isOpen())
            continue;
        ++state.open;
        if (record.busy)
            ++state.busy;
        else
            ++state.idle;
    }
    return state;
}

QStringList ConnectionLog::connectionsOf(const QString &origin) const
{
    QStringList out;
    for (const QString &id : m_connectionOrder) {
        if (m_connections[id].origin == origin)
            out.append(id);
    }
    return out;
}

const ConnectionRecord *ConnectionLog::connection(const QString &id) const
{
    const auto it = m_connections.constFind(id);
    return it == m_connections.constEnd() ? nullptr : &*it;
}

ConnectionRecord &ConnectionLog::ensureConnection(const QString &id, const QString &origin,
                                                  ConnectionRecord::Kind kind)
{
    auto it = m_connections.find(id);
    if (it != m_connections.end())
        return *it;
    ensureOrigin(origin);
    ConnectionRecord record;
    record.id = id;
    record.origin = origin;
    record.kind = kind;
    it = m_connections.insert(id, record);
    m_connectionOrder.append(id);
    Q_EMIT connectionAdded(id);
    return *it;
}

void ConnectionLog::ensureOrigin(const QString &origin)
{
    if (m_origins.contains(origin))
        return;
    m_origins.append(origin);
    Q_EMIT originAdded(origin);
}

void ConnectionLog::onOpened(const ConnectionEvent &event)
{
    ConnectionRecord &record =
        ensureConnection(event.connectionId, event.origin, ConnectionRecord::Kind::Pool);
    record.serial = event.serial;
    record.localPort = event.localPort;
    record.openReasonKnown = true;
    record.openReason = event.openReason;
    record.openedAtMs = event.atMs - event.ageMs;
    learnFrom(event, &record);
    Q_EMIT connectionChanged(record.id);
    pruneConnections();
}

void ConnectionLog::learnFrom(const ConnectionEvent &event, ConnectionRecord *record)
{
    if (!event.protocol.isEmpty())
        record->protocol = event.protocol;
    record->peakStreams = qMax(record->peakStreams, event.peakStreams);
    if (event.maxConcurrentStreams)
        record->maxConcurrentStreams = event.maxConcurrentStreams;
    if (event.pingRttMs >= 0)
        record->pingRttMs = event.pingRttMs;
    if (!event.goaway.isEmpty())
        record->goaway = event.goaway;
}

void ConnectionLog::onClosed(const ConnectionEvent &event)
{
    ConnectionRecord &record =
        ensureConnection(event.connectionId, event.origin, ConnectionRecord::Kind::Pool);
    record.serial = event.serial;
    if (event.localPort)
        record.localPort = event.localPort;
    record.closeKnown = true;
    record.closeReason = event.closeReason;
    record.closedAtMs = event.atMs;
    record.openedAtMs = event.atMs - event.ageMs;
    record.requests = qMax(record.requests, event.requests);
    record.busy = false;
    record.inFlight = 0;
    learnFrom(event, &record);
    Q_EMIT connectionChanged(record.id);
    pruneConnections();
}

void ConnectionLog::onOriginState(const OriginState &state)
{
    ensureOrigin(state.origin);
    m_reported.insert(state.origin, state);
    Q_EMIT originChanged(state.origin);
}

void ConnectionLog::onRequestStarted(quint64 id, const QString &connectionId)
{
    // A retry may start the same request on another connection: the first is done with it.
    const QString previous = m_running.value(id);
    if (!previous.isEmpty() && previous != connectionId)
        onRequestFinished(id);
    const bool already = previous == connectionId;
    m_running.insert(id, connectionId);
    auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return;
    it->busy = true;
    if (!already)
        ++it->inFlight;
    Q_EMIT connectionChanged(connectionId);
}

void ConnectionLog::onRequestFinished(quint64 id)
{
    const QString connectionId = m_running.take(id);
    auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return;
    it->inFlight = qMax(0, it->inFlight - 1);
    it->busy = it->inFlight > 0; // an HTTP/2 connection stays busy while a stream runs
    Q_EMIT connectionChanged(connectionId);
}

} // namespace mr
