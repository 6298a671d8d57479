#include "historypanel.h"

#include "history/historymodel.h"
#include "history/historystore.h"

#include <QAction>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QTreeView>
#include <QVBoxLayout>

namespace mr {

HistoryPanel::HistoryPanel(HistoryStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new HistoryModel(store, this))
    , m_search(new QLineEdit(this))
    , m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("historyPanel"));
    m_clearQuestion = [this](int entries) {
        return QMessageBox::question(
                   this, tr("Clear history"),
                   tr("Delete all %n exchange(s) from the history? This cannot be undone.", nullptr,
                      entries),
                   QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
    };

    m_search->setPlaceholderText(tr("Search URL, method, status, name"));
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("historySearch"));

    m_view->setObjectName(QStringLiteral("historyList"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(HistoryModel::RequestColumn, QHeaderView::Stretch);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addWidget(m_view);
    if (!store->openMessage().isEmpty() && !store->isOpen()) {
        auto *off = new QLabel(store->openMessage(), this);
        off->setWordWrap(true);
        off->setObjectName(QStringLiteral("historyOff"));
        layout->addWidget(off);
    }

    // Shortcuts work while the list has the focus, so they take no keys from the search box
    // or the editors (Delete there deletes text).
    const auto action = [this](const QString &text, const QKeySequence &key, const char *name) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetShortcut);
        a->setObjectName(QLatin1String(name));
        m_view->addAction(a);
        return a;
    };
    m_open = action(tr("&Open in a Tab"), QKeySequence(Qt::Key_Return), "historyOpen");
    m_resend = action(tr("&Re-send"), QKeySequence(Qt::CTRL | Qt::Key_R), "historyResend");
    m_save = action(tr("&Save into Workspace"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                    "historySave");
    m_delete = action(tr("&Delete"), QKeySequence(QKeySequence::Delete), "historyDelete");
    m_clear = action(tr("&Clear History…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
                     "historyClear");

    connect(m_open, &QAction::triggered, this, [this] {
        if (const qint64 id = currentId())
            Q_EMIT openRequested(id);
    });
    connect(m_resend, &QAction::triggered, this, [this] {
        if (const qint64 id = currentId())
            Q_EMIT resendRequested(id);
    });
    connect(m_save, &QAction::triggered, this, [this] {
        if (const qint64 id = currentId())
            Q_EMIT saveRequested(id);
    });
    connect(m_delete, &QAction::triggered, this, &HistoryPanel::deleteCurrent);
    connect(m_clear, &QAction::triggered, this, &HistoryPanel::clearHistory);
    connect(m_view, &QTreeView::doubleClicked, m_open, &QAction::trigger);
    connect(m_view, &QWidget::customContextMenuRequested, this, &HistoryPanel::showContextMenu);
    connect(m_search, &QLineEdit::textChanged, m_model, &HistoryModel::setSearch);
    // Return in the search box goes to the list, ready for Return to open.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_view->setFocus();
        if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
            m_view->setCurrentIndex(m_model->index(0, 0));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &HistoryPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &HistoryPanel::updateActions);
    updateActions();
}

qint64 HistoryPanel::currentId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->idAt(current.row()) : 0;
}

void HistoryPanel::selectId(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

bool HistoryPanel::deleteCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    const qint64 id = currentId();
    if (!id)
        return false;
    const int row = current.row();
    if (!m_store->remove(id))
        return false;
    // The one below moves up into the deleted one's place; keep going from there.
    const int next = qMin(row, m_model->rowCount() - 1);
    if (next >= 0)
        m_view->setCurrentIndex(m_model->index(next, 0));
    return true;
}

bool HistoryPanel::clearHistory()
{
    const int entries = m_store->count();
    if (entries == 0 || !m_clearQuestion(entries))
        return false;
    return m_store->clear();
}

void HistoryPanel::updateActions()
{
    const bool selected = currentId() != 0;
    m_open->setEnabled(selected);
    m_resend->setEnabled(selected);
    m_save->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_clear->setEnabled(m_model->rowCount() > 0);
}

void HistoryPanel::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (index.isValid())
        m_view->setCurrentIndex(index);
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("historyMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addActions({m_open, m_resend, m_save});
    menu->addSeparator();
    menu->addActions({m_delete, m_clear});
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

} // namespace mr
