#pragma once

#include <QList>
#include <QString>

namespace mr {

class ConnectionLog;

// What the pool did for the exchanges in a log, overall and per origin: how many requests,
// how many connections they opened, how often one was reused, the time spent opening
// connections (dns + tcp + tls) and queued for one, and what reuse saved.
//
// "Saved" is an estimate: each request that reused a connection did not pay for opening
// one, priced at the mean setup (dns + tcp + tls) of that origin's new connections in the
// log. Without a new connection to measure (all reused), nothing is claimed.
struct ConnectionSummary {
    struct Totals {
        QString origin; // empty for all origins together
        int requests = 0;
        int connectionsOpened = 0; // attempts that opened a connection
        int reused = 0;            // requests whose final attempt reused a connection
        int inferred = 0;          // requests of Qt's path (HTTP/2 inferred, or no details)
        double setupMs = 0;        // dns + tcp + tls, over all attempts
        double queuedMs = 0;       // blocked, over all attempts
        double savedMs = 0;        // the estimate above

        // Reused requests out of those our pool carried (0..1); 0 with none.
        double reuseRatio() const;
    };

    Totals all;
    QList<Totals> origins; // in the order the log first saw them

    static ConnectionSummary of(const ConnectionLog &log);
    // "1,000 requests · 6 connections opened · 99.4% reused · dns+tcp+tls 3.2 ms ·
    // queued 120 ms · reuse saved ≈ 530 ms"
    QString text() const;
    // One header line, then one line per origin and a last one for all ("*"); RFC 4180.
    QByteArray toCsv() const;
    // Writes the CSV atomically; false with *error ("path: reason") on failure.
    bool writeCsv(const QString &path, QString *error) const;
};

} // namespace mr
