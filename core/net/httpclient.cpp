#include "httpclient.h"

#include "authresponder.h"
#include "bodypartsdevice.h"
#include "engine.h"
#include "enginemailbox.h"
#include "enginereply.h"
#include "enginerequest.h"
#include "exchangejob.h"
#include "http/credentialnames.h"
#include "http/httpheaderparser.h"
#include "transfer.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QHstsPolicy>
#include <QMetaMethod>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QSet>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrlQuery>

namespace mr {

namespace {

// Whether a request holds credentials a redirect to another origin must not carry.
bool carriesCredentials(const QNetworkRequest &request)
{
    const QStringList named =
        request.attribute(QNetworkRequest::Attribute(HttpClient::CredentialHeadersAttribute))
            .toStringList();
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names) {
        const QString text = QString::fromLatin1(name);
        for (const char *credential : {"Authorization", "Cookie", "Proxy-Authorization"}) {
            if (text.compare(QLatin1String(credential), Qt::CaseInsensitive) == 0)
                return true;
        }
        if (CredentialNames::isCredentialName(text) || named.contains(text, Qt::CaseInsensitive))
            return true;
    }
    const QStringList queryItems =
        request.attribute(QNetworkRequest::Attribute(HttpClient::CredentialQueryItemsAttribute))
            .toStringList();
    const QUrlQuery query(request.url());
    for (const QString &item : queryItems) {
        if (query.hasQueryItem(item))
            return true;
    }
    return false;
}

bool isLoopback(const QString &host)
{
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    // Only an address literal can be a loopback address besides those names: a host name
    // (most requests) is not parsed as one.
    if (host.isEmpty() || !(host.front().isDigit() || host.contains(QLatin1Char(':'))))
        return false;
    // The usual literals, without building an address (this runs twice per request).
    if (host == QLatin1String("127.0.0.1") || host == QLatin1String("::1"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

HttpClient::HttpClient(QObject *parent, EngineThread thread)
    : QNetworkAccessManager(parent)
    , m_mailbox(new EngineMailbox(this))
{
    qRegisterMetaType<mr::ConnectionEvent>();
    qRegisterMetaType<mr::OriginState>();
    if (thread == EngineThread::Automatic) {
        // A GUI's main thread paints and lays out: its network goes elsewhere. Everywhere else
        // (the command line, a worker thread) the caller's thread has nothing better to do.
        const QCoreApplication *application = QCoreApplication::instance();
        thread = application && application->inherits("QGuiApplication") &&
                         QThread::currentThread() == application->thread()
                     ? EngineThread::Separate
                     : EngineThread::Caller;
    }
    m_engine = new Engine;
    if (thread == EngineThread::Separate) {
        m_thread = std::make_unique<QThread>();
        m_thread->setObjectName(QStringLiteral("microrequests engine"));
        m_thread->start();
        m_engine->moveToThread(m_thread.get());
        // Both ways in batches: reports wake this thread once per turn of the engine's loop;
        // the requests a delivery's slots make cross at its end, one wake-up for them all.
        m_mailbox->deferWakeUps();
        QMetaObject::invokeMethod(m_engine, [engine = m_engine, mailbox = m_mailbox] {
            connect(
                QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock,
                engine, [mailbox] { mailbox->wakeIfPending(); }, Qt::DirectConnection);
        });
        m_mailbox->setAfterDelivery([this] { submitBatch(); });
        // A delivery's slot may run a loop of its own (a dialog): what it sends goes when
        // that loop is about to wait, at the latest.
        if (QAbstractEventDispatcher *here = QAbstractEventDispatcher::instance()) {
            connect(here, &QAbstractEventDispatcher::aboutToBlock, this, [this] { submitBatch(); });
            m_submitsBeforeWaiting = true;
        }
    }
}

HttpClient::~HttpClient()
{
    // Our replies first, as QNAM's destructor would do later: theirs ask the engine to drop
    // what they still wait for, and must find it and this client whole.
    qDeleteAll(findChildren<EngineReply *>(Qt::FindDirectChildrenOnly));
    if (!m_thread) {
        delete m_engine;
        return;
    }
    // The engine, its sockets and timers must go in their own thread.
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine] { delete engine; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void HttpClient::submitBatch()
{
    if (m_batch.isEmpty()) // gone already, with an earlier delivery or wait
        return;
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, mailbox = m_mailbox, batch = std::exchange(m_batch, {})] {
            for (const TransferRequest &transfer : batch)
                engine->submit(new Transfer(transfer, mailbox));
        });
}

void HttpClient::setPoolSettings(const PoolSettings &settings)
{
    m_poolSettings = settings;
    QMetaObject::invokeMethod(m_engine,
                              [engine = m_engine, settings] { engine->setSettings(settings); });
}

void HttpClient::setTlsSettings(const TlsSettings &settings)
{
    m_tlsSettings = settings;
    m_loadedTls = {};
    if (!settings.caFile.isEmpty())
        m_loadedTls.caCertificates = QSslCertificate::fromPath(settings.caFile);
    if (!settings.clientCertificateFile.isEmpty()) {
        m_loadedTls.clientChain = QSslCertificate::fromPath(settings.clientCertificateFile);
        QFile keyFile(settings.clientKeyFile);
        if (keyFile.open(QIODevice::ReadOnly)) {
            const QByteArray pem = keyFile.readAll();
            for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
                if (const QSslKey key(pem, algorithm); !key.isNull()) {
                    m_loadedTls.clientKey = key;
                    break;
                }
            }
        }
    }
}

QString HttpClient::originKey(const QString &origin)
{
    return Origin::fromUrl(QUrl(origin)).toString();
}

void HttpClient::trustCertificateFor(const QString &origin, const QByteArray &sha256Digest)
{
    const QUrl url(origin);
    // A programming error, not user input: say which call was wrong instead of trusting a
    // certificate somewhere nobody meant.
    if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0 ||
        url.host().isEmpty() || sha256Digest.size() != 32) {
        qWarning("HttpClient::trustCertificateFor: ignored: needs an https origin such as "
                 "\"https://127.0.0.1:8443\" and a 32-byte SHA-256 digest (got \"%s\", %d bytes)",
                 qPrintable(origin), int(sha256Digest.size()));
        return;
    }
    QList<QByteArray> &digests = m_trustedPerOrigin[originKey(origin)];
    if (!digests.contains(sha256Digest))
        digests.append(sha256Digest);
}

QList<QByteArray> HttpClient::trustedCertificatesFor(const QString &origin) const
{
    return m_trustedPerOrigin.value(originKey(origin));
}

void HttpClient::adoptSettings(const HttpClient &other)
{
    setPoolSettings(other.m_poolSettings);
    m_tlsSettings = other.m_tlsSettings;
    m_loadedTls = other.m_loadedTls; // as read then, not as the files are now
    m_trustedPerOrigin = other.m_trustedPerOrigin;
    m_timeouts = other.m_timeouts;
    m_retryPolicy = other.m_retryPolicy;
    m_maxRedirects = other.m_maxRedirects;
    m_defaultProtocol = other.m_defaultProtocol;
    m_originProtocols = other.m_originProtocols;
    m_bodyMemoryLimit = other.m_bodyMemoryLimit;
    m_fileBodyLimit = other.m_fileBodyLimit;
    setProxy(other.proxy());
    setTransferTimeout(other.transferTimeout());
    setRedirectPolicy(other.redirectPolicy());
    setStrictTransportSecurityEnabled(other.isStrictTransportSecurityEnabled());
    addStrictTransportSecurityHosts(other.strictTransportSecurityHosts()); // as learned so far
}

void HttpClient::closeIdleConnections()
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine] { engine->closeIdleConnections(); });
}

