#include "collectionrunner.h"

#include "assertionevaluator.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "requestsender.h"

#include <QFileInfo>
#include <QTimer>

namespace mr {

CollectionRunner::CollectionRunner(HttpClient *client, RunPlan plan, Options options,
                                   QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_options(std::move(options))
{
    m_options.concurrency = qMax(1, m_options.concurrency);
    m_options.iterations = qMax(0, m_options.iterations);
    m_prepared.reserve(m_plan.items.size());
    m_baseFolders.reserve(m_plan.items.size());
    for (const RunPlan::Item &item : std::as_const(m_plan.items)) {
        m_prepared.append(RequestResolver::prepare(item.request));
        QList<AssertionEvaluator::Texts> texts;
        for (const RequestAssertion &assertion : item.request.assertions)
            texts.append(AssertionEvaluator::texts(assertion));
        m_assertionTexts.append(texts);
        m_baseFolders.append(QFileInfo(item.file).absolutePath());
        for (const QString &name : item.dependsOn)
            m_referenced.insert(name);
    }
    // Environment and data values are expanded too, so a reference may hide in them.
    const auto addReferences = [this](const QHash<QString, QString> &variables) {
        for (const QString &value : variables) {
            for (const QString &name : RunPlan::referencedNames(value))
                m_referenced.insert(name);
        }
    };
    for (const Workspace &workspace : std::as_const(m_plan.workspaces))
        addReferences(workspace.environments().variables(m_options.environment));
    for (const QHash<QString, QString> &row : std::as_const(m_options.dataRows))
        addReferences(row);
}

CollectionRunner::~CollectionRunner()
{
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->cancel();
    }
}

void CollectionRunner::start()
{
    m_clock.start();
    m_summary.planned = m_options.iterations * int(m_plan.items.size());
    pump();
}

void CollectionRunner::cancel()
{
    m_stopping = true;
    const QList<ExchangeJob *> jobs = m_running.keys();
    for (ExchangeJob *job : jobs)
        job->cancel();
    finishIfDone();
}

bool CollectionRunner::dependenciesDone(int iteration, int item) const
{
    const RunPlan::Item &current = m_plan.items.at(item);
    if (current.dependsOn.isEmpty())
        return true;
    const QSet<int> done = m_done.value(iteration);
    for (const QString &name : current.dependsOn) {
        // The latest earlier request of that name in this iteration; references to requests
        // not in the run resolve (or not) as they are.
        for (int j = item - 1; j >= 0; --j) {
            if (m_plan.items.at(j).request.name == name) {
                if (!done.contains(j))
                    return false;
                break;
            }
        }
    }
    return true;
}

void CollectionRunner::pump()
{
    m_pumpScheduled = false;
    const qint64 perIteration = m_plan.items.size();
    const qint64 total = qint64(m_options.iterations) * perIteration;
    while (!m_stopping && m_running.size() < m_options.concurrency && m_next < total) {
        const int iteration = int(m_next / perIteration) + 1;
        const int item = int(m_next % perIteration);
        if (!dependenciesDone(iteration, item))
            break; // in file order: nothing overtakes a request that waits
        if (m_options.delayMs > 0) {
            const qint64 now = m_clock.elapsed();
            if (now < m_readyAtMs) {
                if (!m_pumpScheduled) {
                    m_pumpScheduled = true;
                    QTimer::singleShot(int(m_readyAtMs - now), this, &CollectionRunner::pump);
                }
                break;
            }
            m_readyAtMs = now + m_options.delayMs;
        }
        ++m_next;
        startStep(iteration, item);
    }
    finishIfDone();
}

VariableExpander CollectionRunner::expanderFor(int iteration, const RunPlan::Item &item) const
{
    // The variables of a file, environment and data row are the same for every request of
    // that file in every iteration with that row: merged once, copied (implicitly shared) for
    // each step. Only the iteration's named responses differ.
    const int row =
        m_options.dataRows.isEmpty() ? -1 : int((iteration - 1) % m_options.dataRows.size());
    const ExpanderKey key{item.workspace, row, item.file};
    auto cached = m_expanders.constFind(key);
    if (cached == m_expanders.cend()) {
        QHash<QString, QString> overrides;
        if (row >= 0)
            overrides = m_options.dataRows.at(row);
        for (auto it = m_options.variables.begin(); it != m_options.variables.end(); ++it)
            overrides.insert(it.key(), it.value());
        if (m_expanders.size() >= 256) // many files × data rows: keep it bounded
            m_expanders.clear();
        cached = m_expanders.insert(
            key, m_plan.workspaces.at(item.workspace)
                     .expander(m_plan.fileOf(item), m_options.environment, overrides));
    }
    VariableExpander expander = *cached;
    if (const RequestSender *sender = m_senders.value(iteration))
        expander.setNamedResponses(sender->namedResponses());
    return expander;
}

SecretRedactor CollectionRunner::secretsFor(const RunStep &step) const
{
    const RunPlan::Item &planned = m_plan.items.at(step.item);
    const int row =
        m_options.dataRows.isEmpty() ? -1 : int((step.iteration - 1) % m_options.dataRows.size());
    const std::pair<int, int> key{step.item, row};
    if (const auto cached = m_secrets.constFind(key); cached != m_secrets.cend())
        return *cached;
    // A secret that a named response or a {{$…}} value gives is made anew for each step.
    bool fixed = false;
    SecretRedactor secrets = SecretRedactor::forRequest(
        planned.request, expanderFor(step.iteration, planned),
        m_plan.workspaces.at(planned.workspace).environments(), m_options.environment, &fixed);
    if (fixed) {
        if (m_secrets.size() >= 1024) // many items × data rows: keep it bounded
            m_secrets.clear();
        m_secrets.insert(key, secrets);
    }
    return secrets;
}

void CollectionRunner::startStep(int iteration, int item)
{
    const RunPlan::Item &planned = m_plan.items.at(item);
    if (!m_unfinished.contains(iteration))
        m_unfinished.insert(iteration, int(m_plan.items.size()));
    RunStep step;
    step.iteration = iteration;
    step.item = item;
    step.sequence = m_started++;
    step.name = planned.request.displayName();
    step.neededBy = planned.neededBy;
    step.file = planned.file;
    step.line = planned.request.requestLine;
    step.startedMs = double(m_clock.nsecsElapsed()) / 1e6;
    Q_EMIT stepStarted(iteration, item);

    RequestSender *&sender = m_senders[iteration];
    if (!sender) {
        sender = new RequestSender(m_client, this);
        sender->rememberOnly(m_referenced);
    }
    RequestSender::Context context;
    context.expander = expanderFor(iteration, planned);
    context.files.baseFolder = m_baseFolders.at(item);
    context.files.workspaceRoot = m_plan.workspaces.at(planned.workspace).root();
    context.files.allowOutside = m_options.allowOutsideFiles;
    context.files.allowedOutside = m_options.allowedOutsideFiles;
    context.file = planned.file;
    context.outsideFilesHint = m_options.outsideFilesHint;
    context.retries = m_options.retries;
    context.noReuse = !m_options.keepAlive;
    context.prepared = &m_prepared.at(item);
    const RequestSender::Sending sending = sender->send(planned.request, context, this);
    if (!sending.sent()) {
        step.error = sending.error;
        finishStep(std::move(step), context.expander);
        return;
    }
    step.sent = true;
    ExchangeJob *job = sending.job;
    m_running.insert(job, Running{std::move(step), job});
    connect(job, &ExchangeJob::finished, this, [this, job] { onJobFinished(job); });
}

void CollectionRunner::onJobFinished(ExchangeJob *job)
{
    const auto it = m_running.find(job);
    if (it == m_running.end())
        return;
    RunStep step = std::move(it->step);
    m_running.erase(it);
    step.exchange = job->exchange();
    job->deleteLater();
    const RunPlan::Item &planned = m_plan.items.at(step.item);
    // The iteration's sender remembered it already: {{name.response…}} stands for it now.
    // A status whose body did not arrive whole fails too (its assertions still run on what
    // came).
    if (!step.exchange.isComplete())
        step.error =
            step.exchange.error.isEmpty() ? QStringLiteral("no response") : step.exchange.error;
    const VariableExpander expander = expanderFor(step.iteration, planned);
    finishStep(std::move(step), expander);
}

void CollectionRunner::finishStep(RunStep step, const VariableExpander &expander)
{
    const RunPlan::Item &planned = m_plan.items.at(step.item);
    if (step.sent) {
        const QList<RequestAssertion> &assertions = planned.request.assertions;
        for (qsizetype i = 0; i < assertions.size(); ++i) {
            const AssertionResult result = AssertionEvaluator::evaluate(
                assertions[i], m_assertionTexts[step.item][i], step.exchange, &expander);
            step.assertions.append(result);
            switch (result.outcome) {
            case AssertionResult::Outcome::Passed: ++m_summary.assertionsPassed; break;
            case AssertionResult::Outcome::Failed: ++m_summary.assertionsFailed; break;
            case AssertionResult::Outcome::Skipped: ++m_summary.assertionsSkipped; break;
            }
        }
    }
    ++m_summary.run;
    if (step.passed())
        ++m_summary.passed;
    else
        ++m_summary.failed;
    for (const Attempt &attempt : step.exchange.attempts) {
        ++m_summary.attempts;
        if (!attempt.connectionId.isEmpty() && !attempt.reused)
            ++m_summary.connectionsOpened;
    }
    if (const Attempt *last = step.exchange.finalAttempt(); last && last->reused)
        ++m_summary.reused;
    if (m_options.bail && !step.passed() && !m_stopping) {
        m_stopping = true;
        m_summary.bailed = true;
    }
    m_done[step.iteration].insert(step.item);
    if (--m_unfinished[step.iteration] == 0) { // nothing in this iteration refers to it now
        m_unfinished.remove(step.iteration);
        m_done.remove(step.iteration);
        if (RequestSender *sender = m_senders.take(step.iteration))
            sender->deleteLater();
    }
    if (m_options.delayMs > 0)
        m_readyAtMs = m_clock.elapsed() + m_options.delayMs;

    Q_EMIT stepFinished(step);

    if (!m_pumpScheduled) {
        m_pumpScheduled = true;
        QTimer::singleShot(m_options.delayMs, this, &CollectionRunner::pump);
    }
}

void CollectionRunner::finishIfDone()
{
    if (m_finished || !m_running.isEmpty())
        return;
    const qint64 total = qint64(m_options.iterations) * m_plan.items.size();
    if (!m_stopping && m_next < total)
        return;
    m_finished = true;
    m_summary.seconds = double(m_clock.nsecsElapsed()) / 1e9;
    Q_EMIT finished();
}

} // namespace mr
