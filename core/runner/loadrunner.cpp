#include "loadrunner.h"

#include "net/enginereply.h"
#include "net/httpclient.h"
#include "net/replystatus.h"

#include <QNetworkReply>
#include <algorithm>
#include <cmath>

namespace mr {

QList<double> LoadRunner::Result::percentiles(const QList<double> &ps) const
{
    QList<double> sorted = latenciesMs;
    std::sort(sorted.begin(), sorted.end());
    QList<double> values;
    for (double p : ps) {
        const qsizetype rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
        values.append(sorted.isEmpty() ? 0
                                       : sorted[qBound<qsizetype>(0, rank - 1, sorted.size() - 1)]);
    }
    return values;
}

LoadRunner::LoadRunner(HttpClient *client, const Options &options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options)
{
    m_options.concurrency = qMax(1, options.concurrency);
    m_result.requests = qMax(0, options.requests);
    m_result.latenciesMs.reserve(m_result.requests);
}

void LoadRunner::start()
{
    m_clock.start();
    if (m_result.requests == 0) {
        m_finished = true;
        Q_EMIT finished();
        return;
    }
    while (m_inFlight < m_options.concurrency && m_issued < m_result.requests)
        issue();
}

void LoadRunner::issue()
{
    ++m_issued;
    ++m_inFlight;
    const qint64 started = m_clock.nsecsElapsed();
    QNetworkReply *reply = m_client->sendRaw(m_options.request);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, started] { onReplyFinished(reply, started); });
}

void LoadRunner::onReplyFinished(QNetworkReply *reply, qint64 startedNs)
{
    --m_inFlight;
    m_result.latenciesMs.append(double(m_clock.nsecsElapsed() - startedNs) / 1e6);
    const auto *engineReply = qobject_cast<EngineReply *>(reply);
    // An error status is an answer; a status whose body was cut short is an error.
    if (ReplyStatus::isComplete(reply)) {
        ++m_result.completed;
    } else {
        ++m_result.errors;
        const QString message = ReplyStatus::failureOf(reply, reply->bytesAvailable()).message;
        if (m_result.errorMessages.size() < 5 && !m_result.errorMessages.contains(message))
            m_result.errorMessages.append(message);
    }
    if (engineReply) {
        // Every reply's record is built, as `run` and the window build theirs: what bench
        // measures is what users run, not a cheaper path.
        const Exchange &exchange = engineReply->exchange();
        const QList<Attempt> &attempts = exchange.attempts;
        for (const Attempt &attempt : attempts) {
            if (!attempt.connectionId.isEmpty() && !attempt.reused)
                ++m_result.connectionsOpened;
        }
        if (!attempts.isEmpty() && attempts.last().reused)
            ++m_result.reused;
        if (m_options.keepExchanges) {
            // For the HAR: its record and in-memory body, not a large body's file (thousands
            // of kept exchanges would keep them all on disk).
            Exchange kept = exchange;
            kept.dropBodyFile();
            m_result.exchanges.append(kept);
        }
    }
    reply->deleteLater();
    if (m_issued < m_result.requests) {
        issue();
    } else if (m_inFlight == 0) {
        m_result.seconds = double(m_clock.nsecsElapsed()) / 1e9;
        m_finished = true;
        Q_EMIT finished();
    }
}

} // namespace mr
