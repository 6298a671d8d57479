#include "runcomparisonpanel.h"

#include "net/httpclient.h"
#include "runner/runplan.h"
#include "runpane.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace mr {

namespace {

// The file or folder of a target ("file.http:12" -> "file.http").
QString fileOfTarget(const QString &path)
{
    static const QRegularExpression line(QStringLiteral(":\\d+$"));
    QString file = path;
    file.remove(line);
    return file;
}

} // namespace

RunComparisonPanel::RunComparisonPanel(const HttpClient *settingsFrom, QWidget *parent)
    : QWidget(parent)
    , m_settingsFrom(settingsFrom)
    , m_target(new QComboBox(this))
    , m_iterations(new QSpinBox(this))
    , m_concurrency(new QSpinBox(this))
    , m_preset(new QComboBox(this))
    , m_compare(new QPushButton(tr("Co&mpare"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_workload(new QLabel(this))
    , m_headline(new QLabel(this))
    , m_latencyNote(new QLabel(this))
    , m_problems(new QLabel(this))
    , m_first(new RunPane(tr("A"), true, 6, this))
    , m_second(new RunPane(tr("B"), false, 6, this))
    , m_describeTimer(new QTimer(this))
{
    m_target->setObjectName(QStringLiteral("runTarget"));
    m_target->setMinimumContentsLength(36);
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setToolTip(tr("What to run: a request, a file or a folder (right-click one in "
                            "the workspace tree: Run in Connections View)"));
    m_iterations->setRange(1, 100000);
    m_iterations->setValue(50);
    m_iterations->setToolTip(tr("How many times the requests run, one iteration after another "
                                "as far as the requests in flight allow"));
    m_concurrency->setRange(1, 256);
    m_concurrency->setValue(6);
    m_concurrency->setToolTip(tr("How many requests are in flight at once"));
    m_preset->setObjectName(QStringLiteral("runPreset"));
    m_preset->addItem(tr("Keep-alive on vs off"));
    m_preset->addItem(tr("HTTP/1.1 (6 connections) vs HTTP/2 (1 connection)"));
    m_preset->setToolTip(tr("Sets both sides at once: what a pool's reuse buys, or what one "
                            "HTTP/2 connection's streams do against six HTTP/1.1 connections "
                            "(try it on {{distantBaseUrl}}, 20 ms away)"));
    connect(m_preset, &QComboBox::activated, this, [this](int index) { applyPreset(index); });
    m_compare->setToolTip(tr("Runs A, then B, on the same requests, and states how they "
                             "differ"));
    m_compare->setDefault(true);
    connect(m_compare, &QPushButton::clicked, this, &RunComparisonPanel::compare);
    connect(m_cancel, &QPushButton::clicked, this, &RunComparisonPanel::cancel);
    connect(m_first, &RunPane::runRequested, this, &RunComparisonPanel::runFirst);
    connect(m_second, &RunPane::runRequested, this, &RunComparisonPanel::runSecond);
    for (RunPane *pane : {m_first, m_second}) {
        connect(pane, &RunPane::finished, this, [this, pane] { onPaneFinished(pane); });
        connect(pane, &RunPane::progressed, this, &RunComparisonPanel::shareScale);
        connect(pane, &RunPane::exchangeActivated, this, &RunComparisonPanel::exchangeActivated);
    }
    // What a run would send is said before it does: the target, iterations and
    // concurrency settle, then the plan is read once.
    m_describeTimer->setSingleShot(true);
    m_describeTimer->setInterval(300);
    connect(m_describeTimer, &QTimer::timeout, this, &RunComparisonPanel::describeWorkload);
    const auto describeSoon = [this] {
        if (isVisible())
            m_describeTimer->start();
    };
    connect(m_target, &QComboBox::currentIndexChanged, this, describeSoon);
    connect(m_iterations, &QSpinBox::valueChanged, this, describeSoon);
    connect(m_concurrency, &QSpinBox::valueChanged, this, describeSoon);

    m_workload->setObjectName(QStringLiteral("runWorkload"));
    m_workload->setWordWrap(true);
    m_headline->setObjectName(QStringLiteral("runHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_latencyNote->setObjectName(QStringLiteral("runLatencyNote"));
    m_latencyNote->setWordWrap(true);
    m_latencyNote->hide();
    m_problems->setObjectName(QStringLiteral("runProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->hide();

    auto *controls = new QHBoxLayout;
    // Few mnemonics: Alt+R, Alt+F… belong to the menu bar.
    auto *targetLabel = new QLabel(tr("Run"), this);
    targetLabel->setBuddy(m_target);
    controls->addWidget(targetLabel);
    controls->addWidget(m_target, 1);
    auto *iterationsLabel = new QLabel(tr("&Iterations"), this);
    iterationsLabel->setBuddy(m_iterations);
    controls->addWidget(iterationsLabel);
    controls->addWidget(m_iterations);
    auto *concurrencyLabel = new QLabel(tr("In flight"), this);
    concurrencyLabel->setBuddy(m_concurrency);
    controls->addWidget(concurrencyLabel);
    controls->addWidget(m_concurrency);
    controls->addWidget(m_preset);
    controls->addWidget(m_compare);
    controls->addWidget(m_cancel);

    auto *sides = new QSplitter(Qt::Horizontal, this);
    sides->addWidget(m_first);
    sides->addWidget(m_second);
    sides->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_workload);
    layout->addWidget(m_headline);
    layout->addWidget(m_latencyNote);
    layout->addWidget(m_problems);
    layout->addWidget(sides, 1);

    updateHeadline();
    updateControls();
}

void RunComparisonPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_describeTimer->start();
}

void RunComparisonPanel::setSecretsProvider(const SecretsProvider &provider)
{
    m_first->setSecretsProvider(provider);
    m_second->setSecretsProvider(provider);
}

void RunComparisonPanel::setSuggestedTargets(const QList<QPair<QString, QString>> &targets)
{
    m_suggested = targets;
    rebuildTargets(m_targetsPending ? m_pendingSelection : currentTarget());
}

void RunComparisonPanel::chooseTarget(const QString &label, const QString &path)
{
    for (qsizetype i = 0; i < m_chosen.size(); ++i) {
        if (m_chosen.at(i).second == path) {
            m_chosen.removeAt(i);
            break;
        }
    }
    m_chosen.prepend({label, path});
    while (m_chosen.size() > 8) // the recent few, not every one ever chosen
        m_chosen.removeLast();
    rebuildTargets(path);
}

bool RunComparisonPanel::selectTarget(const QString &path)
{
    if (isRunning()) {
        m_pendingSelection = path;
        return true;
    }
    const int index = m_target->findData(path);
    if (index < 0)
        return false;
    m_target->setCurrentIndex(index);
    return true;
}

void RunComparisonPanel::forgetChosenTargets()
{
    m_chosen.clear();
    rebuildTargets(currentTarget());
}

void RunComparisonPanel::rebuildTargets(const QString &keep)
{
    if (isRunning()) { // the box stays as the run started; it catches up at the end
        m_targetsPending = true;
        m_pendingSelection = keep;
        return;
    }
    // Chosen files that went (renamed, deleted) go from the box too.
    m_chosen.erase(std::remove_if(m_chosen.begin(), m_chosen.end(),
                                  [](const QPair<QString, QString> &target) {
                                      return !QFileInfo::exists(fileOfTarget(target.second));
                                  }),
                   m_chosen.end());
    {
        const QSignalBlocker block(m_target);
        m_target->clear();
        QStringList seen;
        for (const auto &list : {m_chosen, m_suggested}) {
            for (const auto &[label, path] : list) {
                if (seen.contains(path))
                    continue;
                seen.append(path);
                m_target->addItem(label, path);
                m_target->setItemData(m_target->count() - 1, path, Qt::ToolTipRole);
            }
        }
        const int index = m_target->findData(keep);
        m_target->setCurrentIndex(index >= 0 ? index : 0);
    }
    updateControls();
    if (isVisible())
        m_describeTimer->start();
}

QString RunComparisonPanel::currentTarget() const
{
    return m_target->currentData().toString();
}

void RunComparisonPanel::applyPreset(int index)
{
    if (isRunning())
        return;
    if (index == 1) {
        m_first->setSettings(true, 6, ProtocolChoice::Http1);
        m_second->setSettings(true, 1, ProtocolChoice::Http2);
    } else {
        m_first->setSettings(true, 6, ProtocolChoice::Auto);
        m_second->setSettings(false, 6, ProtocolChoice::Auto);
    }
}

bool RunComparisonPanel::isRunning() const
{
    return m_first->isRunning() || m_second->isRunning();
}

void RunComparisonPanel::describeWorkload()
{
    m_describeTimer->stop();
    if (currentTarget().isEmpty()) {
        m_workload->setText(tr("Open a workspace, then choose what to run."));
        return;
    }
    const Context context = m_context ? m_context() : Context();
    const RunPlan plan = RunPlan::build({currentTarget()}, {}, context.environment);
    if (!plan.ok() || plan.items.isEmpty()) {
        m_workload->setText(tr("Nothing to run there yet (Compare says why)."));
        return;
    }
    // Requests that change things are named: a run sends them many times.
    QMap<QString, int> unsafe;
    for (const RunPlan::Item &item : plan.items) {
        const QString method = item.request.method.toUpper();
        if (method != QLatin1String("GET") && method != QLatin1String("HEAD") &&
            method != QLatin1String("OPTIONS"))
            unsafe[method] += m_iterations->value();
    }
    const QLocale locale;
    const qint64 total = qint64(plan.items.size()) * m_iterations->value();
    QString text =
        tr("Each run sends %1 requests (%2 \u00d7 %3 iterations, %4 in flight)")
            .arg(locale.toString(total), locale.toString(plan.items.size()),
                 locale.toString(m_iterations->value()), locale.toString(m_concurrency->value()));
    QStringList changing;
    for (auto it = unsafe.cbegin(); it != unsafe.cend(); ++it)
        changing << tr("%1 %2").arg(locale.toString(it.value()), it.key());
    if (!changing.isEmpty())
        text += tr(", %1 among them").arg(changing.join(tr(" and ")));
    text += QLatin1Char('.');
    if (total > PoolRun::KeptExchanges)
        text +=
            tr(" The waterfall keeps the last %1.").arg(locale.toString(PoolRun::KeptExchanges));
    m_workload->setText(text);
}

std::optional<RunComparisonPanel::Prepared> RunComparisonPanel::prepare()
{
    if (isRunning() || currentTarget().isEmpty() || !m_settingsFrom)
        return std::nullopt;
    const Context context = m_context ? m_context() : Context();
    Prepared prepared;
    prepared.plan = RunPlan::build({currentTarget()}, {}, context.environment);
    QStringList lines;
    for (const Diagnostic &problem : prepared.plan.problems)
        lines << problem.toString();
    if (prepared.plan.ok() && prepared.plan.items.isEmpty())
        lines << tr("%1 has no HTTP requests to run.").arg(currentTarget());
    lines << prepared.plan.notes;
    m_problems->setText(lines.join(QLatin1Char('\n')));
    m_problems->setVisible(!lines.isEmpty());
    if (!prepared.plan.ok() || prepared.plan.items.isEmpty())
        return std::nullopt;
    prepared.setup.iterations = m_iterations->value();
    prepared.setup.concurrency = m_concurrency->value();
    prepared.setup.environment = context.environment;
    prepared.setup.variables = context.variables;
    prepared.setup.allowedOutsideFiles = context.allowedOutsideFiles;
    prepared.setup.target = m_target->currentText();
    return prepared;
}

void RunComparisonPanel::start(RunPane *pane, const Prepared &prepared)
{
    pane->start(*m_settingsFrom, prepared.plan, prepared.setup);
    updateHeadline();
    updateControls();
}

void RunComparisonPanel::runFirst()
{
    m_secondHalf.reset();
    if (const std::optional<Prepared> prepared = prepare())
        start(m_first, *prepared);
}

void RunComparisonPanel::runSecond()
{
    m_secondHalf.reset();
    if (const std::optional<Prepared> prepared = prepare())
        start(m_second, *prepared);
}

void RunComparisonPanel::compare()
{
    m_secondHalf = prepare();
    if (!m_secondHalf)
        return;
    // B's earlier result must not be read against the new A.
    m_second->clear(tr("Runs when A is done, on the same requests."));
    // A copy: B takes m_secondHalf when A finishes.
    const Prepared first = *m_secondHalf;
    start(m_first, first);
}

void RunComparisonPanel::cancel()
{
    m_secondHalf.reset();
    m_first->cancel();
    m_second->cancel();
}

void RunComparisonPanel::onPaneFinished(RunPane *pane)
{
    shareScale();
    if (pane == m_first && m_secondHalf) {
        // A's connections are closed by now: B starts from nothing too, on A's plan.
        const Prepared second = *std::exchange(m_secondHalf, std::nullopt);
        start(m_second, second);
        return;
    }
    if (m_targetsPending) {
        m_targetsPending = false;
        rebuildTargets(m_pendingSelection);
    } else if (!m_pendingSelection.isEmpty()) {
        selectTarget(std::exchange(m_pendingSelection, QString()));
    }
    m_pendingSelection.clear();
    updateHeadline();
    updateControls();
    if (!isRunning())
        Q_EMIT idle();
}

void RunComparisonPanel::shareScale()
{
    const double span = qMax(m_first->span(), m_second->span());
    m_first->setSharedSpan(span);
    m_second->setSharedSpan(span);
}

void RunComparisonPanel::updateHeadline()
{
    const bool first = m_first->hasResult();
    const bool second = m_second->hasResult();
    if (isRunning())
        m_headline->setText(m_secondHalf || m_second->isRunning() ? tr("Comparing\u2026")
                                                                  : tr("Running\u2026"));
    else if (first && second)
        m_headline->setText(
            PoolRunResult::comparison(m_first->run()->result(), m_second->run()->result()));
    else if (first)
        m_headline->setText(m_first->run()->result().text());
    else if (second)
        m_headline->setText(m_second->run()->result().text());
    else
        m_headline->setText(
            tr("Choose what to run, then Compare: it runs A, then B, each in a client of its "
               "own, and states the difference. Try keep-alive on against off."));

    int latency = 0;
    for (RunPane *pane : {m_first, m_second}) {
        if (pane->hasResult())
            latency = qMax(latency, pane->run()->result().simulatedLatencyMs);
    }
    m_latencyNote->setText(
        tr("These runs went to a demo service simulating %1 ms of network latency: each new "
           "connection waited %1 ms before it was served (%2 ms over HTTPS, for the TLS "
           "handshake), and each response %1 ms more for its first byte.")
            .arg(latency)
            .arg(2 * latency));
    m_latencyNote->setVisible(latency > 0);
}

void RunComparisonPanel::updateControls()
{
    const bool running = isRunning();
    const bool target = !currentTarget().isEmpty();
    m_compare->setEnabled(!running && target);
    m_cancel->setEnabled(running);
    m_target->setEnabled(!running);
    m_iterations->setEnabled(!running);
    m_concurrency->setEnabled(!running);
    for (RunPane *pane : {m_first, m_second}) {
        pane->runButton()->setEnabled(!running && target);
        pane->setSettingsEnabled(!running);
    }
}

} // namespace mr
