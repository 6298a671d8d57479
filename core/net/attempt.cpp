#include "attempt.h"

namespace mr {

static QString ordinal(int n)
{
    const int lastTwo = n % 100;
    const char *suffix = "th";
    if (lastTwo < 11 || lastTwo > 13) {
        switch (n % 10) {
        case 1: suffix = "st"; break;
        case 2: suffix = "nd"; break;
        case 3: suffix = "rd"; break;
        default: break;
        }
    }
    return QString::number(n) + QLatin1String(suffix);
}

QString Attempt::connectionLabel() const
{
    if (connectionId.isEmpty())
        return {};
    if (streamId > 0)
        return QStringLiteral("#%1%2 \u00b7 h2 stream %3 \u00b7 %4 in flight")
            .arg(connectionSerial)
            .arg(reused ? QString() : QStringLiteral(" new"))
            .arg(streamId)
            .arg(streamsInFlight);
    if (!reused)
        return QStringLiteral("#%1 new").arg(connectionSerial);
    return QStringLiteral("#%1 reused \u00b7 %2 request")
        .arg(connectionSerial)
        .arg(ordinal(requestIndex));
}

QString Attempt::phasesText() const
{
    const auto value = [](double ms) {
        return ms < 0 ? QStringLiteral("\u2013") : QString::number(ms, 'f', ms < 10 ? 2 : 1);
    };
    return QStringLiteral(
               "blocked %1 \u00b7 dns %2 \u00b7 tcp %3 \u00b7 tls %4 \u00b7 send %5 \u00b7 wait %6 "
               "\u00b7 receive %7 ms")
        .arg(value(timings.blocked), value(timings.dns), value(timings.tcp), value(timings.tls),
             value(timings.send), value(timings.wait), value(timings.receive));
}

} // namespace mr