void HttpClient::connectNotify(const QMetaMethod &signal)
{
    // Pool events cross threads only once somebody listens for them.
    static const QList<QMetaMethod> poolSignals = {
        QMetaMethod::fromSignal(&HttpClient::connectionOpened),
        QMetaMethod::fromSignal(&HttpClient::connectionClosed),
        QMetaMethod::fromSignal(&HttpClient::originStateChanged),
        QMetaMethod::fromSignal(&HttpClient::requestQueued),
        QMetaMethod::fromSignal(&HttpClient::requestStarted),
        QMetaMethod::fromSignal(&HttpClient::requestFinished)};
    if (m_forwarding || !poolSignals.contains(signal))
        return;
    m_forwarding = true;
    // Called in the engine's thread; emitted in ours, in order with the replies' updates.
    EngineMailbox *mailbox = m_mailbox;
    const auto forward = [this, mailbox](auto ours) {
        return [this, mailbox, ours](const auto &...arguments) {
            mailbox->post([this, ours, arguments...] { Q_EMIT(this->*ours)(arguments...); });
        };
    };
    connect(m_engine, &Engine::connectionOpened, m_engine, forward(&HttpClient::connectionOpened),
            Qt::DirectConnection);
    connect(m_engine, &Engine::connectionClosed, m_engine, forward(&HttpClient::connectionClosed),
            Qt::DirectConnection);
    connect(m_engine, &Engine::originStateChanged, m_engine,
            forward(&HttpClient::originStateChanged), Qt::DirectConnection);
    connect(m_engine, &Engine::requestQueued, m_engine, forward(&HttpClient::requestQueued),
            Qt::DirectConnection);
    connect(m_engine, &Engine::requestStarted, m_engine, forward(&HttpClient::requestStarted),
            Qt::DirectConnection);
    connect(m_engine, &Engine::requestFinished, m_engine, forward(&HttpClient::requestFinished),
            Qt::DirectConnection);
    m_engine->startReporting();
}

