#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace mr {

// How the engine keeps connections; defaults from the microrequests Python library.
struct PoolSettings {
    int maxHosts = 100;        // origins whose connections are kept (least recently used go)
    int maxPerOrigin = 50;     // connections per origin, 1..256
    bool blockWhenFull = true; // queue when all are busy; false: open extra ones, close after use
    int idleExpiryMs = 4000;   // an idle connection closes after this long
    bool keepAlive = true;     // false: one connection per request
    // Happy Eyeballs (RFC 8305): while one address has not answered after this long, the next
    // is tried beside it.
    int connectionAttemptDelayMs = 250;
    // Host names answered from this table instead of DNS, in this order, as curl's --resolve
    // does: for tests and diagnostics, never read from a workspace file.
    QHash<QString, QList<QHostAddress>> resolve;

    static constexpr int MaxConnectionsPerOrigin = 256;
    static constexpr int MaxHosts = 100000;
};

} // namespace mr
