#include "enginereply.h"

#include "authresponder.h"
#include "enginerequest.h"
#include "httpclient.h"
#include "networkerrortext.h"
#include "replystatus.h"
#include "requestwriter.h"

#include <QAuthenticator>
#include <QRandomGenerator>
#include <QTimer>
#include <utility>

namespace mr {

namespace {

// The request as it went out: the head the engine wrote, parsed back into fields (in place:
// this runs for every exchange recorded).
// The head's fields as written. `sent` are the fields the head was written from, in order
// (the writer adds Host, Content-Length and Connection among them): a line that is one of
// them takes its bytes from there, shared, so only the lines the writer added are copied.
HttpHeaders headersOfHead(const QByteArray &head, const HttpHeaders &sent)
{
    const QList<HttpHeaders::Field> &known = sent.fields();
    qsizetype next = 0; // the next of `known` a line may be
    HttpHeaders headers;
    headers.reserve(known.size() + 3);
    QByteArrayView rest = head;
    bool requestLine = true;
    while (!rest.isEmpty()) {
        const qsizetype end = rest.indexOf('\n');
        const QByteArrayView line = (end < 0 ? rest : rest.first(end)).trimmed();
        rest = end < 0 ? QByteArrayView() : rest.sliced(end + 1);
        if (std::exchange(requestLine, false))
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        // Forward only: a field the writer left out (its own framing) is passed over.
        qsizetype match = next;
        while (match < known.size() && (known[match].first != name || known[match].second != value))
            ++match;
        if (match < known.size()) {
            headers.append(known[match].first, known[match].second);
            next = match + 1;
        } else {
            headers.append(name.toByteArray(), value.toByteArray());
        }
    }
    return headers;
}

} // namespace

EngineReply::EngineReply(HttpClient *client, QNetworkAccessManager::Operation operation,
                         const QNetworkRequest &request, const EngineRequest &asked,
                         const TransferRequest &transfer)
    : QNetworkReply(client)
    , m_client(client)
    , m_transferId(transfer.id)
    , m_hop(transfer)
    , m_retry(client->retryPolicyFor(asked))
{
    setRequest(request);
    setUrl(request.url());
    setOperation(operation);
    setAttribute(QNetworkRequest::Http2WasUsedAttribute, false);
    setAttribute(QNetworkRequest::HttpPipeliningWasUsedAttribute, false);
    setAttribute(QNetworkRequest::ConnectionEncryptedAttribute, transfer.origin.isTls());
    m_ignoreAllSslErrors = transfer.ignoreAllSslErrors;
    m_ignoredSslErrors = transfer.expectedSslErrors;
    m_ownCookies = transfer.headers.value("Cookie");
    m_redirectPolicy = asked.redirectPolicy.value_or(client->redirectPolicy());
    // Qt's default (50) leaves the client's (10), unless the request chose its own.
    m_maxRedirects = asked.maxRedirects.value_or(client->maxRedirects());
    m_loadCookies = asked.loadCookies;
    m_saveCookies = asked.saveCookies;
    m_auth.useCredentials(asked.credentials, asked.url);
    m_totalTimeoutMs = client->totalTimeoutFor(asked);
    m_body.setMemoryLimit(client->bodyMemoryLimit());
    // UserVerifiedRedirectPolicy: the caller emits redirectAllowed(), possibly from within
    // its slot for redirected().
    connect(this, &QNetworkReply::redirectAllowed, this, &EngineReply::onRedirectAllowed);
    // Through a signal, so that a reply that outlives its client (or dies with it) asks
    // nothing of it: the connection goes with the client.
    connect(this, &EngineReply::abortRequested, client,
            [client, this] { client->abortTransfer(m_transferId); });
    QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

EngineReply::~EngineReply()
{
    if (!m_done)
        Q_EMIT abortRequested();
}

void EngineReply::setOwnEntry()
{
    m_ownEntry = true;
    m_manager = m_client;
}

void EngineReply::begin(const TransferRequest &transfer)
{
    if (m_done)
        return;
    if (m_totalTimeoutMs > 0) {
        m_totalTimer = new QTimer(this);
        m_totalTimer->setSingleShot(true);
        connect(m_totalTimer, &QTimer::timeout, this, [this] {
            if (m_done)
                return;
            Q_EMIT abortRequested();
            fail(QNetworkReply::TimeoutError,
                 QStringLiteral("Total timeout: no complete response within %1 ms")
                     .arg(m_totalTimeoutMs));
        });
        m_totalTimer->start(m_totalTimeoutMs);
    }
    send(transfer);
}

void EngineReply::send(const TransferRequest &hop)
{
    if (m_head.status > 0 || m_body.size() > 0)
        discardResponse(); // a response came and was cut short: this hop's starts afresh
    m_hop = hop;
    m_hop.id = m_client->nextTransferId();
    m_hop.undelivered = m_undelivered;
    m_transferId = m_hop.id;
    if (m_loadCookies) {
        const QByteArray cookies = m_client->cookieHeaderFor(m_hop.url, m_ownCookies);
        if (cookies.isEmpty())
            m_hop.headers.remove("Cookie");
        else
            m_hop.headers.set("Cookie", cookies);
    }
    if (m_hop.oneTimeAuthorization) // never the same Digest answer twice: a new nc and cnonce
        m_hop.headers.set("Authorization",
                          m_auth.digestAnswer(m_hop.method, RequestWriter::target(m_hop.url)));
    m_hopKind = Hop::Final;
    m_finalError = QNetworkReply::NoError;
    m_finalMessage.clear();
    m_client->startTransfer(this, m_hop);
}

void EngineReply::onUpdate(const TransferUpdate &update)
{
    if (update.flags & TransferUpdate::Data)
        *m_undelivered -= update.data.size(); // taken in: the connection may read on
    // A slot connected to any signal below may abort() or close() the reply; after that
    // nothing more is emitted (finished() comes exactly once).
    if (m_done)
        return;
    m_exchange.reset();
    if (update.flags & TransferUpdate::StartedConnecting) {
        Q_EMIT socketStartedConnecting();
        if (m_done)
            return;
    }
    if (update.flags & TransferUpdate::SslErrors) {
        if (m_manager)
            Q_EMIT m_manager->sslErrors(this, update.sslErrors);
        if (m_done)
            return;
        Q_EMIT sslErrors(update.sslErrors); // a slot may call ignoreSslErrors()
        if (m_done)
            return;
        m_client->decideSslErrors(m_transferId,
                                  m_ignoreAllSslErrors || !m_ignoredSslErrors.isEmpty(),
                                  m_ignoreAllSslErrors ? QList<QSslError>() : m_ignoredSslErrors);
    }
    if (update.flags & TransferUpdate::Encrypted) {
        m_tlsConfiguration = update.tlsConfiguration;
        if (m_manager)
            Q_EMIT m_manager->encrypted(this);
        if (m_done)
            return;
        Q_EMIT encrypted();
        if (m_done)
            return;
    }
    if (update.flags & TransferUpdate::UploadProgress) {
        Q_EMIT uploadProgress(update.bytesSent, update.bytesToSend);
        if (m_done)
            return;
    }
    if (update.flags & TransferUpdate::RequestSent) {
        Q_EMIT requestSent();
        if (m_done)
            return;
    }
    if (update.flags & TransferUpdate::Head) {
        if (m_saveCookies)
            m_client->storeCookies(m_hop.url, update.head.headers);
        m_client->noteStrictTransportSecurity(m_hop.url, update.head.headers);
        m_hopKind = classify(update.head);
        if (m_done)
            return;
        if (m_hopKind == Hop::Final) {
            applyHead(update.head, update.contentDecoded);
            m_bytesTotal = update.bytesTotal;
            Q_EMIT metaDataChanged();
            if (m_done)
                return;
        }
    }
    if ((update.flags & TransferUpdate::Data) && m_hopKind == Hop::Final) {
        if (!appendBody(update.data))
            return; // the body could not be kept: the reply has failed
        Q_EMIT readyRead();
        if (m_done)
            return;
        Q_EMIT downloadProgress(m_body.size(), m_bytesTotal);
        if (m_done)
            return;
    }
    if (update.flags & TransferUpdate::Finished)
        complete(update);
}

EngineReply::Hop EngineReply::classify(const HttpResponseHead &head)
{
    // A redirect to follow?
    m_redirect = RedirectPlanner::plan(m_hop, head, m_redirectPolicy, m_redirects, m_maxRedirects);
    switch (m_redirect.verdict) {
    case RedirectPlanner::Verdict::Follow:
    case RedirectPlanner::Verdict::AskUser: return Hop::Redirect;
    case RedirectPlanner::Verdict::Refuse:
    case RedirectPlanner::Verdict::TooMany:
        m_finalError = m_redirect.error;
        m_finalMessage = m_redirect.message;
        return Hop::Final;
    case RedirectPlanner::Verdict::NotARedirect: break;
    }
    // A challenge to answer?
    if (head.status == 401) {
        const QList<HttpAuthChallenge> challenges = HttpAuthChallenge::fromHeaders(head.headers);
        const QString unsupported = AuthResponder::unsupportedReason(challenges);
        if (!unsupported.isEmpty()) {
            m_finalError = QNetworkReply::AuthenticationRequiredError;
            m_finalMessage = QStringLiteral("Authentication failed: ") + unsupported;
            return Hop::Final;
        }
        const auto ask = [this](QAuthenticator *authenticator) {
            m_client->askForCredentials(this, authenticator);
            return !m_done;
        };
        QString mismatch;
        if (m_auth.answer(challenges, m_hop, ask, &mismatch))
            return Hop::Authenticate;
        if (!mismatch.isEmpty()) {
            m_finalError = QNetworkReply::AuthenticationRequiredError;
            m_finalMessage = mismatch;
        }
        return Hop::Final;
    }
    // A status worth retrying?
    if (!m_retry.considersStatus(head.status))
        return Hop::Final;
    m_retryDecision = m_retry.decide(RetryState::Kind::Status, m_hop.method, head.status,
                                     head.headers, QDateTime::currentDateTimeUtc(),
                                     [] { return QRandomGenerator::global()->generateDouble(); });
    return m_retryDecision.retry ? Hop::Retry : Hop::Final;
}

void EngineReply::complete(const TransferUpdate &update)
{
    m_attempts += update.attempts;
    m_trailers = update.trailers;
    m_durationMs += update.durationMs;
    m_requestHead = update.requestHead;
    if (update.error != QNetworkReply::NoError) {
        // The engine left this re-send to us (once): it needs a fresh Digest answer.
        if (update.resendWithFreshAnswer && !std::exchange(m_resentWithFreshAnswer, true)) {
            send(m_hop);
            return;
        }
        if (!retryAfterError(update.error, update.errorString, update.requestMayHaveLeft))
            fail(update.error, update.errorString);
        return;
    }
    if (m_hopKind != Hop::Final) {
        continueAfter(m_hopKind);
        return;
    }
    m_done = true;
    m_bodyComplete = true;
    if (m_finalError != QNetworkReply::NoError) {
        annotateLastAttempt(m_finalMessage);
        fail(m_finalError, m_finalMessage);
        return;
    }
    if (const QNetworkReply::NetworkError httpError = ReplyStatus::errorForStatus(m_head.status);
        httpError != QNetworkReply::NoError) {
        const QString message =
            QStringLiteral("Error transferring %1 - server replied: %2")
                .arg(url().toString(), QString::fromLatin1(m_head.reasonPhrase));
        setError(httpError, message);
        Q_EMIT errorOccurred(httpError);
    }
    endOfDownload();
}

void EngineReply::annotateLastAttempt(const QString &outcome)
{
    if (!m_attempts.isEmpty() && m_attempts.last().outcome.isEmpty())
        m_attempts.last().outcome = outcome;
}

void EngineReply::continueAfter(Hop hop)
{
    switch (hop) {
    case Hop::Redirect:
        annotateLastAttempt(QStringLiteral("redirected (%1) to %2")
                                .arg(m_attempts.isEmpty() ? 0 : m_attempts.last().status)
                                .arg(m_redirect.target.toString()));
        m_redirectApproved = false;
        Q_EMIT redirected(m_redirect.target);
        if (m_done)
            return;
        if (m_redirect.verdict == RedirectPlanner::Verdict::AskUser && !m_redirectApproved) {
            m_awaitingRedirectApproval = true; // abort() ends the reply instead
            return;
        }
        followRedirect();
        return;
    case Hop::Authenticate:
        annotateLastAttempt(QStringLiteral("401: answering the %1 challenge")
                                .arg(QString::fromLatin1(m_auth.answeredScheme())));
        send(m_hop);
        return;
    case Hop::Retry:
        annotateLastAttempt(m_retryDecision.reason);
        retryLater(m_retryDecision.delayMs);
        return;
    case Hop::Final: return;
    }
}

void EngineReply::onRedirectAllowed()
{
    m_redirectApproved = true;
    if (std::exchange(m_awaitingRedirectApproval, false))
        followRedirect();
}

void EngineReply::followRedirect()
{
    if (m_done || m_hopKind != Hop::Redirect)
        return;
    ++m_redirects;
    m_auth.followRedirect(m_redirect.crossOrigin);
    if (m_redirect.crossOrigin)
        m_ownCookies.clear(); // the caller's, for the first origin
    setUrl(m_redirect.target);
    send(m_client->retarget(m_redirect.next, request()));
}

bool EngineReply::retryAfterError(QNetworkReply::NetworkError error, const QString &message,
                                  bool requestMayHaveLeft)
{
    if (m_body.isPartlyRead()) {
        // The caller has read part of this body; another response cannot continue it.
        annotateLastAttempt(QStringLiteral("not retried: part of the body was already read"));
        return false;
    }
    const std::optional<RetryState::Kind> kind =
        RetryState::kindOf(error, message, requestMayHaveLeft);
    if (!kind)
        return false; // TLS, protocol, decoding and cancellation errors are not retried
    m_retryDecision = m_retry.decide(*kind, m_hop.method, 0, {}, QDateTime::currentDateTimeUtc(),
                                     [] { return QRandomGenerator::global()->generateDouble(); });
    annotateLastAttempt(m_retryDecision.reason);
    if (!m_retryDecision.retry)
        return false;
    retryLater(m_retryDecision.delayMs);
    return true;
}

void EngineReply::retryLater(double delayMs)
{
    if (delayMs <= 0) {
        send(m_hop);
        return;
    }
    if (!m_waitTimer) {
        m_waitTimer = new QTimer(this);
        m_waitTimer->setSingleShot(true);
        connect(m_waitTimer, &QTimer::timeout, this, [this] {
            if (!m_done)
                send(m_hop);
        });
    }
    m_waitTimer->start(int(qMin(delayMs, double(std::numeric_limits<int>::max()))));
}

void EngineReply::applyHead(const HttpResponseHead &head, bool decoded)
{
    m_head = head;
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, head.status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, head.reasonPhrase);
    setAttribute(QNetworkRequest::Http2WasUsedAttribute, head.majorVersion == 2);
    setAttribute(QNetworkRequest::ConnectionEncryptedAttribute, m_hop.origin.isTls());
    if (head.status >= 300 && head.status < 400 && head.headers.contains("Location")) {
        const QUrl location = QUrl::fromEncoded(head.headers.value("Location"));
        setAttribute(QNetworkRequest::RedirectionTargetAttribute, location);
    }
    if (m_ownEntry)
        return; // the fields are in exchange()
    // QNAM joins repeated fields with ", " (Set-Cookie with "\n"), in first-seen order, and
    // drops Content-Length when it decoded the body. Names are compared in place, without a
    // map: a response has a few fields (at most 1,000, the parser's limit: a few ms then).
    const auto &fields = head.headers.fields();
    const auto sameName = [&fields](qsizetype a, qsizetype b) {
        return HttpHeaders::sameName(fields[a].first, fields[b].first);
    };
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QByteArray &name = fields[i].first;
        if (decoded && HttpHeaders::sameName(name, "content-length"))
            continue;
        bool repeated = false;
        for (qsizetype j = 0; j < i && !repeated; ++j)
            repeated = sameName(i, j);
        if (repeated)
            continue; // joined into the first field of its name
        QByteArray value = fields[i].second;
        const char *separator = HttpHeaders::sameName(name, "set-cookie") ? "\n" : ", ";
        for (qsizetype j = i + 1; j < fields.size(); ++j) {
            if (sameName(i, j))
                value += separator + fields[j].second;
        }
        setRawHeader(name, value);
    }
}

