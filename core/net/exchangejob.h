#pragma once

#include "exchange.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class QNetworkReply;

namespace mr {

class HttpClient;

// Sends one request and fills its Exchange; a job in the KDE sense: start(), progress,
// finished() exactly once, cancel() at any time.
class ExchangeJob : public QObject
{
    Q_OBJECT
public:
    ExchangeJob(HttpClient *client, const HttpRequest &request, QObject *parent = nullptr);
    ~ExchangeJob() override;

    void start();
    void cancel();
    bool isFinished() const { return m_finished; }
    const Exchange &exchange() const { return m_exchange; }

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    void finished();

private:
    void onFinished();

    HttpClient *m_client;
    QPointer<QNetworkReply> m_reply;
    Exchange m_exchange;
    QElapsedTimer m_timer;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace mr
