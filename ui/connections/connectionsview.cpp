#include "connectionsview.h"

#include "connectionlogexport.h"
#include "connections/connectionlog.h"
#include "connections/connectionsummary.h"
#include "connections/poolstatemodel.h"
#include "connections/waterfallmodel.h"
#include "http/servertiming.h"
#include "net/httpclient.h"
#include "runcomparisonpanel.h"
#include "waterfalldelegate.h"
#include "waterfallview.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace mr {

namespace {

QString legendHtml(const QPalette &palette)
{
    QStringList items;
    for (WaterfallSegment::Phase phase :
         {WaterfallSegment::Blocked, WaterfallSegment::Dns, WaterfallSegment::Tcp,
          WaterfallSegment::Tls, WaterfallSegment::Send, WaterfallSegment::Wait,
          WaterfallSegment::Receive, WaterfallSegment::Lifetime}) {
        items << QStringLiteral("<span style=\"color:%1\">\u25a0</span>&nbsp;%2")
                     .arg(WaterfallDelegate::phaseColor(phase, palette).name(),
                          WaterfallModel::phaseName(phase));
    }
    return items.join(QStringLiteral(" &nbsp; "));
}

} // namespace

void ConnectionsView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_legend->setText(legendHtml(palette()));
}

ConnectionsView::ConnectionsView(ConnectionLog *log, HttpClient *client, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_client(client)
    , m_waterfall(new WaterfallModel(log, this))
    , m_pool(new PoolStateModel(log, this))
    , m_summary(new QLabel(this))
    , m_latencyNote(new QLabel(this))
    , m_message(new QLabel(this))
    , m_limit(new QSpinBox(this))
    , m_closeIdle(new QPushButton(tr("Close &Idle Connections"), this))
    , m_waterfallView(new WaterfallView(this))
    , m_poolView(new QTreeView(this))
    , m_runs(new RunComparisonPanel(client, this))
    , m_pages(new QTabWidget(this))
    , m_refreshTimer(new QTimer(this))
    , m_agesTimer(new QTimer(this))
{
    m_summary->setObjectName(QStringLiteral("connectionsSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_latencyNote->setObjectName(QStringLiteral("connectionsLatencyNote"));
    m_latencyNote->setWordWrap(true);
    m_latencyNote->hide();
    m_message->setObjectName(QStringLiteral("connectionsMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_legend = new QLabel(legendHtml(palette()), this);
    m_legend->setTextFormat(Qt::RichText);

    m_limit->setRange(10, 1000000);
    m_limit->setSingleStep(1000);
    m_limit->setValue(log->limit());
    m_limit->setSuffix(tr(" exchanges"));
    m_limit->setToolTip(tr("How many of the most recent exchanges the view keeps"));
    connect(m_limit, &QSpinBox::valueChanged, log, &ConnectionLog::setLimit);
    m_closeIdle->setToolTip(tr("Closes every kept-alive connection that is not carrying a "
                               "request; the next request to that origin opens a new one"));
    connect(m_closeIdle, &QPushButton::clicked, this, [this] {
        if (m_client)
            m_client->closeIdleConnections();
    });
    auto *exportHarButton = new QPushButton(tr("Export &HAR\u2026"), this);
    exportHarButton->setToolTip(tr("The exchanges shown, as HAR 1.2 with real phase timings "
                                   "and each one's connection"));
    connect(exportHarButton, &QPushButton::clicked, this, [this] {
        ConnectionLogExport::chooseAndWrite(
            this, m_log, ConnectionLogExport::Format::Har, QStringLiteral("connections"),
            [this](const QString &m) { showMessage(m); }, m_secrets);
    });
    auto *exportCsvButton = new QPushButton(tr("Export &CSV\u2026"), this);
    exportCsvButton->setToolTip(tr("The summary, per origin and for all, as CSV"));
    connect(exportCsvButton, &QPushButton::clicked, this, [this] {
        ConnectionLogExport::chooseAndWrite(this, m_log, ConnectionLogExport::Format::Csv,
                                            QStringLiteral("connections"),
                                            [this](const QString &m) { showMessage(m); });
    });
    auto *clearButton = new QPushButton(tr("C&lear"), this);
    clearButton->setToolTip(tr("Forgets the exchanges shown; connections stay as they are"));
    connect(clearButton, &QPushButton::clicked, log, &ConnectionLog::clear);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_legend);
    actions->addStretch();
    actions->addWidget(new QLabel(tr("Keep the last"), this));
    actions->addWidget(m_limit);
    actions->addWidget(m_closeIdle);
    actions->addWidget(exportHarButton);
    actions->addWidget(exportCsvButton);
    actions->addWidget(clearButton);

    m_waterfallView->setObjectName(QStringLiteral("waterfallView"));
    m_waterfallView->setWaterfall(m_waterfall);
    connect(m_waterfallView, &QTreeView::clicked, this, &ConnectionsView::onClicked);
    connect(m_waterfallView, &QTreeView::activated, this, &ConnectionsView::onClicked);

    m_poolView->setObjectName(QStringLiteral("poolView"));
    m_poolView->setModel(m_pool);
    m_poolView->setUniformRowHeights(true);
    m_poolView->setColumnWidth(PoolStateModel::NameColumn, 380);
    for (int column = PoolStateModel::OpenColumn; column <= PoolStateModel::RequestsColumn;
         ++column)
        m_poolView->setColumnWidth(column, 70);
    m_poolView->header()->setStretchLastSection(true);
    connect(m_pool, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under, int first, int last) {
                if (under.isValid())
                    return;
                for (int row = first; row <= last; ++row)
                    m_poolView->setExpanded(m_pool->index(row, 0), true);
            });
    m_poolView->expandAll();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_waterfallView);
    splitter->addWidget(m_poolView);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *session = new QWidget(this);
    auto *sessionLayout = new QVBoxLayout(session);
    sessionLayout->addWidget(m_summary);
    sessionLayout->addWidget(m_latencyNote);
    sessionLayout->addLayout(actions);
    sessionLayout->addWidget(m_message);
    sessionLayout->addWidget(splitter, 1);

    m_runs->setObjectName(QStringLiteral("runsPanel"));
    connect(m_runs, &RunComparisonPanel::exchangeActivated, this,
            &ConnectionsView::exchangeActivated);
    m_pages->setObjectName(QStringLiteral("connectionsPages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(session, tr("&Session"));
    m_pages->addTab(m_runs, tr("R&uns"));
    m_pages->setTabToolTip(0, tr("Every exchange of this session, by the connection that "
                                 "carried it, and each origin's pool"));
    m_pages->setTabToolTip(1, tr("A request, file or folder run many times under two pool "
                                 "settings, side by side"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    // Changes come in bursts (a run finishes many exchanges at once): the summary and the
    // axis follow a moment later, once per burst.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(200);
    connect(m_refreshTimer, &QTimer::timeout, this, &ConnectionsView::refresh);
    connect(log, &ConnectionLog::exchangeAdded, this, [this](const LoggedExchange &entry) {
        m_simulatedLatencyMs = qMax(
            m_simulatedLatencyMs, ServerTiming::simulatedLatencyMs(entry.exchange.responseHeaders));
        scheduleRefresh();
    });
    connect(log, &ConnectionLog::exchangeRemoved, this, &ConnectionsView::scheduleRefresh);
    connect(log, &ConnectionLog::originChanged, this, &ConnectionsView::scheduleRefresh);
    connect(log, &ConnectionLog::cleared, this, [this] {
        m_simulatedLatencyMs = -1;
        refresh();
    });
    // Ages of open connections grow while nothing else happens.
    m_agesTimer->setInterval(1000);
    connect(m_agesTimer, &QTimer::timeout, m_pool, &PoolStateModel::refreshAges);
    m_agesTimer->start();
    refresh();
}

void ConnectionsView::scheduleRefresh()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void ConnectionsView::refresh()
{
    m_refreshTimer->stop();
    const ConnectionSummary summary = ConnectionSummary::of(*m_log);
    m_summary->setText(summary.all.requests == 0
                           ? tr("No exchanges yet: send a request, and each connection it "
                                "opens or reuses shows here.")
                           : summary.text());
    if (m_simulatedLatencyMs > 0) {
        m_latencyNote->setText(
            tr("These exchanges went to a demo service simulating %1 ms of network latency: "
               "each new connection waited %1 ms before it was served (%2 ms over HTTPS, for "
               "the TLS handshake; it shows in wait: the system had accepted the TCP "
               "connection already), and each response %1 ms more for its first byte.")
                .arg(m_simulatedLatencyMs)
                .arg(2 * m_simulatedLatencyMs));
        m_latencyNote->show();
    } else {
        m_latencyNote->hide();
    }
    m_waterfallView->refreshAxis();
}

void ConnectionsView::showRuns()
{
    m_pages->setCurrentWidget(m_runs);
}

void ConnectionsView::showSession()
{
    m_pages->setCurrentIndex(0);
}

void ConnectionsView::onClicked(const QModelIndex &index)
{
    if (const LoggedExchange *entry = m_waterfall->exchange(index))
        Q_EMIT exchangeActivated(entry->exchange);
}

bool ConnectionsView::exportHar(const QString &path, QString *error) const
{
    return ConnectionLogWriter::write(*m_log, ConnectionLogExport::Format::Har, path, error,
                                      m_secrets);
}

void ConnectionsView::setSecretsProvider(const SecretsProvider &provider)
{
    m_secrets = provider;
    m_runs->setSecretsProvider(provider);
}

bool ConnectionsView::exportCsv(const QString &path, QString *error) const
{
    return ConnectionLogWriter::write(*m_log, ConnectionLogExport::Format::Csv, path, error);
}

void ConnectionsView::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->show();
}

} // namespace mr
