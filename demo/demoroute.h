#pragma once

#include "demorequest.h"
#include "demoresponse.h"

#include <QStringList>
#include <optional>

namespace mr {

// A family of demo endpoints. route() answers the requests it owns and returns nothing for
// the others, so the router can ask each family in turn.
class DemoRoute
{
public:
    virtual ~DemoRoute() = default;
    virtual std::optional<DemoResponse> route(const DemoRequest &request,
                                              const QStringList &segments,
                                              const DemoRequestContext &context) = 0;

protected:
    // The integer in segments[index], or nullopt when missing, malformed or out of range.
    static std::optional<qint64> integerSegment(const QStringList &segments, int index, qint64 min,
                                                qint64 max);
    static DemoResponse methodNotAllowed(const QByteArray &allowed);
};

} // namespace mr
