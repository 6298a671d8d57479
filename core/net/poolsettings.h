#pragma once

namespace mr {

// How the engine keeps connections; defaults from the microrequests Python library.
struct PoolSettings {
    int maxHosts = 100;        // origins whose connections are kept (least recently used go)
    int maxPerOrigin = 50;     // connections per origin, 1..256
    bool blockWhenFull = true; // queue when all are busy; false: open extra ones, close after use
    int idleExpiryMs = 4000;   // an idle connection closes after this long
    bool keepAlive = true;     // false: one connection per request

    static constexpr int MaxConnectionsPerOrigin = 256;
    static constexpr int MaxHosts = 100000;
};

} // namespace mr
