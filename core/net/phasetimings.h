#pragma once

namespace mr {

// Where one attempt's time went, in milliseconds, as Chrome DevTools and HAR name it.
// -1 means the phase did not happen (dns, tcp and tls on a reused connection).
struct PhaseTimings {
    double blocked = -1; // queued for a connection
    double dns = -1;
    double tcp = -1;
    double tls = -1;
    double send = 0;    // writing the request
    double wait = 0;    // until the first response byte
    double receive = 0; // the rest of the response

    double total() const;
};

} // namespace mr
