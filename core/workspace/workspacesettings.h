#pragma once

#include "base/diagnostic.h"
#include "http/protocolchoice.h"
#include "net/poolsettings.h"
#include "net/retrypolicy.h"
#include "net/timeoutsettings.h"
#include "net/tlssettings.h"

#include <QNetworkProxy>
#include <QVariantMap>
#include <optional>

namespace mr {

class HttpClient;

// The workspace's defaults, from the optional microrequests.json at its root:
//   { "pool": {"maxPerOrigin": 16, "maxHosts": 100, "blockWhenFull": true,
//              "idleExpiryMs": 4000, "keepAlive": true},
//     "retries": {"connect": 1, "read": 0, "status": 0, "statusList": [429, 503],
//                 "backoffFactorMs": 0, "backoffMaxMs": 120000, "retryAfterMaxMs": 120000},
//     "timeouts": {"connectMs": 10000, "inactivityMs": 60000, "totalMs": 0},
//     "tls": {"caFile": "certs/ca.pem", "clientCertificate": "…", "clientKey": "…",
//             "trusted": {"https://api.example.com:8443": ["<sha-256 hex>"]}},
//     "proxy": {"type": "none" | "system" | "http" | "socks5", "host": "…", "port": 8080},
//     "maxRedirects": 10, "protocol": "auto" | "http1.1" | "http2" }
// Every key is optional; a wrong key or type is reported as file:line:column and ignored.
// Paths are relative to the workspace. They sit below a request's # @directives and above
// the user's settings. A trusted fingerprint holds for the origin it is listed under only
// (the old bare list, ["<hex>"], is reported and not applied). "proxy" and "tls" change
// whom requests trust and where they go: WorkspaceTrust lists them, and the window applies
// them only once the user trusts the workspace.
struct WorkspaceSettings {
    std::optional<PoolSettings> pool;
    std::optional<RetryPolicy> retries;
    std::optional<TimeoutSettings> timeouts;
    std::optional<TlsSettings> tls;
    std::optional<QNetworkProxy> proxy; // NoProxy for "none"; DefaultProxy for "system"
    std::optional<int> maxRedirects;
    std::optional<ProtocolChoice> protocol; // the HTTP version requests use by default
    QList<Diagnostic> diagnostics;
    // Every value read, by its dotted key ("timeouts.connectMs"), for LayeredSettings.
    QVariantMap values;

    static constexpr const char *FileName = "microrequests.json";
    // A missing file gives empty settings and no diagnostic.
    static WorkspaceSettings load(const QString &workspaceFolder);
    static WorkspaceSettings parse(const QByteArray &json, const QString &path,
                                   const QString &folder);
    void applyTo(HttpClient &client) const;
};

} // namespace mr
