#pragma once

#include "http/protocolchoice.h"
#include "net/poolsettings.h"
#include "net/retrypolicy.h"
#include "net/timeoutsettings.h"
#include "net/tlssettings.h"

#include <QNetworkProxy>
#include <QVariantMap>

namespace mr {

class HttpClient;

// The client's settings as layers, highest first: the workspace's microrequests.json, the
// user's settings, the built-in defaults (a request's # @directives and the command line sit
// above these, applied per request). Each key is decided on its own: a workspace that sets
// only timeouts.connectMs keeps the user's inactivity timeout.
class LayeredSettings
{
public:
    enum class Source { Default, User, Workspace };

    // Values by key ("timeouts.connectMs"); unknown keys and values that do not fit are ignored.
    void setUser(const QVariantMap &values) { m_user = values; }
    void setWorkspace(const QVariantMap &values) { m_workspace = values; }
    const QVariantMap &user() const { return m_user; }
    const QVariantMap &workspace() const { return m_workspace; }

    // The value that wins for a key, and where it comes from.
    QVariant value(const QString &key) const;
    Source source(const QString &key) const;

    PoolSettings pool() const;
    RetryPolicy retries() const;
    TimeoutSettings timeouts() const;
    TlsSettings tls() const;
    // A proxy type of http or socks5 without a host or port gives no proxy at all, so a
    // half-filled form never sends requests somewhere unexpected.
    QNetworkProxy proxy() const;
    int maxRedirects() const;
    // The HTTP version requests use unless they ask for one (# @http1, # @http2).
    ProtocolChoice protocol() const;
    qint64 fileBodyLimit() const; // bytes

    // Sets every setting of the client, so nothing of a previous workspace stays behind.
    void applyTo(HttpClient &client) const;

private:
    QVariant layerValue(const QVariantMap &layer, const QString &key) const;

    QVariantMap m_user;
    QVariantMap m_workspace;
};

} // namespace mr
