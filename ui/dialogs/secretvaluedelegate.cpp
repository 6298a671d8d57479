#include "secretvaluedelegate.h"

#include "environmentvariablesmodel.h"

#include <QLineEdit>

namespace mr {

QWidget *SecretValueDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto *line = qobject_cast<QLineEdit *>(editor);
        line && index.data(EnvironmentVariablesModel::MaskedRole).toBool())
        line->setEchoMode(QLineEdit::Password);
    return editor;
}

} // namespace mr
