#pragma once

#include "http/httpheaders.h"
#include "phasetimings.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>
#include <QString>
#include <QStringList>

namespace mr {

// One try at a request on one connection: its timing, the connection it used, and how it
// ended. A request re-sent after a stale keep-alive connection has two.
struct Attempt {
    QDateTime startedAt;
    // When it was queued, on the engine's clock (the one ConnectionEvent::atMs uses): places
    // attempts and connection events on one axis below a millisecond. -1 off our pool.
    double queuedAtMs = -1;
    PhaseTimings timings;

    QString connectionId; // "origin#serial"; empty when no connection was reached
    int connectionSerial = 0;
    quint16 localPort = 0;
    QString remoteAddress;
    // Addresses tried for a new connection that did not give it, each with what happened:
    // "[::1]:8080 refused", "192.0.2.1:8080 no answer before 127.0.0.1 answered".
    QStringList connectFailures;
    quint16 remotePort = 0;
    bool reused = false;
    int requestIndex = 0;    // 1-based index of this request on its connection
    qint32 streamId = 0;     // HTTP/2: the stream it went on (0 on HTTP/1.1)
    int streamsInFlight = 0; // HTTP/2: streams open on the connection as it started, itself too
    QByteArray httpVersion;
    QString proxy;       // "socks5://host:port" or "http://host:port" (a CONNECT tunnel)
    QString tlsProtocol; // empty for plain HTTP
    QString tlsCipher;
    // The server's chain, leaf first: "CN=host · issued by CN=CA · valid until 2027-01-01".
    QStringList certificateChain;
    QByteArray requestHead;      // the request line and headers as written on this attempt
    HttpHeaders responseHeaders; // this hop's Set-Cookie and Location, when it was answered

    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QString outcome; // why it was or was not re-sent, when it failed

    // "#3 new" or "#3 reused · 7th request"; on HTTP/2 "#1 · h2 stream 7 · 3 in flight" (or
    // "#1 new · h2 stream 1 · 1 in flight"); empty without a connection.
    QString connectionLabel() const;
    // "blocked 0.1 · dns – · tcp 0.3 · tls – · send 0.0 · wait 1.2 · receive 0.1 ms"
    QString phasesText() const;
};

} // namespace mr
