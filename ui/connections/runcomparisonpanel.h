#pragma once

#include "connectionlogexport.h"
#include "runner/poolrun.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace mr {

class HttpClient;
class RunPane;
struct Exchange;

// The Connections view's Runs page: a request, file or folder run N times with C in flight
// under two pool settings — typically keep-alive on and off — each in a client of its own in
// a thread of its own (BackgroundPoolRun), their waterfalls side by side on one time scale and the
// difference stated ("pooled (6 per origin): 412 ms, 6 connections; unpooled: 1.9 s, 200
// connections; pooled 4.6× faster").
class RunComparisonPanel : public QWidget
{
    Q_OBJECT
public:
    // What the window's requests are sent with: its environment and the variables above it
    // (the demo service's address). Asked each time a run starts.
    struct Context {
        QString environment;
        QHash<QString, QString> variables;
        QStringList allowedOutsideFiles; // files outside the workspace the user allowed
    };
    using ContextProvider = std::function<Context()>;

    // Runs get clients configured as `settingsFrom` (TLS trust, timeouts, proxy).
    explicit RunComparisonPanel(const HttpClient *settingsFrom, QWidget *parent = nullptr);

    void setContextProvider(ContextProvider provider) { m_context = std::move(provider); }
    // What the panes' HAR exports mask secrets with.
    void setSecretsProvider(const SecretsProvider &provider);
    // What may be run, offered in the target box: (label, path) with path a folder, a .http
    // file or "file.http:LINE". Replaces the earlier suggestions; targets chosen with
    // chooseTarget() stay while their files exist. While a run goes, the box waits for it.
    void setSuggestedTargets(const QList<QPair<QString, QString>> &targets);
    // Puts a target first in the box and selects it (the tree's "Run in Connections View").
    void chooseTarget(const QString &label, const QString &path);
    // Selects the target with this path, if offered; false otherwise.
    bool selectTarget(const QString &path);
    // Forgets the chosen targets (another workspace opened).
    void forgetChosenTargets();
    QString currentTarget() const;

    // Runs the first pane's settings, the second's, or both one after the other, on one
    // plan read once.
    void runFirst();
    void runSecond();
    void compare();
    void cancel();
    bool isRunning() const;

    QComboBox *targetBox() const { return m_target; }
    QSpinBox *iterationsBox() const { return m_iterations; }
    QSpinBox *concurrencyBox() const { return m_concurrency; }
    // The A/B presets: keep-alive on vs off; HTTP/1.1 with six connections vs HTTP/2 on one.
    QComboBox *presetBox() const { return m_preset; }
    void applyPreset(int index);
    QPushButton *compareButton() const { return m_compare; }
    QPushButton *cancelButton() const { return m_cancel; }
    RunPane *firstPane() const { return m_first; }
    RunPane *secondPane() const { return m_second; }
    QLabel *headline() const { return m_headline; }
    QLabel *problemsLabel() const { return m_problems; }
    // "Each run sends 200 requests (4 × 50 iterations), 50 of them POST."
    QLabel *workloadLabel() const { return m_workload; }
    // Says now what the current target, iterations and concurrency would send (a timer does
    // it shortly after they change).
    void describeWorkload();

Q_SIGNALS:
    void exchangeActivated(const mr::Exchange &exchange);
    // Nothing runs any more (a run, or a comparison's second run, finished or was cancelled).
    void idle();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Prepared {
        RunPlan plan;
        PoolRun::Setup setup;
    };
    std::optional<Prepared> prepare();
    void start(RunPane *pane, const Prepared &prepared);
    void onPaneFinished(RunPane *pane);
    void updateHeadline();
    void updateControls();
    void shareScale();
    void rebuildTargets(const QString &keep);

    const HttpClient *m_settingsFrom;
    ContextProvider m_context;
    QList<QPair<QString, QString>> m_chosen;
    QList<QPair<QString, QString>> m_suggested;
    bool m_targetsPending = false; // changed while a run went: rebuilt once it is over
    QString m_pendingSelection;
    QComboBox *m_target;
    QSpinBox *m_iterations;
    QSpinBox *m_concurrency;
    QComboBox *m_preset;
    QPushButton *m_compare;
    QPushButton *m_cancel;
    QLabel *m_workload;
    QLabel *m_headline;
    QLabel *m_latencyNote;
    QLabel *m_problems;
    RunPane *m_first;
    RunPane *m_second;
    QTimer *m_describeTimer;
    std::optional<Prepared> m_secondHalf; // a comparison's plan and setup, for its B side
};

} // namespace mr