const Exchange &EngineReply::exchange() const
{
    if (m_exchange)
        return *m_exchange;
    Exchange e;
    e.path = Exchange::Path::Pool;
    e.request.method = m_hop.method;
    e.request.url = m_hop.url; // without the URL's credentials
    e.request.headers =
        m_requestHead.isEmpty() ? m_hop.headers : headersOfHead(m_requestHead, m_hop.headers);
    e.request.body = m_hop.body;
    e.request.bodyParts = m_hop.bodyParts;
    e.startedAt =
        m_attempts.isEmpty() ? QDateTime::currentDateTimeUtc() : m_attempts.first().startedAt;
    e.durationMs = m_durationMs;
    e.status = m_head.status;
    e.reasonPhrase = m_head.reasonPhrase;
    e.httpVersion = m_head.status ? m_head.version() : QByteArray();
    e.responseHeaders = m_head.headers;
    e.trailers = m_trailers;
    e.responseBody = m_body.inMemory();
    e.responseBodySize = m_body.size();
    if (m_body.file())
        e.keepBodyFile(m_body.file()); // the file outlives this reply while e's copies live
    e.attempts = m_attempts;
    e.error = m_failure;
    e.hint = m_failureHint;
    m_exchange = std::move(e);
    return *m_exchange;
}

