#include "quickopendialog.h"

#include "workspace/quickopenmodel.h"
#include "workspace/workspacemodel.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace mr {

QuickOpenDialog::QuickOpenDialog(WorkspaceModel *workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_model(new QuickOpenModel(this))
    , m_query(new QLineEdit(this))
    , m_list(new QListView(this))
{
    setObjectName(QStringLiteral("quickOpen"));
    setWindowTitle(tr("Open a request"));
    m_query->setObjectName(QStringLiteral("quickOpenQuery"));
    m_query->setPlaceholderText(tr("Name, method, URL or file"));
    m_query->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("quickOpenList"));
    m_list->setModel(m_model);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_query);
    layout->addWidget(m_list);
    resize(560, 360);

    connect(m_query, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setQuery(text);
        m_list->setCurrentIndex(m_model->index(0, 0));
    });
    connect(m_list, &QListView::activated, this, &QuickOpenDialog::choose);
    // The workspace changed under it (a reload): the list follows.
    connect(m_workspace, &QAbstractItemModel::modelReset, this, [this] {
        if (isVisible()) {
            m_model->setWorkspace(m_workspace->workspace());
            m_list->setCurrentIndex(m_model->index(0, 0));
        }
    });
}

void QuickOpenDialog::popUp()
{
    m_model->setWorkspace(m_workspace->workspace());
    m_query->clear();
    m_model->setQuery(QString());
    m_list->setCurrentIndex(m_model->index(0, 0));
    if (parentWidget()) // centred over the top of the window, as editors do
        move(parentWidget()->mapToGlobal(
            QPoint((parentWidget()->width() - width()) / 2, parentWidget()->height() / 8)));
    show();
    raise();
    activateWindow();
    m_query->setFocus();
}

bool QuickOpenDialog::eventFilter(QObject *watched, QEvent *event)
{
    // The list is driven from the search box, so typing never stops.
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown: {
            const int step = key->key() == Qt::Key_Up       ? -1
                             : key->key() == Qt::Key_Down   ? 1
                             : key->key() == Qt::Key_PageUp ? -10
                                                            : 10;
            const int rows = m_model->rowCount();
            if (rows > 0) {
                const int row = qBound(0, m_list->currentIndex().row() + step, rows - 1);
                m_list->setCurrentIndex(m_model->index(row, 0));
            }
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter: choose(); return true;
        case Qt::Key_Escape: reject(); return true;
        default: break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void QuickOpenDialog::choose()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    const QString path = current.data(QuickOpenModel::FilePathRole).toString();
    const int index = current.data(QuickOpenModel::RequestIndexRole).toInt();
    hide();
    Q_EMIT requestChosen(path, index);
}

} // namespace mr
