#include "enginereply.h"

#include "networkerrortext.h"

namespace mr {

namespace {

// The error QNAM gives for an HTTP status (qnetworkreplyhttpimpl / qhttpthreaddelegate).
QNetworkReply::NetworkError errorForStatus(int status)
{
    switch (status) {
    case 400: return QNetworkReply::ProtocolInvalidOperationError;
    case 401: return QNetworkReply::AuthenticationRequiredError;
    case 403: return QNetworkReply::ContentAccessDenied;
    case 404: return QNetworkReply::ContentNotFoundError;
    case 405: return QNetworkReply::ContentOperationNotPermittedError;
    case 407: return QNetworkReply::ProxyAuthenticationRequiredError;
    case 409: return QNetworkReply::ContentConflictError;
    case 410: return QNetworkReply::ContentGoneError;
    case 418: return QNetworkReply::ProtocolInvalidOperationError;
    case 500: return QNetworkReply::InternalServerError;
    case 501: return QNetworkReply::OperationNotImplementedError;
    case 503: return QNetworkReply::ServiceUnavailableError;
    default:
        if (status > 500)
            return QNetworkReply::UnknownServerError;
        if (status >= 400)
            return QNetworkReply::UnknownContentError;
        return QNetworkReply::NoError;
    }
}

// The request as it went out: the head the engine wrote, parsed back into fields.
HttpHeaders headersOfHead(const QByteArray &head)
{
    HttpHeaders headers;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append(line.left(colon), line.mid(colon + 1).trimmed());
    }
    return headers;
}

} // namespace

EngineReply::EngineReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                         const TransferRequest &transfer, QObject *parent)
    : QNetworkReply(parent)
    , m_transferId(transfer.id)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(operation);
    setAttribute(QNetworkRequest::Http2WasUsedAttribute, false);
    setAttribute(QNetworkRequest::HttpPipeliningWasUsedAttribute, false);
    setAttribute(QNetworkRequest::ConnectionEncryptedAttribute, transfer.origin.isTls());
    m_method = transfer.method;
    m_requestHeaders = transfer.headers;
    m_requestBody = transfer.body;
    m_ignoreAllSslErrors = transfer.ignoreAllSslErrors;
    m_ignoredSslErrors = transfer.expectedSslErrors;
    QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

EngineReply::~EngineReply()
{
    if (!m_done)
        Q_EMIT abortRequested();
}

void EngineReply::onUpdate(const TransferUpdate &update)
{
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
        Q_EMIT sslErrors(update.sslErrors); // a slot may call ignoreSslErrors()
        if (m_done)
            return;
        Q_EMIT sslErrorsDecided(m_ignoreAllSslErrors || !m_ignoredSslErrors.isEmpty(),
                                m_ignoreAllSslErrors ? QList<QSslError>() : m_ignoredSslErrors);
    }
    if (update.flags & TransferUpdate::Encrypted) {
        m_tlsConfiguration = update.tlsConfiguration;
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
        applyHead(update.head);
        m_bytesTotal = update.bytesTotal;
        Q_EMIT metaDataChanged();
        if (m_done)
            return;
    }
    if (update.flags & TransferUpdate::Data) {
        m_body += update.data;
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

void EngineReply::applyHead(const HttpResponseHead &head)
{
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, head.status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, head.reasonPhrase);
    // QNAM joins repeated fields with ", " (Set-Cookie with "\n"), in first-seen order.
    QList<QByteArray> names;
    QHash<QByteArray, QByteArray> combined;
    for (const auto &field : head.headers.fields()) {
        const QByteArray key = field.first.toLower();
        auto it = combined.find(key);
        if (it == combined.end()) {
            names.append(field.first);
            combined.insert(key, field.second);
        } else {
            *it += (key == "set-cookie" ? "\n" : ", ") + field.second;
        }
    }
    for (const QByteArray &name : names)
        setRawHeader(name, combined.value(name.toLower()));
    if (head.status >= 300 && head.status < 400 && head.headers.contains("Location")) {
        const QUrl location = QUrl::fromEncoded(head.headers.value("Location"));
        setAttribute(QNetworkRequest::RedirectionTargetAttribute, location);
    }
    m_head = head;
}

void EngineReply::complete(const TransferUpdate &update)
{
    m_done = true;
    m_attempts = update.attempts;
    m_trailers = update.trailers;
    m_durationMs = update.durationMs;
    m_requestHead = update.requestHead;
    if (update.error != QNetworkReply::NoError) {
        fail(update.error, update.errorString);
        return;
    }
    if (const QNetworkReply::NetworkError httpError = errorForStatus(m_head.status);
        httpError != QNetworkReply::NoError) {
        const QString message =
            QStringLiteral("Error transferring %1 - server replied: %2")
                .arg(url().toString(), QString::fromLatin1(m_head.reasonPhrase));
        setError(httpError, message);
        Q_EMIT errorOccurred(httpError);
    }
    endOfDownload();
}

void EngineReply::endOfDownload()
{
    // As Qt's replies: the last progress names the real total, then the read channel ends.
    if (m_bytesTotal != m_body.size() || m_body.isEmpty())
        Q_EMIT downloadProgress(m_body.size(), m_body.size());
    Q_EMIT readChannelFinished();
    setFinished(true);
    Q_EMIT finished();
}

const Exchange &EngineReply::exchange() const
{
    if (m_exchange)
        return *m_exchange;
    Exchange e;
    e.path = Exchange::Path::Pool;
    e.request.method = m_method;
    e.request.url = url();
    e.request.headers = m_requestHead.isEmpty() ? m_requestHeaders : headersOfHead(m_requestHead);
    e.request.body = m_requestBody;
    e.startedAt =
        m_attempts.isEmpty() ? QDateTime::currentDateTimeUtc() : m_attempts.first().startedAt;
    e.durationMs = m_durationMs;
    e.status = m_head.status;
    e.reasonPhrase = m_head.reasonPhrase;
    e.httpVersion = m_head.status ? m_head.version() : QByteArray();
    e.responseHeaders = m_head.headers;
    e.trailers = m_trailers;
    e.responseBody = m_body;
    e.attempts = m_attempts;
    e.error = m_failure;
    e.hint = m_failureHint;
    m_exchange = std::move(e);
    return *m_exchange;
}

void EngineReply::fail(QNetworkReply::NetworkError error, const QString &message)
{
    m_done = true;
    const NetworkErrorText text = NetworkErrorText::describe(error, message, url());
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

qint64 EngineReply::bytesAvailable() const
{
    return QNetworkReply::bytesAvailable() + (m_body.size() - m_readPosition);
}

qint64 EngineReply::readData(char *data, qint64 maxSize)
{
    const qint64 available = m_body.size() - m_readPosition;
    if (available <= 0)
        return m_done ? -1 : 0;
    const qint64 n = qMin(maxSize, available);
    memcpy(data, m_body.constData() + m_readPosition, size_t(n));
    m_readPosition += n;
    return n;
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

} // namespace mr
