#include "sendandwait.h"

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
