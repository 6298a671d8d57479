#include "exchange.h"

#include <QFile>
#include <QNetworkCookie>
#include <QSaveFile>

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

QList<QNetworkCookie> Exchange::cookiesSet() const
{
    // Cookies set on the way count too (a login that redirects sets them on its 302); the
    // attempts hold every hop's Set-Cookie, Qt's own path only the final response's.
    QList<QByteArray> headers;
    for (const Attempt &attempt : attempts)
        headers += attempt.responseHeaders.values("Set-Cookie");
    if (attempts.isEmpty())
        headers = responseHeaders.values("Set-Cookie");
    QList<QNetworkCookie> cookies;
    for (const QByteArray &header : std::as_const(headers)) {
        for (QNetworkCookie cookie : QNetworkCookie::parseCookies(header)) {
            cookie.normalize(request.url); // domain and path as the browser would take them
            cookies.append(cookie);
        }
    }
    return cookies;
}

void Exchange::keepBodyFile(const std::shared_ptr<const BodyFile> &file)
{
    responseBodyFileOwner = file;
    responseBodyFile = file ? file->path() : QString();
}

void Exchange::dropBodyFile()
{
    responseBodyFileOwner.reset();
    responseBodyFile.clear();
}

bool Exchange::saveBody(const QString &path, QString *error) const
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, out.errorString());
        return false;
    }
    if (!responseBodyFile.isEmpty()) {
        // A body too big for memory waits in a temporary file: copy it in chunks.
        QFile in(responseBodyFile);
        if (!in.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(in.fileName(), in.errorString());
            return false;
        }
        while (!in.atEnd()) {
            const QByteArray chunk = in.read(1 << 20);
            if (chunk.isEmpty()) { // a read error: never a shorter copy saved as the body
                out.cancelWriting();
                *error = QStringLiteral("%1: %2").arg(in.fileName(), in.errorString());
                return false;
            }
            if (out.write(chunk) != chunk.size())
                break;
        }
    } else {
        out.write(responseBody);
    }
    if (!out.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace mr
