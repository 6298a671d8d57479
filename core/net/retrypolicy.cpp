#include "retrypolicy.h"

#include <QLocale>
#include <cmath>

namespace mr {

double RetryPolicy::backoffMs(int consecutiveErrors, const std::function<double()> &random01) const
{
    if (consecutiveErrors <= 1)
        return 0;
    const double jitter = backoffJitterMs > 0 && random01 ? random01() * backoffJitterMs : 0;
    const double value = backoffFactorMs * std::pow(2.0, consecutiveErrors - 1) + jitter;
    return qBound(0.0, value, backoffMaxMs);
}

std::optional<double> RetryPolicy::retryAfterMs(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qlonglong seconds = text.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional<double>(double(seconds) * 1000.0);
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(text),
                                             QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return qMax<double>(0, double(now.msecsTo(when)));
}

std::optional<RetryState::Kind> RetryState::kindOf(QNetworkReply::NetworkError error,
                                                   const QString &message, bool requestMayHaveLeft)
{
    Kind kind = Kind::Read;
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError: kind = Kind::Connect; break;
    case QNetworkReply::TimeoutError:
        kind = message.startsWith(QLatin1String("Connect timeout")) ? Kind::Connect : Kind::Read;
        break;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::UnknownNetworkError: kind = Kind::Read; break;
    default: return std::nullopt;
    }
    // Qt names some errors after the network, not after the moment: once a byte of the request
    // may have reached the server, whatever the error, re-sending could repeat its effect.
    if (kind == Kind::Connect && requestMayHaveLeft)
        kind = Kind::Read;
    return kind;
}

RetryState::Decision RetryState::decide(Kind kind, const QByteArray &method, int status,
                                        const HttpHeaders &headers, const QDateTime &now,
                                        const std::function<double()> &random01)
{
    Decision decision;
    const bool methodAllowed =
        m_policy.allowedMethods.isEmpty() || m_policy.allowedMethods.contains(method.toUpper());
    int *used = nullptr;
    int budget = 0;
    QString what;
    switch (kind) {
    case Kind::Connect:
        used = &m_connect;
        budget = m_policy.connect;
        what = QStringLiteral("connect error");
        break;
    case Kind::Read:
        used = &m_read;
        budget = m_policy.read;
        what = QStringLiteral("read error");
        if (!methodAllowed) {
            decision.reason =
                QStringLiteral("not retried: %1 may have reached the server and is not "
                               "in the retry methods")
                    .arg(QString::fromLatin1(method));
            return decision;
        }
        break;
    case Kind::Status:
        used = &m_status;
        budget = m_policy.status;
        what = QStringLiteral("status %1").arg(status);
        if (!m_policy.statusList.contains(status))
            return decision;
        if (!methodAllowed) {
            decision.reason = QStringLiteral("not retried: %1 is not in the retry methods")
                                  .arg(QString::fromLatin1(method));
            return decision;
        }
        break;
    }
    if (*used >= budget || (m_policy.total >= 0 && m_retries >= m_policy.total)) {
        if (budget > 0)
            decision.reason = QStringLiteral("not retried: the %1 retry budget (%2) is spent")
                                  .arg(what)
                                  .arg(budget);
        return decision;
    }
    ++*used;
    ++m_retries;
    decision.retry = true;
    decision.delayMs = m_policy.backoffMs(m_retries, random01);
    if (kind == Kind::Status && m_policy.respectRetryAfter) {
        if (const auto after = RetryPolicy::retryAfterMs(headers.value("Retry-After"), now))
            decision.delayMs = qMin(*after, m_policy.retryAfterMaxMs);
    }
    decision.reason = QStringLiteral("%1: retry %2 of %3 in %4 ms")
                          .arg(what)
                          .arg(*used)
                          .arg(budget)
                          .arg(qRound64(decision.delayMs));
    return decision;
}

} // namespace mr
