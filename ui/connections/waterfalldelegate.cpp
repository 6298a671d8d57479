#include "waterfalldelegate.h"

#include "themecolors.h"

#include <QApplication>
#include <QPainter>

namespace mr {

namespace {
constexpr int Margin = 6; // keeps the first and last bar off the cell's edges
}

WaterfallDelegate::WaterfallDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QColor WaterfallDelegate::phaseColor(WaterfallSegment::Phase phase, const QPalette &palette)
{
    // The colours of PhaseBar (and Chrome DevTools' Timing tab), so the two read alike.
    ThemeColors::Role role = ThemeColors::PhaseLifetime;
    switch (phase) {
    case WaterfallSegment::Blocked: role = ThemeColors::PhaseBlocked; break;
    case WaterfallSegment::Dns: role = ThemeColors::PhaseDns; break;
    case WaterfallSegment::Tcp: role = ThemeColors::PhaseTcp; break;
    case WaterfallSegment::Tls: role = ThemeColors::PhaseTls; break;
    case WaterfallSegment::Send: role = ThemeColors::PhaseSend; break;
    case WaterfallSegment::Wait: role = ThemeColors::PhaseWait; break;
    case WaterfallSegment::Receive: role = ThemeColors::PhaseReceive; break;
    case WaterfallSegment::Inferred: role = ThemeColors::PhaseInferred; break;
    case WaterfallSegment::Lifetime: role = ThemeColors::PhaseLifetime; break;
    }
    return ThemeColors::color(role, palette);
}

double WaterfallDelegate::xFor(double ms, double axisStart, double axisEnd, int width)
{
    const double span = qMax(axisEnd - axisStart, 1e-6);
    const double usable = qMax(1, width - 2 * Margin);
    return Margin + qBound(0.0, (ms - axisStart) / span, 1.0) * usable;
}

void WaterfallDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    const auto *model = qobject_cast<const WaterfallModel *>(index.model());
    if (!model || index.column() != WaterfallModel::TimelineColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The cell's background (selection, hover) as the style draws it, without text.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const double start = model->axisStart();
    const double end = model->axisEnd();
    const QRect cell = option.rect;
    const bool lane = index.data(WaterfallModel::IsLaneRole).toBool();
    const int barHeight = lane ? qMax(3, cell.height() / 4) : qMax(4, cell.height() * 3 / 5);
    const int top = cell.top() + (cell.height() - barHeight) / 2;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    for (const WaterfallSegment &segment : model->segments(index)) {
        const double left = cell.left() + xFor(segment.startMs, start, end, cell.width());
        const double right = cell.left() + xFor(segment.endMs, start, end, cell.width());
        // A phase narrower than a pixel still shows: loopback requests take microseconds.
        const QRectF bar(left, top, qMax(1.0, right - left), barHeight);
        painter->fillRect(bar, phaseColor(segment.phase, option.palette));
    }
    painter->restore();
}

QSize WaterfallDelegate::sizeHint(const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == WaterfallModel::TimelineColumn)
        size.setWidth(qMax(size.width(), 240));
    return size;
}

} // namespace mr
