#include "httpclient.h"

#include "authresponder.h"
#include "bodypartsdevice.h"
#include "engine.h"
#include "enginereply.h"
#include "exchangejob.h"
#include "http/credentialnames.h"
#include "http/httpheaderparser.h"
#include "transfer.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QHstsPolicy>
#include <QMetaMethod>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QProcess>
#include <QSet>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrlQuery>

namespace mr {

namespace {

QByteArray methodFor(QNetworkAccessManager::Operation operation, const QNetworkRequest &request)
{
    switch (operation) {
    case QNetworkAccessManager::HeadOperation: return "HEAD";
    case QNetworkAccessManager::GetOperation: return "GET";
    case QNetworkAccessManager::PutOperation: return "PUT";
    case QNetworkAccessManager::PostOperation: return "POST";
    case QNetworkAccessManager::DeleteOperation: return "DELETE";
    case QNetworkAccessManager::CustomOperation:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    case QNetworkAccessManager::UnknownOperation: break;
    }
    return "GET";
}

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
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

HttpClient::HttpClient(QObject *parent)
    : QNetworkAccessManager(parent)
{
    qRegisterMetaType<mr::TransferUpdate>();
    qRegisterMetaType<mr::ConnectionEvent>();
    qRegisterMetaType<mr::OriginState>();
    m_thread.setObjectName(QStringLiteral("microrequests engine"));
    m_thread.start();
    m_engine = new Engine;
    m_engine->moveToThread(&m_thread);
}

HttpClient::~HttpClient()
{
    // The engine, its sockets and timers must go in their own thread.
    QMetaObject::invokeMethod(
        m_engine,
        [engine = m_engine, unsent = std::exchange(m_batch, {})] {
            qDeleteAll(unsent); // created, never submitted
            delete engine;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void HttpClient::submitBatch()
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, batch = std::exchange(m_batch, {})] {
        for (Transfer *transfer : batch)
            engine->submit(transfer);
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
    m_http2Origins = other.m_http2Origins;
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
    connect(m_engine, &Engine::connectionOpened, this, &HttpClient::connectionOpened);
    connect(m_engine, &Engine::connectionClosed, this, &HttpClient::connectionClosed);
    connect(m_engine, &Engine::originStateChanged, this, &HttpClient::originStateChanged);
    connect(m_engine, &Engine::requestQueued, this, &HttpClient::requestQueued);
    connect(m_engine, &Engine::requestStarted, this, &HttpClient::requestStarted);
    connect(m_engine, &Engine::requestFinished, this, &HttpClient::requestFinished);
}

bool HttpClient::servedByEngine(const QNetworkRequest &request) const
{
    const QUrl url = request.url();
    const QString scheme = url.scheme().toLower();
    if ((scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty())
        return false;
    // HTTP/2 only when the request or its origin asks for it (Qt's default would be "allowed").
    if (request.attribute(QNetworkRequest::Http2AllowedAttribute).toBool() ||
        request.attribute(QNetworkRequest::Http2DirectAttribute).toBool() || isHttp2Enabled(url))
        return false;
    const std::optional<QNetworkProxy> chosen = proxyFor(url);
    if (!chosen)
        return true;
    // SOCKS5 always, and an HTTP proxy for https (a CONNECT tunnel), go through our pool;
    // plain http through an HTTP proxy (absolute-form requests) and caching proxies through Qt's.
    return chosen->type() == QNetworkProxy::Socks5Proxy ||
           (chosen->type() == QNetworkProxy::HttpProxy && scheme == QLatin1String("https"));
}

void HttpClient::setHttp2Enabled(const QString &origin, bool enabled)
{
    const QString key = Origin::fromUrl(QUrl(origin)).toString();
    if (enabled)
        m_http2Origins.insert(key);
    else
        m_http2Origins.remove(key);
}

bool HttpClient::isHttp2Enabled(const QUrl &url) const
{
    return !m_http2Origins.isEmpty() && m_http2Origins.contains(Origin::fromUrl(url).toString());
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
    if (!servedByEngine(original)) {
        QNetworkRequest forwarded = original;
        if (isHttp2Enabled(original.url()))
            forwarded.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
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

    TransferRequest transfer;
    transfer.id = m_nextId++;
    transfer.method = methodFor(operation, request);
    QUrl url = request.url();
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names)
        transfer.headers.append(name, request.rawHeader(name));
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
        !request.attribute(QNetworkRequest::Attribute(CredentialsAttribute)).isValid())
        transfer.headers.append("Authorization",
                                AuthResponder::basic(url.userName(), url.password()));
    url.setUserInfo(QString());
    const QStringList credentialHeaders =
        request.attribute(QNetworkRequest::Attribute(CredentialHeadersAttribute)).toStringList();
    for (const QString &name : credentialHeaders)
        transfer.credentialHeaders.append(name.toLatin1());
    transfer.credentialQueryItems =
        request.attribute(QNetworkRequest::Attribute(CredentialQueryItemsAttribute)).toStringList();
    transfer.url = url;
    transfer.hasBody = outgoingData || operation == PostOperation || operation == PutOperation;
    if (outgoingData) {
        auto *file = qobject_cast<QFile *>(outgoingData);
        auto *parts = qobject_cast<BodyPartsDevice *>(outgoingData);
        if (file && !file->fileName().isEmpty() && !file->isSequential()) {
            // Files stream from the engine thread; nothing is loaded into memory.
            transfer.bodyParts = {
                BodyPart::fromFile(file->fileName(), file->pos(), file->size() - file->pos())};
        } else if (parts && parts->pos() == 0) {
            transfer.bodyParts = parts->parts(); // so do the files of a body made of parts
        } else {
            transfer.body = outgoingData->readAll();
        }
    }
    // A sequential device (a process, a socket) may still be producing the body: as QNAM
    // does, it is read to its end before the request starts. Only devices that announce
    // their end are waited for; others were read to their end above.
    bool bodyStillComing = false;
    if (const auto *process = qobject_cast<QProcess *>(outgoingData))
        bodyStillComing = process->state() != QProcess::NotRunning;
    else if (const auto *socket = qobject_cast<QAbstractSocket *>(outgoingData))
        bodyStillComing = socket->state() != QAbstractSocket::UnconnectedState;
    else if (const auto *source = qobject_cast<QNetworkReply *>(outgoingData))
        bodyStillComing = !source->isFinished();
    transfer.reuse = m_poolSettings.keepAlive &&
                     !request.attribute(QNetworkRequest::Attribute(NoReuseAttribute)).toBool();
    const int transferTimeout =
        request.transferTimeout() > 0 ? request.transferTimeout() : this->transferTimeout();
    transfer.transferTimeoutMs = transferTimeout > 0 ? transferTimeout : m_timeouts.inactivityMs;
    const QVariant connectTimeout =
        request.attribute(QNetworkRequest::Attribute(ConnectTimeoutAttribute));
    transfer.connectTimeoutMs =
        connectTimeout.isValid() ? connectTimeout.toInt() : m_timeouts.connectMs;
    transfer = retarget(transfer, request);

    auto *reply = new EngineReply(this, operation, request, transfer);
    if (BodyPart::totalLength(transfer.bodyParts) > m_fileBodyLimit &&
        qobject_cast<BodyPartsDevice *>(outgoingData)) {
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
    if (bodyStillComing) {
        auto body = std::make_shared<QByteArray>(transfer.body);
        QIODevice *device = outgoingData;
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
            if (!m_loadedTls.clientKey.isNull())
                configuration.setPrivateKey(m_loadedTls.clientKey);
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
    transfer.poolKey = poolKey(transfer.origin, transfer.tls, transfer.trustedCertificateDigests);
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

RetryPolicy HttpClient::retryPolicyFor(const QNetworkRequest &request) const
{
    RetryPolicy policy = m_retryPolicy;
    const QVariant retries = request.attribute(QNetworkRequest::Attribute(RetriesAttribute));
    if (retries.isValid()) {
        policy.connect = policy.read = policy.status = qMax(0, retries.toInt());
        policy.total = -1;
    }
    return policy;
}

int HttpClient::totalTimeoutFor(const QNetworkRequest &request) const
{
    const QVariant total = request.attribute(QNetworkRequest::Attribute(TotalTimeoutAttribute));
    return total.isValid() ? total.toInt() : m_timeouts.totalMs;
}

void HttpClient::startTransfer(EngineReply *reply, const TransferRequest &transfer)
{
    auto *job = new Transfer(transfer);
    job->moveToThread(&m_thread);
    // Explicitly queued: the argument types are then taken from the signature at compile
    // time instead of being looked up by name for every new connection.
    connect(job, &Transfer::updated, reply, &EngineReply::onUpdate, Qt::QueuedConnection);
    connect(reply, &EngineReply::abortRequested, job, &Transfer::abort, Qt::QueuedConnection);
    connect(reply, &EngineReply::sslErrorsDecided, job, &Transfer::decideSslErrors,
            Qt::QueuedConnection);
    m_batch.append(job);
    if (m_batch.size() == 1)
        QMetaObject::invokeMethod(this, &HttpClient::submitBatch, Qt::QueuedConnection);
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
    QNetworkRequest networkRequest(request.url);
    for (const auto &field : request.headers.fields())
        networkRequest.setRawHeader(field.first, field.second);
    // The request's # @directives, as the attributes the engine reads.
    const SendOptions &options = request.options;
    if (options.followRedirects == std::optional<bool>(false))
        networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                    QNetworkRequest::ManualRedirectPolicy);
    if (options.useCookieJar == std::optional<bool>(false)) {
        networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute,
                                    QNetworkRequest::Manual);
        networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute,
                                    QNetworkRequest::Manual);
    }
    if (options.timeoutMs)
        networkRequest.setTransferTimeout(*options.timeoutMs);
    if (options.connectTimeoutMs)
        networkRequest.setAttribute(QNetworkRequest::Attribute(ConnectTimeoutAttribute),
                                    *options.connectTimeoutMs);
    if (options.retries)
        networkRequest.setAttribute(QNetworkRequest::Attribute(RetriesAttribute), *options.retries);
    if (options.noReuse)
        networkRequest.setAttribute(QNetworkRequest::Attribute(NoReuseAttribute), true);
    if (options.http2)
        networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    if (!options.digestUser.isEmpty())
        networkRequest.setAttribute(QNetworkRequest::Attribute(CredentialsAttribute),
                                    QStringList{options.digestUser, options.digestPassword});
    if (!options.credentialHeaders.isEmpty())
        networkRequest.setAttribute(QNetworkRequest::Attribute(CredentialHeadersAttribute),
                                    options.credentialHeaders);
    if (!options.credentialQueryItems.isEmpty())
        networkRequest.setAttribute(QNetworkRequest::Attribute(CredentialQueryItemsAttribute),
                                    options.credentialQueryItems);
    if (request.streamsBody()) {
        // A body that reads files streams from them, on our path and on Qt's.
        auto *body = new BodyPartsDevice(request.bodyParts);
        body->open(QIODevice::ReadOnly);
        QNetworkReply *reply = sendCustomRequest(networkRequest, request.method, body);
        body->setParent(reply);
        return reply;
    }
    if (request.body.isEmpty() && request.method != "POST" && request.method != "PUT" &&
        request.method != "PATCH")
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
