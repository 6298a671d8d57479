#include "waterfallview.h"

#include "connections/waterfallmodel.h"
#include "waterfalldelegate.h"

#include <QHeaderView>

namespace mr {

WaterfallView::WaterfallView(QWidget *parent)
    : QTreeView(parent)
    , m_delegate(new WaterfallDelegate(this))
{
    setItemDelegate(m_delegate);
    // Rows of one height let the view place 10,000 rows without asking each one.
    setUniformRowHeights(true);
    setMouseTracking(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
}

void WaterfallView::setWaterfall(WaterfallModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    setModel(model);
    if (!model)
        return;
    setColumnWidth(WaterfallModel::NameColumn, 380);
    setColumnWidth(WaterfallModel::StatusColumn, 190);
    setColumnWidth(WaterfallModel::DurationColumn, 80);
    // New lanes open, so their exchanges show at once.
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under, int first, int last) {
                if (under.isValid() || !m_expandNewLanes)
                    return;
                for (int row = first; row <= last; ++row)
                    setExpanded(m_model->index(row, 0), true);
            });
    connect(model, &QAbstractItemModel::modelReset, this, &QTreeView::expandAll);
    expandAll();
}

void WaterfallView::refreshAxis()
{
    if (!m_model)
        return;
    Q_EMIT m_model->headerDataChanged(Qt::Horizontal, WaterfallModel::TimelineColumn,
                                      WaterfallModel::TimelineColumn);
    viewport()->update();
}

} // namespace mr
