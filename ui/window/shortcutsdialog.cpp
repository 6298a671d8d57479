#include "shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mr {

namespace {

void addMenu(QTreeWidget *list, const QMenu *menu, const QString &path)
{
    for (const QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        const QString title = QString(action->text()).remove(QLatin1Char('&'));
        if (const QMenu *sub = action->menu()) {
            addMenu(list, sub, path + QStringLiteral(" ▸ ") + title);
            continue;
        }
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys.append(key.toString(QKeySequence::NativeText));
        auto *item = new QTreeWidgetItem(
            list, {path + QStringLiteral(" ▸ ") + title, keys.join(QStringLiteral(", "))});
        item->setToolTip(0, action->toolTip());
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menus, QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    m_list->setObjectName(QStringLiteral("shortcutList"));
    m_list->setHeaderLabels({tr("Action"), tr("Keys")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    for (const QAction *action : menus->actions()) {
        if (const QMenu *menu = action->menu())
            addMenu(m_list, menu, QString(action->text()).remove(QLatin1Char('&')));
    }
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto *note = new QLabel(
        tr("Alt with an underlined letter opens a menu; Tab and Shift+Tab move between the "
           "tree, the editor and the response; Ctrl+Tab switches request tabs; Esc cancels a "
           "request in flight."),
        this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(560, 520);
}

} // namespace mr
