#pragma once

#include "assertionevaluator.h"
#include "runplan.h"
#include "runstep.h"
#include "runsummary.h"
#include "workspace/requestresolver.h"
#include "workspace/secretredactor.h"
#include "workspace/variableexpander.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <optional>

namespace mr {

class ExchangeJob;
class HttpClient;
class RequestSender;

// Runs a RunPlan through an HttpClient (its engine and thread, as the window uses them):
// requests start in file order, up to `concurrency` in flight, a request waiting for the
// earlier ones whose responses it references; the selection repeats for each iteration, each
// with its own named responses and, with data rows, its own row of variables. Each finished
// request is reported at once by stepFinished() with its Exchange records, so a view can
// show the run live; finished() comes once, after the last.
class CollectionRunner : public QObject
{
    Q_OBJECT
public:
    struct Options {
        int concurrency = 1;
        int iterations = 1;
        int delayMs = 0; // after a request finishes, before the next starts
        bool bail = false;
        QString environment;
        QHash<QString, QString> variables;       // --var: above everything else
        QList<QHash<QString, QString>> dataRows; // iteration i takes row i % size
        std::optional<int> retries;              // over # @retries
        bool keepAlive = true;                   // false: # @no-reuse on every request
        // Bodies may read files outside their workspace (--allow-outside-files); else such a
        // request is not sent and its step says which file.
        bool allowOutsideFiles = false;
        QStringList allowedOutsideFiles; // these only (the window's "Send" answers)
        // How the user allows them, after "…outside the workspace; ".
        QString outsideFilesHint = QStringLiteral("pass --allow-outside-files to allow it");
    };

    CollectionRunner(HttpClient *client, RunPlan plan, Options options, QObject *parent = nullptr);
    ~CollectionRunner() override;

    void start();
    // Stops starting requests and cancels those in flight; finished() follows.
    void cancel();
    bool isFinished() const { return m_finished; }
    const RunSummary &summary() const { return m_summary; }
    const RunPlan &plan() const { return m_plan; }
    const Options &options() const { return m_options; }
    int inFlight() const { return int(m_running.size()); }
    // What a report of this step should mask (RunStep::redacted): the secrets of its
    // workspace's environment and its request's auth.
    SecretRedactor secretsFor(const RunStep &step) const;

Q_SIGNALS:
    void stepStarted(int iteration, int item);
    void stepFinished(const mr::RunStep &step);
    void finished();

private:
    struct Running {
        RunStep step;
        ExchangeJob *job = nullptr;
    };
    // A file's variables with an environment and a data row (-1: none): what expanderFor()
    // starts from.
    struct ExpanderKey {
        int workspace = 0;
        int row = -1;
        QString file;
        bool operator==(const ExpanderKey &other) const
        {
            return workspace == other.workspace && row == other.row && file == other.file;
        }
        friend size_t qHash(const ExpanderKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.workspace, key.row, key.file);
        }
    };

    void pump();
    bool dependenciesDone(int iteration, int item) const;
    void startStep(int iteration, int item);
    void finishStep(RunStep step, const VariableExpander &expander);
    void onJobFinished(ExchangeJob *job);
    VariableExpander expanderFor(int iteration, const RunPlan::Item &item) const;
    void finishIfDone();

    HttpClient *m_client;
    RunPlan m_plan;
    Options m_options;
    RunSummary m_summary;
    QElapsedTimer m_clock;
    qint64 m_readyAtMs = 0; // --delay: no start before this
    qint64 m_next = 0;      // next (iteration × item) to start
    int m_started = 0;
    bool m_stopping = false;
    bool m_finished = false;
    bool m_pumpScheduled = false;
    QHash<ExchangeJob *, Running> m_running;
    QHash<int, RequestSender *> m_senders; // by iteration: its named responses
    QSet<QString> m_referenced;   // the names any text of the run refers to: all worth keeping
    QHash<int, QSet<int>> m_done; // finished items, by iteration
    QHash<int, int> m_unfinished; // items not finished yet, by iteration
    QList<RequestResolver::Prepared> m_prepared; // by plan item: what every send of it shares
    QList<QList<AssertionEvaluator::Texts>> m_assertionTexts; // by plan item, then assertion
    QStringList m_baseFolders;                                // by plan item: its file's folder
    mutable QHash<ExpanderKey, VariableExpander> m_expanders; // without named responses
    // secretsFor() by plan item and data row (-1: none), when it depends on nothing else: the
    // same for every iteration with that row.
    mutable QHash<std::pair<int, int>, SecretRedactor> m_secrets;
};

} // namespace mr
