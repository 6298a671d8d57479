#include "demoroute.h"

namespace mr {

std::optional<qint64> DemoRoute::integerSegment(const QStringList &segments, int index, qint64 min,
                                                qint64 max)
{
    if (index >= segments.size())
        return std::nullopt;
    bool ok = false;
    const qint64 value = segments[index].toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

DemoResponse DemoRoute::methodNotAllowed(const QByteArray &allowed)
{
    DemoResponse r = DemoResponse::error(405, QStringLiteral("method not allowed; use ") +
                                                  QString::fromLatin1(allowed));
    r.headers.append("Allow", allowed);
    return r;
}

} // namespace mr
