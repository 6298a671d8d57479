#pragma once

#include <QStyledItemDelegate>

namespace mr {

// Paints a request's method as a coloured tag before its name, as API clients do.
class MethodDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    static QColor methodColor(const QString &method, const QPalette &palette);
};

} // namespace mr
