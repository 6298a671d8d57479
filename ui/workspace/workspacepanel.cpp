#include "workspacepanel.h"

#include "methoddelegate.h"
#include "treestatekeeper.h"
#include "workspace/workspacemodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace mr {

WorkspacePanel::WorkspacePanel(WorkspaceModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this))
{
    m_proxy->setSourceModel(model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setPlaceholderText(tr("Filter requests"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("workspaceFilter"));

    m_view->setObjectName(QStringLiteral("workspaceTree"));
    m_view->setModel(m_proxy);
    m_view->setHeaderHidden(true);
    m_view->setItemDelegate(new MethodDelegate(m_view));
    m_view->setUniformRowHeights(true);
    m_view->expandAll();
    // Names are edited in place (F2); requests, files and folders are dragged to move them.
    m_view->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setDropIndicatorShown(true);
    m_keeper = new TreeStateKeeper(m_view);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        m_view->expandAll();
    });
    auto activate = [this](const QModelIndex &proxyIndex) {
        const QModelIndex source = m_proxy->mapToSource(proxyIndex);
        if (m_model->request(source))
            Q_EMIT requestActivated(source);
    };
    connect(m_view, &QTreeView::activated, this, activate);
    connect(m_view, &QTreeView::clicked, this, activate);
}

void WorkspacePanel::select(const QModelIndex &sourceIndex)
{
    const QModelIndex proxyIndex = m_proxy->mapFromSource(sourceIndex);
    m_view->setCurrentIndex(proxyIndex);
    m_view->scrollTo(proxyIndex);
}

QModelIndex WorkspacePanel::viewIndex(const QModelIndex &sourceIndex) const
{
    return m_proxy->mapFromSource(sourceIndex);
}

QModelIndex WorkspacePanel::currentSourceIndex() const
{
    return m_proxy->mapToSource(m_view->currentIndex());
}

} // namespace mr