bool HttpClient::servedByEngine(const QUrl &url) const
{
    const QString scheme = url.scheme().toLower();
    if ((scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty())
        return false;
    const std::optional<QNetworkProxy> chosen = proxyFor(url);
    if (!chosen)
        return true;
    // SOCKS5 always, and an HTTP proxy for https (a CONNECT tunnel), go through our pool;
    // plain http through an HTTP proxy (absolute-form requests) and caching proxies through Qt's.
    return chosen->type() == QNetworkProxy::Socks5Proxy ||
           (chosen->type() == QNetworkProxy::HttpProxy && scheme == QLatin1String("https"));
}

void HttpClient::setOriginProtocol(const QString &origin, std::optional<ProtocolChoice> choice)
{
    const QString key = Origin::fromUrl(QUrl(origin)).toString();
    if (choice)
        m_originProtocols.insert(key, *choice);
    else
        m_originProtocols.remove(key);
}

ProtocolChoice HttpClient::protocolFor(const QUrl &url, std::optional<ProtocolChoice> asked) const
{
    if (asked)
        return *asked;
    if (!m_originProtocols.isEmpty()) {
        const auto it = m_originProtocols.constFind(Origin::fromUrl(url).toString());
        if (it != m_originProtocols.constEnd())
            return *it;
    }
    return m_defaultProtocol;
}

std::optional<QNetworkProxy> HttpClient::proxyFor(const QUrl &url) const
{
    if (isLoopback(url.host()) && proxy().type() == QNetworkProxy::DefaultProxy)
        return std::nullopt; // Qt never proxies loopback unless told to explicitly
    QNetworkProxy chosen = proxy();
    if (chosen.type() == QNetworkProxy::DefaultProxy) {
        const QList<QNetworkProxy> proxies =
            proxyFactory() ? proxyFactory()->queryProxy(QNetworkProxyQuery(url))
                           : QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
        chosen = proxies.value(0);
    }
    if (chosen.type() == QNetworkProxy::NoProxy || chosen.type() == QNetworkProxy::DefaultProxy)
        return std::nullopt;
    return chosen;
}

QString HttpClient::poolKey(const Origin &origin, const std::optional<QSslConfiguration> &tls,
                            const QList<QByteArray> &trustedDigests) const
{
    QString key = origin.toString();
    if (!origin.isTls() || !tls)
        return key;
    const QSslConfiguration &configuration = *tls;
    // Connections made with different TLS settings are never shared (cf. CVE-2024-35195).
    if (configuration == QSslConfiguration::defaultConfiguration() &&
        m_tlsSettings.caFile.isEmpty() && m_tlsSettings.clientCertificateFile.isEmpty() &&
        trustedDigests.isEmpty())
        return key;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QSslCertificate &certificate : configuration.caCertificates())
        hash.addData(certificate.digest(QCryptographicHash::Sha256));
    hash.addData(configuration.localCertificate().digest(QCryptographicHash::Sha256));
    hash.addData(QByteArray::number(int(configuration.peerVerifyMode())));
    hash.addData(QByteArray::number(int(configuration.protocol())));
    for (const QByteArray &digest : trustedDigests)
        hash.addData(digest);
    return key + QLatin1Char('|') + QString::fromLatin1(hash.result().toHex().left(16));
}

