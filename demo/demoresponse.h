#pragma once

#include "http/httpheaders.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <functional>

namespace mr {

// What the demo service answers, including how to misbehave. A route builds it; the
// connection carries it out (delays, streaming, faults), so routes stay free of sockets.
struct DemoResponse {
    enum class Fault {
        None,
        Drop,        // close without answering
        Reset,       // send part of the body, then a TCP reset
        Truncate,    // fewer body bytes than Content-Length, then a normal close
        SlowHeaders, // the head arrives in pieces over faultMs
    };
    // What an HTTP/2 connection does with the stream instead of, or besides, answering
    // (the /h2/ routes; HTTP/1.x never sees them).
    enum class Http2Action {
        None,
        ResetStream, // RST_STREAM with http2Value as the error code, no answer
        Goaway,      // GOAWAY naming this stream the last, then the answer
        MaxStreams,  // SETTINGS_MAX_CONCURRENT_STREAMS = http2Value, then the answer
    };
    // Produces the body piece by piece: up to maxBytes starting at offset.
    using BodyGenerator = std::function<QByteArray(qint64 offset, qint64 maxBytes)>;

    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    BodyGenerator generator; // when set, the body is generated and is generatedLength long
    qint64 generatedLength = 0;
    QList<QByteArray> chunks; // when non-empty, sent with chunked framing
    int chunkIntervalMs = 0;
    int delayMs = 0; // before anything is sent
    Fault fault = Fault::None;
    int faultMs = 0;
    bool closeAfter = false; // answer with Connection: close and close
    Http2Action http2Action = Http2Action::None;
    quint32 http2Value = 0;

    static DemoResponse json(const QJsonDocument &document, int status = 200);
    static DemoResponse json(const QJsonObject &object, int status = 200);
    static DemoResponse text(const QByteArray &body, const QByteArray &contentType,
                             int status = 200);
    static DemoResponse error(int status, const QString &message);
    static DemoResponse redirect(int status, const QByteArray &location);

    static QByteArray reasonPhrase(int status);
    static bool statusForbidsBody(int status)
    {
        return status == 204 || status == 304 || status < 200;
    }
};

} // namespace mr
