// Tree edits on real files in a temporary workspace: every operation writes what it should,
// keeps the bytes it did not touch, and refuses (writing nothing) when a file changed on disk,
// does not parse, or a name clashes.
#include "bodybytes.h"
#include "workspace/filereferencerewriter.h"
#include "workspace/httpfileparser.h"
#include "workspace/requestresolver.h"
#include "workspace/workspace.h"
#include "workspace/workspaceeditor.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

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

namespace {

const QByteArray Users = "# Users of the shop\n"
                         "@host = https://shop.example\n"
                         "\n"
                         "### List users\n"
                         "GET {{host}}/users\n"
                         "Accept: application/json\n"
                         "\n"
                         "### Create user\n"
                         "# @name createUser\n"
                         "POST {{host}}/users\n"
                         "Content-Type: application/json\n"
                         "\n"
                         "{\"name\": \"Ada\"}\n"
                         "\n"
                         "###\n"
                         "DELETE {{host}}/users/1\n";

// CRLF, and a first request without a "###" line (its head holds a variable and a comment).
const QByteArray Orders = "@host = https://shop.example\r\n"
                          "# orders, newest first\r\n"
                          "# @name listOrders\r\n"
                          "GET {{host}}/orders\r\n"
                          "\r\n"
                          "### Get order\r\n"
                          "GET {{host}}/orders/7\r\n";

const QByteArray Broken = "### Fine\n"
                          "GET https://example.com/\n"
                          "\n"
                          "### Broken\n"
                          "GET https://example.com/ HTTP/1.1 extra words\n";

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

// Requests that name files relative to their .http file (api/items.http), for the moves that
// must keep those names pointing at the same files.
const QByteArray CreateItem = "### Create item\n"
                              "POST https://example.com/items\n"
                              "Content-Type: application/json\n"
                              "\n"
                              "< ../data/payload.json\n"
                              "\n";
const QByteArray Upload = "### Upload\n"
                          "POST https://example.com/upload\n"
                          "Content-Type: multipart/form-data; boundary=XYZ\n"
                          "\n"
                          "--XYZ\n"
                          "Content-Disposition: form-data; name=\"title\"\n"
                          "\n"
                          "Logo\n"
                          "--XYZ\n"
                          "Content-Disposition: form-data; name=\"file\"; filename=\"logo.png\"\n"
                          "Content-Type: image/png\n"
                          "\n"
                          "< ../data/logo.png\n"
                          "--XYZ--\n"
                          "\n";
// Its include sits among JSON lines; the "< ./local.json" line in the response handler is
// script text, not a body line, and stays.
const QByteArray Local = "### Local\n"
                         "POST https://example.com/local\n"
                         "Content-Type: application/json\n"
                         "\n"
                         "[\n"
                         "< ./local.json\n"
                         "]\n"
                         "\n"
                         "> {%\n"
                         "< ./local.json\n"
                         "%}\n"
                         "\n";
const QByteArray Templated = "### Templated\n"
                             "POST https://example.com/templated\n"
                             "\n"
                             "< ./{{which}}.json\n"
                             "\n";
const QByteArray Missing = "### Missing\n"
                           "POST https://example.com/missing\n"
                           "\n"
                           "< ./not-yet.json\n"
                           "\n";
// Written without "./": a rewritten path is written without it too.
const QByteArray Plain = "### Plain\n"
                         "POST https://example.com/plain\n"
                         "\n"
                         "< local.json\n"
                         "\n";
// Response handlers naming files (kept for other clients): a script, a file the response is
// saved to, and a previous response that is not there.
const QByteArray Handled = "### Handled\n"
                           "GET https://example.com/handled\n"
                           "\n"
                           "> ../data/handler.js\n"
                           ">> ../data/saved.json\n"
                           "<> ./previous.json\n"
                           "\n";
const QByteArray Existing = "### Existing\n"
                            "GET https://example.com/\n"
                            "\n";

// The .http file's requests, each resolved as it would be sent: its body's bytes (or why not).
QHash<QString, QByteArray> resolvedBodies(const QString &root, const QString &filePath)
{
    const Workspace workspace = Workspace::load(root);
    QHash<QString, QByteArray> bodies;
    const HttpFile *file = workspace.file(filePath);
    if (!file)
        return bodies;
    for (const RequestDefinition &request : file->requests) {
        RequestResolver::FileAccess files;
        files.baseFolder = QFileInfo(filePath).absolutePath();
        files.workspaceRoot = root;
        const RequestResolver::Result result =
            RequestResolver::resolve(request, workspace.expander(*file, QString()), files);
        bodies.insert(request.displayName(),
                      result.ok() ? bodyBytes(result.request) : "(error) " + result.error.toUtf8());
    }
    return bodies;
}

// `bytes` with the first `from` replaced by `to`.
QByteArray replaced(QByteArray bytes, const QByteArray &from, const QByteArray &to)
{
    const qsizetype at = bytes.indexOf(from);
    return at < 0 ? bytes : bytes.replace(at, from.size(), to);
}

} // namespace

