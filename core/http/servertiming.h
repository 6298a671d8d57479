#pragma once

#include "http/httpheaders.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace mr {

// The Server-Timing response header (W3C Server Timing): metrics a server reports about its
// own handling, e.g. `db;dur=53.2, cache;desc="hit"`. Views read timings a server tells from
// here, never from a particular server's private headers.
class ServerTiming
{
public:
    struct Metric {
        QByteArray name;
        double durationMs = -1; // -1: the metric has no dur
        QString description;
    };

    // The metric a server simulating network latency reports (our demo service does, with
    // --latency): its dur is the delay each new connection and each first byte waited.
    static QByteArray simulatedLatencyName() { return QByteArrayLiteral("simulated-latency"); }

    // Every metric of every Server-Timing field, in order; malformed entries are skipped.
    static QList<Metric> parse(const HttpHeaders &responseHeaders);
    // The duration of the first metric with that name (case-insensitive), or -1.
    static double durationOf(const HttpHeaders &responseHeaders, const QByteArray &name);
    // The whole milliseconds of simulatedLatencyName's metric, or -1 when the response did not
    // come from a server simulating latency.
    static int simulatedLatencyMs(const HttpHeaders &responseHeaders);
    // One metric as a header value.
    static QByteArray format(const Metric &metric);
};

} // namespace mr
