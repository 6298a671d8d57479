#include "treestatekeeper.h"

#include "workspace/workspacemodel.h"

#include <QTreeView>

namespace mr {

namespace {

template<typename Visit>
void forEachIndex(const QAbstractItemModel *model, const QModelIndex &parent, const Visit &visit)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        visit(index);
        forEachIndex(model, index, visit);
    }
}

QString requestKey(const QString &path, int requestIndex)
{
    return requestIndex >= 0 ? path + QLatin1Char('#') + QString::number(requestIndex) : path;
}

} // namespace

TreeStateKeeper::TreeStateKeeper(QTreeView *view)
    : QObject(view)
    , m_view(view)
{
    // Connected after the view's own connections, so the view has taken the reset in.
    connect(view->model(), &QAbstractItemModel::modelAboutToBeReset, this,
            &TreeStateKeeper::remember);
    connect(view->model(), &QAbstractItemModel::modelReset, this, &TreeStateKeeper::restore);
}

QString TreeStateKeeper::keyOf(const QModelIndex &index)
{
    const bool isRequest =
        index.data(WorkspaceModel::KindRole).toInt() == int(WorkspaceModel::Kind::Request);
    return requestKey(index.data(WorkspaceModel::FilePathRole).toString(),
                      isRequest ? index.data(WorkspaceModel::RequestIndexRole).toInt() : -1);
}

void TreeStateKeeper::setNextCurrent(const QString &path, int requestIndex)
{
    m_nextCurrent = requestKey(path, requestIndex);
}

void TreeStateKeeper::remember()
{
    m_known.clear();
    m_expanded.clear();
    forEachIndex(m_view->model(), QModelIndex(), [this](const QModelIndex &index) {
        const QString key = keyOf(index);
        m_known.insert(key);
        if (m_view->isExpanded(index))
            m_expanded.insert(key);
    });
    m_current = m_view->currentIndex().isValid() ? keyOf(m_view->currentIndex()) : QString();
}

void TreeStateKeeper::restore()
{
    const QString wanted = m_nextCurrent.isEmpty() ? m_current : m_nextCurrent;
    m_nextCurrent.clear();
    QModelIndex current;
    forEachIndex(m_view->model(), QModelIndex(), [&](const QModelIndex &index) {
        const QString key = keyOf(index);
        if (m_view->model()->hasChildren(index))
            m_view->setExpanded(index, !m_known.contains(key) || m_expanded.contains(key));
        if (key == wanted)
            current = index;
    });
    if (current.isValid()) {
        m_view->setCurrentIndex(current);
        m_view->scrollTo(current);
    }
}

} // namespace mr
