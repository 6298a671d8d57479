// core/net: the HTTP client. HttpClient is a QNetworkAccessManager that serves HTTP/1.1 from
// its own connection pool in an engine thread; every request yields an Exchange — what was
// sent, what came back, and every attempt with its phases and connection.
#pragma once

#include "attempt.h"
#include "bodyfile.h"
#include "http/httprequest.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QNetworkCookie>
#include <QString>
#include <memory>

namespace mr {

// One request and its response (or the error that ended it).
struct Exchange {
    enum class Path {
        Pool,    // our HTTP/1.1 pool: exact connection identity and phases
        QtHttp2, // QNAM's built-in path with HTTP/2 allowed
        QtOther, // QNAM's built-in path (proxies, other schemes)
    };

    HttpRequest request; // as sent
    QDateTime startedAt;
    double durationMs = 0; // from send() to the last body byte
    Path path = Path::Pool;

    int status = 0; // 0 when no response arrived
    QByteArray reasonPhrase;
    QByteArray httpVersion;
    HttpHeaders responseHeaders;
    HttpHeaders trailers;
    QByteArray responseBody;     // empty when the body went to responseBodyFile
    QString responseBodyFile;    // a temporary file, for bodies above the memory limit
    qint64 responseBodySize = 0; // decoded bytes, wherever they are
    // Keeps responseBodyFile on disk while any copy of this Exchange exists (keepBodyFile()).
    std::shared_ptr<const BodyFile> responseBodyFileOwner;
    QList<Attempt> attempts;

    // A plain-words failure: no response, or one that did not arrive whole (the connection
    // closed in the middle of the body, a timeout, the body could not be kept). Empty when the
    // whole response arrived, whatever its status.
    QString error;
    QString hint; // what to try about the error

    // A status line arrived (the body may still have been cut short: see isComplete()).
    bool hasResponse() const { return status > 0; }
    // The whole response arrived: a status, and no error after it. Anything that reports an
    // exchange as passed, answered or usable asks this, not hasResponse().
    bool isComplete() const { return status > 0 && error.isEmpty(); }
    // The body is in this file, which lives as long as the last copy of the Exchange.
    void keepBodyFile(const std::shared_ptr<const BodyFile> &file);
    // Forgets the file (a copy that keeps only part of the body in memory, say).
    void dropBodyFile();
    const Attempt *finalAttempt() const { return attempts.isEmpty() ? nullptr : &attempts.last(); }
    // "HTTP/2, one connection per origin (inferred)" for exchanges Qt's own path carried.
    QString pathLabel() const;
    // Every cookie the server set while answering, redirect hops included.
    QList<QNetworkCookie> cookiesSet() const;
    // Writes the (decoded) body, wherever it is kept, to a file atomically.
    bool saveBody(const QString &path, QString *error) const;
};

} // namespace mr

Q_DECLARE_METATYPE(mr::Exchange)
