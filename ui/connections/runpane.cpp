#include "runpane.h"

#include "connections/connectionlog.h"
#include "connections/connectionsummary.h"
#include "connections/waterfallmodel.h"
#include "waterfallview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace mr {

RunPane::RunPane(const QString &title, bool keepAlive, int maxPerOrigin, QWidget *parent)
    : QWidget(parent)
    , m_keepAlive(new QCheckBox(tr("Keep-alive"), this))
    , m_perOrigin(new QSpinBox(this))
    , m_protocol(new QComboBox(this))
    , m_runButton(new QPushButton(tr("Run %1").arg(title), this))
    , m_exportHar(new QPushButton(tr("HAR\u2026"), this))
    , m_exportCsv(new QPushButton(tr("CSV\u2026"), this))
    , m_message(new QLabel(this))
    , m_result(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_view(new WaterfallView(this))
    , m_progressTimer(new QTimer(this))
{
    auto *name = new QLabel(title, this);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    m_keepAlive->setChecked(keepAlive);
    m_keepAlive->setAccessibleName(tr("%1: keep-alive").arg(title));
    m_keepAlive->setToolTip(tr("Off: every request opens a connection of its own and closes it "
                               "after, as a client without a pool would"));
    m_perOrigin->setRange(1, PoolSettings::MaxConnectionsPerOrigin);
    m_perOrigin->setValue(maxPerOrigin);
    m_perOrigin->setAccessibleName(tr("%1: connections per origin").arg(title));
    m_perOrigin->setToolTip(tr("The most connections open to one origin at a time; requests "
                               "beyond it wait (queued) for one to be free"));
    m_protocol->addItem(tr("Auto"), int(ProtocolChoice::Auto));
    m_protocol->addItem(tr("HTTP/1.1"), int(ProtocolChoice::Http1));
    m_protocol->addItem(tr("HTTP/2"), int(ProtocolChoice::Http2));
    m_protocol->setAccessibleName(tr("%1: HTTP version").arg(title));
    m_protocol->setToolTip(tr("Auto: TLS's ALPN decides on https, HTTP/1.1 on http. HTTP/2 on "
                              "http is prior knowledge: the server must speak it"));
    auto *perOriginLabel = new QLabel(tr("Per origin"), this);
    perOriginLabel->setBuddy(m_perOrigin);
    connect(m_keepAlive, &QCheckBox::toggled, m_perOrigin, &QWidget::setEnabled);
    m_perOrigin->setEnabled(keepAlive);
    connect(m_runButton, &QPushButton::clicked, this, &RunPane::runRequested);
    m_exportHar->setToolTip(tr("This run's exchanges as HAR 1.2, with real phase timings and "
                               "each one's connection"));
    m_exportCsv->setToolTip(tr("This run's summary, per origin and for all, as CSV"));
    m_exportHar->setEnabled(false);
    m_exportCsv->setEnabled(false);
    connect(m_exportHar, &QPushButton::clicked, this,
            [this] { chooseExport(ConnectionLogExport::Format::Har); });
    connect(m_exportCsv, &QPushButton::clicked, this,
            [this] { chooseExport(ConnectionLogExport::Format::Csv); });
    m_message->setObjectName(QStringLiteral("runMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_result->setObjectName(QStringLiteral("runResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setText(tr("Not run yet."));
    m_summary->setObjectName(QStringLiteral("runSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setObjectName(QStringLiteral("runWaterfall"));
    const auto open = [this](const QModelIndex &index) {
        if (!m_model)
            return;
        if (const LoggedExchange *entry = m_model->exchange(index))
            Q_EMIT exchangeActivated(entry->exchange);
    };
    connect(m_view, &QTreeView::clicked, this, open);
    connect(m_view, &QTreeView::activated, this, open);
    // A fast run finishes thousands of exchanges a second: the labels follow a few times a
    // second, not once per exchange.
    m_progressTimer->setSingleShot(true);
    m_progressTimer->setInterval(250);
    connect(m_progressTimer, &QTimer::timeout, this, &RunPane::showProgress);

    auto *settings = new QHBoxLayout;
    settings->addWidget(name);
    settings->addWidget(m_keepAlive);
    settings->addWidget(perOriginLabel);
    settings->addWidget(m_perOrigin);
    settings->addWidget(m_protocol);
    settings->addStretch();
    settings->addWidget(m_runButton);
    settings->addWidget(m_exportHar);
    settings->addWidget(m_exportCsv);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(settings);
    layout->addWidget(m_result);
    layout->addWidget(m_summary);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);
}

RunPane::~RunPane()
{
    m_view->setWaterfall(nullptr);
}

void RunPane::dropRun()
{
    m_progressTimer->stop();
    m_view->setUpdatesEnabled(true);
    m_view->setWaterfall(nullptr);
    delete m_model;
    m_model = nullptr;
    delete m_run;
    m_run = nullptr;
    m_summary->clear();
    m_message->hide();
    m_exportHar->setEnabled(false);
    m_exportCsv->setEnabled(false);
}

void RunPane::clear(const QString &message)
{
    dropRun();
    m_result->setText(message);
}

void RunPane::setSettings(bool keepAlive, int maxPerOrigin, ProtocolChoice protocol)
{
    m_keepAlive->setChecked(keepAlive);
    m_perOrigin->setValue(maxPerOrigin);
    m_protocol->setCurrentIndex(m_protocol->findData(int(protocol)));
}

void RunPane::setSettingsEnabled(bool enabled)
{
    m_keepAlive->setEnabled(enabled);
    m_protocol->setEnabled(enabled);
    m_perOrigin->setEnabled(enabled && m_keepAlive->isChecked());
}

void RunPane::start(const HttpClient &settingsFrom, const RunPlan &plan, PoolRun::Setup common)
{
    common.keepAlive = m_keepAlive->isChecked();
    common.maxPerOrigin = m_perOrigin->value();
    common.protocol = ProtocolChoice(m_protocol->currentData().toInt());
    dropRun(); // the previous run goes with its waterfall
    m_run = new BackgroundPoolRun(settingsFrom, plan, common, this);
    m_model = new WaterfallModel(m_run->log(), m_run);
    // Lanes appear as connections open (the run's batches tell, a few times a second); their
    // exchanges unfold when the run ends. The view paints at each progress tick, not for each
    // of thousands of exchanges a second.
    m_view->setExpandNewLanes(false);
    m_view->setUpdatesEnabled(false);
    m_view->setWaterfall(m_model);
    // Half the width of the session's waterfall: names and statuses give up room to bars.
    m_view->setColumnWidth(WaterfallModel::NameColumn, 250);
    m_view->setColumnWidth(WaterfallModel::StatusColumn, 175);
    m_view->setColumnWidth(WaterfallModel::DurationColumn, 70);
    connect(m_run, &BackgroundPoolRun::progressed, this, [this] {
        if (!m_progressTimer->isActive())
            m_progressTimer->start();
    });
    connect(m_run, &BackgroundPoolRun::finished, this, [this] {
        m_progressTimer->stop();
        showResult();
        Q_EMIT finished();
    });
    m_result->setText(tr("%1: running\u2026").arg(m_run->setup().label()));
    m_run->start();
}

void RunPane::cancel()
{
    if (m_run)
        m_run->cancel();
}

double RunPane::span() const
{
    return m_model ? m_model->dataSpanMs() : 0;
}

void RunPane::setSharedSpan(double ms)
{
    if (!m_model)
        return;
    m_model->setMinimumSpanMs(ms);
    m_view->refreshAxis();
}

void RunPane::showProgress()
{
    if (!m_run)
        return;
    const RunSummary &summary = m_run->summary();
    const QLocale locale;
    m_result->setText(tr("%1: %2 of %3 requests, %4 connections opened so far\u2026")
                          .arg(m_run->setup().label(), locale.toString(summary.run),
                               locale.toString(summary.planned),
                               locale.toString(summary.connectionsOpened)));
    m_view->refreshAxis();
    m_view->setUpdatesEnabled(true);
    m_view->repaint();
    m_view->setUpdatesEnabled(false);
    Q_EMIT progressed();
}

void RunPane::showResult()
{
    m_result->setText(m_run->result().text());
    QString summary = ConnectionSummary::of(*m_run->log()).text();
    if (m_run->summary().run > m_run->log()->exchangeCount())
        summary = tr("The last %1 exchanges: %2")
                      .arg(QLocale().toString(m_run->log()->exchangeCount()), summary);
    m_summary->setText(summary);
    m_view->setUpdatesEnabled(true);
    m_view->expandAll();
    m_view->refreshAxis();
    m_exportHar->setEnabled(true);
    m_exportCsv->setEnabled(true);
}

bool RunPane::exportTo(ConnectionLogExport::Format format, const QString &path,
                       QString *error) const
{
    if (!m_run) {
        *error = tr("nothing has run yet");
        return false;
    }
    return ConnectionLogWriter::write(*m_run->log(), format, path, error, m_secrets);
}

bool RunPane::exportHar(const QString &path, QString *error) const
{
    return exportTo(ConnectionLogExport::Format::Har, path, error);
}

bool RunPane::exportCsv(const QString &path, QString *error) const
{
    return exportTo(ConnectionLogExport::Format::Csv, path, error);
}

void RunPane::chooseExport(ConnectionLogExport::Format format)
{
    if (!m_run)
        return;
    const QString name =
        m_run->setup().keepAlive ? QStringLiteral("run-pooled") : QStringLiteral("run-unpooled");
    ConnectionLogExport::chooseAndWrite(
        this, m_run->log(), format, name,
        [this](const QString &message) {
            m_message->setText(message);
            m_message->show();
        },
        m_secrets);
}

} // namespace mr
