#include "transfer.h"

#include "engine.h"
#include "enginemailbox.h"
#include "originpool.h"
#include "poolconnection.h"

#include <QSslCertificate>
#include <QSslCipher>
#include <QSslSocket>
#include <QTimerEvent>

namespace mr {

namespace {
double span(double from, double to)
{
    return from >= 0 && to >= from ? to - from : (from >= 0 && to >= 0 ? 0 : -1);
}
} // namespace

Transfer::Transfer(const TransferRequest &request, EngineMailbox *mailbox)
    : m_request(request)
    , m_mailbox(mailbox)
{}

Transfer::~Transfer()
{
    if (m_engine)
        m_engine->forget(m_request.id);
}

void Transfer::onInactivity()
{
    if (m_done)
        return;
    // QNAM cancels (OperationCanceledError); we say it was a timeout, and which one.
    const QString message =
        QStringLiteral("Inactivity timeout: no data for %1 ms").arg(m_request.transferTimeoutMs);
    if (m_connection) {
        m_connection->failTransfer(this, QNetworkReply::TimeoutError, message, CloseReason::Error);
    } else if (m_pool) {
        m_pool->removeQueued(this);
        endAttempt(m_pool->now(), QNetworkReply::TimeoutError, message, QString());
        finish(m_pool->now(), QNetworkReply::TimeoutError, message);
        flush();
    }
}

void Transfer::resetTimeline()
{
    m_current = Attempt();
    m_assigned = m_dnsStart = m_dnsEnd = m_tcpStart = m_tcpEnd = m_tlsEnd = -1;
    m_sendStart = m_sendEnd = m_firstByte = -1;
}

void Transfer::touch()
{
    if (m_request.transferTimeoutMs <= 0 || m_done)
        return;
    m_sinceActivity.start();
    if (!m_inactivity.isActive()) // started here, in the engine thread
        m_inactivity.start(m_request.transferTimeoutMs, this);
}

void Transfer::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_inactivity.timerId())
        return QObject::timerEvent(event);
    const qint64 idle = m_sinceActivity.elapsed();
    if (idle < m_request.transferTimeoutMs) {
        m_inactivity.start(int(m_request.transferTimeoutMs - idle), this);
        return;
    }
    m_inactivity.stop();
    onInactivity();
}

void Transfer::markQueued(double now)
{
    resetTimeline();
    m_queued = now;
    if (m_firstQueued < 0)
        m_firstQueued = now;
    m_current.startedAt = QDateTime::currentDateTimeUtc();
    m_current.queuedAtMs = now;
    touch();
}

void Transfer::markAssigned(PoolConnection *connection, bool reused, int requestIndex, double now)
{
    m_connection = connection;
    m_assigned = now;
    m_current.connectionId = connection->id();
    m_current.connectionSerial = connection->serial();
    m_current.reused = reused;
    m_current.requestIndex = requestIndex;
    m_current.remotePort = m_request.origin.port;
    if (m_request.proxy)
        m_current.proxy = QStringLiteral("%1://%2:%3")
                              .arg(m_request.proxy->type() == QNetworkProxy::Socks5Proxy
                                       ? QStringLiteral("socks5")
                                       : QStringLiteral("http"),
                                   m_request.proxy->hostName())
                              .arg(m_request.proxy->port());
    if (reused) {
        m_current.localPort = connection->localPort();
        m_current.remoteAddress = connection->peerAddress();
        // A reused TLS connection shakes no hands, but the session is still the one it used.
        if (const QSslSocket *tls = connection->tlsSocket())
            recordTls(tls->sslConfiguration());
    }
}

void Transfer::markStream(qint32 streamId, int inFlight)
{
    m_current.streamId = streamId;
    m_current.streamsInFlight = inFlight;
}

void Transfer::markConnectionSetup(double dnsStart, double dnsEnd, double tcpStart, double tcpEnd,
                                   double tlsEnd)
{
    m_dnsStart = dnsStart;
    m_dnsEnd = dnsEnd;
    m_tcpStart = tcpStart;
    m_tcpEnd = tcpEnd;
    m_tlsEnd = tlsEnd;
    if (m_connection) {
        m_current.localPort = m_connection->localPort();
        m_current.remoteAddress = m_connection->peerAddress();
    }
    touch();
}

void Transfer::markSendStarted(double now)
{
    m_sendStart = now;
}

void Transfer::markSendFinished(double now)
{
    m_sendEnd = now;
    m_pending.flags |= TransferUpdate::RequestSent;
    touch();
}

void Transfer::markFirstByte(double now)
{
    if (m_firstByte < 0)
        m_firstByte = now;
}

void Transfer::reportStartedConnecting()
{
    m_pending.flags |= TransferUpdate::StartedConnecting;
}

void Transfer::reportEncrypted(const QSslConfiguration &configuration)
{
    m_pending.flags |= TransferUpdate::Encrypted;
    m_pending.tlsConfiguration = configuration;
    recordTls(configuration);
}

