#include "connectionrecord.h"

namespace mr {

QString ConnectionRecord::label() const
{
    switch (kind) {
    case Kind::Pool: {
        QString text = id;
        if (protocol == "h2")
            text += QStringLiteral(" \u00b7 h2");
        const QString why = openedWhy();
        return why.isEmpty() ? text : text + QStringLiteral(" \u00b7 ") + why;
    }
    case Kind::Http2Inferred:
        return origin + QStringLiteral(" \u00b7 HTTP/2, one connection per origin (inferred)");
    case Kind::QtPath: return origin + QStringLiteral(" \u00b7 Qt's network path: no details");
    case Kind::NoConnection: return origin + QStringLiteral(" \u00b7 no connection reached");
    }
    return id;
}

QString ConnectionRecord::openedWhy() const
{
    return kind == Kind::Pool && openReasonKnown ? openReasonText(openReason) : QString();
}

QString ConnectionRecord::closedWhy() const
{
    return closeKnown ? closeReasonText(closeReason) : QString();
}

} // namespace mr
