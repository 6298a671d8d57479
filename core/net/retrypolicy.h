#pragma once

#include "http/httpheaders.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QString>
#include <functional>
#include <optional>

namespace mr {

// When to try a request again, with urllib3's Retry semantics, which users know: separate
// budgets for connect errors (the request never left), read errors (it may have reached the
// server: only allowed methods) and status codes (only listed ones, only allowed methods),
// optionally capped in total; Retry-After honoured and capped; backoff
// min(max, factor·2^(k−1) + U(0, jitter)) after the k-th consecutive error, none after the first.
struct RetryPolicy {
    int total = -1; // -1: no overall cap
    int connect = 1;
    int read = 0;
    int status = 0;
    QList<int> statusList = {429, 502, 503, 504};
    QList<QByteArray> allowedMethods = {"HEAD", "GET", "PUT", "DELETE", "OPTIONS", "TRACE"};
    bool respectRetryAfter = true;
    double retryAfterMaxMs = 120000;
    double backoffFactorMs = 0;
    double backoffMaxMs = 120000;
    double backoffJitterMs = 0;

    // The delay before retry number k (1-based count of consecutive errors so far).
    double backoffMs(int consecutiveErrors, const std::function<double()> &random01) const;
    // Retry-After as seconds or an HTTP-date; nullopt when absent or unreadable.
    static std::optional<double> retryAfterMs(const QByteArray &value, const QDateTime &now);
};

// The retries one request has used, and the decision for the next failure.
class RetryState
{
public:
    enum class Kind { Connect, Read, Status };
    struct Decision {
        bool retry = false;
        double delayMs = 0;
        QString reason; // "connect error, retry 1 of 1 in 0 ms"; why not, when not
    };

    explicit RetryState(RetryPolicy policy = {})
        : m_policy(std::move(policy))
    {}

    // Which budget a failed attempt draws on; nullopt: an error that is never retried (TLS,
    // protocol, decoding, cancellation). requestMayHaveLeft: a byte of the request reached the
    // socket, or a response began.
    static std::optional<Kind> kindOf(QNetworkReply::NetworkError error, const QString &message,
                                      bool requestMayHaveLeft);
    Decision decide(Kind kind, const QByteArray &method, int status, const HttpHeaders &headers,
                    const QDateTime &now, const std::function<double()> &random01);
    int retries() const { return m_retries; }
    // Cheap check before decide(): could this status be retried at all?
    bool considersStatus(int status) const
    {
        return m_policy.status > 0 && m_policy.statusList.contains(status);
    }

private:
    RetryPolicy m_policy;
    int m_connect = 0;
    int m_read = 0;
    int m_status = 0;
    int m_retries = 0;
};

} // namespace mr
