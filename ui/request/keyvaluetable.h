#pragma once

#include "keyvaluemodel.h"
#include "workspace/variableexpander.h"

#include <QStyledItemDelegate>
#include <QTableView>

namespace mr {

// Cell editors for a KeyValueTable: names completed from a list (header names), values with
// {{variable}} highlighting and completion, files with a "Choose file…" button.
class KeyValueDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setNameCompletions(const QStringList &names) { m_names = names; }
    void setExpander(const VariableExpander &expander) { m_expander = expander; }
    // Where picked files are named from (the .http file's folder).
    void setBaseFolder(const QString &folder) { m_baseFolder = folder; }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;

private:
    QStringList m_names;
    VariableExpander m_expander;
    QString m_baseFolder;
};

// A table of name/value rows over a KeyValueModel; Delete removes the selected rows.
class KeyValueTable : public QTableView
{
    Q_OBJECT
public:
    KeyValueTable(const QList<KeyValueModel::Column> &columns, bool checkable,
                  QWidget *parent = nullptr);

    KeyValueModel *rowsModel() const { return m_model; }
    KeyValueDelegate *delegate() const { return m_delegate; }

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    KeyValueModel *m_model;
    KeyValueDelegate *m_delegate;
};

// The common request header names, for completion.
const QStringList &commonHeaderNames();

} // namespace mr
