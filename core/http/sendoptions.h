#pragma once

#include "protocolchoice.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace mr {

// How one request wants to be sent, from the "# @directives" of a .http file; unset fields
// take the workspace's or the client's defaults.
struct SendOptions {
    std::optional<bool> followRedirects; // # @no-redirect
    std::optional<bool> useCookieJar;    // # @no-cookie-jar
    std::optional<int> timeoutMs;        // # @timeout (no data for this long)
    std::optional<int> connectTimeoutMs; // # @connection-timeout
    std::optional<int> retries;          // # @retries N
    bool noReuse = false;                // # @no-reuse: a fresh connection, closed after
    // # @http2 / # @http1: unset, the client's default (auto: ALPN decides on https).
    std::optional<ProtocolChoice> protocol;
    QString digestUser; // "Authorization: Digest user password"
    QString digestPassword;
    // The headers and query params that carry the request's API key (what the auth tab
    // reads): like Authorization, dropped on a redirect to another origin.
    QStringList credentialHeaders;
    QStringList credentialQueryItems;
};

} // namespace mr
