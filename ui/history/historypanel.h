#pragma once

#include <QWidget>

#include <functional>

class QAction;
class QLineEdit;
class QTreeView;

namespace mr {

class HistoryModel;
class HistoryStore;

// The history list: a search box above the exchanges, newest first (HistoryModel over a
// HistoryStore). Open, re-send and save into the workspace are the window's to do, so they
// are signals; delete and clear are the store's, done here. Each action has a shortcut
// while the list has the focus (Return, Ctrl+R, Ctrl+Shift+S, Delete, Ctrl+Shift+Delete)
// and is in the list's context menu.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    // "Clear the whole history?"; true to go ahead. Tests answer it themselves.
    using ClearQuestion = std::function<bool(int entries)>;

    explicit HistoryPanel(HistoryStore *store, QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    QLineEdit *search() const { return m_search; }
    QTreeView *view() const { return m_view; }
    // The id of the selected entry; 0 when none is.
    qint64 currentId() const;
    void selectId(qint64 id);

    QAction *openAction() const { return m_open; }
    QAction *resendAction() const { return m_resend; }
    QAction *saveAction() const { return m_save; }
    QAction *deleteAction() const { return m_delete; }
    QAction *clearAction() const { return m_clear; }

    void setClearQuestion(ClearQuestion question) { m_clearQuestion = std::move(question); }
    // Deletes the selected entry, selecting the next one.
    bool deleteCurrent();
    // Asks, then empties the history; false when the user kept it.
    bool clearHistory();

Q_SIGNALS:
    void openRequested(qint64 id);
    void resendRequested(qint64 id);
    void saveRequested(qint64 id);

private:
    void updateActions();
    void showContextMenu(const QPoint &position);

    HistoryStore *m_store;
    HistoryModel *m_model;
    QLineEdit *m_search;
    QTreeView *m_view;
    QAction *m_open;
    QAction *m_resend;
    QAction *m_save;
    QAction *m_delete;
    QAction *m_clear;
    ClearQuestion m_clearQuestion;
};

} // namespace mr