QNetworkReply *HttpClient::createRequest(Operation operation, const QNetworkRequest &original,
                                         QIODevice *outgoingData)
{
    if (!servedByEngine(original.url())) {
        QNetworkRequest forwarded = original;
        const ProtocolChoice protocol =
            protocolFor(original.url(), EngineRequest::protocolAskedBy(original));
        forwarded.setAttribute(QNetworkRequest::Http2AllowedAttribute,
                               protocol != ProtocolChoice::Http1);
        // Qt's path copies every header into a redirect, to any origin (Qt 6.4 through 6.8):
        // there a request carrying credentials follows same-origin redirects only.
        const QVariant policy = original.attribute(QNetworkRequest::RedirectPolicyAttribute);
        if ((policy.isValid() ? policy.toInt() : int(redirectPolicy())) ==
                QNetworkRequest::NoLessSafeRedirectPolicy &&
            carriesCredentials(original))
            forwarded.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                   QNetworkRequest::SameOriginRedirectPolicy);
        QNetworkReply *reply =
            QNetworkAccessManager::createRequest(operation, forwarded, outgoingData);
        // Qt's path keeps no start time: live views place its exchanges by this one.
        reply->setProperty(StartedAtProperty, QDateTime::currentDateTimeUtc());
        return reply;
    }
    return serve(operation, original,
                 EngineRequest::fromNetworkRequest(operation, original, outgoingData),
                 ManagerSignals::FromQnam);
}

