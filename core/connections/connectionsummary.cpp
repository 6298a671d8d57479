#include "connectionsummary.h"

#include "connectionlog.h"
#include "net/origin.h"

#include <QHash>
#include <QLocale>
#include <QSaveFile>

namespace mr {

namespace {

double setupOf(const PhaseTimings &t)
{
    return qMax(0.0, t.dns) + qMax(0.0, t.tcp) + qMax(0.0, t.tls);
}

bool openedConnection(const Attempt &attempt)
{
    return !attempt.connectionId.isEmpty() && !attempt.reused;
}

QString milliseconds(double ms)
{
    if (ms >= 10000)
        return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms < 10 ? 2 : (ms < 100 ? 1 : 0));
}

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'f', 3);
}

} // namespace

double ConnectionSummary::Totals::reuseRatio() const
{
    const int pooled = requests - inferred;
    return pooled > 0 ? double(reused) / pooled : 0;
}

ConnectionSummary ConnectionSummary::of(const ConnectionLog &log)
{
    ConnectionSummary summary;
    QHash<QString, int> index; // origin -> position in summary.origins
    // First pass: counts, and each origin's mean setup of a new connection.
    QHash<QString, double> setupSum;
    QHash<QString, int> setupCount;
    for (int i = 0; i < log.exchangeCount(); ++i) {
        const Exchange &exchange = log.exchangeAt(i).exchange;
        const QString origin = Origin::fromUrl(exchange.request.url).toString();
        auto found = index.constFind(origin);
        if (found == index.constEnd()) {
            found = index.insert(origin, int(summary.origins.size()));
            Totals totals;
            totals.origin = origin;
            summary.origins.append(totals);
        }
        Totals &totals = summary.origins[*found];
        ++totals.requests;
        if (exchange.path != Exchange::Path::Pool)
            ++totals.inferred;
        for (const Attempt &attempt : exchange.attempts) {
            totals.queuedMs += qMax(0.0, attempt.timings.blocked);
            if (openedConnection(attempt)) {
                ++totals.connectionsOpened;
                const double setup = setupOf(attempt.timings);
                totals.setupMs += setup;
                setupSum[origin] += setup;
                ++setupCount[origin];
            }
        }
        if (const Attempt *last = exchange.finalAttempt(); last && last->reused)
            ++totals.reused;
    }
    for (Totals &totals : summary.origins) {
        const int measured = setupCount.value(totals.origin);
        if (measured > 0)
            totals.savedMs = totals.reused * setupSum.value(totals.origin) / measured;
        summary.all.requests += totals.requests;
        summary.all.connectionsOpened += totals.connectionsOpened;
        summary.all.reused += totals.reused;
        summary.all.inferred += totals.inferred;
        summary.all.setupMs += totals.setupMs;
        summary.all.queuedMs += totals.queuedMs;
        summary.all.savedMs += totals.savedMs;
    }
    return summary;
}

QString ConnectionSummary::text() const
{
    const QLocale locale;
    QString out =
        QStringLiteral("%1 %2 \u00b7 %3 %4 opened \u00b7 %5% reused")
            .arg(locale.toString(all.requests),
                 all.requests == 1 ? QStringLiteral("request") : QStringLiteral("requests"),
                 locale.toString(all.connectionsOpened),
                 all.connectionsOpened == 1 ? QStringLiteral("connection")
                                            : QStringLiteral("connections"),
                 QString::number(all.reuseRatio() * 100, 'f', 1));
    out += QStringLiteral(" \u00b7 dns+tcp+tls %1 \u00b7 queued %2")
               .arg(milliseconds(all.setupMs), milliseconds(all.queuedMs));
    if (all.reused > 0 && all.savedMs > 0)
        out += QStringLiteral(" \u00b7 reuse saved \u2248 %1").arg(milliseconds(all.savedMs));
    if (all.inferred > 0)
        out += QStringLiteral(" \u00b7 %1 on Qt's path (inferred)").arg(all.inferred);
    return out;
}

QByteArray ConnectionSummary::toCsv() const
{
    QByteArray out = "origin,requests,connections_opened,reused,reuse_ratio,setup_ms,queued_ms,"
                     "saved_ms,inferred\r\n";
    QList<Totals> rows = origins;
    Totals total = all;
    total.origin = QStringLiteral("*");
    rows.append(total);
    for (const Totals &t : std::as_const(rows)) {
        out += csvField(t.origin) + ',' + QByteArray::number(t.requests) + ',' +
               QByteArray::number(t.connectionsOpened) + ',' + QByteArray::number(t.reused) + ',' +
               QByteArray::number(t.reuseRatio(), 'f', 4) + ',' + number(t.setupMs) + ',' +
               number(t.queuedMs) + ',' + number(t.savedMs) + ',' + QByteArray::number(t.inferred) +
               "\r\n";
    }
    return out;
}

bool ConnectionSummary::writeCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(toCsv());
    if (!file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace mr
