// core/net: the HTTP client. HttpClient is a QNetworkAccessManager; every request it serves
// yields an Exchange — what was sent, what came back, and how long it took.
#pragma once

#include "http/httprequest.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace mr {

// One request and its response (or the error that ended it).
struct Exchange {
    HttpRequest request; // as sent
    QDateTime startedAt;
    double durationMs = 0; // from send to the last body byte

    int status = 0; // 0 when no response arrived
    QByteArray reasonPhrase;
    HttpHeaders responseHeaders;
    QByteArray responseBody;

    QString error; // a plain-words failure, empty when a response arrived
    QString hint;  // what to try about the error

    bool hasResponse() const { return status > 0; }
};

} // namespace mr
