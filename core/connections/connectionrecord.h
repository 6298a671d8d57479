// core/connections: the live session's traffic as the Connections view shows it — finished
// exchanges, the connections that carried them, each origin's pool — with its summary and
// exports. Knows the engine's records only; nothing here reads a response's headers.
#pragma once

#include "net/connectionevent.h"

#include <QString>

namespace mr {

// One connection as the log knows it, from the pool's live events and the attempts that
// used it. Exchanges that our pool did not carry get a lane of their own kind.
struct ConnectionRecord {
    enum class Kind {
        Pool,          // our HTTP/1.1 pool: exact identity, phases and events
        Http2Inferred, // Qt's HTTP/2 path: one connection per origin, inferred
        QtPath,        // Qt's path for anything else: no connection details
        NoConnection,  // attempts that never reached a connection (DNS, refused, ...)
    };

    QString id; // "origin#serial"; "origin (HTTP/2)", "origin (Qt)", "origin (no connection)"
    QString origin;
    Kind kind = Kind::Pool;
    int serial = 0;
    quint16 localPort = 0;
    bool openReasonKnown = false; // from a connectionOpened event
    OpenReason openReason = OpenReason::FirstToOrigin;
    bool closeKnown = false; // from a connectionClosed event
    CloseReason closeReason = CloseReason::ClosedByClient;
    double openedAtMs = -1; // on the log's axis (the engine clock)
    double closedAtMs = -1;
    int requests = 0; // requests it carried, as far as the log saw
    bool busy = false;
    int inFlight = 0;      // requests running on it now (HTTP/2: its streams in use)
    int exchangesKept = 0; // exchanges in the log whose final attempt used it
    QByteArray protocol;   // "h2" or "http/1.1"; empty until known
    // HTTP/2 (see ConnectionEvent): most streams at once, the server's stream limit (0:
    // unknown), the opening PING's round trip (-1: none), the server's GOAWAY.
    int peakStreams = 0;
    quint32 maxConcurrentStreams = 0;
    double pingRttMs = -1;
    QString goaway;

    bool isOpen() const { return kind == Kind::Pool && !closeKnown; }
    // "127.0.0.1:8080#3 · first to the origin" ("… · h2 · first to the origin" on HTTP/2);
    // the kinds without identity say so.
    QString label() const;
    // Why it opened, in words ("first to the origin"); empty when the log did not see it.
    QString openedWhy() const;
    // "idle expiry" once closed; empty while open.
    QString closedWhy() const;
};

} // namespace mr