EngineReply *HttpClient::serve(Operation operation, const QNetworkRequest &original,
                               EngineRequest asked, ManagerSignals managerSignals)
{
    // What QNAM's own createRequest applies from the manager's defaults.
    QNetworkRequest request = original;
    if (autoDeleteReplies() &&
        request.attribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute).isNull())
        request.setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute, true);
    if (isStrictTransportSecurityEnabled() && request.url().scheme() == QLatin1String("http") &&
        knownStrictTransportSecurityHost(request.url().host())) {
        QUrl secure = request.url();
        secure.setScheme(QStringLiteral("https"));
        if (secure.port() == 80)
            secure.setPort(443);
        request.setUrl(secure);
    }
    asked.url = request.url();

    TransferRequest transfer;
    transfer.id = m_nextId++;
    transfer.method = asked.method;
    QUrl url = asked.url;
    transfer.headers = asked.headers;
    if (!transfer.headers.contains("User-Agent"))
        transfer.headers.append("User-Agent", "Microrequests");
    // We ask for compressed bodies and decode them, unless the caller chose encodings itself
    // (then, as with QNAM, the body is given back as the server sent it).
    if (!transfer.headers.contains("Accept-Encoding")) {
        transfer.headers.append("Accept-Encoding", "gzip, deflate, br, zstd");
        transfer.decodeContent = true;
    }
    // Credentials in the URL go out as Basic (as curl sends them), unless the request has
    // credentials of its own; never on the wire inside the URL.
    if (!url.userName().isEmpty() && !transfer.headers.contains("Authorization") &&
        !asked.credentials)
        transfer.headers.append("Authorization",
                                AuthResponder::basic(url.userName(), url.password()));
    // Only when there is any: setUserInfo() detaches the URL from the caller's copy, whose
    // shared data keys the text forms kept for it (UrlText).
    if (!url.userName().isEmpty() || !url.password().isEmpty())
        url.setUserInfo(QString());
    for (const QString &name : std::as_const(asked.credentialHeaders))
        transfer.credentialHeaders.append(name.toLatin1());
    transfer.credentialQueryItems = asked.credentialQueryItems;
    transfer.url = url;
    transfer.hasBody = asked.hasBody;
    transfer.body = asked.body;
    transfer.bodyParts = asked.bodyParts;
    transfer.reuse = m_poolSettings.keepAlive && !asked.noReuse;
    transfer.protocolAsked = asked.protocol;
    const int transferTimeout =
        asked.transferTimeoutMs > 0 ? asked.transferTimeoutMs : this->transferTimeout();
    transfer.transferTimeoutMs = transferTimeout > 0 ? transferTimeout : m_timeouts.inactivityMs;
    transfer.connectTimeoutMs = asked.connectTimeoutMs.value_or(m_timeouts.connectMs);
    transfer = retarget(transfer, request);

    auto *reply = new EngineReply(this, operation, request, asked, transfer);
    if (managerSignals == ManagerSignals::FromReply)
        reply->setOwnEntry();
    if (BodyPart::totalLength(transfer.bodyParts) > m_fileBodyLimit && asked.bodyFromParts) {
        reply->failLater(QNetworkReply::ProtocolInvalidOperationError,
                         QStringLiteral("the body's files add up to %1 bytes, more than the "
                                        "limit of %2 bytes (setting maxFileBodyMB)")
                             .arg(BodyPart::totalLength(transfer.bodyParts))
                             .arg(m_fileBodyLimit));
        return reply;
    }
    if (const QString problem = invalidRequestReason(transfer); !problem.isEmpty()) {
        reply->failLater(QNetworkReply::ProtocolInvalidOperationError, problem);
        return reply;
    }
    if (QIODevice *device = asked.bodyStillComing) {
        // As QNAM does, the body is read to its end before the request starts.
        auto body = std::make_shared<QByteArray>(transfer.body);
        connect(device, &QIODevice::readyRead, reply,
                [device, body] { *body += device->readAll(); });
        connect(device, &QIODevice::readChannelFinished, reply,
                [device, body, reply, transfer]() mutable {
                    transfer.body = *body + device->readAll();
                    reply->begin(transfer);
                });
        return reply;
    }
    reply->begin(transfer);
    return reply;
}

TransferRequest HttpClient::retarget(TransferRequest transfer,
                                     const QNetworkRequest &original) const
{
    transfer.origin = Origin::fromUrl(transfer.url);
    transfer.tls.reset();
    transfer.trustedCertificateDigests.clear(); // a redirect's trust is its new origin's
    if (transfer.origin.isTls()) {
        QSslConfiguration configuration = original.sslConfiguration();
        if (!m_loadedTls.caCertificates.isEmpty())
            configuration.addCaCertificates(m_loadedTls.caCertificates);
        if (!m_tlsSettings.clientCertificateFile.isEmpty()) {
            configuration.setLocalCertificateChain(m_loadedTls.clientChain);
            if (m_loadedTls.clientKey)
                configuration.setPrivateKey(*m_loadedTls.clientKey);
        }
        if (!m_tlsSettings.verifyPeer)
            configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        transfer.tls = configuration;
        // Trusted for this origin only: by the settings, and by the program (the demo's).
        const QString origin = transfer.origin.toString();
        transfer.trustedCertificateDigests = m_tlsSettings.trustedByOrigin.value(origin);
        for (const QByteArray &digest : m_trustedPerOrigin.value(origin))
            if (!transfer.trustedCertificateDigests.contains(digest))
                transfer.trustedCertificateDigests.append(digest);
    }
    transfer.proxy = proxyFor(transfer.url);
    transfer.protocol = protocolFor(transfer.url, transfer.protocolAsked);
    transfer.poolKey = poolKey(transfer.origin, transfer.tls, transfer.trustedCertificateDigests);
    // Connections speak one protocol choice: a request that insists on one shares only with
    // requests that insist on the same.
    if (transfer.protocol != ProtocolChoice::Auto)
        transfer.poolKey +=
            QLatin1Char('|') + QString::fromLatin1(protocolChoiceName(transfer.protocol));
    if (transfer.proxy) // a tunnel through another proxy is another connection
        transfer.poolKey +=
            QStringLiteral("|via %1://%2@%3:%4")
                .arg(transfer.proxy->type() == QNetworkProxy::Socks5Proxy ? QStringLiteral("socks5")
                                                                          : QStringLiteral("http"),
                     transfer.proxy->user(), transfer.proxy->hostName())
                .arg(transfer.proxy->port());
    return transfer;
}

