#include "poolrunresult.h"

#include <QStringList>

namespace mr {

QString PoolRunResult::duration(double seconds)
{
    if (seconds < 1.0)
        return QStringLiteral("%1 ms").arg(qRound(seconds * 1000));
    return QStringLiteral("%1 s").arg(seconds, 0, 'f', seconds < 100 ? 1 : 0);
}

QString PoolRunResult::text() const
{
    QString out = QStringLiteral("%1: %2, %3 connection%4")
                      .arg(label, duration(seconds))
                      .arg(connectionsOpened)
                      .arg(connectionsOpened == 1 ? "" : "s");
    if (failed > 0)
        out += QStringLiteral(", %1 failed").arg(failed);
    if (!complete())
        out += QStringLiteral(", cancelled after %1 of %2 requests").arg(requests).arg(planned);
    return out;
}

double PoolRunResult::speedUp(const PoolRunResult &a, const PoolRunResult &b)
{
    if (a.seconds <= 0 || b.seconds <= 0)
        return 0;
    return b.seconds / a.seconds;
}

QString PoolRunResult::comparison(const PoolRunResult &a, const PoolRunResult &b)
{
    const QString both = a.text() + QStringLiteral("; ") + b.text();
    if (!a.complete() || !b.complete())
        return both + QStringLiteral(" \u2014 not compared: a run did not finish");
    if (a.workload != b.workload)
        return both + QStringLiteral(" \u2014 not compared: one ran %1, the other %2")
                          .arg(a.workload, b.workload);
    if (a.planned != b.planned)
        return both + QStringLiteral(" \u2014 not compared: %1 requests against %2")
                          .arg(a.planned)
                          .arg(b.planned);
    // A side whose requests fail fast (refused, a TLS error) is not faster at what was asked.
    if (a.unanswered > 0 || b.unanswered > 0)
        return both + QStringLiteral(" \u2014 not compared: %1 requests got no whole response")
                          .arg(a.unanswered + b.unanswered);
    const double ratio = speedUp(a, b);
    if (ratio <= 0)
        return both;
    // Below 5% the difference is noise on a busy machine.
    if (ratio < 1.05 && ratio > 1 / 1.05)
        return both + QStringLiteral("; about as fast");
    const bool aFaster = ratio >= 1;
    const double factor = aFaster ? ratio : 1 / ratio;
    const PoolRunResult &winner = aFaster ? a : b;
    // Named by what sets the two apart.
    QString faster = aFaster ? QStringLiteral("the first") : QStringLiteral("the second");
    if (a.protocol != b.protocol && !a.protocol.isEmpty() && !b.protocol.isEmpty())
        faster = winner.protocol;
    else if (a.keepAlive != b.keepAlive)
        faster = winner.keepAlive ? QStringLiteral("pooled") : QStringLiteral("unpooled");
    else if (a.keepAlive && a.maxPerOrigin != b.maxPerOrigin)
        faster = QStringLiteral("%1 per origin").arg(winner.maxPerOrigin);
    return both + QStringLiteral("; %1 %2\u00d7 faster")
                      .arg(faster, QString::number(factor, 'f', factor < 10 ? 1 : 0));
}

} // namespace mr
