#pragma once

#include "workspace/environmenteditor.h"

#include <QDialog>
#include <QHash>

#include <functional>

class QCheckBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QTableView;

namespace mr {

class EnvironmentVariablesModel;

// Edits a workspace's environments (http-client.env.json, secrets in
// http-client.private.env.json) through EnvironmentEditor: the environments on the left, the
// selected one's variables on the right. Problems are shown inline, never in message boxes.
class EnvironmentDialog : public QDialog
{
    Q_OBJECT
public:
    // The answer to "throw away your edits?" when the dialog is cancelled with edits; true
    // discards them (tests answer it themselves).
    using DiscardQuestion = std::function<bool()>;

    EnvironmentDialog(const QString &folder, const QString &current, QWidget *parent = nullptr);
    ~EnvironmentDialog() override;

    void setDiscardQuestion(DiscardQuestion question) { m_discardQuestion = std::move(question); }

    // The selected environment (EnvironmentSet::SharedName for the shared variables).
    QString currentEnvironment() const;
    bool selectEnvironment(const QString &name);
    // The name the environment called `original` when the dialog opened has now (renames
    // followed); empty when it was removed.
    QString nameNow(const QString &original) const;
    bool isModified() const;
    // What keeps the edits from being saved, in plain words; empty when nothing does.
    QString problem() const;

    // Writes the edits (EnvironmentEditor::save) and accepts; false with the problem shown.
    bool save();
    void reject() override;

    QListWidget *environmentList() const { return m_list; }
    QTableView *variablesView() const { return m_table; }
    EnvironmentVariablesModel *variablesModel() const { return m_model; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *renameButton() const { return m_rename; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *saveButton() const { return m_save; }
    QCheckBox *showSecretsBox() const { return m_showSecrets; }
    QLabel *problemLabel() const { return m_problem; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillList(const QString &select);
    void showVariables();
    void applyVariables();
    void addEnvironment();
    void renameItem(QListWidgetItem *item);
    void removeEnvironment();
    void removeSelectedRows();
    void setTableProblem(const QString &problem);
    void updateState();
    QString fileProblems() const;

    EnvironmentEditor m_editor;
    EnvironmentVariablesModel *m_model;
    QListWidget *m_list;
    QTableView *m_table;
    QPushButton *m_add;
    QPushButton *m_rename;
    QPushButton *m_remove;
    QPushButton *m_save;
    QCheckBox *m_showSecrets;
    QLabel *m_problemIcon;
    QLabel *m_problem;
    QString m_tableProblem; // rows that do not make variables (no name, a repeated name)
    QString m_saveProblem;  // why the last save failed
    QString m_shown;        // the environment the table shows
    bool m_filling = false;
    bool m_sharedAdded = false;        // "$shared" was not in the files: added by the first edit
    QHash<QString, QString> m_renames; // name when opened -> name now (empty: removed)
    DiscardQuestion m_discardQuestion;
};

} // namespace mr
