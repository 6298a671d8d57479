// DraftStore: unsaved edits kept in a JSON file per workspace — round trip, the file always
// whole even when the writer is killed mid-write, and damaged files moved aside with a message.
#include "filemode.h"
#include "workspace/draftstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace mr;

namespace {

RequestDefinition sampleRequest(const QString &name, const QString &body)
{
    RequestDefinition request;
    request.name = name;
    request.nameSource = RequestDefinition::NameSource::Directive;
    request.method = QStringLiteral("POST");
    request.url = QStringLiteral("{{baseUrl}}/anything/orders?x=1");
    request.httpVersion = QStringLiteral("HTTP/1.1");
    request.headers = {
        {QStringLiteral("Content-Type"), QStringLiteral("application/json"), 5},
        {QStringLiteral("X-Caf\u00e9"), QString::fromUtf8("\xe2\x98\x95 {{token}}"), 6}};
    request.body = body;
    request.directives = {{QStringLiteral("name"), name, 3},
                          {QStringLiteral("timeout"), QStringLiteral("2 s"), 4}};
    request.comments = {QStringLiteral("# a comment"), QStringLiteral("// another")};
    request.responseHandlers = QStringLiteral("> {% client.global.set(\"a\", 1) %}");
    request.block = 2;
    request.firstLine = 3;
    request.requestLine = 5;
    request.lastLine = 12;
    return request;
}

QList<DraftStore::Draft> sampleDrafts(int serial)
{
    DraftStore::Draft first;
    first.filePath = QStringLiteral("/work/space/orders.http");
    first.requestIndex = 2;
    first.original = sampleRequest(QStringLiteral("create"), QStringLiteral("{\n  \"a\": 1\n}"));
    first.edited =
        sampleRequest(QStringLiteral("create"),
                      QStringLiteral("{\n  \"a\": %1,\n  \"tab\": \"\t\"\n}").arg(serial));
    DraftStore::Draft second;
    second.filePath = QStringLiteral("/work/space/sub/users.http");
    second.requestIndex = 0;
    second.original = sampleRequest(QString(), QString());
    second.original.nameSource = RequestDefinition::NameSource::None;
    second.edited = second.original;
    second.edited.method = QStringLiteral("DELETE");
    second.edited.headers.clear();
    // Enough text that a write is not one tiny syscall.
    second.edited.body = QString(64 * 1024, QLatin1Char('x')) + QString::number(serial);
    return {first, second};
}

// The child's loop: writes drafts as fast as it can until killed.
int writeDraftsForever(const QString &path)
{
    const DraftStore store(path);
    for (int serial = 0;; ++serial) {
        QString error;
        if (!store.save(sampleDrafts(serial), &error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        if (serial == 0)
            fprintf(stdout, "ready\n"), fflush(stdout);
    }
}

} // namespace

class tst_DraftStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void pathIsPerWorkspace()
    {
        const QString data = m_dir.filePath(QStringLiteral("data"));
        const QString a = DraftStore::pathFor(data, QStringLiteral("/home/ada/api"));
        QCOMPARE(a, DraftStore::pathFor(data, QStringLiteral("/home/ada/api/")));
        QVERIFY(a != DraftStore::pathFor(data, QStringLiteral("/home/ada/api2")));
        QCOMPARE(QFileInfo(a).absolutePath(), QDir(data).filePath(QStringLiteral("drafts")));
        QVERIFY(a.endsWith(QLatin1String(".json")));
    }

    void draftsAreOwnerOnly()
    {
        // Unsaved edits hold whatever was typed, tokens included: the user's only.
        const QString data = m_dir.filePath(QStringLiteral("owner-only/data"));
        const DraftStore store(DraftStore::pathFor(data, QStringLiteral("/home/ada/api")));
        QString error;
        QVERIFY2(store.save(sampleDrafts(1), &error), qPrintable(error));
        QCOMPARE(fileMode(store.path()), 0600);
        QCOMPARE(fileMode(QFileInfo(store.path()).absolutePath()), 0700); // drafts/
        QCOMPARE(fileMode(data), 0700);
        // One an older version left readable by everyone is tightened when written again.
        QVERIFY(setFileMode(store.path(), 0644));
        QVERIFY2(store.save(sampleDrafts(2), &error), qPrintable(error));
        QCOMPARE(fileMode(store.path()), 0600);
    }

    void roundTripsEverythingTheEditorEdits()
    {
        const DraftStore store(m_dir.filePath(QStringLiteral("data/drafts/one.json")));
        QVERIFY(!store.exists());
        QString error;
        QVERIFY(store.load(&error).isEmpty());
        QVERIFY(error.isEmpty());

        const QList<DraftStore::Draft> drafts = sampleDrafts(7);
        QVERIFY2(store.save(drafts, &error), qPrintable(error));
        QVERIFY(store.exists());
        const QList<DraftStore::Draft> loaded = store.load(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(loaded.size(), 2);
        QVERIFY(loaded[0] == drafts[0]);
        QVERIFY(loaded[1] == drafts[1]);
        QCOMPARE(loaded[0].edited.headers[1].value, drafts[0].edited.headers[1].value);
        QCOMPARE(loaded[0].edited.body, drafts[0].edited.body);
        QCOMPARE(loaded[0].edited.responseHandlers, drafts[0].edited.responseHandlers);
        QCOMPARE(loaded[1].original.nameSource, RequestDefinition::NameSource::None);

        // One draft left, then none: the file goes with the last one.
        QVERIFY(store.save({drafts[1]}, &error));
        QCOMPARE(store.load(&error).size(), 1);
        QVERIFY(store.save({}, &error));
        QVERIFY(!store.exists());
        QVERIFY(store.save({}, &error)); // nothing to remove is fine too
    }

    void damagedFilesAreMovedAsideWithAMessage_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("where");
        QTest::newRow("truncated") << QByteArray("{\n  \"drafts\": [\n    {\"file\": ") << ":3:";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << ":1:1: not a drafts file";
        QTest::newRow("no method") << QByteArray("{\"version\":1,\"drafts\":[{\"file\":\"/a.http\","
                                                 "\"original\":{\"url\":\"x\"},\"edited\":{}}]}")
                                   << ":1:1: draft 1: a request has no method or URL";
        QTest::newRow("no file") << QByteArray("{\"drafts\":[{}]}")
                                 << ":1:1: draft 1: it names no file";
        QTest::newRow("newer") << QByteArray("{\"version\":99,\"drafts\":[]}") << "format 99";
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage", 12) << ":1:";
    }

    void damagedFilesAreMovedAsideWithAMessage()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, where);
        const QString path =
            m_dir.filePath(QStringLiteral("damaged/%1.json")
                               .arg(QString::fromLatin1(QTest::currentDataTag())
                                        .replace(QLatin1Char(' '), QLatin1Char('-'))));
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();

