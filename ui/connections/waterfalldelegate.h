#pragma once

#include "connections/waterfallmodel.h"

#include <QStyledItemDelegate>

namespace mr {

// Paints the waterfall column of a WaterfallModel: each exchange's phases as coloured pieces
// of one bar (Chrome DevTools' colours), each connection's lifetime as a thin grey bar, all
// on the model's shared time axis. Views ask it only for the rows they show.
class WaterfallDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit WaterfallDelegate(QObject *parent = nullptr);

    // On `palette` (by default the application's): PhaseBar's colours, from ThemeColors.
    static QColor phaseColor(WaterfallSegment::Phase phase, const QPalette &palette = QPalette());
    // Where a time on the axis lands in a cell of this width (pixels from its left edge).
    static double xFor(double ms, double axisStart, double axisEnd, int width);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace mr
