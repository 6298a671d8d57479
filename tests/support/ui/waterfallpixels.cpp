#include "waterfallpixels.h"

#include "connections/waterfallmodel.h"
#include "waterfalldelegate.h"

#include <QImage>
#include <QPixmap>
#include <QTreeView>

namespace mr {

QSet<QRgb> phaseColoursPainted(QTreeView *view)
{
    QSet<QRgb> phases;
    for (WaterfallSegment::Phase phase :
         {WaterfallSegment::Blocked, WaterfallSegment::Dns, WaterfallSegment::Tcp,
          WaterfallSegment::Tls, WaterfallSegment::Send, WaterfallSegment::Wait,
          WaterfallSegment::Receive, WaterfallSegment::Lifetime})
        phases.insert(WaterfallDelegate::phaseColor(phase).rgb());
    const QImage image = view->viewport()->grab().toImage();
    const int left = view->columnViewportPosition(WaterfallModel::TimelineColumn);
    const int width = view->columnWidth(WaterfallModel::TimelineColumn);
    QSet<QRgb> found;
    const qreal ratio = image.devicePixelRatio();
    for (int y = 0; y < image.height(); ++y) {
        for (int x = int(left * ratio); x < qMin(image.width(), int((left + width) * ratio)); ++x) {
            const QRgb pixel = image.pixel(x, y) | 0xff000000;
            if (phases.contains(pixel))
                found.insert(pixel);
        }
    }
    return found;
}

} // namespace mr
