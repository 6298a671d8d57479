#pragma once

#include "connectionlogexport.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTimer;
class QTreeView;

namespace mr {

class ConnectionLog;
class HttpClient;
class PoolStateModel;
class RunComparisonPanel;
class WaterfallModel;
class WaterfallView;
struct Exchange;

// The Connections view. Its Session page: the session's waterfall (one lane per connection,
// bars by phase on a shared time axis, the numbers on hover), each origin's pool, the reuse
// summary, and the actions around them (close idle connections, export HAR and CSV, how many
// to keep). Its Runs page: runs under chosen pool settings, compared side by side.
// Clicking an exchange asks, through exchangeActivated, to open it.
class ConnectionsView : public QWidget
{
    Q_OBJECT
public:
    ConnectionsView(ConnectionLog *log, HttpClient *client, QWidget *parent = nullptr);

    ConnectionLog *log() const { return m_log; }
    WaterfallModel *waterfallModel() const { return m_waterfall; }
    PoolStateModel *poolModel() const { return m_pool; }
    WaterfallView *waterfallView() const { return m_waterfallView; }
    RunComparisonPanel *runsPanel() const { return m_runs; }
    // Brings the Runs page (or the Session page) to the front.
    void showRuns();
    void showSession();
    QTreeView *poolView() const { return m_poolView; }
    QLabel *summaryLabel() const { return m_summary; }
    // The phases' colours, as the waterfall paints them in the current palette.
    QLabel *legendLabel() const { return m_legend; }
    QSpinBox *limitBox() const { return m_limit; }
    QPushButton *closeIdleButton() const { return m_closeIdle; }

    // The session's exchanges as HAR 1.2, and the summary as CSV; atomic writes, false with
    // *error ("path: reason") when they fail. The buttons ask for the file, then call these.
    bool exportHar(const QString &path, QString *error) const;
    bool exportCsv(const QString &path, QString *error) const;
    // What HAR exports (the session's and the runs') mask secrets with.
    void setSecretsProvider(const SecretsProvider &provider);
    // Brings the summary, the axis and the pool's ages up to date now (a timer does it
    // shortly after changes).
    void refresh();
    // Tall enough for lanes, bars and the pool when it first docks.
    QSize sizeHint() const override { return QSize(900, 500); }

Q_SIGNALS:
    void exchangeActivated(const mr::Exchange &exchange);

protected:
    // A switch between light and dark: the legend's colours follow the waterfall's.
    void changeEvent(QEvent *event) override;

private:
    void scheduleRefresh();
    void showMessage(const QString &message);
    void onClicked(const QModelIndex &index);

    ConnectionLog *m_log;
    HttpClient *m_client;
    WaterfallModel *m_waterfall;
    PoolStateModel *m_pool;
    QLabel *m_summary;
    QLabel *m_legend;
    QLabel *m_latencyNote;
    QLabel *m_message; // what an export did
    QSpinBox *m_limit;
    QPushButton *m_closeIdle;
    WaterfallView *m_waterfallView;
    QTreeView *m_poolView;
    RunComparisonPanel *m_runs;
    QTabWidget *m_pages;
    QTimer *m_refreshTimer;
    QTimer *m_agesTimer;
    int m_simulatedLatencyMs = -1; // the largest a demo service told in this session
    SecretsProvider m_secrets;
};

} // namespace mr
