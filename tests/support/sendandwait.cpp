#include "sendandwait.h"

#include "net/enginereply.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"

#include <QSignalSpy>

#include <memory>

mr::Exchange sendAndWait(mr::HttpClient &client, const mr::HttpRequest &request)
{
    std::unique_ptr<mr::ExchangeJob> job(client.send(request));
    QSignalSpy finished(job.get(), &mr::ExchangeJob::finished);
    if (!finished.wait(10000))
        return {};
    return job->exchange();
}

mr::Exchange takeExchange(QNetworkReply *reply)
{
    const std::unique_ptr<QNetworkReply> owned(reply);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    auto *engineReply = qobject_cast<mr::EngineReply *>(reply);
    return engineReply ? engineReply->exchange() : mr::Exchange();
}
