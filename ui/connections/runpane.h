#pragma once

#include "connectionlogexport.h"
#include "runner/backgroundpoolrun.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace mr {

class HttpClient;
class WaterfallModel;
class WaterfallView;
struct Exchange;

// One side of a run comparison in the Connections view: its pool settings (keep-alive on or
// off, connections per origin), its run's progress and result, and that run's waterfall.
// Each start replaces the previous run; the pane owns the run it shows, which goes in a thread
// of its own (BackgroundPoolRun): the pane shows its log and counts as its batches come.
class RunPane : public QWidget
{
    Q_OBJECT
public:
    RunPane(const QString &title, bool keepAlive, int maxPerOrigin, QWidget *parent = nullptr);
    // The pane's settings at once (a comparison preset).
    void setSettings(bool keepAlive, int maxPerOrigin, ProtocolChoice protocol);
    ~RunPane() override;

    QCheckBox *keepAliveBox() const { return m_keepAlive; }
    QSpinBox *perOriginBox() const { return m_perOrigin; }
    // Auto, HTTP/1.1 or HTTP/2 (item data: the ProtocolChoice as int).
    QComboBox *protocolBox() const { return m_protocol; }
    QPushButton *runButton() const { return m_runButton; }
    QPushButton *exportHarButton() const { return m_exportHar; }
    QPushButton *exportCsvButton() const { return m_exportCsv; }
    QLabel *resultLabel() const { return m_result; }
    QLabel *summaryLabel() const { return m_summary; }
    WaterfallView *waterfallView() const { return m_view; }

    // The run shown (nullptr before the first); its result once it finished.
    BackgroundPoolRun *run() const { return m_run; }
    bool isRunning() const { return m_run && m_run->isStarted() && !m_run->isFinished(); }
    bool hasResult() const { return m_run && m_run->isFinished(); }

    // Runs the plan with `common`'s iterations, concurrency and variables and this pane's
    // pool settings, in a client configured as `settingsFrom`.
    void start(const HttpClient &settingsFrom, const RunPlan &plan, PoolRun::Setup common);
    void cancel();
    // Forgets the run shown and says why (a comparison's second side waiting for the first).
    void clear(const QString &message);
    // Pool settings can't change under a running comparison.
    void setSettingsEnabled(bool enabled);
    // The run's own span in ms (0 without exchanges), and the span to draw it at, so two
    // panes share one scale.
    double span() const;
    void setSharedSpan(double ms);
    // The run's exchanges as HAR 1.2 and its summary as CSV (atomic; false with *error,
    // or without a run). The buttons ask for the file, then do this.
    bool exportHar(const QString &path, QString *error) const;
    bool exportCsv(const QString &path, QString *error) const;
    // What HAR exports mask secrets with.
    void setSecretsProvider(SecretsProvider provider) { m_secrets = std::move(provider); }

Q_SIGNALS:
    void runRequested();
    void finished();
    // A moment after exchanges finished (at most a few times a second, however fast).
    void progressed();
    void exchangeActivated(const mr::Exchange &exchange);

private:
    void showProgress();
    void showResult();
    void dropRun();
    bool exportTo(ConnectionLogExport::Format format, const QString &path, QString *error) const;
    void chooseExport(ConnectionLogExport::Format format);

    QCheckBox *m_keepAlive;
    QSpinBox *m_perOrigin;
    QComboBox *m_protocol;
    QPushButton *m_runButton;
    QPushButton *m_exportHar;
    QPushButton *m_exportCsv;
    QLabel *m_message;
    QLabel *m_result;
    QLabel *m_summary;
    WaterfallView *m_view;
    QTimer *m_progressTimer;
    BackgroundPoolRun *m_run = nullptr;
    WaterfallModel *m_model = nullptr;
    SecretsProvider m_secrets;
};

} // namespace mr
