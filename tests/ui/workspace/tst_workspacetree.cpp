// The workspace tree's editing, offscreen, on a temporary workspace: rename in place with F2,
// delete with Del, duplicate and new request from the keyboard, drag and drop through the
// view's model (QTest cannot drive a real drag offscreen), open tabs following their
// request, the tree keeping its state across reloads, and Ctrl+P quick open.
#include "mainwindow.h"
#include "quickopendialog.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "windowfixture.h"
#include "workspace/httpfileparser.h"
#include "workspace/quickopenmodel.h"
#include "workspacepanel.h"
#include "workspacetreeactions.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace mr;

namespace {

const QByteArray Users = "@host = https://shop.example\n"
                         "\n"
                         "### List users\n"
                         "GET {{host}}/users\n"
                         "\n"
                         "### Create user\n"
                         "POST {{host}}/users\n"
                         "Content-Type: application/json\n"
                         "\n"
                         "{\"name\": \"Ada\"}\n"
                         "\n"
                         "### Delete user\n"
                         "DELETE {{host}}/users/1\n";

const QByteArray Orders = "### List orders\n"
                          "GET {{host}}/orders\n"
                          "\n"
                          "### Get order\n"
                          "GET {{host}}/orders/7\n";

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

QStringList names(const QString &path)
{
    QStringList list;
    for (const RequestDefinition &request : HttpFileParser::parseFile(path).requests)
        list.append(request.displayName());
    return list;
}

} // namespace

class tst_WorkspaceTree : public QObject
{
    Q_OBJECT
    std::unique_ptr<WindowFixture> m_fx; // a new window on a new folder for each test
    MainWindow *m_window = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_sourceTester;
    std::unique_ptr<QAbstractItemModelTester> m_viewTester;
    QStringList m_questions;

    QString path(const QString &relative) const { return m_fx->dir.filePath(relative); }
    QTreeView *tree() const { return m_window->workspacePanel()->view(); }

    QModelIndex viewIndexOf(const QString &name) const
    {
        const QModelIndexList found =
            tree()->model()->match(tree()->model()->index(0, 0), Qt::DisplayRole, name, 1,
                                   Qt::MatchExactly | Qt::MatchRecursive);
        return found.value(0);
    }

    // Clicks an item of the tree (a request opens in a tab) and gives the tree the focus.
    void click(const QString &name)
    {
        const QModelIndex index = viewIndexOf(name);
        QVERIFY2(index.isValid(), qPrintable(name));
        tree()->scrollTo(index);
        QTest::mouseClick(tree()->viewport(), Qt::LeftButton, {},
                          tree()->visualRect(index).center());
        tree()->setFocus();
        QCOMPARE(tree()->currentIndex(), index);
    }

    // The line edit of the name being edited in place.
    QLineEdit *nameEditor() const { return tree()->viewport()->findChild<QLineEdit *>(); }

    void typeName(const QString &name)
    {
        QTRY_VERIFY(nameEditor() && nameEditor()->isVisible());
        QLineEdit *editor = nameEditor();
        editor->selectAll();
        QTest::keyClicks(editor, name);
        QTest::keyClick(editor, Qt::Key_Return);
    }

    // Sends what a drag over the tree sends (enter, move, drop) at `at`; whether the drop
    // was taken.
    bool dropOnTree(const QMimeData *data, const QPoint &at)
    {
        QDragEnterEvent enter(at, Qt::MoveAction, data, Qt::LeftButton, {});
        QCoreApplication::sendEvent(tree()->viewport(), &enter);
        QDragMoveEvent move(at, Qt::MoveAction, data, Qt::LeftButton, {});
        QCoreApplication::sendEvent(tree()->viewport(), &move);
        if (!move.isAccepted()) {
            QDragLeaveEvent leave;
            QCoreApplication::sendEvent(tree()->viewport(), &leave);
            return false;
        }
        QDropEvent drop(at, Qt::MoveAction, data, Qt::LeftButton, {});
        QCoreApplication::sendEvent(tree()->viewport(), &drop);
        return drop.isAccepted();
    }

