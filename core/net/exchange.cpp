#include "exchange.h"

namespace mr {

QString Exchange::pathLabel() const
{
    switch (path) {
    case Path::Pool: return QString();
    case Path::QtHttp2: return QStringLiteral("HTTP/2, one connection per origin (inferred)");
    case Path::QtOther: return QStringLiteral("Qt's network path: no connection details");
    }
    return {};
}

} // namespace mr
