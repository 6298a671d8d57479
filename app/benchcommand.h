#pragma once

#include <QStringList>

// `microrequests bench URL [options]`: N requests with C in flight through the same engine
// and thread as the window; prints throughput, latency percentiles and connection reuse.
class BenchCommand
{
public:
    static int run(const QStringList &arguments);
};