QByteArray HttpClient::cookieHeaderFor(const QUrl &url, const QByteArray &ownCookies)
{
    // The caller's own Cookie header wins, name by name, over the jar's cookies.
    QByteArray header = ownCookies;
    QSet<QByteArray> own;
    for (const QByteArray &pair : ownCookies.split(';')) {
        const QByteArray name = pair.left(pair.indexOf('=')).trimmed();
        if (!name.isEmpty())
            own.insert(name);
    }
    const QList<QNetworkCookie> cookies = cookieJar()->cookiesForUrl(url);
    for (const QNetworkCookie &cookie : cookies) {
        if (own.contains(cookie.name()))
            continue;
        if (!header.isEmpty())
            header += "; ";
        header += cookie.toRawForm(QNetworkCookie::NameAndValueOnly);
    }
    return header;
}

void HttpClient::storeCookies(const QUrl &url, const HttpHeaders &headers)
{
    QList<QNetworkCookie> cookies;
    for (const QByteArray &value : headers.values("Set-Cookie"))
        cookies += QNetworkCookie::parseCookies(value);
    if (!cookies.isEmpty())
        cookieJar()->setCookiesFromUrl(cookies, url);
}

void HttpClient::noteStrictTransportSecurity(const QUrl &url, const HttpHeaders &headers)
{
    // RFC 6797 §8.1: only a secure response sets a policy, and never for an IP address.
    if (!isStrictTransportSecurityEnabled() || url.scheme() != QLatin1String("https") ||
        !headers.contains("Strict-Transport-Security") || !QHostAddress(url.host()).isNull())
        return;
    qint64 maxAge = -1;
    bool includeSubDomains = false;
    for (const QByteArray &item : headers.value("Strict-Transport-Security").split(';')) {
        const QByteArray directive = item.trimmed().toLower();
        if (directive.startsWith("max-age="))
            maxAge = directive.mid(8).replace('"', "").toLongLong();
        else if (directive == "includesubdomains")
            includeSubDomains = true;
    }
    if (maxAge < 0)
        return;
    addStrictTransportSecurityHosts({QHstsPolicy(QDateTime::currentDateTimeUtc().addSecs(maxAge),
                                                 includeSubDomains ? QHstsPolicy::IncludeSubDomains
                                                                   : QHstsPolicy::PolicyFlags(),
                                                 url.host())});
}

bool HttpClient::knownStrictTransportSecurityHost(const QString &host) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QHstsPolicy &policy : strictTransportSecurityHosts()) {
        if (policy.isExpired() || policy.expiry() < now)
            continue;
        const QString known = policy.host();
        if (host.compare(known, Qt::CaseInsensitive) == 0 ||
            (policy.includesSubDomains() &&
             host.endsWith(QLatin1Char('.') + known, Qt::CaseInsensitive)))
            return true;
    }
    return false;
}

void HttpClient::askForCredentials(QNetworkReply *reply, QAuthenticator *authenticator)
{
    Q_EMIT authenticationRequired(reply, authenticator);
}

RetryPolicy HttpClient::retryPolicyFor(const EngineRequest &request) const
{
    RetryPolicy policy = m_retryPolicy;
    if (request.retries) {
        policy.connect = policy.read = policy.status = qMax(0, *request.retries);
        policy.total = -1;
    }
    return policy;
}

int HttpClient::totalTimeoutFor(const EngineRequest &request) const
{
    return request.totalTimeoutMs.value_or(m_timeouts.totalMs);
}

