#include "connectionevent.h"

namespace mr {

QString openReasonText(OpenReason reason)
{
    switch (reason) {
    case OpenReason::FirstToOrigin: return QStringLiteral("first to the origin");
    case OpenReason::PoolBusy: return QStringLiteral("pool busy");
    case OpenReason::ServerClosedPrevious: return QStringLiteral("previous closed by the server");
    case OpenReason::ConnectionClosePrevious:
        return QStringLiteral("previous got Connection: close");
    case OpenReason::IdleExpiredPrevious: return QStringLiteral("previous expired while idle");
    case OpenReason::KeepAliveOff: return QStringLiteral("keep-alive off");
    case OpenReason::ErrorPrevious: return QStringLiteral("previous failed");
    case OpenReason::ReplacingStale: return QStringLiteral("kept-alive one found closed");
    case OpenReason::ClosedByClientPrevious: return QStringLiteral("previous closed by client");
    }
    return {};
}

QString closeReasonText(CloseReason reason)
{
    switch (reason) {
    case CloseReason::IdleExpired: return QStringLiteral("idle expiry");
    case CloseReason::ServerClosed: return QStringLiteral("server closed");
    case CloseReason::ConnectionClose: return QStringLiteral("Connection: close");
    case CloseReason::KeepAliveOff: return QStringLiteral("keep-alive off");
    case CloseReason::PoolFull: return QStringLiteral("pool full");
    case CloseReason::Evicted: return QStringLiteral("evicted");
    case CloseReason::ClosedByClient: return QStringLiteral("closed by client");
    case CloseReason::Aborted: return QStringLiteral("request aborted");
    case CloseReason::NotShareable: return QStringLiteral("certificate errors ignored: not shared");
    case CloseReason::Error: return QStringLiteral("error");
    }
    return {};
}

} // namespace mr
