#include "runcomparisonpanel.h"

#include "net/httpclient.h"
#include "runner/runplan.h"
#include "runpane.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace mr {

RunComparisonPanel::RunComparisonPanel(const HttpClient *settingsFrom, QWidget *parent)
    : QWidget(parent)
    , m_settingsFrom(settingsFrom)
    , m_target(new QComboBox(this))
    , m_iterations(new QSpinBox(this))
    , m_concurrency(new QSpinBox(this))
    , m_compare(new QPushButton(tr("Co&mpare"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_headline(new QLabel(this))
    , m_latencyNote(new QLabel(this))
    , m_problems(new QLabel(this))
    , m_first(new RunPane(tr("A"), true, 6, this))
    , m_second(new RunPane(tr("B"), false, 6, this))
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
    m_compare->setToolTip(tr("Runs A, then B, and states how they differ"));
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
    controls->addWidget(m_compare);
    controls->addWidget(m_cancel);

    auto *sides = new QSplitter(Qt::Horizontal, this);
    sides->addWidget(m_first);
    sides->addWidget(m_second);
    sides->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_headline);
    layout->addWidget(m_latencyNote);
    layout->addWidget(m_problems);
    layout->addWidget(sides, 1);

    updateHeadline();
    updateButtons();
}

void RunComparisonPanel::setSuggestedTargets(const QList<QPair<QString, QString>> &targets)
{
    const QString keep = currentTarget();
    m_suggested = targets;
    rebuildTargets(keep);
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

void RunComparisonPanel::rebuildTargets(const QString &keep)
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
    updateButtons();
}

QString RunComparisonPanel::currentTarget() const
{
    return m_target->currentData().toString();
}

bool RunComparisonPanel::isRunning() const
{
    return m_first->isRunning() || m_second->isRunning();
}

bool RunComparisonPanel::buildPlan(RunPlan *plan)
{
    const Context context = m_context ? m_context() : Context();
    *plan = RunPlan::build({currentTarget()}, {}, context.environment);
    QStringList lines;
    for (const Diagnostic &problem : plan->problems)
        lines << problem.toString();
    if (plan->ok() && plan->items.isEmpty())
        lines << tr("%1 has no HTTP requests to run.").arg(currentTarget());
    lines << plan->notes;
    m_problems->setText(lines.join(QLatin1Char('\n')));
    m_problems->setVisible(!lines.isEmpty());
    return plan->ok() && !plan->items.isEmpty();
}

bool RunComparisonPanel::startPane(RunPane *pane)
{
    if (isRunning() || currentTarget().isEmpty() || !m_settingsFrom)
        return false;
    RunPlan plan;
    if (!buildPlan(&plan))
        return false;
    const Context context = m_context ? m_context() : Context();
    PoolRun::Setup common;
    common.iterations = m_iterations->value();
    common.concurrency = m_concurrency->value();
    common.environment = context.environment;
    common.variables = context.variables;
    pane->start(*m_settingsFrom, plan, common);
    updateHeadline();
    updateButtons();
    return true;
}

void RunComparisonPanel::runFirst()
{
    m_comparing = false;
    startPane(m_first);
}

void RunComparisonPanel::runSecond()
{
    m_comparing = false;
    startPane(m_second);
}

void RunComparisonPanel::compare()
{
    m_comparing = startPane(m_first);
}

void RunComparisonPanel::cancel()
{
    m_comparing = false;
    m_first->cancel();
    m_second->cancel();
}

void RunComparisonPanel::onPaneFinished(RunPane *pane)
{
    shareScale();
    if (pane == m_first && m_comparing) {
        m_comparing = false;
        // The first run's connections are closed by now: the second starts from nothing too.
        if (startPane(m_second))
            return;
    }
    updateHeadline();
    updateButtons();
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
    if (first && second)
        m_headline->setText(
            PoolRunResult::comparison(m_first->run()->result(), m_second->run()->result()));
    else if (first)
        m_headline->setText(m_first->run()->result().text());
    else if (second)
        m_headline->setText(m_second->run()->result().text());
    else if (isRunning())
        m_headline->setText(tr("Running\u2026"));
    else
        m_headline->setText(
            tr("Choose what to run, then Compare: it runs A, then B, each in a client of its "
               "own, and states the difference. Try keep-alive on against off."));

    int latency = 0;
    for (RunPane *pane : {m_first, m_second}) {
        if (pane->hasResult())
            latency = qMax(latency, pane->run()->result().demoLatencyMs);
    }
    m_latencyNote->setText(
        tr("These runs went to a demo service simulating %1 ms of network latency: each new "
           "connection waited %1 ms before it was served, and each response %1 ms more for its "
           "first byte.")
            .arg(latency));
    m_latencyNote->setVisible(latency > 0);
}

void RunComparisonPanel::updateButtons()
{
    const bool running = isRunning();
    const bool target = !currentTarget().isEmpty();
    m_compare->setEnabled(!running && target);
    m_first->runButton()->setEnabled(!running && target);
    m_second->runButton()->setEnabled(!running && target);
    m_cancel->setEnabled(running);
    m_target->setEnabled(!running);
    m_iterations->setEnabled(!running);
    m_concurrency->setEnabled(!running);
}

} // namespace mr
