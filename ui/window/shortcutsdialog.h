#pragma once

#include <QDialog>

class QMenuBar;
class QTreeWidget;

namespace mr {

// Every action of the window's menus with its shortcut, by menu, read from the menus
// themselves so the list cannot drift from what the keys do.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QMenuBar *menus, QWidget *parent = nullptr);
    QTreeWidget *list() const { return m_list; }

private:
    QTreeWidget *m_list;
};

} // namespace mr
