#pragma once

#include "connectionevent.h"
#include "http/httprequest.h"
#include "origin.h"
#include "poolsettings.h"
#include "retrypolicy.h"
#include "timeoutsettings.h"
#include "tlssettings.h"
#include "transferrequest.h"

#include <QAuthenticator>
#include <QHash>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslKey>
#include <QThread>
#include <atomic>
#include <memory>
#include <optional>

namespace mr {

class Engine;
class EngineMailbox;
class EngineReply;
struct EngineRequest;
class Transfer;
struct TransferRequest;
class ExchangeJob;

// The client every part of Microrequests sends through, and a drop-in
// QNetworkAccessManager for any Qt code: http:// and https:// HTTP/1.1 requests are served by
// our engine — an exact per-origin keep-alive pool, with measured phases and connection
// identity — and everything else (HTTP/2 when a request asks for it, plain HTTP through a
// proxy, other schemes) by QNAM's built-in implementation.
//
// The engine runs in the client's own thread (no thread hop: sockets, parsing and replies
// live together), except for a client of a GUI's main thread, whose engine gets a thread of
// its own so the network never waits for painting. Either way its reports reach the replies
// in batches, from the top of the client thread's event loop.
class HttpClient : public QNetworkAccessManager
{
    Q_OBJECT
public:
    // Request attributes understood by the engine.
    enum Attribute {
        NoReuseAttribute = QNetworkRequest::User + 101, // bool: a fresh connection, closed after
        RetriesAttribute,        // int N: N connect, read and status retries (# @retries N)
        ConnectTimeoutAttribute, // int ms, 0: none
        TotalTimeoutAttribute,   // int ms, 0: none
        // QStringList {user, password[, "Basic"]}: credentials for Digest (or Basic) that
        // answer a challenge of that scheme only, never sent first (the URL's user info is
        // Basic, sent first, as curl does). A challenge for another scheme ends the reply with
        // AuthenticationRequiredError naming both.
        CredentialsAttribute,
        // QStringList of header names: credentials besides Authorization, Cookie and
        // Proxy-Authorization, dropped on a redirect to another origin (headers named like an
        // API key — X-API-Key, X-Auth-Token, Api-Key… — are dropped without being named).
        CredentialHeadersAttribute,
        // QStringList of query item names: taken out of a redirect target on another origin.
        CredentialQueryItemsAttribute,
    };

    // A QDateTime on replies of Qt's own path: when they were created (ours keep attempts).
    static constexpr const char *StartedAtProperty = "mrStartedAt";

    enum class EngineThread {
        Automatic, // Separate in a QGuiApplication's main thread, Caller anywhere else
        Caller,    // the engine runs in the thread that created the client
        Separate,  // the engine has a thread of its own
    };

    explicit HttpClient(QObject *parent = nullptr, EngineThread thread = EngineThread::Automatic);
    ~HttpClient() override;

    // Whether the engine has a thread of its own (see EngineThread).
    bool hasEngineThread() const { return m_thread != nullptr; }

    PoolSettings poolSettings() const { return m_poolSettings; }
    void setPoolSettings(const PoolSettings &settings);
    TlsSettings tlsSettings() const { return m_tlsSettings; }
    void setTlsSettings(const TlsSettings &settings);
    // A certificate (SHA-256 digest) trusted despite verification errors on one origin only
    // ("https://127.0.0.1:8443", as Origin::toString() gives it), e.g. the demo service's
    // own. Kept apart from TlsSettings, so re-applying settings leaves it in place.
    void trustCertificateFor(const QString &origin, const QByteArray &sha256Digest);
    QList<QByteArray> trustedCertificatesFor(const QString &origin) const;
    // Everything configurable copied from `other` (pool, TLS, per-origin trust, timeouts,
    // retries, redirects, HTTP/2 origins, body limits, proxy, QNAM's transfer timeout,
    // redirect policy, HSTS switch and hosts), so a second client sends as `other` does. Not
    // copied: the cookie jar, the proxy factory and the cache, which a manager owns.
    void adoptSettings(const HttpClient &other);

