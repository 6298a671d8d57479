#pragma once

#include <QRgb>
#include <QSet>

class QTreeView;

namespace mr {

// The phase colours (WaterfallDelegate's) found painted in a waterfall view's timeline
// column, read from the pixels of its viewport: proof that bars were drawn, not just modelled.
QSet<QRgb> phaseColoursPainted(QTreeView *view);

} // namespace mr
