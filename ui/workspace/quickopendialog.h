#pragma once

#include <QDialog>

class QLineEdit;
class QListView;

namespace mr {

class QuickOpenModel;
class WorkspaceModel;

// Ctrl+P: a small window over the main one with a search box and the workspace's requests
// that match it (QuickOpenModel), best first. Up and Down pick, Enter opens, Escape closes.
// It does not block: it is shown, not exec()'d.
class QuickOpenDialog : public QDialog
{
    Q_OBJECT
public:
    QuickOpenDialog(WorkspaceModel *workspace, QWidget *parent = nullptr);

    // Shows it with an empty query over the workspace as it is now.
    void popUp();

    QLineEdit *queryEdit() const { return m_query; }
    QListView *list() const { return m_list; }
    QuickOpenModel *model() const { return m_model; }

Q_SIGNALS:
    // The request picked: its file and index there.
    void requestChosen(const QString &filePath, int requestIndex);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void choose();

    WorkspaceModel *m_workspace;
    QuickOpenModel *m_model;
    QLineEdit *m_query;
    QListView *m_list;
};

} // namespace mr
