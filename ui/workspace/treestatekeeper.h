#pragma once

#include <QObject>
#include <QSet>
#include <QString>

class QTreeView;
class QModelIndex;

namespace mr {

// Keeps a workspace tree view's expanded folders and files and its current item when its
// model is reset (a reload after an edit or a change on disk): what was collapsed stays
// collapsed, what is new opens, and the current item is found again by its path (and
// request index).
class TreeStateKeeper : public QObject
{
    Q_OBJECT
public:
    explicit TreeStateKeeper(QTreeView *view);

    // After the next reset, makes this item current instead of the one that was.
    void setNextCurrent(const QString &path, int requestIndex = -1);

    static QString keyOf(const QModelIndex &index);

private:
    void remember();
    void restore();

    QTreeView *m_view;
    QSet<QString> m_known;
    QSet<QString> m_expanded;
    QString m_current;
    QString m_nextCurrent;
};

} // namespace mr
