#include "requestsender.h"

#include "net/exchangejob.h"
#include "net/httpclient.h"

#include <QDir>

namespace mr {

RequestSender::RequestSender(HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{}

RequestSender::Sending RequestSender::send(const RequestDefinition &request, const Context &context,
                                           QObject *jobParent)
{
    Sending sending;
    VariableExpander expander = context.expander;
    expander.setNamedResponses(m_named);
    RequestResolver::FileAccess files = context.files;
    files.sizeLimit = m_client->fileBodyLimit();
    sending.resolved = RequestResolver::resolve(request, expander, files, context.prepared);
    if (!sending.resolved.ok()) {
        sending.error = sending.resolved.needsConsent && !context.outsideFilesHint.isEmpty()
                            ? outsideFilesError(request, context.file, context.outsideFilesHint,
                                                sending.resolved)
                            : sending.resolved.error;
        return sending;
    }
    HttpRequest &resolved = sending.resolved.request;
    if (context.retries)
        resolved.options.retries = *context.retries;
    if (context.noReuse)
        resolved.options.noReuse = true;
    ExchangeJob *job = m_client->send(resolved, jobParent);
    sending.job = job;
    // Connected before the caller's connections: what {{name.response…}} stands for is up to
    // date when they see the job finish.
    if (!request.name.isEmpty() && (!m_rememberOnly || m_rememberOnly->contains(request.name))) {
        connect(job, &ExchangeJob::finished, this,
                [this, job, name = request.name] { remember(name, job->exchange()); });
    }
    return sending;
}

void RequestSender::remember(const QString &name, const Exchange &exchange)
{
    if (exchange.isComplete() || !m_named.contains(name))
        m_named.remember(name, exchange);
}

QString RequestSender::outsideFilesError(const RequestDefinition &request, const QString &file,
                                         const QString &hint,
                                         const RequestResolver::Result &resolved)
{
    QStringList lines;
    for (const RequestResolver::BodyFile &body : resolved.outsideFiles()) {
        const int line =
            request.bodyLine > 0 ? request.bodyLine + body.bodyLine - 1 : request.requestLine;
        lines.append(QStringLiteral("%1:%2:3: the body reads %3, outside the workspace; %4")
                         .arg(QDir::toNativeSeparators(file))
                         .arg(line)
                         .arg(QDir::toNativeSeparators(body.path), hint));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace mr
