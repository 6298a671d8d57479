#include "harwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QSaveFile>
#include <QUrlQuery>
#include <cmath>

namespace mr {

namespace {

double rounded(double ms)
{
    return ms < 0 ? -1 : std::round(ms * 1000.0) / 1000.0;
}

QJsonObject timingsObject(const Attempt *attempt, double fallbackMs, double *time)
{
    PhaseTimings t;
    if (attempt)
        t = attempt->timings;
    else
        t.wait = fallbackMs;
    const double connect = t.tcp < 0 && t.tls < 0 ? -1 : qMax(0.0, t.tcp) + qMax(0.0, t.tls);
    *time =
        qMax(0.0, t.blocked) + qMax(0.0, t.dns) + qMax(0.0, connect) + t.send + t.wait + t.receive;
    return QJsonObject{
        {QStringLiteral("blocked"), rounded(t.blocked)}, {QStringLiteral("dns"), rounded(t.dns)},
        {QStringLiteral("connect"), rounded(connect)},   {QStringLiteral("ssl"), rounded(t.tls)},
        {QStringLiteral("send"), rounded(t.send)},       {QStringLiteral("wait"), rounded(t.wait)},
        {QStringLiteral("receive"), rounded(t.receive)}};
}

QJsonObject attemptObject(const Attempt &attempt)
{
    double time = 0;
    return QJsonObject{{QStringLiteral("connection"), attempt.connectionId},
                       {QStringLiteral("reused"), attempt.reused},
                       {QStringLiteral("requestOnConnection"), attempt.requestIndex},
                       {QStringLiteral("stream"), attempt.streamId},
                       {QStringLiteral("localPort"), int(attempt.localPort)},
                       {QStringLiteral("status"), attempt.status},
                       {QStringLiteral("error"), attempt.errorString},
                       {QStringLiteral("outcome"), attempt.outcome},
                       {QStringLiteral("timings"), timingsObject(&attempt, 0, &time)}};
}

} // namespace

QJsonObject HarWriter::entry(const Exchange &exchange)
{
    const Attempt *last = exchange.finalAttempt();
    QJsonArray query;
    const auto items = QUrlQuery(exchange.request.url).queryItems(QUrl::FullyDecoded);
    for (const auto &item : items)
        query.append(QJsonObject{{QStringLiteral("name"), item.first},
                                 {QStringLiteral("value"), item.second}});
    QJsonObject request{
        {QStringLiteral("method"), QString::fromLatin1(exchange.request.method)},
        {QStringLiteral("url"), exchange.request.url.toString(QUrl::FullyEncoded)},
        {QStringLiteral("httpVersion"),
         QString::fromLatin1(exchange.httpVersion.isEmpty() ? "HTTP/1.1" : exchange.httpVersion)},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), exchange.request.headers.toJsonArray()},
        {QStringLiteral("queryString"), query},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), double(exchange.request.bodySize())}};
    if (!exchange.request.body.isEmpty())
        request.insert(
            QStringLiteral("postData"),
            QJsonObject{{QStringLiteral("mimeType"),
                         QString::fromLatin1(exchange.request.headers.value("Content-Type"))},
                        {QStringLiteral("text"), QString::fromUtf8(exchange.request.body)}});

    const QByteArray mimeType = exchange.responseHeaders.value("Content-Type");
    // The body's whole size, even when only its beginning was kept (a log's cap, or a body
    // too large for memory); the comment says how much the text holds.
    const qint64 size = qMax<qint64>(exchange.responseBodySize, exchange.responseBody.size());
    QJsonObject content{{QStringLiteral("size"), double(size)},
                        {QStringLiteral("mimeType"), QString::fromLatin1(mimeType)}};
    if (exchange.responseBody.size() < size)
        content.insert(
            QStringLiteral("comment"),
            QStringLiteral("the first %1 of %2 bytes").arg(exchange.responseBody.size()).arg(size));
    const QMimeType type =
        QMimeDatabase().mimeTypeForName(QString::fromLatin1(mimeType.split(';').first().trimmed()));
    const bool textual = mimeType.startsWith("text/") || mimeType.contains("json") ||
                         mimeType.contains("xml") ||
                         (type.isValid() && type.inherits(QStringLiteral("text/plain")));
    if (textual)
        content.insert(QStringLiteral("text"), QString::fromUtf8(exchange.responseBody));
    else if (!exchange.responseBody.isEmpty()) {
        content.insert(QStringLiteral("text"),
                       QString::fromLatin1(exchange.responseBody.toBase64()));
        content.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
    }
    QJsonObject response{
        {QStringLiteral("status"), exchange.status},
        {QStringLiteral("statusText"), QString::fromLatin1(exchange.reasonPhrase)},
        {QStringLiteral("httpVersion"),
         QString::fromLatin1(exchange.httpVersion.isEmpty() ? "HTTP/1.1" : exchange.httpVersion)},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), exchange.responseHeaders.toJsonArray()},
        {QStringLiteral("content"), content},
        {QStringLiteral("redirectURL"),
         QString::fromUtf8(exchange.responseHeaders.value("Location"))},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), double(size)}};
    if (!exchange.isComplete()) {
        // What HAR has no field for: custom "_" fields and the spec's comment.
        response.insert(QStringLiteral("_error"), exchange.error);
        if (exchange.hasResponse())
            response.insert(QStringLiteral("comment"),
                            QStringLiteral("incomplete response: %1").arg(exchange.error));
    }

    double time = 0;
    const QJsonObject timings = timingsObject(last, exchange.durationMs, &time);
    QJsonArray attempts;
    for (const Attempt &attempt : exchange.attempts)
        attempts.append(attemptObject(attempt));
    QJsonObject entry{
        {QStringLiteral("startedDateTime"), exchange.startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("time"), rounded(time)},
        {QStringLiteral("request"), request},
        {QStringLiteral("response"), response},
        {QStringLiteral("cache"), QJsonObject()},
        {QStringLiteral("timings"), timings},
        {QStringLiteral("_reused"), last ? last->reused : false},
        {QStringLiteral("_attempts"), attempts}};
    if (last && !last->connectionId.isEmpty()) {
        entry.insert(QStringLiteral("connection"), last->connectionId);
        entry.insert(QStringLiteral("serverIPAddress"), last->remoteAddress);
        if (last->streamId > 0) { // HTTP/2: the stream, and how many shared the connection
            entry.insert(QStringLiteral("_stream"), last->streamId);
            entry.insert(QStringLiteral("_streamsInFlight"), last->streamsInFlight);
        }
    }
    if (exchange.path != Exchange::Path::Pool)
        entry.insert(QStringLiteral("_path"), exchange.pathLabel());
    return entry;
}

QJsonObject HarWriter::document(const QList<Exchange> &exchanges, const QString &creatorVersion)
{
    QJsonArray entries;
    for (const Exchange &exchange : exchanges)
        entries.append(entry(exchange));
    const QJsonObject log{{QStringLiteral("version"), QStringLiteral("1.2")},
                          {QStringLiteral("creator"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Microrequests")},
                                       {QStringLiteral("version"), creatorVersion}}},
                          {QStringLiteral("pages"), QJsonArray()},
                          {QStringLiteral("entries"), entries}};
    return QJsonObject{{QStringLiteral("log"), log}};
}

bool HarWriter::write(const QString &path, const QList<Exchange> &exchanges,
                      const QString &creatorVersion, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(document(exchanges, creatorVersion)).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace mr
