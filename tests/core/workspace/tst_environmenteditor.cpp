// Editing environments: public values and secrets in their own files, saved atomically,
// never losing a value and never overwriting a file that does not parse.
#include "filemode.h"
#include "formats/collectionwriter.h"
#include "workspace/environmenteditor.h"
#include "workspace/environmentset.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

namespace {

void write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

using Variable = EnvironmentEditor::Variable;

} // namespace

class tst_EnvironmentEditor : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString publicPath() const { return m_dir.filePath(QStringLiteral("http-client.env.json")); }
    QString privatePath() const
    {
        return m_dir.filePath(QStringLiteral("http-client.private.env.json"));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(publicPath());
        QFile::remove(privatePath());
        QFile::remove(m_dir.filePath(QStringLiteral(".gitignore")));
    }

    void readsSecretsFromThePrivateFile()
    {
        write(publicPath(), "{\"prod\": {\"url\": \"https://p\", \"token\": \"<set me>\"},\n"
                            " \"dev\": {\"url\": \"http://d\", \"port\": 8080, \"on\": true},\n"
                            " \"$shared\": {\"v\": \"1\"}}\n");
        write(privatePath(), "{\"dev\": {\"token\": \"devsecret\"}, "
                             "\"prod\": {\"token\": \"prodsecret\"}, \"ci\": {\"key\": \"k\"}}");
        const EnvironmentEditor editor = EnvironmentEditor::load(m_dir.path());
        QVERIFY(editor.canSave());
        // File order, not QJsonObject's sorted order; private-only environments last.
        QCOMPARE(editor.environments(),
                 QStringList({QStringLiteral("prod"), QStringLiteral("dev"),
                              QStringLiteral("$shared"), QStringLiteral("ci")}));
        QCOMPARE(editor.variables(QStringLiteral("prod")),
                 QList<Variable>({{QStringLiteral("url"), QStringLiteral("https://p"), false},
                                  {QStringLiteral("token"), QStringLiteral("prodsecret"), true}}));
        QCOMPARE(editor.variables(QStringLiteral("dev")),
                 QList<Variable>({{QStringLiteral("url"), QStringLiteral("http://d"), false},
                                  {QStringLiteral("port"), QStringLiteral("8080"), false},
                                  {QStringLiteral("on"), QStringLiteral("true"), false},
                                  {QStringLiteral("token"), QStringLiteral("devsecret"), true}}));
        QVERIFY(!editor.isModified());
    }

    void unchangedEditorWritesNothing()
    {
        const QByteArray bytes = "{\"dev\":{\"b\":2,\"a\":\"x\"}}";
        write(publicPath(), bytes);
        EnvironmentEditor editor = EnvironmentEditor::load(m_dir.path());
        QString error;
        QVERIFY2(editor.save(&error), qPrintable(error));
        QCOMPARE(readAll(publicPath()), bytes);
        QVERIFY(!QFile::exists(privatePath()));
    }

    void movingAVariableToTheSecretsRemovesItFromThePublicFile()
    {
        write(publicPath(),
              "{\r\n  \"dev\": {\"url\": \"http://d\", \"token\": \"t0k\", \"n\": 5},\r\n"
              "  \"prod\": {\"url\": \"https://p\"},\r\n  \"odd\": [1, 2]\r\n}\r\n");
        write(m_dir.filePath(QStringLiteral(".gitignore")), "build/\n");
        EnvironmentEditor editor = EnvironmentEditor::load(m_dir.path());
        QList<Variable> dev = editor.variables(QStringLiteral("dev"));
        QCOMPARE(dev.size(), 3);
        dev[1].secret = true;
        QString error;
        QVERIFY(editor.setVariables(QStringLiteral("dev"), dev, &error));
        QVERIFY(editor.isModified());
        QVERIFY2(editor.save(&error), qPrintable(error));

        // Key order, the number's type, the non-environment entry and CRLF are kept.
        QCOMPARE(readAll(publicPath()), QByteArray("{\r\n"
                                                   "  \"dev\": {\r\n"
                                                   "    \"url\": \"http://d\",\r\n"
                                                   "    \"n\": 5\r\n"
                                                   "  },\r\n"
                                                   "  \"prod\": {\r\n"
                                                   "    \"url\": \"https://p\"\r\n"
                                                   "  },\r\n"
                                                   "  \"odd\": [1,2]\r\n"
                                                   "}\r\n"));
        QCOMPARE(readAll(privatePath()), QByteArray("{\n"
                                                    "  \"dev\": {\n"
                                                    "    \"token\": \"t0k\"\n"
                                                    "  }\n"
                                                    "}\n"));
        QVERIFY(readAll(m_dir.filePath(QStringLiteral(".gitignore")))
                    .contains("http-client.private.env.json"));
        QCOMPARE(EnvironmentSet::load(m_dir.path())
                     .variables(QStringLiteral("dev"))
                     .value(QStringLiteral("token")),
                 QStringLiteral("t0k"));
        QVERIFY(!editor.isModified()); // reloaded from what was written

        // And back: public again, gone from the private file.
        dev = editor.variables(QStringLiteral("dev"));
        QCOMPARE(dev.size(), 3);
        for (Variable &v : dev)
            v.secret = false;
        QVERIFY(editor.setVariables(QStringLiteral("dev"), dev, &error));
        QVERIFY2(editor.save(&error), qPrintable(error));
        QVERIFY(readAll(publicPath()).contains("\"token\": \"t0k\""));
        QVERIFY(!readAll(privatePath()).contains("t0k"));
    }

    void placeholdersOfSecretsStay()
    {
        write(publicPath(), "{\"dev\": {\"token\": \"<in the private file>\"}}");
        write(privatePath(), "{\"dev\": {\"token\": \"real\"}}");
        EnvironmentEditor editor = EnvironmentEditor::load(m_dir.path());
        QString error;
        QVERIFY(editor.setVariables(QStringLiteral("dev"),
                                    {{QStringLiteral("token"), QStringLiteral("new"), true}},
                                    &error));
        QVERIFY2(editor.save(&error), qPrintable(error));
        QVERIFY(readAll(publicPath()).contains("<in the private file>"));
        QVERIFY(readAll(privatePath()).contains("\"token\": \"new\""));
    }

    void addRenameRemoveEnvironments()
    {
        write(publicPath(), "{\"a\": {\"x\": \"1\"}, \"b\": {\"y\": \"2\"}}");
        write(privatePath(), "{\"a\": {\"s\": \"secret\"}}");
        EnvironmentEditor editor = EnvironmentEditor::load(m_dir.path());
        QString error;
        QVERIFY(!editor.addEnvironment(QStringLiteral("b"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(editor.addEnvironment(QStringLiteral("c"), &error));
        QVERIFY(editor.addEnvironment(QStringLiteral("$shared"), &error));
        QVERIFY(editor.setVariables(QStringLiteral("$shared"),
                                    {{QStringLiteral("base"), QStringLiteral("http://x"), false}},
                                    &error));
        QVERIFY(!editor.renameEnvironment(QStringLiteral("a"), QStringLiteral("b"), &error));
        QVERIFY(editor.renameEnvironment(QStringLiteral("a"), QStringLiteral("staging"), &error));
        QVERIFY(editor.removeEnvironment(QStringLiteral("b"), &error));
        QVERIFY(!editor.setVariables(
            QStringLiteral("c"),
            {{QStringLiteral("v"), {}, false}, {QStringLiteral("v"), {}, false}}, &error));
        QVERIFY2(editor.save(&error), qPrintable(error));

        const EnvironmentSet set = EnvironmentSet::load(m_dir.path());
        QCOMPARE(set.names(), QStringList({QStringLiteral("c"), QStringLiteral("staging")}));
        QCOMPARE(set.variables(QStringLiteral("staging")).value(QStringLiteral("s")),
                 QStringLiteral("secret"));
        QCOMPARE(set.variables(QStringLiteral("staging")).value(QStringLiteral("base")),
                 QStringLiteral("http://x"));
        QVERIFY(readAll(privatePath()).contains("\"staging\""));
        QVERIFY(!readAll(privatePath()).contains("\"a\""));
        QCOMPARE(editor.environments(), QStringList({QStringLiteral("staging"), QStringLiteral("c"),
                                                     QStringLiteral("$shared")}));
    }

    void brokenFileIsNeverOverwritten()
    {
        const QByteArray broken = "{\"dev\": {\"a\": \"1\",\n  \"b\" 2}}";
        write(publicPath(), "{\"dev\": {\"a\": \"1\"}}");
        write(privatePath(), broken);
        EnvironmentEditor editor = EnvironmentEditor::load(m_dir.path());
        QVERIFY(!editor.canSave());
        QVERIFY(!editor.diagnostics().isEmpty());
        const QString where = editor.diagnostics().first().toString();
        QVERIFY2(where.startsWith(privatePath() + QStringLiteral(":2:")), qPrintable(where));
        QString error;
        QVERIFY(editor.setVariables(QStringLiteral("dev"),
                                    {{QStringLiteral("a"), QStringLiteral("2"), true}}, &error));
        QVERIFY(!editor.save(&error));
        QVERIFY2(error.contains(QLatin1String(":2:")), qPrintable(error));
        QCOMPARE(readAll(privatePath()), broken);
        QCOMPARE(readAll(publicPath()), QByteArray("{\"dev\": {\"a\": \"1\"}}"));
    }

    void changedOnDiskIsNotOverwritten()
    {
        write(publicPath(), "{\"dev\": {\"a\": \"1\"}}");
        EnvironmentEditor editor = EnvironmentEditor::load(m_dir.path());
        write(publicPath(), "{\"dev\": {\"a\": \"from git pull\"}}");
        QString error;
        QVERIFY(editor.setVariables(QStringLiteral("dev"),
                                    {{QStringLiteral("a"), QStringLiteral("2"), false}}, &error));
        QVERIFY(!editor.save(&error));
        QVERIFY(error.contains(QLatin1String("changed on disk")));
        QVERIFY(readAll(publicPath()).contains("from git pull"));
    }

    void savesAtomically()
    {
        // QSaveFile writes a temporary file and renames it: no partial file, no leftovers.
        EnvironmentEditor editor = EnvironmentEditor::load(m_dir.path());
        QString error;
        QVERIFY(editor.addEnvironment(QStringLiteral("dev"), &error));
        QVERIFY(editor.setVariables(QStringLiteral("dev"),
                                    {{QStringLiteral("a"), QStringLiteral("1"), false},
                                     {QStringLiteral("pw"), QStringLiteral("p\"w"), true}},
                                    &error));
        QVERIFY2(editor.save(&error), qPrintable(error));
        QStringList files = QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden);
        files.sort();
        // Writing secrets also keeps them out of git (GitIgnore::protectSecrets).
        QCOMPARE(files,
                 QStringList({QStringLiteral(".gitignore"), QStringLiteral("http-client.env.json"),
                              QStringLiteral("http-client.private.env.json")}));
        QCOMPARE(EnvironmentSet::load(m_dir.path())
                     .variables(QStringLiteral("dev"))
                     .value(QStringLiteral("pw")),
                 QStringLiteral("p\"w"));
    }

    void privateEnvFileIsOwnerOnly()
    {
        // Written new by the editor: the user's only; the public file keeps the usual mode.
        QString error;
        EnvironmentEditor editor = EnvironmentEditor::load(m_dir.path());
        QVERIFY(editor.addEnvironment(QStringLiteral("dev"), &error));
        QVERIFY(editor.setVariables(QStringLiteral("dev"),
                                    {{QStringLiteral("url"), QStringLiteral("http://d"), false},
                                     {QStringLiteral("token"), QStringLiteral("s3cret"), true}},
                                    &error));
        QVERIFY2(editor.save(&error), qPrintable(error));
        QCOMPARE(fileMode(privatePath()), 0600);
        QVERIFY(fileMode(publicPath()) > 0);

        // A private file an older version wrote readable by everyone, rewritten: tightened.
        QVERIFY(setFileMode(privatePath(), 0644));
        editor = EnvironmentEditor::load(m_dir.path());
        QVERIFY(editor.setVariables(QStringLiteral("dev"),
                                    {{QStringLiteral("url"), QStringLiteral("http://d"), false},
                                     {QStringLiteral("token"), QStringLiteral("n3w"), true}},
                                    &error));
        QVERIFY2(editor.save(&error), qPrintable(error));
        QVERIFY(readAll(privatePath()).contains("n3w"));
        QCOMPARE(fileMode(privatePath()), 0600);

        // Written by an import into a new workspace.
        QTemporaryDir imported;
        CollectionDraft draft;
        draft.privateEnvironments.insert(QStringLiteral("dev"),
                                         {{QStringLiteral("key"), QStringLiteral("imp0rted")}});
        const CollectionWriter::Result result = CollectionWriter::write(draft, imported.path());
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(fileMode(imported.filePath(QStringLiteral("http-client.private.env.json"))), 0600);
    }

    void unwritableFolderFailsCleanly()
    {
        write(publicPath(), "{\"dev\": {\"a\": \"1\"}}");
        QString error;
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        EnvironmentEditor editor = EnvironmentEditor::load(m_dir.path());
        QVERIFY(editor.setVariables(QStringLiteral("dev"),
                                    {{QStringLiteral("a"), QStringLiteral("2"), false}}, &error));
        const bool saved = editor.save(&error);
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner);
        if (saved)
            QSKIP("running as root: the folder is writable anyway");
        QVERIFY(!error.isEmpty());
        QVERIFY(readAll(publicPath()).contains("\"a\": \"1\""));
    }
};

QTEST_GUILESS_MAIN(tst_EnvironmentEditor)
#include "tst_environmenteditor.moc"
