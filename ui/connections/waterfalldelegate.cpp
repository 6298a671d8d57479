#include "waterfalldelegate.h"

#include <QApplication>
#include <QPainter>

namespace mr {

namespace {
constexpr int Margin = 6; // keeps the first and last bar off the cell's edges
}

WaterfallDelegate::WaterfallDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QColor WaterfallDelegate::phaseColor(WaterfallSegment::Phase phase)
{
    // The colours of PhaseBar (and Chrome DevTools' Timing tab), so the two read alike.
    switch (phase) {
    case WaterfallSegment::Blocked: return QColor(0x9e, 0x9e, 0x9e);
    case WaterfallSegment::Dns: return QColor(0x00, 0x96, 0x88);
    case WaterfallSegment::Tcp: return QColor(0xff, 0x98, 0x00);
    case WaterfallSegment::Tls: return QColor(0x9c, 0x27, 0xb0);
    case WaterfallSegment::Send: return QColor(0x3f, 0x51, 0xb5);
    case WaterfallSegment::Wait: return QColor(0x4c, 0xaf, 0x50);
    case WaterfallSegment::Receive: return QColor(0x21, 0x96, 0xf3);
    case WaterfallSegment::Inferred: return QColor(0x79, 0x55, 0x48);
    case WaterfallSegment::Lifetime: return QColor(0x90, 0xa4, 0xae);
    }
    return Qt::gray;
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
        painter->fillRect(bar, phaseColor(segment.phase));
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
