#include "methoddelegate.h"

#include "themecolors.h"

#include "workspace/workspacemodel.h"

#include <QApplication>
#include <QPainter>

namespace mr {

QColor MethodDelegate::methodColor(const QString &method, const QPalette &palette)
{
    ThemeColors::Role role = ThemeColors::MethodOther;
    if (method == QLatin1String("GET"))
        role = ThemeColors::MethodGet;
    else if (method == QLatin1String("POST"))
        role = ThemeColors::MethodPost;
    else if (method == QLatin1String("PUT") || method == QLatin1String("PATCH"))
        role = ThemeColors::MethodPut;
    else if (method == QLatin1String("DELETE"))
        role = ThemeColors::MethodDelete;
    return ThemeColors::color(role, palette);
}

void MethodDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    const QString method = index.data(WorkspaceModel::MethodRole).toString();
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (index.data(WorkspaceModel::HasErrorsRole).toBool())
        opt.palette.setColor(QPalette::Text,
                             ThemeColors::color(ThemeColors::Error, option.palette));
    if (method.isEmpty()) {
        QStyledItemDelegate::paint(painter, opt, index);
        return;
    }
    // Draw the row without text, then the method tag and the name.
    const QString name = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    QFont tagFont = opt.font;
    tagFont.setBold(true);
    tagFont.setPointSizeF(qMax(6.0, opt.font.pointSizeF() * 0.8));
    const QFontMetrics tagMetrics(tagFont);
    const int tagWidth = tagMetrics.horizontalAdvance(QStringLiteral("DELETE")) + 6;
    QRect rect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    painter->save();
    painter->setFont(tagFont);
    painter->setPen(methodColor(method, option.palette));
    painter->drawText(QRect(rect.left(), rect.top(), tagWidth, rect.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, method.left(6));
    painter->setFont(opt.font);
    painter->setPen(opt.state & QStyle::State_Selected
                        ? opt.palette.color(QPalette::HighlightedText)
                        : opt.palette.color(QPalette::Text));
    rect.setLeft(rect.left() + tagWidth);
    painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(name, Qt::ElideRight, rect.width()));
    painter->restore();
}

} // namespace mr
