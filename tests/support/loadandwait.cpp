#include "loadandwait.h"

#include <QSignalSpy>

mr::LoadRunner::Result loadAndWait(mr::HttpClient &client, const mr::LoadRunner::Options &options,
                                   int timeoutMs)
{
    mr::LoadRunner runner(&client, options);
    QSignalSpy done(&runner, &mr::LoadRunner::finished);
    runner.start();
    if (!runner.isFinished() && !done.wait(timeoutMs))
        return {};
    return runner.result();
}
