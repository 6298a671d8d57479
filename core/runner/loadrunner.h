// core/runner: running many requests — load for `microrequests bench`, later collections for
// `microrequests run` and the Connections view. Everything goes through HttpClient.
#pragma once

#include "http/httprequest.h"
#include "net/exchange.h"

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QObject>

class QNetworkReply;

namespace mr {

class HttpClient;

// Sends one request N times with C in flight through an HttpClient (its engine and thread,
// as the window uses them) and records every exchange and latency.
class LoadRunner : public QObject
{
    Q_OBJECT
public:
    struct Options {
        // Sent as `run` and the window send theirs (HttpClient::sendRaw).
        HttpRequest request;
        int requests = 1000;
        int concurrency = 1;
        bool keepExchanges = true; // false keeps only counts and latencies (long runs)
    };

    struct Result {
        int requests = 0;
        int completed = 0; // got a whole response (any status)
        int errors = 0;    // no response, or one cut short (see Exchange::isComplete)
        int connectionsOpened = 0;
        int reused = 0; // requests whose final attempt reused a connection
        double seconds = 0;
        QList<double> latenciesMs; // in completion order
        QList<Exchange> exchanges; // in completion order, when kept
        QStringList errorMessages; // distinct, first ones

        double requestsPerSecond() const { return seconds > 0 ? completed / seconds : 0; }
        // Each p in [0, 100]: the nearest-rank percentile of the latencies (sorted once).
        QList<double> percentiles(const QList<double> &ps) const;
    };

    LoadRunner(HttpClient *client, const Options &options, QObject *parent = nullptr);

    void start();
    bool isFinished() const { return m_finished; }
    const Result &result() const { return m_result; }

Q_SIGNALS:
    void finished();

private:
    void issue();
    void onReplyFinished(QNetworkReply *reply, qint64 startedNs);

    HttpClient *m_client;
    Options m_options;
    Result m_result;
    QElapsedTimer m_clock;
    int m_issued = 0;
    int m_inFlight = 0;
    bool m_finished = false;
};

} // namespace mr