class tst_WorkspaceEditor : public QObject
{
    Q_OBJECT
    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString &relative) const { return m_dir->filePath(relative); }
    Workspace workspace() const { return Workspace::load(m_dir->path()); }

    // api/items.http names files in data/ and api/; other/, api/sub/ and the root hold one
    // request each, where requests are moved to.
    QString writeReferenceFixture()
    {
        const QDir root(m_dir->path());
        for (const char *folder : {"api/sub", "data", "other"})
            root.mkpath(QLatin1String(folder));
        writeAll(path(QStringLiteral("data/payload.json")), "{\"id\": 1}\n");
        writeAll(path(QStringLiteral("data/logo.png")), "\x89PNG bytes");
        writeAll(path(QStringLiteral("api/local.json")), "{\"local\": true}");
        writeAll(path(QStringLiteral("data/handler.js")), "client.log('done');");
        writeAll(path(QStringLiteral("data/saved.json")), "{}");
        writeAll(path(QStringLiteral("data/absolute.json")), "{\"absolute\": true}");
        for (const char *file : {"other/more.http", "api/sub/deeper.http", "top.http"})
            writeAll(path(QLatin1String(file)), Existing);
        const QString items = path(QStringLiteral("api/items.http"));
        writeAll(items, "@which = local\n\n" + CreateItem + Upload + Local + absoluteBlock() +
                            Templated + Missing + Plain + Handled);
        return items;
    }

    QByteArray absoluteBlock() const
    {
        return "### Absolute\n"
               "POST https://example.com/absolute\n"
               "\n"
               "< " +
               path(QStringLiteral("data/absolute.json")).toUtf8() + "\n\n";
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("shop/archive")));
        QVERIFY(writeAll(path(QStringLiteral("users.http")), Users));
        QVERIFY(writeAll(path(QStringLiteral("shop/orders.http")), Orders));
    }

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
        QString error;
        // The "###" line.
        QVERIFY2(WorkspaceEditor(workspace())
                     .renameRequest(path(QStringLiteral("users.http")), 0,
                                    QStringLiteral("All users"), &error),
                 qPrintable(error));
        QByteArray expected = Users;
        expected.replace("### List users\n", "### All users\n");
        QCOMPARE(readAll(path(QStringLiteral("users.http"))), expected);
        // The "# @name" line (the "###" text stays: it may be a description).
        QVERIFY2(WorkspaceEditor(workspace())
                     .renameRequest(path(QStringLiteral("users.http")), 1,
                                    QStringLiteral("addUser"), &error),
                 qPrintable(error));
        expected.replace("# @name createUser\n", "# @name addUser\n");
        QCOMPARE(readAll(path(QStringLiteral("users.http"))), expected);
        // A bare "###".
        QVERIFY2(WorkspaceEditor(workspace())
                     .renameRequest(path(QStringLiteral("users.http")), 2,
                                    QString::fromUtf8("Delete Ada \xc3\xa0 la fin"), &error),
                 qPrintable(error));
        expected.replace("###\nDELETE", QByteArray("### Delete Ada \xc3\xa0 la fin\nDELETE"));
        QCOMPARE(readAll(path(QStringLiteral("users.http"))), expected);
        QCOMPARE(names(path(QStringLiteral("users.http"))),
                 (QStringList{QStringLiteral("All users"), QStringLiteral("addUser"),
                              QString::fromUtf8("Delete Ada \xc3\xa0 la fin")}));
    }

    void renameTheFirstRequestOfAFileWithoutSeparator()
    {
        QString error;
        QVERIFY2(WorkspaceEditor(workspace())
                     .renameRequest(path(QStringLiteral("shop/orders.http")), 1,
                                    QStringLiteral("One order"), &error),
                 qPrintable(error));
        QByteArray expected = Orders;
        expected.replace("### Get order\r\n", "### One order\r\n");
        QCOMPARE(readAll(path(QStringLiteral("shop/orders.http"))), expected);
        QVERIFY2(WorkspaceEditor(workspace())
                     .renameRequest(path(QStringLiteral("shop/orders.http")), 0,
                                    QStringLiteral("orders"), &error),
                 qPrintable(error));
        expected.replace("# @name listOrders", "# @name orders");
        QCOMPARE(readAll(path(QStringLiteral("shop/orders.http"))), expected);
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

    void moveRequestKeepsItsFileReferences_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QByteArray>("block");
        QTest::addColumn<QString>("destination");
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::newRow("to a sibling folder")
            << 2 << Local << QStringLiteral("other/more.http") << QByteArray("< ./local.json\n")
            << QByteArray("< ../api/local.json\n");
        QTest::newRow("to the parent folder")
            << 0 << CreateItem << QStringLiteral("top.http")
            << QByteArray("< ../data/payload.json\n") << QByteArray("< ./data/payload.json\n");
        QTest::newRow("into a sub-folder")
            << 0 << CreateItem << QStringLiteral("api/sub/deeper.http")
            << QByteArray("< ../data/payload.json\n") << QByteArray("< ../../data/payload.json\n");
        QTest::newRow("a multipart file part")
            << 1 << Upload << QStringLiteral("top.http") << QByteArray("< ../data/logo.png\n")
            << QByteArray("< ./data/logo.png\n");
        QTest::newRow("without ./, to a sibling folder")
            << 6 << Plain << QStringLiteral("other/more.http") << QByteArray("< local.json\n")
            << QByteArray("< ../api/local.json\n");
        QTest::newRow("without ./, to the parent folder")
            << 6 << Plain << QStringLiteral("top.http") << QByteArray("< local.json\n")
            << QByteArray("< api/local.json\n");
    }

    void moveRequestKeepsItsFileReferences()
    {
        QFETCH(int, index);
        QFETCH(QByteArray, block);
        QFETCH(QString, destination);
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        const QString items = writeReferenceFixture();
        const QByteArray itemsBytes = readAll(items);
        const QString name = HttpFileParser::parseFile(items).requests.at(index).displayName();
        const QByteArray body = resolvedBodies(m_dir->path(), items).value(name);
        QVERIFY2(!body.isEmpty() && !body.startsWith("(error)"), body.constData());

        int at = -1;
        QString error;
        const QString to = path(destination);
        QVERIFY2(WorkspaceEditor(workspace()).moveRequest(items, index, to, 1, &at, &error),
                 qPrintable(error));
        QCOMPARE(at, 1);
        // Only the reference's line changed; both files keep every other byte.
        QVERIFY(block.contains(before));
        QCOMPARE(readAll(to), Existing + replaced(block, before, after));
        QCOMPARE(readAll(items), replaced(itemsBytes, block, QByteArray()));
        QCOMPARE(resolvedBodies(m_dir->path(), to).value(name), body);
    }

    void rewrittenLinesKeepTheirSpacingAndLineEnding()
    {
        writeReferenceFixture();
        const QByteArray crlf = "### Spaced\r\n"
                                "POST https://example.com/\r\n"
                                "\r\n"
                                "<   ./local.json  \r\n"
                                "\r\n"
                                "### Next\r\n"
                                "GET https://example.com/next\r\n";
        const HttpFile file = HttpFileParser::parse(crlf, path(QStringLiteral("api/spaced.http")));
        QCOMPARE(file.requests.size(), 2);
        const FileReferenceRewriter references(path(QStringLiteral("api")), m_dir->path());
        const QList<QByteArray> blocks = references.rewriteRequest(file, 0);
        QCOMPARE(blocks.join(), replaced(crlf, "./local.json", "./api/local.json"));
        QCOMPARE(references.rewriteBody(file.requests[0].body),
                 QStringLiteral("<   ./api/local.json  "));
        QCOMPARE(references.rewriteRequest(file, 1), file.blocks);
    }

    void moveRequestKeepsTheFilesItsHandlersName()
    {
        const QString items = writeReferenceFixture();
        const QByteArray itemsBytes = readAll(items);
        int at = -1;
        QString error;
        const QString top = path(QStringLiteral("top.http"));
        QVERIFY2(WorkspaceEditor(workspace()).moveRequest(items, 7, top, 1, &at, &error),
                 qPrintable(error));
        QByteArray moved = replaced(Handled, "> ../data/handler.js", "> ./data/handler.js");
        moved = replaced(moved, ">> ../data/saved.json", ">> ./data/saved.json");
        QCOMPARE(readAll(top), Existing + moved); // "<> ./previous.json" is not there: as it was
        QCOMPARE(readAll(items), replaced(itemsBytes, Handled, QByteArray()));
        const HttpFile written = HttpFileParser::parseFile(top);
        QCOMPARE(written.requests.at(1).responseHandlers,
                 QStringLiteral("> ./data/handler.js\n>> ./data/saved.json\n<> ./previous.json"));
    }

    void moveRequestLeavesOtherReferencesAsWritten_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("resolvesTheSame");
        QTest::newRow("an absolute path") << QStringLiteral("Absolute") << true;
        QTest::newRow("a path with a variable") << QStringLiteral("Templated") << false;
        QTest::newRow("a file that does not exist") << QStringLiteral("Missing") << false;
    }

    void moveRequestLeavesOtherReferencesAsWritten()
    {
        QFETCH(QString, name);
        QFETCH(bool, resolvesTheSame);
        const QString items = writeReferenceFixture();
        const HttpFile file = HttpFileParser::parseFile(items);
        int index = -1;
        for (int i = 0; i < file.requests.size(); ++i)
            index = file.requests[i].displayName() == name ? i : index;
        QVERIFY(index >= 0);
        const QByteArray block = file.blocks.at(file.requests[index].block);
        const QByteArray body = resolvedBodies(m_dir->path(), items).value(name);

        int at = -1;
        QString error;
        const QString top = path(QStringLiteral("top.http"));
        QVERIFY2(WorkspaceEditor(workspace()).moveRequest(items, index, top, 1, &at, &error),
                 qPrintable(error));
        QCOMPARE(readAll(top), Existing + block);
        if (resolvesTheSame)
            QCOMPARE(resolvedBodies(m_dir->path(), top).value(name), body);
    }

    void moveFileRewritesItsReferences()
    {
        const QString items = writeReferenceFixture();
        const QByteArray itemsBytes = readAll(items);
        const QHash<QString, QByteArray> bodies = resolvedBodies(m_dir->path(), items);
        QString moved;
        QString error;
        QVERIFY2(WorkspaceEditor(workspace()).movePath(items, m_dir->path(), &moved, &error),
                 qPrintable(error));
        QCOMPARE(moved, path(QStringLiteral("items.http")));
        QVERIFY(!QFile::exists(items));
        QByteArray expected = itemsBytes;
        expected = replaced(expected, "< ../data/payload.json\n", "< ./data/payload.json\n");
        expected = replaced(expected, "< ../data/logo.png\n", "< ./data/logo.png\n");
        expected = replaced(expected, "\n< ./local.json\n", "\n< ./api/local.json\n");
        expected = replaced(expected, "\n< local.json\n", "\n< api/local.json\n");
        expected = replaced(expected, "> ../data/handler.js\n", "> ./data/handler.js\n");
        expected = replaced(expected, ">> ../data/saved.json\n", ">> ./data/saved.json\n");
        QCOMPARE(readAll(moved), expected);
        const QHash<QString, QByteArray> after = resolvedBodies(m_dir->path(), moved);
        for (const QString &name :
             {QStringLiteral("Create item"), QStringLiteral("Upload"), QStringLiteral("Local"),
              QStringLiteral("Absolute"), QStringLiteral("Plain")})
            QCOMPARE(after.value(name), bodies.value(name));
        QVERIFY(!bodies.value(QStringLiteral("Create item")).startsWith("(error)"));
    }

    void moveFolderRewritesOnlyReferencesOutsideIt()
    {
        const QString items = writeReferenceFixture();
        const QByteArray itemsBytes = readAll(items);
        const QHash<QString, QByteArray> bodies = resolvedBodies(m_dir->path(), items);
        QString moved;
        QString error;
        QVERIFY2(WorkspaceEditor(workspace())
                     .movePath(path(QStringLiteral("api")), path(QStringLiteral("other")), &moved,
                               &error),
                 qPrintable(error));
        QCOMPARE(moved, path(QStringLiteral("other/api")));
        const QString movedItems = path(QStringLiteral("other/api/items.http"));
        QByteArray expected = itemsBytes; // "< ./local.json" moved with the folder: as it was
        expected = replaced(expected, "< ../data/payload.json\n", "< ../../data/payload.json\n");
        expected = replaced(expected, "< ../data/logo.png\n", "< ../../data/logo.png\n");
        expected = replaced(expected, "> ../data/handler.js\n", "> ../../data/handler.js\n");
        expected = replaced(expected, ">> ../data/saved.json\n", ">> ../../data/saved.json\n");
        QCOMPARE(readAll(movedItems), expected);
        QCOMPARE(readAll(path(QStringLiteral("other/api/sub/deeper.http"))), Existing);
        const QHash<QString, QByteArray> after = resolvedBodies(m_dir->path(), movedItems);
        for (const QString &name :
             {QStringLiteral("Create item"), QStringLiteral("Upload"), QStringLiteral("Local"),
              QStringLiteral("Absolute"), QStringLiteral("Templated")})
            QCOMPARE(after.value(name), bodies.value(name));
    }

    void renameFolderKeepsReferencesThatStillHold()
    {
        const QString items = writeReferenceFixture();
        // One reference leaves the folder and comes back in by its name.
        const QByteArray detour = "### Detour\nPOST https://example.com/d\n\n< ../api/local.json\n";
        QVERIFY(writeAll(items, readAll(items) + detour));
        const QByteArray itemsBytes = readAll(items);
        const QHash<QString, QByteArray> bodies = resolvedBodies(m_dir->path(), items);
        QString renamed;
        QString error;
        QVERIFY2(WorkspaceEditor(workspace())
                     .renamePath(path(QStringLiteral("api")), QStringLiteral("service"), &renamed,
                                 &error),
                 qPrintable(error));
        const QString renamedItems = path(QStringLiteral("service/items.http"));
        QCOMPARE(readAll(renamedItems),
                 replaced(itemsBytes, "< ../api/local.json\n", "< ./local.json\n"));
        QHash<QString, QByteArray> after = resolvedBodies(m_dir->path(), renamedItems);
        QVERIFY(after.remove(QStringLiteral("Missing"))); // its error names the new folder
        QHash<QString, QByteArray> expectedBodies = bodies;
        expectedBodies.remove(QStringLiteral("Missing"));
        QCOMPARE(after, expectedBodies);
    }

    void renameThatFailsPutsBackTheRewrittenFiles()
    {
        const QString items = writeReferenceFixture();
        QVERIFY(writeAll(items, readAll(items) + "### Detour\nPOST https://example.com/d\n\n"
                                                 "< ../api/local.json\n"));
        const QByteArray itemsBytes = readAll(items);
        // "API" differs only in case, so it is not refused as a clash up front; it is a folder
        // with content, so the rename itself fails after items.http was rewritten.
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("API")));
        QVERIFY(writeAll(path(QStringLiteral("API/keep.txt")), "kept"));
        QString renamed;
        QString error;
        QVERIFY(
            !WorkspaceEditor(workspace())
                 .renamePath(path(QStringLiteral("api")), QStringLiteral("API"), &renamed, &error));
        QVERIFY2(error.startsWith(QStringLiteral("Could not rename")), qPrintable(error));
        QCOMPARE(readAll(items), itemsBytes);
        QCOMPARE(readAll(path(QStringLiteral("API/keep.txt"))), QByteArray("kept"));
    }

    void moveThatCannotRewriteChangesNothing()
    {
        const QString items = writeReferenceFixture();
        const Workspace loaded = workspace();
        // Another program changed the file since the workspace was read.
        const QByteArray changed = readAll(items) + "### Added elsewhere\nGET https://e/\n";
        QVERIFY(writeAll(items, changed));
        QString moved;
        QString error;
        QVERIFY(!WorkspaceEditor(loaded).movePath(
            path(QStringLiteral("api")), m_dir->path() + QStringLiteral("/other"), &moved, &error));
        QVERIFY2(error.contains(QStringLiteral("changed on disk")), qPrintable(error));
        QCOMPARE(readAll(items), changed);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("other/api"))));
        // A request moved out of it is refused the same way, and neither file changes.
        int at = -1;
        QVERIFY(!WorkspaceEditor(loaded).moveRequest(items, 0, path(QStringLiteral("top.http")), 0,
                                                     &at, &error));
        QCOMPARE(readAll(items), changed);
        QCOMPARE(readAll(path(QStringLiteral("top.http"))), Existing);
    }

    void deleteRequestsFilesAndFolders()
    {
        QString error;
        const QString users = path(QStringLiteral("users.http"));
        QVERIFY2(WorkspaceEditor(workspace()).removeRequest(users, 1, &error), qPrintable(error));
        QCOMPARE(readAll(users), QByteArray("# Users of the shop\n"
                                            "@host = https://shop.example\n"
                                            "\n"
                                            "### List users\n"
                                            "GET {{host}}/users\n"
                                            "Accept: application/json\n"
                                            "\n"
                                            "###\n"
                                            "DELETE {{host}}/users/1\n"));
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
        WorkspaceModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        WorkspaceSession session(&model, nullptr);
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
        WorkspaceModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        WorkspaceSession session(&model, nullptr);
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