void HttpClient::startTransfer(EngineReply *reply, const TransferRequest &transfer)
{
    m_mailbox->addReceiver(transfer.id, reply);
    if (!m_thread) {
        // The engine is ours: it takes the transfer now. Nothing it does reaches the caller
        // before control returns to the event loop (its reports go through the mailbox), so
        // this is as safe as QNAM's "starts once the event loop runs", one posted event less.
        m_engine->submit(new Transfer(transfer, m_mailbox));
        return;
    }
    // The Transfer is made in the engine's thread: no object crosses threads.
    m_batch.append(transfer);
    // During a delivery the batch goes when it ends (or before this thread waits).
    if (m_batch.size() == 1 && !(m_submitsBeforeWaiting && m_mailbox->isDelivering()))
        QMetaObject::invokeMethod(this, &HttpClient::submitBatch, Qt::QueuedConnection);
}

void HttpClient::abortTransfer(quint64 id)
{
    // Not handed over yet: it never will be.
    for (qsizetype i = 0; i < m_batch.size(); ++i) {
        if (m_batch[i].id == id) {
            m_batch.removeAt(i);
            return;
        }
    }
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, id] { engine->abortTransfer(id); }, Qt::QueuedConnection);
}

void HttpClient::decideSslErrors(quint64 id, bool ignore, const QList<QSslError> &errors)
{
    QMetaObject::invokeMethod(
        m_engine,
        [engine = m_engine, id, ignore, errors] { engine->decideSslErrors(id, ignore, errors); },
        Qt::QueuedConnection);
}

QString HttpClient::invalidRequestReason(const TransferRequest &transfer)
{
    // What goes on the wire must not be able to smuggle another header or request in.
    if (!HttpHeaderParser::isToken(transfer.method))
        return QStringLiteral("\"%1\" is not a valid HTTP method")
            .arg(QString::fromLatin1(transfer.method));
    for (const auto &field : transfer.headers.fields()) {
        if (!HttpHeaderParser::isToken(field.first))
            return QStringLiteral("\"%1\" is not a valid header name")
                .arg(QString::fromLatin1(field.first));
        for (char c : field.second) {
            if (c == '\r' || c == '\n' || c == '\0')
                return QStringLiteral("the value of header %1 contains a line break or NUL")
                    .arg(QString::fromLatin1(field.first));
        }
    }
    return {};
}

QNetworkReply *HttpClient::sendRaw(const HttpRequest &request)
{
    if (servedByEngine(request.url)) {
        // Straight to the engine, taken as it is (nothing encoded). QNAM's entry would add
        // four string-based connections per reply, a sixth of a request's CPU time: the
        // reply emits this manager's finished(), encrypted() and sslErrors() itself and
        // deletes itself as QNAM's would (see EngineReply::setOwnEntry).
        QNetworkRequest networkRequest(request.url);
        networkRequest.setAttribute(QNetworkRequest::CustomVerbAttribute, request.method);
        return serve(CustomOperation, networkRequest, EngineRequest::fromHttpRequest(request),
                     ManagerSignals::FromReply);
    }
    // Qt's path: the request's # @directives as attributes.
    const EngineRequest asked = EngineRequest::fromHttpRequest(request);
    const QNetworkRequest networkRequest = asked.toNetworkRequest();
    if (!asked.bodyParts.isEmpty()) {
        // A body that reads files streams from them, on our path and on Qt's.
        auto *body = new BodyPartsDevice(asked.bodyParts);
        body->open(QIODevice::ReadOnly);
        QNetworkReply *reply = sendCustomRequest(networkRequest, request.method, body);
        body->setParent(reply);
        return reply;
    }
    if (!asked.hasBody)
        return sendCustomRequest(networkRequest, request.method);
    return sendCustomRequest(networkRequest, request.method, request.body);
}

ExchangeJob *HttpClient::send(const HttpRequest &request, QObject *parent)
{
    auto *job = new ExchangeJob(this, request, parent);
    job->start();
    return job;
}

} // namespace mr
