// Tree edits on real files in a temporary workspace: every operation writes what it should,
// keeps the bytes it did not touch, and refuses (writing nothing) when a file changed on disk,
// does not parse, or a name clashes.
#include "workspace/filereferencerewriter.h"
#include "workspace/httpfileparser.h"
#include "workspace/requestresolver.h"
#include "workspace/workspace.h"
#include "workspace/workspaceeditor.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"
#include "workspaceeditfixture.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;
using namespace workspacefixture;

// A session on a model whose every change is checked by QAbstractItemModelTester.
struct TestedSession {
    WorkspaceModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    WorkspaceSession session{&model, nullptr};
};

class tst_WorkspaceEditor : public WorkspaceEditFixture
{
    Q_OBJECT
    // Renames a request through the editor, which must succeed; the file then reads as
    // *expected with `from` replaced by `to`.
    void renameRequest(const QString &file, int index, const QString &name, QByteArray *expected,
                       const QByteArray &from, const QByteArray &to)
    {
        QString error;
        QVERIFY2(WorkspaceEditor(workspace()).renameRequest(file, index, name, &error),
                 qPrintable(error));
        expected->replace(from, to);
        QCOMPARE(readAll(file), *expected);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() { QVERIFY(createWorkspace()); }

    void newRequestIsAppendedAndTheRestKeepsItsBytes()
    {
        WorkspaceEditor editor(workspace());
        int index = -1;
        QString error;
        QVERIFY2(editor.addRequest(path(QStringLiteral("users.http")), &index, &error),
                 qPrintable(error));
        QCOMPARE(index, 3);
        const QByteArray bytes = readAll(path(QStringLiteral("users.http")));
        QCOMPARE(bytes.left(Users.size()), Users);
        QCOMPARE(bytes.mid(Users.size()),
                 QByteArray("### New request\nGET https://example.com/\n\n"));
        // A second one gets a name of its own.
        WorkspaceEditor again(workspace());
        QVERIFY2(again.addRequest(path(QStringLiteral("users.http")), &index, &error),
                 qPrintable(error));
        QCOMPARE(names(path(QStringLiteral("users.http"))).last(), QStringLiteral("New request 2"));
        QCOMPARE(again.relocations().size(), 1);
        QCOMPARE(again.relocations().first().newIndex, 4);
    }

    void newFilesAndFolders()
    {
        WorkspaceEditor editor(workspace());
        QString created;
        QString error;
        QVERIFY2(editor.addFile(path(QStringLiteral("shop")), QStringLiteral("payments"), true,
                                &created, &error),
                 qPrintable(error));
        QCOMPARE(created, path(QStringLiteral("shop/payments.http")));
        QCOMPARE(names(created), QStringList{QStringLiteral("New request")});
        QVERIFY2(
            editor.addFile(m_dir->path(), QStringLiteral("empty.rest"), false, &created, &error),
            qPrintable(error));
        QCOMPARE(readAll(created), QByteArray());
        QVERIFY2(editor.addFolder(path(QStringLiteral("shop")), QStringLiteral("admin"), &created,
                                  &error),
                 qPrintable(error));
        QVERIFY(QFileInfo(path(QStringLiteral("shop/admin"))).isDir());
        // An empty folder shows in the tree; one of other files does not.
        QVERIFY(writeAll(path(QStringLiteral("shop/archive/data.json")), "{}"));
        const Workspace loaded = workspace();
        QCOMPARE(loaded.folders(), QStringList{path(QStringLiteral("shop/admin"))});
        WorkspaceModel model;
        model.setWorkspace(loaded);
        QVERIFY(model.pathIndex(path(QStringLiteral("shop/admin"))).isValid());
        QVERIFY(!model.pathIndex(path(QStringLiteral("shop/archive"))).isValid());

        // Clashes and bad names are refused, saying what and where.
        QVERIFY(!editor.addFile(path(QStringLiteral("shop")), QStringLiteral("orders.http"), false,
                                &created, &error));
        QVERIFY2(error.contains(QStringLiteral("orders.http already exists")), qPrintable(error));
        QCOMPARE(readAll(path(QStringLiteral("shop/orders.http"))), Orders);
        QVERIFY(!editor.addFolder(m_dir->path(), QStringLiteral("a/b"), &created, &error));
        QVERIFY2(error.contains(QStringLiteral("slash")), qPrintable(error));
        QVERIFY(!editor.addFolder(m_dir->path(), QStringLiteral(".git"), &created, &error));
        QVERIFY2(error.contains(QStringLiteral("hidden")), qPrintable(error));
        QVERIFY(!editor.addFolder(m_dir->path(), QStringLiteral("shop"), &created, &error));
        QVERIFY2(error.contains(QStringLiteral("already exists")), qPrintable(error));
    }

    void renameRequestWhereItsNameIsWritten()
    {
        // The "###" line.
        QByteArray expected = Users;
        renameRequest(path(QStringLiteral("users.http")), 0, QStringLiteral("All users"), &expected,
                      "### List users\n", "### All users\n");
        // The "# @name" line (the "###" text stays: it may be a description).
        renameRequest(path(QStringLiteral("users.http")), 1, QStringLiteral("addUser"), &expected,
                      "# @name createUser\n", "# @name addUser\n");
        // A bare "###".
        renameRequest(path(QStringLiteral("users.http")), 2,
                      QString::fromUtf8("Delete Ada \xc3\xa0 la fin"), &expected, "###\nDELETE",
                      QByteArray("### Delete Ada \xc3\xa0 la fin\nDELETE"));
        QCOMPARE(names(path(QStringLiteral("users.http"))),
                 (QStringList{QStringLiteral("All users"), QStringLiteral("addUser"),
                              QString::fromUtf8("Delete Ada \xc3\xa0 la fin")}));
    }

    void renameTheFirstRequestOfAFileWithoutSeparator()
    {
        QString error;
        QByteArray expected = Orders;
        renameRequest(path(QStringLiteral("shop/orders.http")), 1, QStringLiteral("One order"),
                      &expected, "### Get order\r\n", "### One order\r\n");
        renameRequest(path(QStringLiteral("shop/orders.http")), 0, QStringLiteral("orders"),
                      &expected, "# @name listOrders", "# @name orders");
        // Without a name: a "###" line is added below the file's variables.
        const QString bare = path(QStringLiteral("bare.http"));
        QVERIFY(writeAll(bare, "@v = 1\nGET https://a.example/\n"));
        QVERIFY2(
            WorkspaceEditor(workspace()).renameRequest(bare, 0, QStringLiteral("Bare"), &error),
            qPrintable(error));
        QCOMPARE(readAll(bare), QByteArray("@v = 1\n### Bare\nGET https://a.example/\n"));
    }

    void renameRefusals()
    {
        QString error;
        const QString users = path(QStringLiteral("users.http"));
        // Another request has that name.
        QVERIFY(!WorkspaceEditor(workspace())
                     .renameRequest(users, 2, QStringLiteral("createUser"), &error));
        QVERIFY2(error.contains(QStringLiteral("already has a request named \"createUser\"")),
                 qPrintable(error));
        QVERIFY(!WorkspaceEditor(workspace()).renameRequest(users, 2, QStringLiteral(" "), &error));
        // Changed on disk since it was read: nothing written.
        const Workspace before = workspace();
        QByteArray changed = readAll(users) + "\n### Added elsewhere\nGET https://x.example/\n";
        QVERIFY(writeAll(users, changed));
        QVERIFY(!WorkspaceEditor(before).renameRequest(users, 2, QStringLiteral("Gone"), &error));
        QVERIFY2(error.contains(QStringLiteral("changed on disk")), qPrintable(error));
        QCOMPARE(readAll(users), changed);
        // A file that does not parse is never written.
        const QString broken = path(QStringLiteral("broken.http"));
        QVERIFY(writeAll(broken, Broken));
        WorkspaceEditor editor(workspace());
        QVERIFY(!editor.renameRequest(broken, 0, QStringLiteral("Still fine"), &error));
        QVERIFY2(error.contains(QStringLiteral("does not parse")), qPrintable(error));
        QCOMPARE(readAll(broken), Broken);
        QVERIFY(editor.relocations().isEmpty());
    }

    void renameFilesAndFolders()
    {
        WorkspaceEditor editor(workspace());
        QString renamed;
        QString error;
        QVERIFY2(editor.renamePath(path(QStringLiteral("users.http")), QStringLiteral("people"),
                                   &renamed, &error),
                 qPrintable(error));
        QCOMPARE(renamed, path(QStringLiteral("people.http")));
        QCOMPARE(readAll(renamed), Users);
        QVERIFY2(editor.renamePath(path(QStringLiteral("shop")), QStringLiteral("store"), &renamed,
                                   &error),
                 qPrintable(error));
        QCOMPARE(readAll(path(QStringLiteral("store/orders.http"))), Orders);
        QCOMPARE(editor.relocations().size(), 2);
        QCOMPARE(editor.relocations().last().oldPath, path(QStringLiteral("shop")));
        QCOMPARE(editor.relocations().last().newPath, path(QStringLiteral("store")));

        QVERIFY(writeAll(path(QStringLiteral("notes.rest")), "GET https://example.com/\n"));
        QVERIFY2(editor.renamePath(path(QStringLiteral("notes.rest")), QStringLiteral("memo"),
                                   &renamed, &error),
                 qPrintable(error));
        QCOMPARE(renamed, path(QStringLiteral("memo.rest")));
        QVERIFY(writeAll(path(QStringLiteral("other.http")), "GET https://example.com/\n"));
        QVERIFY(!editor.renamePath(path(QStringLiteral("other.http")), QStringLiteral("people"),
                                   &renamed, &error));
        QVERIFY2(error.contains(QStringLiteral("people.http already exists")), qPrintable(error));
        QVERIFY(QFile::exists(path(QStringLiteral("other.http"))));
    }

    void duplicateInsertsACopyAfterIt()
    {
        QString error;
        int copy = -1;
        const QString users = path(QStringLiteral("users.http"));
        QVERIFY2(WorkspaceEditor(workspace()).duplicateRequest(users, 1, &copy, &error),
                 qPrintable(error));
        QCOMPARE(copy, 2);
        const HttpFile file = HttpFileParser::parseFile(users);
        QCOMPARE(file.requests.size(), 4);
        QCOMPARE(file.requests[2].name, QStringLiteral("createUser copy"));
        QCOMPARE(file.requests[2].body, file.requests[1].body);
        QCOMPARE(file.requests[2].headers, file.requests[1].headers);
        const QByteArray bytes = readAll(users);
        const QByteArray block = "### Create user\n# @name createUser\nPOST {{host}}/users\n"
                                 "Content-Type: application/json\n\n{\"name\": \"Ada\"}\n\n";
        QVERIFY(bytes.contains(block + "### Create user\n# @name createUser copy\n"));
        QVERIFY(bytes.endsWith("###\nDELETE {{host}}/users/1\n"));
        // Twice: the second copy is numbered.
        QVERIFY2(WorkspaceEditor(workspace()).duplicateRequest(users, 1, &copy, &error),
                 qPrintable(error));
        QCOMPARE(names(users).at(2), QStringLiteral("createUser copy 2"));

        // The head request of a file: its variables are not copied.
        const QString orders = path(QStringLiteral("shop/orders.http"));
        QVERIFY2(WorkspaceEditor(workspace()).duplicateRequest(orders, 0, &copy, &error),
                 qPrintable(error));
        QCOMPARE(readAll(orders).count("@host"), 1);
        QCOMPARE(names(orders),
                 (QStringList{QStringLiteral("listOrders"), QStringLiteral("listOrders copy"),
                              QStringLiteral("Get order")}));
    }

    void moveBetweenFilesWritesBothAndKeepsTheHead()
    {
        QString error;
        int at = -1;
        const QString users = path(QStringLiteral("users.http"));
        const QString orders = path(QStringLiteral("shop/orders.http"));
        WorkspaceEditor editor(workspace());
        // The head request of orders.http (CRLF) to the middle of users.http (LF).
        QVERIFY2(editor.moveRequest(orders, 0, users, 1, &at, &error), qPrintable(error));
        QCOMPARE(at, 1);
        QCOMPARE(
            names(users),
            (QStringList{QStringLiteral("List users"), QStringLiteral("listOrders"),
                         QStringLiteral("createUser"), QStringLiteral("DELETE {{host}}/users/1")}));
        const QByteArray usersBytes = readAll(users);
        QVERIFY2(!usersBytes.contains('\r'), usersBytes.constData());
        QVERIFY(usersBytes.contains("###\n# @name listOrders\nGET {{host}}/orders\n"));
        // The variable and the file's comment stay in orders.http, byte for byte.
        QCOMPARE(readAll(orders), QByteArray("@host = https://shop.example\r\n"
                                             "# orders, newest first\r\n"
                                             "### Get order\r\n"
                                             "GET {{host}}/orders/7\r\n"));
        QCOMPARE(editor.relocations().size(), 1);
        QCOMPARE(editor.relocations().first().newPath, users);
        QCOMPARE(editor.relocations().first().newIndex, 1);

        // To the end of a file, and into an empty file.
        QVERIFY(writeAll(path(QStringLiteral("empty.http")), QByteArray()));
        WorkspaceEditor second(workspace());
        QVERIFY2(second.moveRequest(users, 3, path(QStringLiteral("empty.http")), 0, &at, &error),
                 qPrintable(error));
        QCOMPARE(readAll(path(QStringLiteral("empty.http"))),
                 QByteArray("###\nDELETE {{host}}/users/1\n"));
        QCOMPARE(names(users).size(), 3);
    }

    void moveWithinAFileReorders()
    {
        QString error;
        int at = -1;
        const QString users = path(QStringLiteral("users.http"));
        QVERIFY2(WorkspaceEditor(workspace()).moveRequest(users, 0, users, 3, &at, &error),
                 qPrintable(error));
        QCOMPARE(at, 2);
        QCOMPARE(names(users), (QStringList{QStringLiteral("createUser"),
                                            QStringLiteral("DELETE {{host}}/users/1"),
                                            QStringLiteral("List users")}));
        // The file's head stays on top.
        QVERIFY(readAll(users).startsWith("# Users of the shop\n@host = https://shop.example\n\n"
                                          "### Create user\n"));
        QVERIFY2(WorkspaceEditor(workspace()).moveRequest(users, 2, users, 0, &at, &error),
                 qPrintable(error));
        QCOMPARE(at, 0);
        QCOMPARE(names(users).first(), QStringLiteral("List users"));
        // Moving to where it is writes nothing.
        WorkspaceEditor still(workspace());
        QVERIFY(still.moveRequest(users, 1, users, 2, &at, &error));
        QCOMPARE(at, 1);
        QVERIFY(still.relocations().isEmpty());
    }

    void moveRefusalsWriteNothing()
    {
        QString error;
        int at = -1;
        const QString users = path(QStringLiteral("users.http"));
        const QString orders = path(QStringLiteral("shop/orders.http"));
        // A request of that name is already there.
        QVERIFY(writeAll(path(QStringLiteral("more.http")),
                         "### More\n# @name createUser\nGET https://example.com/\n"));
        QVERIFY(!WorkspaceEditor(workspace())
                     .moveRequest(users, 1, path(QStringLiteral("more.http")), 0, &at, &error));
        QVERIFY2(error.contains(QStringLiteral("already has a request named \"createUser\"")),
                 qPrintable(error));
        // The destination changed on disk: neither file is written.
        const Workspace before = workspace();
        const QByteArray changed = Orders + "\r\n### New elsewhere\r\nGET https://x/\r\n";
        QVERIFY(writeAll(orders, changed));
        QVERIFY(!WorkspaceEditor(before).moveRequest(users, 0, orders, 0, &at, &error));
        QVERIFY2(error.contains(QStringLiteral("changed on disk")), qPrintable(error));
        QCOMPARE(readAll(orders), changed);
        QCOMPARE(readAll(users), Users);
        // The source changed on disk: the destination is not written either.
        const Workspace again = workspace();
        QVERIFY(writeAll(users, Users + "\n"));
        QVERIFY(!WorkspaceEditor(again).moveRequest(users, 0, orders, 0, &at, &error));
        QCOMPARE(readAll(orders), changed);
        // Out of a file that does not parse.
        QVERIFY(writeAll(path(QStringLiteral("broken.http")), Broken));
        QVERIFY(!WorkspaceEditor(workspace())
                     .moveRequest(path(QStringLiteral("broken.http")), 0, users, 0, &at, &error));
        QVERIFY2(error.contains(QStringLiteral("does not parse")), qPrintable(error));
        QCOMPARE(readAll(path(QStringLiteral("broken.http"))), Broken);
        QCOMPARE(readAll(users), Users + "\n");
    }

    void moveFilesAndFoldersIntoFolders()
    {
        QString moved;
        QString error;
        WorkspaceEditor editor(workspace());
        QVERIFY2(editor.movePath(path(QStringLiteral("users.http")), path(QStringLiteral("shop")),
                                 &moved, &error),
                 qPrintable(error));
        QCOMPARE(moved, path(QStringLiteral("shop/users.http")));
        QCOMPARE(readAll(moved), Users);
        QVERIFY2(
            editor.movePath(path(QStringLiteral("shop/archive")), m_dir->path(), &moved, &error),
            qPrintable(error));
        QVERIFY(QFileInfo(path(QStringLiteral("archive"))).isDir());

        // A folder into itself or below itself.
        QVERIFY(!editor.movePath(path(QStringLiteral("shop")), path(QStringLiteral("shop")), &moved,
                                 &error));
        QVERIFY2(error.contains(QStringLiteral("into itself")), qPrintable(error));
        QVERIFY(QDir().mkpath(path(QStringLiteral("shop/deeper"))));
        QVERIFY(!editor.movePath(path(QStringLiteral("shop")), path(QStringLiteral("shop/deeper")),
                                 &moved, &error));
        QVERIFY2(error.contains(QStringLiteral("into itself")), qPrintable(error));
        // A name taken in the folder.
        QVERIFY(writeAll(path(QStringLiteral("orders.http")), "GET https://example.com/\n"));
        QVERIFY(!editor.movePath(path(QStringLiteral("orders.http")), path(QStringLiteral("shop")),
                                 &moved, &error));
        QVERIFY2(error.contains(QStringLiteral("already exists")), qPrintable(error));
        QCOMPARE(readAll(path(QStringLiteral("shop/orders.http"))), Orders);
        // Out of the workspace.
        QTemporaryDir elsewhere;
        QVERIFY(!editor.movePath(path(QStringLiteral("orders.http")), elsewhere.path(), &moved,
                                 &error));
        QVERIFY2(error.contains(QStringLiteral("not a folder of the workspace")),
                 qPrintable(error));
    }

    void deleteRequestsFilesAndFolders()
    {
        QString error;
        const QString users = path(QStringLiteral("users.http"));
        QVERIFY2(WorkspaceEditor(workspace()).removeRequest(users, 1, &error), qPrintable(error));
        // "Create user" is gone, from its "###" line to the next one; the rest stays as it was.
        QCOMPARE(readAll(users), Users.left(Users.indexOf("### Create user")) +
                                     Users.mid(Users.indexOf("###\nDELETE")));
        // The head request: the head's variable and comment stay.
        const QString orders = path(QStringLiteral("shop/orders.http"));
        QVERIFY2(WorkspaceEditor(workspace()).removeRequest(orders, 0, &error), qPrintable(error));
        QCOMPARE(readAll(orders), QByteArray("@host = https://shop.example\r\n"
                                             "# orders, newest first\r\n"
                                             "### Get order\r\n"
                                             "GET {{host}}/orders/7\r\n"));

        WorkspaceEditor editor(workspace());
        QCOMPARE(editor.removePath(users, WorkspaceEditor::Removal::Permanently, &error),
                 WorkspaceEditor::RemoveResult::Deleted);
        QVERIFY(!QFile::exists(users));
        QCOMPARE(editor.removePath(path(QStringLiteral("shop")),
                                   WorkspaceEditor::Removal::Permanently, &error),
                 WorkspaceEditor::RemoveResult::Deleted);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("shop"))));
        QCOMPARE(editor.removePath(m_dir->path(), WorkspaceEditor::Removal::Permanently, &error),
                 WorkspaceEditor::RemoveResult::Failed);
        QVERIFY(QFileInfo(m_dir->path()).isDir());
    }

    void deleteToTheTrashOrSayItIsNotThere()
    {
        QString error;
        const QString users = path(QStringLiteral("users.http"));
        WorkspaceEditor editor(workspace());
        const WorkspaceEditor::RemoveResult result =
            editor.removePath(users, WorkspaceEditor::Removal::ToTrash, &error);
        if (result == WorkspaceEditor::RemoveResult::Trashed) {
            QVERIFY(!QFile::exists(users));
            QCOMPARE(editor.relocations().size(), 1);
        } else {
            // Nothing done: the caller asks before deleting for good.
            QCOMPARE(result, WorkspaceEditor::RemoveResult::TrashUnavailable);
            QCOMPARE(readAll(users), Users);
            QVERIFY(editor.relocations().isEmpty());
            // (Qt 6.4 without a trash folder moves files to ./files: never left there.)
            QVERIFY(!QFileInfo::exists(QStringLiteral("files/users.http")));
            QVERIFY(!QFileInfo::exists(QStringLiteral("info")));
        }
    }

    void sessionReloadsTheTreeAfterAnEdit()
    {
        TestedSession tested;
        WorkspaceModel &model = tested.model;
        WorkspaceSession &session = tested.session;
        QString error;
        QVERIFY(session.open(m_dir->path(), &error));
        QSignalSpy relocated(&session, &WorkspaceSession::relocated);
        const QString users = path(QStringLiteral("users.http"));
        QVERIFY2(session.edit(
                     [&](WorkspaceEditor &editor, QString *why) {
                         int at = -1;
                         return editor.moveRequest(
                             users, 0, path(QStringLiteral("shop/orders.http")), 2, &at, why);
                     },
                     &error),
                 qPrintable(error));
        QCOMPARE(relocated.size(), 1);
        const QModelIndex moved = model.requestIndex(path(QStringLiteral("shop/orders.http")), 2);
        QCOMPARE(moved.data().toString(), QStringLiteral("List users"));
        QCOMPARE(model.rowCount(model.pathIndex(users)), 2);

        // Names edited in the tree are written through the session (once back in the loop).
        QVERIFY(model.flags(moved).testFlag(Qt::ItemIsEditable));
        QCOMPARE(moved.data(Qt::EditRole).toString(), QStringLiteral("List users"));
        QVERIFY(model.setData(moved, QStringLiteral("Every user")));
        QTRY_COMPARE(names(path(QStringLiteral("shop/orders.http"))).value(2),
                     QStringLiteral("Every user"));
        QTRY_COMPARE(
            model.requestIndex(path(QStringLiteral("shop/orders.http")), 2).data().toString(),
            QStringLiteral("Every user"));

        // A refused edit comes out as editFailed, with the reason.
        QSignalSpy failed(&model, &WorkspaceModel::editFailed);
        QVERIFY(model.setData(model.requestIndex(users, 1), QStringLiteral("createUser")));
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("already has")),
                 qPrintable(failed.first().first().toString()));
    }

    void dropsMoveRequestsFilesAndFolders()
    {
        TestedSession tested;
        WorkspaceModel &model = tested.model;
        WorkspaceSession &session = tested.session;
        QString error;
        QVERIFY(session.open(m_dir->path(), &error));
        const QString users = path(QStringLiteral("users.http"));
        const QString orders = path(QStringLiteral("shop/orders.http"));

        // A request between two requests of another file.
        std::unique_ptr<QMimeData> data(model.mimeData({model.requestIndex(users, 2)}));
        QVERIFY(data);
        const QModelIndex ordersIndex = model.pathIndex(orders);
        QVERIFY(model.canDropMimeData(data.get(), Qt::MoveAction, 1, 0, ordersIndex));
        // Not into a folder: a request lives in a file.
        QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, 0, 0,
                                       model.pathIndex(path(QStringLiteral("shop")))));
        QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, 1, 0, ordersIndex));
        QTRY_COMPARE(names(orders).size(), 3);
        QCOMPARE(names(orders).at(1), QStringLiteral("DELETE {{host}}/users/1"));
        QTRY_COMPARE(model.rowCount(model.pathIndex(users)), 2);

        // A file into a folder.
        data.reset(model.mimeData({model.pathIndex(users)}));
        const QModelIndex shop = model.pathIndex(path(QStringLiteral("shop")));
        QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, 0, 0, model.pathIndex(orders)));
        QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, shop));
        QTRY_VERIFY(QFile::exists(path(QStringLiteral("shop/users.http"))));
        QTRY_VERIFY(model.pathIndex(path(QStringLiteral("shop/users.http"))).isValid());

        // A folder into its own sub-folder is refused, with the reason.
        QVERIFY(QDir().mkpath(path(QStringLiteral("shop/archive/old"))));
        QVERIFY(writeAll(path(QStringLiteral("shop/archive/old/a.http")), "GET https://a/\n"));
        session.reload();
        QSignalSpy failed(&model, &WorkspaceModel::editFailed);
        data.reset(model.mimeData({model.pathIndex(path(QStringLiteral("shop")))}));
        QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, -1, 0,
                                   model.pathIndex(path(QStringLiteral("shop/archive/old")))));
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("into itself")));
        QVERIFY(QFile::exists(path(QStringLiteral("shop/archive/old/a.http"))));
    }
};

QTEST_GUILESS_MAIN(tst_WorkspaceEditor)
#include "tst_workspaceeditor.moc"
