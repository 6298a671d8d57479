#include "runsummary.h"

#include <QStringList>

namespace mr {

QString RunSummary::text() const
{
    QStringList parts;
    QString requests = QStringLiteral("%1 request%2, %3 passed, %4 failed")
                           .arg(run)
                           .arg(run == 1 ? "" : "s")
                           .arg(passed)
                           .arg(failed);
    if (notRun() > 0)
        requests += QStringLiteral(", %1 not run%2").arg(notRun()).arg(bailed ? " (--bail)" : "");
    parts.append(requests);
    const int assertions = assertionsPassed + assertionsFailed + assertionsSkipped;
    QString checks = QStringLiteral("%1 assertion%2, %3 failed")
                         .arg(assertions)
                         .arg(assertions == 1 ? "" : "s")
                         .arg(assertionsFailed);
    if (assertionsSkipped > 0)
        checks += QStringLiteral(", %1 skipped").arg(assertionsSkipped);
    parts.append(checks);
    parts.append(QStringLiteral("%1 connection%2 opened, %3 request%4 reused one")
                     .arg(connectionsOpened)
                     .arg(connectionsOpened == 1 ? "" : "s")
                     .arg(reused)
                     .arg(reused == 1 ? "" : "s"));
    parts.append(QStringLiteral("%1 s").arg(seconds, 0, 'f', 3));
    return parts.join(QStringLiteral(" · "));
}

} // namespace mr