void EngineReply::fail(QNetworkReply::NetworkError error, const QString &message)
{
    // After the final head and before the body's end, the response is there but not whole:
    // say how much of it came.
    const bool midBody = m_head.status > 0 && !m_bodyComplete;
    failWith(error, message,
             midBody ? NetworkErrorText::incompleteBody(error, message, m_body.size(), m_bytesTotal)
                     : NetworkErrorText::describe(error, message, url()));
}

void EngineReply::failWith(QNetworkReply::NetworkError error, const QString &message,
                           const NetworkErrorText &text)
{
    m_done = true;
    if (m_waitTimer)
        m_waitTimer->stop();
    if (m_totalTimer)
        m_totalTimer->stop();
    m_failure = text.message;
    m_failureHint = text.hint;
    m_exchange.reset();
    setError(error, message);
    Q_EMIT errorOccurred(error);
    endOfDownload();
}

void EngineReply::abort()
{
    if (m_done)
        return;
    Q_EMIT abortRequested();
    QIODevice::close();
    fail(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
}

void EngineReply::close()
{
    if (m_done)
        return; // as Qt's replies: a finished reply stays readable
    abort();
    QNetworkReply::close();
}

qint64 EngineReply::bytesAvailable() const
{
    return QNetworkReply::bytesAvailable() + m_body.unread();
}

qint64 EngineReply::readData(char *data, qint64 maxSize)
{
    if (m_body.unread() <= 0)
        return m_done ? -1 : 0;
    return m_body.read(data, maxSize);
}

void EngineReply::ignoreSslErrors()
{
    m_ignoreAllSslErrors = true;
}

void EngineReply::ignoreSslErrorsImplementation(const QList<QSslError> &errors)
{
    m_ignoredSslErrors = errors;
}

void EngineReply::sslConfigurationImplementation(QSslConfiguration &configuration) const
{
    if (m_tlsConfiguration)
        configuration = *m_tlsConfiguration;
}

void EngineReply::setSslConfigurationImplementation(const QSslConfiguration &configuration)
{
    Q_UNUSED(configuration) // the request's configuration was taken when it was sent
}

bool EngineReply::appendBody(const QByteArray &data)
{
    if (m_body.append(data))
        return true;
    Q_EMIT abortRequested();
    const NetworkErrorText text = m_body.failure();
    failWith(QNetworkReply::UnknownContentError, text.message, text);
    return false;
}

void EngineReply::discardResponse()
{
    m_head = HttpResponseHead();
    m_bodyComplete = false;
    m_bytesTotal = -1;
    m_body.clear();
    m_exchange.reset();
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, QVariant());
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QVariant());
    setAttribute(QNetworkRequest::RedirectionTargetAttribute, QVariant());
    const QList<QByteArray> names = rawHeaderList();
    for (const QByteArray &name : names)
        setRawHeader(name, QByteArray()); // a null value removes the field
}

void EngineReply::failLater(QNetworkReply::NetworkError error, const QString &message)
{
    // After createRequest() returned, so the manager's finished() is connected.
    QMetaObject::invokeMethod(
        this,
        [this, error, message] {
            if (!m_done)
                fail(error, message);
        },
        Qt::QueuedConnection);
}

void EngineReply::endOfDownload()
{
    m_done = true;
    if (m_totalTimer)
        m_totalTimer->stop();
    // As Qt's replies: the last progress names the real total, then the read channel ends.
    const qint64 received = m_body.size();
    if (m_bytesTotal != received || received == 0)
        Q_EMIT downloadProgress(received, received);
    Q_EMIT readChannelFinished();
    setFinished(true);
    if (m_manager) {
        if (request().attribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute).toBool())
            QMetaObject::invokeMethod(this, &QObject::deleteLater, Qt::QueuedConnection);
        Q_EMIT m_manager->finished(this);
    }
    Q_EMIT finished();
}

} // namespace mr
