#pragma once

#include "workspace/environmenteditor.h"

#include <QAbstractTableModel>

namespace mr {

// One environment's variables as the environment dialog edits them: Name, Value and a Secret
// check box, plus an always-present empty last row that becomes a variable when typed into.
// Secret values are masked in the view until showSecrets is on.
class EnvironmentVariablesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, SecretColumn, ColumnCount };
    enum Role {
        MaskedRole = Qt::UserRole + 1, // bool: the value is a secret shown masked
    };
    static QString mask();

    explicit EnvironmentVariablesModel(QObject *parent = nullptr);

    void setVariables(const QList<EnvironmentEditor::Variable> &variables);
    // The rows without the empty ones (no name and no value), in order.
    QList<EnvironmentEditor::Variable> variables() const;
    void setShowSecrets(bool show);
    bool showSecrets() const { return m_showSecrets; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // The last (empty) row is not removed.
    bool removeRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;

Q_SIGNALS:
    // The user changed the rows (not emitted by setVariables or setShowSecrets).
    void edited();

private:
    QList<EnvironmentEditor::Variable> m_rows; // without the empty last row
    bool m_showSecrets = false;
};

} // namespace mr