    RequestTab *tabOf(const QString &title) const
    {
        for (int i = 0; i < m_window->tabs()->count(); ++i) {
            auto *tab = qobject_cast<RequestTab *>(m_window->tabs()->widget(i));
            if (tab->title() == title)
                return tab;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_fx = std::make_unique<WindowFixture>();
        QVERIFY(m_fx->dir.isValid());
        QVERIFY(QDir(m_fx->dir.path()).mkpath(QStringLiteral("shop")));
        QVERIFY(writeAll(path(QStringLiteral("users.http")), Users));
        QVERIFY(writeAll(path(QStringLiteral("shop/orders.http")), Orders));
        m_fx->makeWindow();
        m_window = m_fx->window();
        m_sourceTester = std::make_unique<QAbstractItemModelTester>(
            m_fx->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_viewTester = std::make_unique<QAbstractItemModelTester>(
            tree()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_questions.clear();
        m_window->treeActions()->setConfirmation([this](const QString &question) {
            m_questions.append(question);
            return true;
        });
        QVERIFY(m_window->openWorkspace(m_fx->dir.path()));
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void cleanup()
    {
        m_window->setCloseQuestion(
            [](const QString &) { return MainWindow::CloseAnswer::Discard; });
        m_viewTester.reset();
        m_sourceTester.reset();
        m_window = nullptr;
        m_fx.reset();
    }

    void renameARequestInPlaceAndItsTabFollows()
    {
        click(QStringLiteral("List users"));
        QVERIFY(tabOf(QStringLiteral("List users")));
        QTest::keyClick(tree(), Qt::Key_F2);
        QTRY_VERIFY(nameEditor());
        QCOMPARE(nameEditor()->text(), QStringLiteral("List users"));
        typeName(QStringLiteral("All users"));
        QTRY_COMPARE(names(path(QStringLiteral("users.http"))).first(),
                     QStringLiteral("All users"));
        QByteArray expected = Users;
        expected.replace("### List users", "### All users");
        QCOMPARE(readAll(path(QStringLiteral("users.http"))), expected);
        QTRY_VERIFY(viewIndexOf(QStringLiteral("All users")).isValid());
        QTRY_VERIFY(tabOf(QStringLiteral("All users")));
        QVERIFY(!tabOf(QStringLiteral("All users"))->isModified());
        // The tree kept the renamed request current.
        QCOMPARE(tree()->currentIndex().data().toString(), QStringLiteral("All users"));
    }

    void renameWithEditsInTheTabKeepsThem()
    {
        click(QStringLiteral("Create user"));
        RequestTab *tab = tabOf(QStringLiteral("Create user"));
        QVERIFY(tab);
        QLineEdit *url = tab->editor()->urlEdit();
        url->setFocus();
        url->selectAll();
        QTest::keyClicks(url, QStringLiteral("https://people.example/"));
        QTRY_VERIFY(tab->isModified());
        tree()->setFocus();
        QTest::keyClick(tree(), Qt::Key_F2);
        typeName(QStringLiteral("Add user"));
        QTRY_COMPARE(tab->saved().name, QStringLiteral("Add user"));
        QVERIFY(tab->isModified());
        QCOMPARE(tab->editor()->urlEdit()->text(), QStringLiteral("https://people.example/"));
        // Saving writes the edit on the renamed request, not back over its name.
        m_window->tabs()->setCurrentWidget(tab);
        QVERIFY(m_window->save());
        const HttpFile file = HttpFileParser::parseFile(path(QStringLiteral("users.http")));
        QCOMPARE(file.requests[1].name, QStringLiteral("Add user"));
        QCOMPARE(file.requests[1].url, QStringLiteral("https://people.example/"));
    }

    void renameAFileInPlace()
    {
        click(QStringLiteral("Get order"));
        click(QStringLiteral("orders.http"));
        QTest::keyClick(tree(), Qt::Key_F2);
        typeName(QStringLiteral("purchases"));
        QTRY_VERIFY(QFile::exists(path(QStringLiteral("shop/purchases.http"))));
        QVERIFY(!QFile::exists(path(QStringLiteral("shop/orders.http"))));
        QTRY_VERIFY(viewIndexOf(QStringLiteral("purchases.http")).isValid());
        // The open tab now points into the renamed file.
        QCOMPARE(tabOf(QStringLiteral("Get order"))->filePath(),
                 path(QStringLiteral("shop/purchases.http")));
    }

    void deleteWithTheKeyAsksAndClosesTheTab()
    {
        click(QStringLiteral("Delete user"));
        QVERIFY(tabOf(QStringLiteral("Delete user")));
        QTest::keyClick(tree(), Qt::Key_Delete);
        QCOMPARE(m_questions.size(), 1);
        QVERIFY2(m_questions.first().contains(QStringLiteral("Delete user")),
                 qPrintable(m_questions.first()));
        QCOMPARE(names(path(QStringLiteral("users.http"))),
                 (QStringList{QStringLiteral("List users"), QStringLiteral("Create user")}));
        QVERIFY(!viewIndexOf(QStringLiteral("Delete user")).isValid());
        QVERIFY(!tabOf(QStringLiteral("Delete user")));

        // Answering no keeps it.
        m_window->treeActions()->setConfirmation([](const QString &) { return false; });
        click(QStringLiteral("Create user"));
        QTest::keyClick(tree(), Qt::Key_Delete);
        QCOMPARE(names(path(QStringLiteral("users.http"))).size(), 2);

        // A file goes to the trash, or (when there is none) is deleted once agreed.
        m_window->treeActions()->setConfirmation([this](const QString &question) {
            m_questions.append(question);
            return true;
        });
        click(QStringLiteral("orders.http"));
        QTest::keyClick(tree(), Qt::Key_Delete);
        QVERIFY(!QFile::exists(path(QStringLiteral("shop/orders.http"))));
        QVERIFY(!viewIndexOf(QStringLiteral("orders.http")).isValid());
        QVERIFY(m_questions.size() <= 2); // no question for the trash; one without it
        if (m_questions.size() == 2)
            QVERIFY2(m_questions.last().contains(QStringLiteral("trash")),
                     qPrintable(m_questions.last()));
    }

    void duplicateAndNewRequestFromTheKeyboard()
    {
        click(QStringLiteral("Get order"));
        QTest::keyClick(tree(), Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(names(path(QStringLiteral("shop/orders.http"))),
                 (QStringList{QStringLiteral("List orders"), QStringLiteral("Get order"),
                              QStringLiteral("Get order copy")}));
        // The copy is selected and open.
        QCOMPARE(tree()->currentIndex().data().toString(), QStringLiteral("Get order copy"));
        QVERIFY(tabOf(QStringLiteral("Get order copy")));

        // Ctrl+N on a request: a new one at the end of its file, its name being edited.
        QTest::keyClick(tree(), Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(names(path(QStringLiteral("shop/orders.http"))).last(),
                 QStringLiteral("New request"));
        QTRY_VERIFY(nameEditor());
        // The watcher sees the write too (after 150 ms): that must not close the editor.
        QTest::qWait(500);
        QVERIFY(nameEditor());
        typeName(QStringLiteral("Cancel order"));
        QTRY_COMPARE(names(path(QStringLiteral("shop/orders.http"))).last(),
                     QStringLiteral("Cancel order"));

        // On a folder, through the context menu: a new file holding a new request.
        click(QStringLiteral("shop"));
        QMenu *menu = m_window->treeActions()->contextMenu();
        QVERIFY(menu->actions().contains(m_window->treeActions()->newRequestAction()));
        QVERIFY(!m_window->treeActions()->duplicateAction()->isEnabled()); // not on a folder
        m_window->treeActions()->newRequestAction()->trigger();
        QCOMPARE(names(path(QStringLiteral("shop/requests.http"))),
                 QStringList{QStringLiteral("New request")});
    }

    void newFolderShowsAndTakesAFileDroppedOnIt()
    {
        click(QStringLiteral("users.http"));
        m_window->treeActions()->newFolderAction()->trigger();
        QVERIFY(QFileInfo(path(QStringLiteral("New folder"))).isDir());
        typeName(QStringLiteral("people"));
        QTRY_VERIFY(QFileInfo(path(QStringLiteral("people"))).isDir());
        QTRY_VERIFY(viewIndexOf(QStringLiteral("people")).isValid());

        // Drag users.http onto it, with the MIME data the view would drag.
        QAbstractItemModel *model = tree()->model();
        std::unique_ptr<QMimeData> data(
            model->mimeData({viewIndexOf(QStringLiteral("users.http"))}));
        QVERIFY(data);
        const QModelIndex people = viewIndexOf(QStringLiteral("people"));
        QVERIFY(model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, people));
        QVERIFY(model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, people));
        QTRY_VERIFY(QFile::exists(path(QStringLiteral("people/users.http"))));
        QCOMPARE(readAll(path(QStringLiteral("people/users.http"))), Users);
        QTRY_VERIFY(viewIndexOf(QStringLiteral("users.http")).parent() ==
                    viewIndexOf(QStringLiteral("people")));
    }

    void dragARequestToAnotherFileAndItsTabFollows()
    {
        click(QStringLiteral("Create user"));
        QAbstractItemModel *model = tree()->model();
        std::unique_ptr<QMimeData> data(
            model->mimeData({viewIndexOf(QStringLiteral("Create user"))}));
        QVERIFY(data);
        // Between "List orders" and "Get order".
        const QModelIndex orders = viewIndexOf(QStringLiteral("orders.http"));
        QVERIFY(model->canDropMimeData(data.get(), Qt::MoveAction, 1, 0, orders));
        QVERIFY(model->dropMimeData(data.get(), Qt::MoveAction, 1, 0, orders));
        QTRY_COMPARE(names(path(QStringLiteral("shop/orders.http"))),
                     (QStringList{QStringLiteral("List orders"), QStringLiteral("Create user"),
                                  QStringLiteral("Get order")}));
        QCOMPARE(names(path(QStringLiteral("users.http"))),
                 (QStringList{QStringLiteral("List users"), QStringLiteral("Delete user")}));
        QTRY_COMPARE(viewIndexOf(QStringLiteral("Create user")).parent(),
                     viewIndexOf(QStringLiteral("orders.http")));
        RequestTab *tab = tabOf(QStringLiteral("Create user"));
        QVERIFY(tab);
        QCOMPARE(tab->filePath(), path(QStringLiteral("shop/orders.http")));
        QCOMPARE(tab->requestIndex(), 1);
        QCOMPARE(tab->saved().body, QStringLiteral("{\"name\": \"Ada\"}"));

        // Reordering in a file: "Get order" onto "List orders" goes before it.
        data.reset(model->mimeData({viewIndexOf(QStringLiteral("Get order"))}));
        // Dropped on an item, the view gives row and column -1.
        QVERIFY(model->dropMimeData(data.get(), Qt::MoveAction, -1, -1,
                                    viewIndexOf(QStringLiteral("List orders"))));
        QTRY_COMPARE(names(path(QStringLiteral("shop/orders.http"))).first(),
                     QStringLiteral("Get order"));
        // A request cannot go straight into a folder.
        data.reset(model->mimeData({viewIndexOf(QStringLiteral("List users"))}));
        QVERIFY(!model->canDropMimeData(data.get(), Qt::MoveAction, 0, 0,
                                        viewIndexOf(QStringLiteral("shop"))));
    }

    void aDropOnTheViewMovesTheRequest()
    {
        // The view's own drop handling (where on an item a drop lands), fed the events a
        // drag sends: just above "List orders" puts "Delete user" first in orders.http.
        std::unique_ptr<QMimeData> data(
            tree()->model()->mimeData({viewIndexOf(QStringLiteral("Delete user"))}));
        const QRect target = tree()->visualRect(viewIndexOf(QStringLiteral("List orders")));
        QVERIFY(dropOnTree(data.get(), QPoint(target.center().x(), target.top() + 1)));
        QTRY_COMPARE(names(path(QStringLiteral("shop/orders.http"))),
                     (QStringList{QStringLiteral("Delete user"), QStringLiteral("List orders"),
                                  QStringLiteral("Get order")}));
        QCOMPARE(readAll(path(QStringLiteral("users.http"))),
                 Users.left(Users.indexOf("### Delete user")));

        // Onto the middle of a folder: a file goes into it.
        QVERIFY(QDir(m_fx->dir.path()).mkdir(QStringLiteral("archive")));
        m_fx->session()->reload();
        data.reset(tree()->model()->mimeData({viewIndexOf(QStringLiteral("users.http"))}));
        QVERIFY(dropOnTree(data.get(),
                           tree()->visualRect(viewIndexOf(QStringLiteral("archive"))).center()));
        QTRY_VERIFY(QFile::exists(path(QStringLiteral("archive/users.http"))));
        QVERIFY(!QFile::exists(path(QStringLiteral("users.http"))));

        // A request onto a folder is not taken.
        data.reset(tree()->model()->mimeData({viewIndexOf(QStringLiteral("Get order"))}));
        QVERIFY(!dropOnTree(data.get(),
                            tree()->visualRect(viewIndexOf(QStringLiteral("shop"))).center()));
    }

    void aDraggedRequestKeepsNamingItsBodyFile()
    {
        // "< ./payload.json" next to users.http must name the same file from shop/.
        QVERIFY(writeAll(path(QStringLiteral("payload.json")), "{\"name\": \"Grace\"}"));
        const QByteArray send = "### Send payload\n"
                                "POST {{host}}/users\n"
                                "Content-Type: application/json\n"
                                "\n"
                                "< ./payload.json\n";
        QVERIFY(writeAll(path(QStringLiteral("users.http")), Users + "\n" + send));
        m_fx->session()->reload();
        click(QStringLiteral("Send payload"));
        std::unique_ptr<QMimeData> data(
            tree()->model()->mimeData({viewIndexOf(QStringLiteral("Send payload"))}));
        const QRect target = tree()->visualRect(viewIndexOf(QStringLiteral("List orders")));
        QVERIFY(dropOnTree(data.get(), QPoint(target.center().x(), target.top() + 1)));
        QTRY_COMPARE(names(path(QStringLiteral("shop/orders.http"))).first(),
                     QStringLiteral("Send payload"));
        QByteArray moved = send;
        moved.replace("< ./payload.json", "< ../payload.json");
        QCOMPARE(readAll(path(QStringLiteral("shop/orders.http"))), moved + Orders);
        QCOMPARE(readAll(path(QStringLiteral("users.http"))), Users + "\n");
        // The open tab shows the request as it is now written.
        RequestTab *tab = tabOf(QStringLiteral("Send payload"));
        QVERIFY(tab);
        QTRY_COMPARE(tab->filePath(), path(QStringLiteral("shop/orders.http")));
        QCOMPARE(tab->saved().body, QStringLiteral("< ../payload.json"));

        // Unsaved edits that name a file follow too, and stay unsaved.
        RequestDefinition edited = tab->saved();
        edited.body = QStringLiteral("< ../payload.json\n< ../shop/orders.http");
        tab->takeEdits(edited);
        QVERIFY(tab->isModified());
        data.reset(tree()->model()->mimeData({viewIndexOf(QStringLiteral("shop"))}));
        QVERIFY(QDir(m_fx->dir.path()).mkdir(QStringLiteral("archive")));
        m_fx->session()->reload();
        QVERIFY(dropOnTree(data.get(),
                           tree()->visualRect(viewIndexOf(QStringLiteral("archive"))).center()));
        QTRY_COMPARE(tab->filePath(), path(QStringLiteral("archive/shop/orders.http")));
        QTRY_COMPARE(tab->editor()->request().body,
                     QStringLiteral("< ../../payload.json\n< ../shop/orders.http"));
        QVERIFY(tab->isModified());
        QCOMPARE(tab->saved().body, QStringLiteral("< ../../payload.json"));
    }

    void theTreeKeepsItsStateAcrossReloads()
    {
        const QModelIndex shop = viewIndexOf(QStringLiteral("shop"));
        tree()->collapse(shop);
        click(QStringLiteral("Create user"));
        // Another program adds a file; the watcher (or anything) reloads.
        QVERIFY(writeAll(path(QStringLiteral("more.http")), "### More\nGET https://x.example/\n"));
        m_fx->session()->reload();
        QVERIFY(viewIndexOf(QStringLiteral("More")).isValid());
        QVERIFY(!tree()->isExpanded(viewIndexOf(QStringLiteral("shop"))));
        QVERIFY(tree()->isExpanded(viewIndexOf(QStringLiteral("users.http"))));
        QVERIFY(tree()->isExpanded(viewIndexOf(QStringLiteral("more.http")))); // new: open
        QCOMPARE(tree()->currentIndex().data().toString(), QStringLiteral("Create user"));
    }

    void quickOpenFiltersAndOpens()
    {
        QTest::keyClick(m_window, Qt::Key_P, Qt::ControlModifier);
        QuickOpenDialog *dialog = m_window->findChild<QuickOpenDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget *>(dialog));
        QAbstractItemModelTester tester(dialog->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(dialog->list()->model()->rowCount(), 5);
        QTest::keyClicks(dialog->queryEdit(), QStringLiteral("order"));
        QCOMPARE(dialog->list()->model()->rowCount(), 2);
        QCOMPARE(dialog->list()->currentIndex().data().toString(), QStringLiteral("List orders"));
        // By method and URL, words in any order.
        dialog->queryEdit()->clear();
        QTest::keyClicks(dialog->queryEdit(), QStringLiteral("users/1 delete"));
        QCOMPARE(dialog->list()->model()->rowCount(), 1);
        QCOMPARE(dialog->list()->currentIndex().data().toString(), QStringLiteral("Delete user"));
        // Letters in order in the name; Down then Enter opens the second.
        dialog->queryEdit()->clear();
        QTest::keyClicks(dialog->queryEdit(), QStringLiteral("lsus"));
        QCOMPARE(dialog->list()->model()->rowCount(), 1);
        dialog->queryEdit()->clear();
        QTest::keyClicks(dialog->queryEdit(), QStringLiteral("get"));
        QVERIFY(dialog->list()->model()->rowCount() >= 2);
        const QString second = dialog->list()->model()->index(1, 0).data().toString();
        QTest::keyClick(dialog->queryEdit(), Qt::Key_Down);
        QTest::keyClick(dialog->queryEdit(), Qt::Key_Return);
        QVERIFY(!dialog->isVisible());
        QVERIFY(m_window->currentTab());
        QCOMPARE(m_window->currentTab()->title(), second);
        // Nothing matches: Enter does nothing. (Offscreen, a hidden window stays the focus
        // window: the main window is activated by hand first.)
        m_window->activateWindow();
        QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget *>(m_window));
        QCOMPARE(m_window->showQuickOpen(), dialog);
        QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget *>(dialog));
        QCOMPARE(dialog->queryEdit()->text(), QString()); // a fresh query each time
        QTest::keyClicks(dialog->queryEdit(), QStringLiteral("zzzz"));
        QCOMPARE(dialog->list()->model()->rowCount(), 0);
        QTest::keyClick(dialog->queryEdit(), Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QTest::keyClick(dialog->queryEdit(), Qt::Key_Escape);
        QVERIFY(!dialog->isVisible());
    }
};

QTEST_MAIN(tst_WorkspaceTree)
#include "tst_workspacetree.moc"
