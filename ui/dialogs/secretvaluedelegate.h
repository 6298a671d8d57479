#pragma once

#include <QStyledItemDelegate>

namespace mr {

// Edits a masked secret (EnvironmentVariablesModel::MaskedRole) with password echo, so
// editing does not show what the view hides.
class SecretValueDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
};

} // namespace mr
