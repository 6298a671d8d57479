// Every action of the window is reachable from the keyboard: menus with mnemonics, the
// shortcuts that platform users expect, and a list of them (F1) read from the menus.
#include "hintbar.h"
#include "mainwindow.h"
#include "requesteditor.h"
#include "shortcutsdialog.h"
#include "variablelineedit.h"
#include "windowfixture.h"
#include "workspacepanel.h"

#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace mr;

class tst_WindowKeyboard : public QObject
{
    Q_OBJECT
    WindowFixture m_fx;
    MainWindow *m_window = nullptr;

    static void collect(const QMenu *menu, QList<QAction *> *actions)
    {
        for (QAction *action : menu->actions()) {
            if (action->isSeparator())
                continue;
            actions->append(action);
            if (action->menu())
                collect(action->menu(), actions);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QFile file(m_fx.dir.filePath(QStringLiteral("a.http")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("### One\nGET http://127.0.0.1:1/one\n\n### Two\nGET http://127.0.0.1:1/two\n");
        file.close();
        m_fx.makeWindow();
        m_window = m_fx.window();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        QVERIFY(m_window->openWorkspace(m_fx.dir.path()));
        m_window->openRequest(
            m_fx.model()->requestIndex(m_fx.dir.filePath(QStringLiteral("a.http")), 1));
        QCOMPARE(m_window->tabs()->count(), 2);
    }

    void everyMenuActionHasAMnemonic()
    {
        QList<QAction *> actions;
        for (QAction *top : m_window->menuBar()->actions()) {
            QVERIFY2(top->text().contains(QLatin1Char('&')), qPrintable(top->text()));
            collect(top->menu(), &actions);
        }
        QVERIFY(actions.size() > 15);
        for (const QAction *action : actions) {
            // Recent workspaces are paths; the rest are ours and need a letter to press.
            if (action->data().isValid())
                continue;
            QVERIFY2(action->text().contains(QLatin1Char('&')), qPrintable(action->text()));
        }
    }

    void platformShortcutsMoveAround()
    {
        QCOMPARE(m_window->tabs()->currentIndex(), 1);
        QTest::keyClick(m_window, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(m_window->tabs()->currentIndex(), 0);
        QTest::keyClick(m_window, Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(m_window->tabs()->currentIndex(), 1);

        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(QApplication::focusWidget(),
                     static_cast<QWidget *>(m_window->workspacePanel()->filter()));
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(),
                     static_cast<QWidget *>(m_window->requestEditor()->urlEdit()));
    }

    void f1ListsTheShortcutsFromTheMenus()
    {
        QTest::keyClick(m_window, Qt::Key_F1);
        auto *dialog = m_window->findChild<ShortcutsDialog *>();
        QVERIFY(dialog);
        const QList<QTreeWidgetItem *> send =
            dialog->list()->findItems(QStringLiteral("Request ▸ Send"), Qt::MatchExactly);
        QCOMPARE(send.size(), 1);
        QVERIFY2(send.first()->text(1).contains(QLatin1String("Ctrl+Return")),
                 qPrintable(send.first()->text(1)));
        QVERIFY(!dialog->list()
                     ->findItems(QStringLiteral("Tools ▸ Settings…"), Qt::MatchExactly)
                     .isEmpty());
        dialog->close();
    }

    void theHintGoesWhenDismissed()
    {
        m_window->showHint(QStringLiteral("Try Ctrl+Enter"));
        QVERIFY(m_window->hintBar()->isVisible());
        QTest::mouseClick(
            m_window->hintBar()->findChild<QToolButton *>(QStringLiteral("dismissHint")),
            Qt::LeftButton);
        QVERIFY(!m_window->hintBar()->isVisible());
    }
};

QTEST_MAIN(tst_WindowKeyboard)
#include "tst_windowkeyboard.moc"
