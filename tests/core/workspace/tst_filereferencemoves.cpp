// Moves and renames keep what requests name: body files, multipart parts and response
// handlers relative to their .http file are rewritten so they point at the same files, the rest
// is left as written, and a rewrite that cannot be done changes nothing.
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

class tst_FileReferenceMoves : public WorkspaceEditFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() { QVERIFY(createWorkspace()); }

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
};

QTEST_GUILESS_MAIN(tst_FileReferenceMoves)
#include "tst_filereferencemoves.moc"
