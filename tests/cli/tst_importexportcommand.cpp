// `microrequests import` and `export` as a user runs them: exit codes, messages that say
// where, nothing half-written, and outputs that go where they were told.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class tst_ImportExportCommand : public QObject
{
    Q_OBJECT
    QString m_binary;
    QTemporaryDir m_dir;

    struct Run {
        int code = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess process;
        process.start(m_binary, arguments);
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    void write(const QString &name, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path(name)).absolutePath());
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    QByteArray read(const QString &name)
    {
        QFile file(path(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_binary = qEnvironmentVariable("MR_BINARY",
                                        QCoreApplication::applicationDirPath() + "/microrequests");
        QVERIFY(QFile::exists(m_binary));
    }

    void importsCurlCommandsIntoAWorkspace()
    {
        write("in/calls.sh", "curl https://api.example.com/users -H 'Accept: application/json'\n"
                             "curl -k -X POST https://api.example.com/users --json '{\"a\":1}'\n");
        const Run r = run({"import", path("in/calls.sh"), "--into", path("ws")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("Imported 2 requests (curl)")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("calls.http")));
        QVERIFY2(r.err.contains(path("in/calls.sh") + ":2:6: warning: -k has no .http equivalent"),
                 qPrintable(r.err));
        QVERIFY(
            read("ws/calls.http")
                .contains("POST https://api.example.com/users\nContent-Type: application/json"));

        // A second import never overwrites the first.
        const Run again = run({"import", path("in/calls.sh"), "--into", path("ws")});
        QCOMPARE(again.code, 0);
        QVERIFY(again.out.contains(QLatin1String("calls 2.http")));
    }

    void importsFromStandardInputWithAnExplicitFormat()
    {
        const Run r = run({"import", "-", "--format", "curl", "--into", path("stdin-ws")},
                          "curl http://127.0.0.1:1/health\n");
        QCOMPARE(r.code, 0);
        QVERIFY(read("stdin-ws/curl.http").contains("GET http://127.0.0.1:1/health"));
    }

    void brokenInputSaysWhereAndWritesNothing()
    {
        write("in/broken.sh", "curl https://h/ \\\n  -d 'unterminated\n");
        const Run r = run({"import", path("in/broken.sh"), "--into", path("never")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(path("in/broken.sh") + ":2:6: unterminated ' quote"),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("nothing was written")));
        QVERIFY(!QFile::exists(path("never")));
    }

    void importsAPostmanCollectionFoundByItsContent()
    {
        write("in/shop.postman_collection.json",
              "{\n"
              "  \"info\": {\"_postman_id\": \"1\", \"name\": \"Shop\", \"schema\": "
              "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
              "  \"variable\": [{\"key\": \"baseUrl\", \"value\": \"http://127.0.0.1:8080\"}],\n"
              "  \"item\": [\n"
              "    {\"name\": \"Health\", \"request\": \"{{baseUrl}}/health\"},\n"
              "    {\"name\": \"Users\", \"item\": [{\"name\": \"List users\", \"event\": "
              "[{\"listen\": \"test\", \"script\": {\"exec\": [\"pm.test()\"]}}],\n"
              "      \"request\": {\"method\": \"GET\", \"url\": {\"raw\": "
              "\"{{baseUrl}}/users\"}}}]}\n"
              "  ]\n"
              "}\n");
        const Run r =
            run({"import", path("in/shop.postman_collection.json"), "--into", path("pm-ws")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("Imported 2 requests (postman)")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("Shop.http")));
        QVERIFY(r.out.contains(QLatin1String("Users/Users.http")));
        QVERIFY2(r.err.contains(path("in/shop.postman_collection.json") +
                                ":6:76: warning: request \"List users\": the test script is not "
                                "imported"),
                 qPrintable(r.err));
        QVERIFY(read("pm-ws/Shop.http").contains("GET {{baseUrl}}/health"));
        QVERIFY(read("pm-ws/Users/Users.http").contains("GET {{baseUrl}}/users"));
        QVERIFY(
            read("pm-ws/http-client.env.json").contains("\"baseUrl\": \"http://127.0.0.1:8080\""));
    }

    void brokenPostmanCollectionSaysWhere()
    {
        write("in/broken.postman_collection.json",
              "{\n"
              "  \"info\": {\"_postman_id\": \"1\", \"schema\": "
              "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
              "  \"item\": [\n"
              "    {\"name\": \"A\" \"request\": \"http://h/\"}\n"
              "  ]\n"
              "}\n");
        const Run r =
            run({"import", path("in/broken.postman_collection.json"), "--into", path("never-pm")});
        QCOMPARE(r.code, 2);
        // Where the missing comma should be: line 4, after "A".
        QVERIFY2(r.err.contains(path("in/broken.postman_collection.json") +
                                ":4:19: unterminated object (invalid JSON)"),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("nothing was written")));
        QVERIFY(!QFile::exists(path("never-pm")));
    }

    void badUsageIsExitTwo()
    {
        QCOMPARE(run({"import", path("in/calls.sh")}).code, 2); // no --into
        const Run unknown =
            run({"import", path("in/calls.sh"), "--format", "word", "--into", path("x")});
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains(QLatin1String("unknown --format word")));
        write("in/prose.txt", "just some words\n");
        const Run prose = run({"import", path("in/prose.txt"), "--into", path("x")});
        QCOMPARE(prose.code, 2);
        QVERIFY2(prose.err.contains(QLatin1String("not a format I recognise")),
                 qPrintable(prose.err));
        QCOMPARE(run({"import", path("missing.json"), "--into", path("x")}).code, 2);
        QCOMPARE(run({"export", path("ws")}).code, 2); // no --format
        QCOMPARE(run({"import", "--help"}).code, 0);
    }

    void exportsCurlWithAnEnvironment()
    {
        write("exp/http-client.env.json", "{\"dev\": {\"host\": \"http://127.0.0.1:8080\"}, "
                                          "\"prod\": {\"host\": \"https://api.example.com\"}}");
        write("exp/users/users.http", "### list\nGET {{host}}/users\n\n### create\nPOST "
                                      "{{host}}/users\nContent-Type: application/json\n\n{}\n");
        Run r = run({"export", path("exp/users/users.http"), "--format", "curl", "--env", "prod"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("# list\ncurl https://api.example.com/users \\\n")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("--data-raw '{}'")));

        r = run({"export", path("exp"), "--format", "curl", "--env", "dev", "--request", "create",
                 "--output", path("out/create.sh")});
        QCOMPARE(r.code, 2); // the output folder does not exist
        QDir().mkpath(path("out"));
        r = run({"export", path("exp"), "--format", "curl", "--env", "dev", "--request", "create",
                 "--output", path("out/create.sh")});
        QCOMPARE(r.code, 0);
        QVERIFY(read("out/create.sh")
                    .startsWith(
                        "# === users/users.http\n\n# create\ncurl http://127.0.0.1:8080/users"));

        r = run({"export", path("exp"), "--format", "curl", "--env", "staging"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("no environment \"staging\"")) &&
                     r.err.contains(QLatin1String("dev, prod")),
                 qPrintable(r.err));
    }

    void exportsAFolderAsAPostmanCollection()
    {
        write("pm/http-client.env.json", "{\"dev\": {\"host\": \"http://127.0.0.1:8080\"}}");
        write("pm/http-client.private.env.json", "{\"dev\": {\"token\": \"s3cret\"}}");
        write("pm/users/users.http", "### list\nGET {{host}}/users\nX-Token: {{token}}\n");
        write("pm/users/admin.http", "### stats\n# @timeout 5\nGET {{host}}/stats\n");
        const Run r = run({"export", path("pm"), "--format", "postman", "--env", "dev", "--output",
                           path("pm.postman_collection.json")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(QLatin1String("{{token}} is a secret")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("users/admin.http:3: stats: # @timeout")),
                 qPrintable(r.err));
        const QByteArray json = read("pm.postman_collection.json");
        QVERIFY(!json.contains("s3cret"));
        const QJsonObject collection = QJsonDocument::fromJson(json).object();
        QCOMPARE(collection["info"]["name"].toString(), QStringLiteral("pm"));
        const QJsonObject users = collection["item"][0].toObject();
        QCOMPARE(users["name"].toString(), QStringLiteral("users"));
        // users.http fills the folder; admin.http is a folder inside it.
        QCOMPARE(users["item"][0]["name"].toString(), QStringLiteral("list"));
        QCOMPARE(users["item"][1]["name"].toString(), QStringLiteral("admin"));
        QCOMPARE(users["item"][1]["item"][0]["request"]["url"].toString(),
                 QStringLiteral("{{host}}/stats"));
        QCOMPARE(collection["variable"][0]["key"].toString(), QStringLiteral("host"));
        QCOMPARE(collection["variable"][0]["value"].toString(),
                 QStringLiteral("http://127.0.0.1:8080"));

        const Run one = run({"export", path("pm/users/admin.http"), "--format", "postman"});
        QCOMPARE(one.code, 0);
        const QJsonObject file = QJsonDocument::fromJson(one.out.toUtf8()).object();
        QCOMPARE(file["info"]["name"].toString(), QStringLiteral("admin"));
        QCOMPARE(file["item"][0]["name"].toString(), QStringLiteral("stats"));
        QCOMPARE(run({"export", path("pm"), "--format", "postman", "--request", "list"}).code, 2);
    }

    // `??` lines travel as Postman test scripts and come back as `??` lines; ours-only ones
    // are named with their place.
    void assertionsSurviveAPostmanRoundTrip()
    {
        write("rt/api.http", "### list\nGET http://127.0.0.1:8080/users\n\n?? status == 200\n"
                             "?? body $.items isArray\n?? connection new\n");
        const Run out = run({"export", path("rt"), "--format", "postman", "--output",
                             path("rt.postman_collection.json")});
        QCOMPARE(out.code, 0);
        QVERIFY2(out.err.contains(QLatin1String("warning: api.http:6:4: list: \"connection new\" "
                                                "is not exported")),
                 qPrintable(out.err));
        QVERIFY2(!out.err.contains(QLatin1String("response handler")), qPrintable(out.err));
        const Run in =
            run({"import", path("rt.postman_collection.json"), "--into", path("rt-back")});
        QCOMPARE(in.code, 0);
        QVERIFY2(!in.err.contains(QLatin1String("script")), qPrintable(in.err));
        const QByteArray back = read("rt-back/api/api.http");
        QVERIFY2(back.contains("GET http://127.0.0.1:8080/users\n\n?? status == 200\n"
                               "?? body $.items isArray\n"),
                 back.constData());
        QVERIFY(!back.contains("connection"));
    }

    void exportRefusesFilesThatDoNotParse()
    {
        write("bad/api.http", "GET http://h/a b c\n");
        const Run r = run({"export", path("bad/api.http"), "--format", "curl"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(path("bad/api.http") + ":1:"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_ImportExportCommand)
#include "tst_importexportcommand.moc"
