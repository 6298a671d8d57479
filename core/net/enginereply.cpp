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

HttpRequest sentRequest(const TransferRequest &transfer, const QByteArray &head)
{
    HttpRequest request;
    request.method = transfer.method;
    request.url = transfer.url;
    request.body = transfer.bodyFile.isEmpty() ? transfer.body : QByteArray();
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append(line.left(colon), line.mid(colon + 1).trimmed());
    }
    if (head.isEmpty())
        request.headers = transfer.headers;
    return request;
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
    m_exchange.request.method = transfer.method;
    m_exchange.request.url = transfer.url;
    m_exchange.request.headers = transfer.headers;
    m_exchange.request.body = transfer.body;
    m_exchange.startedAt = QDateTime::currentDateTime();
    m_exchange.path = Exchange::Path::Pool;
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
    if (m_done)
        return;
    if (update.flags & TransferUpdate::StartedConnecting)
        Q_EMIT socketStartedConnecting();
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
    }
    if (update.flags & TransferUpdate::UploadProgress)
        Q_EMIT uploadProgress(update.bytesSent, update.bytesToSend);
    if (update.flags & TransferUpdate::RequestSent)
        Q_EMIT requestSent();
    if (update.flags & TransferUpdate::Head) {
        applyHead(update.head);
        m_bytesTotal = update.bytesTotal;
        Q_EMIT metaDataChanged();
    }
    if (update.flags & TransferUpdate::Data) {
        m_body += update.data;
        Q_EMIT readyRead();
        Q_EMIT downloadProgress(m_body.size(), m_bytesTotal);
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
    m_exchange.status = head.status;
    m_exchange.reasonPhrase = head.reasonPhrase;
    m_exchange.httpVersion = head.version();
    m_exchange.responseHeaders = head.headers;
}

void EngineReply::complete(const TransferUpdate &update)
{
    m_done = true;
    m_exchange.attempts = update.attempts;
    m_exchange.trailers = update.trailers;
    m_exchange.durationMs = update.durationMs;
    m_exchange.request = sentRequest(
        [&] {
            TransferRequest t;
            t.method = m_exchange.request.method;
            t.url = m_exchange.request.url;
            t.headers = m_exchange.request.headers;
            t.body = m_exchange.request.body;
            return t;
        }(),
        update.requestHead);
    if (!update.attempts.isEmpty())
        m_exchange.startedAt = update.attempts.first().startedAt.toLocalTime();
    m_exchange.responseBody = m_body;

    if (update.error != QNetworkReply::NoError) {
        const NetworkErrorText text =
            NetworkErrorText::describe(update.error, update.errorString, url());
        m_exchange.error = text.message;
        m_exchange.hint = text.hint;
        setError(update.error, update.errorString);
        Q_EMIT errorOccurred(update.error);
    } else if (const QNetworkReply::NetworkError httpError = errorForStatus(m_exchange.status);
               httpError != QNetworkReply::NoError) {
        const QString message =
            QStringLiteral("Error transferring %1 - server replied: %2")
                .arg(url().toString(), QString::fromLatin1(m_exchange.reasonPhrase));
        setError(httpError, message);
        Q_EMIT errorOccurred(httpError);
    }
    if (m_body.isEmpty() || update.error != QNetworkReply::NoError)
        Q_EMIT downloadProgress(m_body.size(), m_body.size());
    setFinished(true);
    Q_EMIT finished();
}

void EngineReply::fail(QNetworkReply::NetworkError error, const QString &message)
{
    m_done = true;
    const NetworkErrorText text = NetworkErrorText::describe(error, message, url());
    m_exchange.error = text.message;
    m_exchange.hint = text.hint;
    m_exchange.responseBody = m_body;
    setError(error, message);
    Q_EMIT errorOccurred(error);
    setFinished(true);
    Q_EMIT finished();
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
    abort();
    QNetworkReply::close();
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
    configuration = m_tlsConfiguration;
}

void EngineReply::setSslConfigurationImplementation(const QSslConfiguration &configuration)
{
    Q_UNUSED(configuration) // the request's configuration was taken when it was sent
}

} // namespace mr
