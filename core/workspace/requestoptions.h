#pragma once

#include "requestdefinition.h"

#include <optional>

namespace mr {

// The options tab's view of a request's "# @directives" (RequestDefinition::options() says
// what each one does). applyTo() changes only the directives whose option changed: others,
// unknown ones and their order stay as written, and an option that did not change keeps its
// directive's text ("# @timeout 30" is not rewritten as "30 s"). The HTTP version may also
// come from the request line ("GET url HTTP/2"): a changed choice is written as a directive
// (which wins over the request line) unless the request line alone already says it; back to
// the default, the request line's version is dropped too, since no directive means "default".
class RequestOptions
{
public:
    std::optional<int> timeoutMs;        // # @timeout; unset: the workspace's default
    std::optional<int> connectTimeoutMs; // # @connection-timeout
    std::optional<int> retries;          // # @retries N
    bool followRedirects = true;         // false: # @no-redirect
    bool keepAlive = true;               // false: # @no-reuse
    bool cookieJar = true;               // false: # @no-cookie-jar
    // # @http1 / # @http2, or the request line's "HTTP/1.1" / "HTTP/2"; unset: the default
    std::optional<ProtocolChoice> protocol;

    // A directive whose value does not parse ("# @timeout soon") reads as unset and is kept
    // as written until its option is given a value.
    static RequestOptions read(const RequestDefinition &request);
    void applyTo(RequestDefinition *request) const;

    // A duration as a directive value: "500 ms", "30 s", "2 m" (parseDurationMs reads it back).
    static QString durationText(int ms);

    friend bool operator==(const RequestOptions &a, const RequestOptions &b)
    {
        return a.timeoutMs == b.timeoutMs && a.connectTimeoutMs == b.connectTimeoutMs &&
               a.retries == b.retries && a.followRedirects == b.followRedirects &&
               a.keepAlive == b.keepAlive && a.cookieJar == b.cookieJar && a.protocol == b.protocol;
    }

private:
    void applyProtocol(const std::optional<ProtocolChoice> &before,
                       RequestDefinition *request) const;
};

} // namespace mr