    TimeoutSettings timeouts() const { return m_timeouts; }
    void setTimeouts(const TimeoutSettings &timeouts) { m_timeouts = timeouts; }
    RetryPolicy retryPolicy() const { return m_retryPolicy; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    // Redirects followed unless a request sets its own maximumRedirectsAllowed().
    int maxRedirects() const { return m_maxRedirects; }
    // The HTTP version requests use unless they ask for one (# @http2 / # @http1): Auto by
    // default, where TLS's ALPN decides on https (h2 when the server offers it) and http
    // stays HTTP/1.1. Http2 on http means prior knowledge (h2c without an Upgrade).
    ProtocolChoice defaultProtocol() const { return m_defaultProtocol; }
    void setDefaultProtocol(ProtocolChoice choice) { m_defaultProtocol = choice; }
    // The same for one origin ("https://host:443"), above the default; nullopt removes it.
    void setOriginProtocol(const QString &origin, std::optional<ProtocolChoice> choice);
    // What a request to `url` uses: its own choice, else its origin's, else the default.
    ProtocolChoice protocolFor(const QUrl &url, std::optional<ProtocolChoice> asked) const;
    // Response bodies above this many decoded bytes go to a temporary file (default 64 MB).
    qint64 bodyMemoryLimit() const { return m_bodyMemoryLimit; }
    void setBodyMemoryLimit(qint64 bytes) { m_bodyMemoryLimit = bytes; }
    void setMaxRedirects(int count) { m_maxRedirects = count; }
    // A request body read from files ("< ./file" lines, file parts) may add up to this many
    // bytes (default 1 GiB); a larger one is refused before anything is sent.
    static constexpr qint64 DefaultFileBodyLimit = BodyPart::DefaultFileLimit;
    qint64 fileBodyLimit() const { return m_fileBodyLimit; }
    void setFileBodyLimit(qint64 bytes) { m_fileBodyLimit = bytes; }

    // QNAM's clearConnectionCache() is not virtual; this is the engine's equivalent.
    void closeIdleConnections();

    // Starts sending; the job reports finished() once, then can be deleted.
    ExchangeJob *send(const HttpRequest &request, QObject *parent = nullptr);
    // The reply alone, without send()'s Exchange: our engine's (the request taken as it is,
    // nothing encoded) or, for what the engine does not serve, Qt's. Either way this
    // manager's finished() reports it; an engine reply's manager() is null (QNetworkReply
    // has no public way to set it, and QNAM's entry, which does, costs too much per request).
    QNetworkReply *sendRaw(const HttpRequest &request);

Q_SIGNALS:
    // The pool, live (delivered in this object's thread, in order with the replies').
    void connectionOpened(const mr::ConnectionEvent &event);
    void connectionClosed(const mr::ConnectionEvent &event);
    void originStateChanged(const mr::OriginState &state);
    void requestQueued(quint64 id, const QString &origin);
    void requestStarted(quint64 id, const QString &connectionId);
    void requestFinished(quint64 id);

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;
    void connectNotify(const QMetaMethod &signal) override;

private:
    // For EngineReply, which drives a request's hops.
    friend class EngineReply;
    quint64 nextTransferId() { return m_nextId++; }
    void startTransfer(EngineReply *reply, const TransferRequest &transfer);
    void abortTransfer(quint64 id);
    void decideSslErrors(quint64 id, bool ignore, const QList<QSslError> &errors);
    // The transfer aimed at another URL: origin, TLS settings and pool key follow it.
    TransferRequest retarget(TransferRequest transfer, const QNetworkRequest &original) const;
    QByteArray cookieHeaderFor(const QUrl &url, const QByteArray &ownCookies);
    void storeCookies(const QUrl &url, const HttpHeaders &headers);
    void noteStrictTransportSecurity(const QUrl &url, const HttpHeaders &headers);
    void askForCredentials(QNetworkReply *reply, QAuthenticator *authenticator);
    RetryPolicy retryPolicyFor(const EngineRequest &request) const;
    int totalTimeoutFor(const EngineRequest &request) const;

private:
    // Every HTTP version is ours; Qt's path keeps plain http through an HTTP proxy, caching
    // proxies and other schemes.
    bool servedByEngine(const QUrl &url) const;
    // Who emits this manager's finished(), encrypted() and sslErrors() for a reply: QNAM,
    // for one that came through its entry (get(), post()…), or the reply itself (sendRaw).
    enum class ManagerSignals { FromQnam, FromReply };
    // An EngineReply for a request our engine serves, whichever way it came: the client's
    // defaults applied (QNAM's, ours), the TransferRequest built, the first hop sent.
    EngineReply *serve(Operation operation, const QNetworkRequest &original, EngineRequest asked,
                       ManagerSignals managerSignals);
    // The proxy for a URL (nullopt: direct), as QNAM would choose it.
    std::optional<QNetworkProxy> proxyFor(const QUrl &url) const;
    bool knownStrictTransportSecurityHost(const QString &host) const;
    void submitBatch();
    static QString invalidRequestReason(const TransferRequest &transfer);

    QString poolKey(const Origin &origin, const std::optional<QSslConfiguration> &configuration,
                    const QList<QByteArray> &trustedDigests) const;
    static QString originKey(const QString &origin);

    EngineMailbox *m_mailbox;
    std::unique_ptr<QThread> m_thread; // only with EngineThread::Separate
    Engine *m_engine = nullptr;
    PoolSettings m_poolSettings;
    TlsSettings m_tlsSettings;
    // Its files as they were read when the settings were set: what was trusted is what is
    // used, whatever a later `git pull` writes into those files.
    struct LoadedTls {
        QList<QSslCertificate> caCertificates;
        QList<QSslCertificate> clientChain;
        // Not a QSslKey by default: constructing one loads the TLS backend (OpenSSL, megabytes)
        // even for a run that never speaks TLS.
        std::optional<QSslKey> clientKey;
    } m_loadedTls;
    QHash<QString, QList<QByteArray>> m_trustedPerOrigin; // origin key -> SHA-256 digests
    TimeoutSettings m_timeouts;
    RetryPolicy m_retryPolicy;
    int m_maxRedirects = 10;
    qint64 m_bodyMemoryLimit = 64 * 1024 * 1024;
    qint64 m_fileBodyLimit = DefaultFileBodyLimit;
    ProtocolChoice m_defaultProtocol = ProtocolChoice::Auto;
    QHash<QString, ProtocolChoice> m_originProtocols;
    std::atomic<quint64> m_nextId{1};
    bool m_forwarding = false;
    // With an engine thread: requests created in one turn of the caller's event loop cross
    // to the engine together, one wake-up for all of them.
    QList<TransferRequest> m_batch;
    bool m_submitsBeforeWaiting = false; // this thread's loop hands m_batch over before waiting
};

} // namespace mr
