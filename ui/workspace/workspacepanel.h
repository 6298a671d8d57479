// ui: the window's widgets. They show core's models and values and call core's operations;
// no network or file-format logic lives here.
#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;
class QModelIndex;

namespace mr {

class TreeStateKeeper;
class WorkspaceModel;

// The workspace tree with a filter box above it.
class WorkspacePanel : public QWidget
{
    Q_OBJECT
public:
    explicit WorkspacePanel(WorkspaceModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QLineEdit *filter() const { return m_filter; }
    // Selects a request given as an index of the source model.
    void select(const QModelIndex &sourceIndex);
    QModelIndex currentSourceIndex() const;
    // Keeps expansion and the current item across reloads.
    TreeStateKeeper *stateKeeper() const { return m_keeper; }
    // The view's index of a source index (the tree is filtered).
    QModelIndex viewIndex(const QModelIndex &sourceIndex) const;

Q_SIGNALS:
    // A request was picked (clicked, or Enter pressed); the index is the source model's.
    void requestActivated(const QModelIndex &sourceIndex);

private:
    WorkspaceModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTreeView *m_view;
    TreeStateKeeper *m_keeper;
};

} // namespace mr
