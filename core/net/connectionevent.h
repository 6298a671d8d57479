#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace mr {

// Why the engine opened a connection.
enum class OpenReason {
    FirstToOrigin,           // no connection to this origin yet
    PoolBusy,                // every open connection was busy
    ServerClosedPrevious,    // the previous one was closed by the server
    ConnectionClosePrevious, // the previous response said Connection: close
    IdleExpiredPrevious,     // the previous one expired while idle
    KeepAliveOff,            // keep-alive is off: one connection per request
    ErrorPrevious,           // the previous one failed
    ReplacingStale,          // a kept-alive one was found closed just before reuse
    ClosedByClientPrevious,  // the previous one was closed by the client (or evicted)
};

// Why the engine closed a connection.
enum class CloseReason {
    IdleExpired,
    ServerClosed, // FIN or reset from the server (noticed while idle or in use)
    // The response said Connection: close (or was HTTP/1.0, close-delimited, or framed by both
    // Transfer-Encoding and Content-Length).
    ConnectionClose,
    KeepAliveOff,
    PoolFull,       // an extra connection above the per-origin limit (non-blocking pool)
    Evicted,        // its origin was dropped from the pool (hosts limit)
    ClosedByClient, // closeIdleConnections() or shutdown
    Aborted,        // the request on it was aborted
    NotShareable,   // its certificate errors were ignored for one request only
    Error,          // a protocol or network error
};

QString openReasonText(OpenReason reason);
QString closeReasonText(CloseReason reason);

// A connection opening or closing, for live views.
struct ConnectionEvent {
    QString origin;       // "127.0.0.1:8080" (https origins keep their scheme: "https://h:443")
    QString connectionId; // "127.0.0.1:8080#3"
    int serial = 0;
    quint16 localPort = 0;
    OpenReason openReason = OpenReason::FirstToOrigin;
    CloseReason closeReason = CloseReason::ClosedByClient;
    int requests = 0; // requests carried so far
    double atMs = 0;  // engine clock
    double ageMs = 0; // since opened (for closes)
    // "h2" or "http/1.1"; empty while ALPN has not answered yet.
    QByteArray protocol;
    // HTTP/2 only: the most streams it carried at once, the server's
    // SETTINGS_MAX_CONCURRENT_STREAMS (0: not received), the round trip of the PING it
    // sent on opening (-1: none yet), and the server's GOAWAY ("NO_ERROR (0x0), last stream
    // 5"; empty without one).
    int peakStreams = 0;
    quint32 maxConcurrentStreams = 0;
    double pingRttMs = -1;
    QString goaway;
};

// An origin's pool at a moment.
struct OriginState {
    QString origin;
    int open = 0;
    int busy = 0;
    int idle = 0;
    int queued = 0;
};

} // namespace mr

Q_DECLARE_METATYPE(mr::ConnectionEvent)
Q_DECLARE_METATYPE(mr::OriginState)
