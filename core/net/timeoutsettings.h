#pragma once

namespace mr {

// How long the engine waits, in milliseconds; 0 waits forever. Each that fires ends the
// reply with QNetworkReply::TimeoutError and a message naming it.
struct TimeoutSettings {
    int connectMs = 10000;    // DNS + TCP + TLS of a new connection
    int inactivityMs = 60000; // no byte in either direction (QNetworkRequest::transferTimeout)
    int totalMs = 0;          // the whole request, redirects and retries included
};

} // namespace mr
