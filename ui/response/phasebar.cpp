#include "phasebar.h"

#include "themecolors.h"

#include <QPainter>

namespace mr {

PhaseBar::PhaseBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("phaseBar"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void PhaseBar::setTimings(const PhaseTimings &timings)
{
    m_timings = timings;
    m_empty = false;
    QString tip = tr("Where the time went:");
    for (const Segment &segment : segments())
        tip += QStringLiteral("\n%1\t%2 ms").arg(segment.name).arg(segment.ms, 0, 'f', 2);
    tip += QStringLiteral("\n%1\t%2 ms").arg(tr("total")).arg(timings.total(), 0, 'f', 2);
    setToolTip(tip);
    update();
}

void PhaseBar::clear()
{
    m_empty = true;
    setToolTip(QString());
    update();
}

QList<PhaseBar::Segment> PhaseBar::segments() const
{
    QList<Segment> out;
    if (m_empty)
        return out;
    const QPalette colours = palette();
    const auto add = [&out, &colours](const QString &name, double ms, ThemeColors::Role role) {
        if (ms >= 0)
            out.append({name, ms, ThemeColors::color(role, colours)});
    };
    add(tr("blocked"), m_timings.blocked, ThemeColors::PhaseBlocked);
    add(tr("dns"), m_timings.dns, ThemeColors::PhaseDns);
    add(tr("tcp"), m_timings.tcp, ThemeColors::PhaseTcp);
    add(tr("tls"), m_timings.tls, ThemeColors::PhaseTls);
    add(tr("send"), m_timings.send, ThemeColors::PhaseSend);
    add(tr("wait"), m_timings.wait, ThemeColors::PhaseWait);
    add(tr("receive"), m_timings.receive, ThemeColors::PhaseReceive);
    return out;
}

QSize PhaseBar::sizeHint() const
{
    return {240, fontMetrics().height() / 2 + 4};
}

QSize PhaseBar::minimumSizeHint() const
{
    return {60, fontMetrics().height() / 2 + 4};
}

void PhaseBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF area = QRectF(rect()).adjusted(0.5, 1.5, -0.5, -1.5);
    painter.setPen(palette().color(QPalette::Mid));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawRect(area);
    const QList<Segment> parts = segments();
    double total = 0;
    for (const Segment &segment : parts)
        total += segment.ms;
    if (total <= 0)
        return;
    // Every phase that happened stays visible: at least one pixel wide.
    double x = area.left();
    painter.setPen(Qt::NoPen);
    for (const Segment &segment : parts) {
        const double width = qMax(segment.ms > 0 ? 1.0 : 0.0, area.width() * segment.ms / total);
        painter.setBrush(segment.color);
        painter.drawRect(QRectF(x, area.top(), qMin(width, area.right() - x), area.height()));
        x += width;
    }
}

} // namespace mr