        const DraftStore store(path);
        QString error;
        QVERIFY(store.load(&error).isEmpty());
        QVERIFY2(error.startsWith(QDir::toNativeSeparators(path) + QLatin1Char(':')),
                 qPrintable(error));
        QVERIFY2(error.contains(where), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("moved to")), qPrintable(error));
        // Kept aside as it was, not read again, and the next save starts a good file.
        QVERIFY(!QFile::exists(path));
        QFile aside(path + QStringLiteral(".damaged"));
        QVERIFY(aside.open(QIODevice::ReadOnly));
        QCOMPARE(aside.readAll(), content);
        error.clear();
        QVERIFY(store.load(&error).isEmpty());
        QVERIFY(error.isEmpty());
        QVERIFY(store.save(sampleDrafts(1), &error));
        QCOMPARE(store.load(&error).size(), 2);
    }

    void aFolderThatCannotBeWrittenIsAMessage()
    {
        // The drafts folder's place is taken by a file.
        const QString data = m_dir.filePath(QStringLiteral("blocked"));
        QVERIFY(QDir().mkpath(data));
        QFile blocker(QDir(data).filePath(QStringLiteral("drafts")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const DraftStore store(DraftStore::pathFor(data, QStringLiteral("/w")));
        QString error;
        QVERIFY(!store.save(sampleDrafts(1), &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(data)), qPrintable(error));
    }

    void theFileIsAlwaysWholeWhenTheWriterIsKilled()
    {
        const QString path = m_dir.filePath(QStringLiteral("killed/drafts.json"));
        for (int round = 0; round < 8; ++round) {
            QProcess writer;
            writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            writer.start(QCoreApplication::applicationFilePath(),
                         {QStringLiteral("--write-drafts-forever"), path});
            QVERIFY(writer.waitForStarted(10000));
            QVERIFY(writer.waitForReadyRead(10000)); // "ready": one whole write done
            QThread::msleep(QRandomGenerator::global()->bounded(5, 60));
            writer.kill(); // SIGKILL: no chance to finish what it was writing
            QVERIFY(writer.waitForFinished(10000));
            QString error;
            const QList<DraftStore::Draft> drafts = DraftStore(path).load(&error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(drafts.size(), 2);
            QVERIFY(drafts[1].edited.body.startsWith(QString(1024, QLatin1Char('x'))));
        }
    }
};

int main(int argc, char *argv[])
{
    if (argc == 3 && qstrcmp(argv[1], "--write-drafts-forever") == 0) {
        QCoreApplication app(argc, argv);
        return writeDraftsForever(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    tst_DraftStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_draftstore.moc"