void Transfer::recordTls(const QSslConfiguration &configuration)
{
    m_current.tlsProtocol = [&] {
        switch (configuration.sessionProtocol()) {
        case QSsl::TlsV1_2: return QStringLiteral("TLS 1.2");
        case QSsl::TlsV1_3: return QStringLiteral("TLS 1.3");
        default: return QStringLiteral("TLS");
        }
    }();
    m_current.tlsCipher = configuration.sessionCipher().name();
    m_current.certificateChain.clear();
    for (const QSslCertificate &certificate : configuration.peerCertificateChain()) {
        const auto name = [](const QStringList &parts) {
            return parts.isEmpty() ? QStringLiteral("?") : parts.join(QStringLiteral(", "));
        };
        m_current.certificateChain.append(
            QStringLiteral("CN=%1 · issued by CN=%2 · valid until %3")
                .arg(name(certificate.subjectInfo(QSslCertificate::CommonName)),
                     name(certificate.issuerInfo(QSslCertificate::CommonName)),
                     certificate.expiryDate().date().toString(Qt::ISODate)));
    }
}

void Transfer::reportSslErrors(const QList<QSslError> &errors)
{
    m_pending.flags |= TransferUpdate::SslErrors;
    m_pending.sslErrors = errors;
}

void Transfer::reportUploadProgress(qint64 sent, qint64 total)
{
    m_pending.flags |= TransferUpdate::UploadProgress;
    m_pending.bytesSent = sent;
    m_pending.bytesToSend = total;
    touch();
}

void Transfer::reportHead(const HttpResponseHead &head, qint64 contentLength, bool decoded)
{
    m_pending.flags |= TransferUpdate::Head;
    m_pending.head = head;
    m_pending.bytesTotal = decoded ? -1 : contentLength;
    m_pending.contentDecoded = decoded;
    m_current.status = head.status;
    m_current.httpVersion = head.version();
    // Only what a hop sets matters later (cookies of a redirect, its Location): keep those.
    for (const char *name : {"Set-Cookie", "Location"}) {
        for (const QByteArray &value : head.headers.values(name))
            m_current.responseHeaders.append(name, value);
    }
    touch();
}

void Transfer::reportData(const QByteArray &data, qint64 received)
{
    if (data.isEmpty())
        return;
    m_pending.flags |= TransferUpdate::Data;
    m_pending.data += data;
    m_pending.bytesReceived = received;
    touch();
}

void Transfer::endAttempt(double now, QNetworkReply::NetworkError error, const QString &errorString,
                          const QString &outcome)
{
    PhaseTimings &t = m_current.timings;
    t.blocked = m_assigned >= 0 ? span(m_queued, m_assigned) : span(m_queued, now);
    t.dns = span(m_dnsStart, m_dnsEnd);
    t.tcp = span(m_tcpStart, m_tcpEnd);
    t.tls = span(m_tcpEnd >= 0 && m_tlsEnd >= 0 ? m_tcpEnd : -1, m_tlsEnd);
    t.send =
        qMax(0.0, span(m_sendStart, m_sendEnd >= 0 ? m_sendEnd : (m_sendStart >= 0 ? now : -1)));
    const double waitEnd = m_firstByte >= 0 ? m_firstByte : now;
    t.wait = m_sendEnd >= 0 ? qMax(0.0, waitEnd - m_sendEnd) : 0;
    t.receive = m_firstByte >= 0 ? qMax(0.0, now - m_firstByte) : 0;
    if (m_connection && !m_current.reused)
        m_current.connectFailures = m_connection->connectFailures();
    m_current.error = error;
    m_current.errorString = errorString;
    m_current.outcome = outcome;
    m_attempts.append(m_current);
    m_connection = nullptr;
}

void Transfer::finish(double now, QNetworkReply::NetworkError error, const QString &errorString)
{
    if (m_done)
        return;
    m_done = true;
    m_inactivity.stop();
    m_pending.flags |= TransferUpdate::Finished;
    m_pending.error = error;
    m_pending.errorString = errorString;
    m_pending.requestMayHaveLeft = m_requestMayHaveLeft;
    m_pending.attempts = m_attempts;
    m_pending.trailers = m_trailers;
    m_pending.requestHead = m_requestHead;
    m_pending.durationMs = m_firstQueued >= 0 ? now - m_firstQueued : 0;
}

void Transfer::flush()
{
    if (m_pending.flags == 0)
        return;
    const bool finished = m_pending.flags & TransferUpdate::Finished;
    if ((m_pending.flags & TransferUpdate::Data) && m_request.undelivered)
        *m_request.undelivered += m_pending.data.size();
    m_mailbox->postUpdate(m_request.id, std::exchange(m_pending, TransferUpdate()));
    if (finished)
        deleteLater();
}

void Transfer::abort()
{
    if (m_done)
        return;
    m_aborted = true;
    m_done = true;
    m_inactivity.stop();
    if (m_connection)
        m_connection->failTransfer(this, QNetworkReply::OperationCanceledError,
                                   QStringLiteral("Operation canceled"), CloseReason::Aborted);
    else if (m_pool)
        m_pool->removeQueued(this);
    if (m_pool)
        deleteLater();
}

void Transfer::decideSslErrors(bool ignore, const QList<QSslError> &errors)
{
    if (m_connection)
        m_connection->resumeAfterSslErrors(ignore, errors);
}

} // namespace mr
