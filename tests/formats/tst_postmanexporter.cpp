// PostmanExporter: the collection's shape, one test per mapping. That newman sends what we
// send is tests/interop/tst_newmaninterop's job.
#include "formats/postmanexporter.h"
#include "formats/postmanimporter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_PostmanExporter : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_workspaces = 0;

    // A fresh workspace holding `files` (name → text); returns its root.
    QString workspace(const QList<QPair<QString, QByteArray>> &files)
    {
        const QString root = m_dir.filePath(QString::number(++m_workspaces));
        for (const auto &[name, bytes] : files) {
            const QString path = root + QLatin1Char('/') + name;
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                qFatal("cannot write %s", qPrintable(path));
            file.write(bytes);
        }
        return root;
    }

    static PostmanExporter::Result exportAll(const QString &root,
                                             const QString &environment = QString())
    {
        const Workspace loaded = Workspace::load(root);
        return PostmanExporter::collection(loaded, loaded.files(), root, QDir(root).dirName(),
                                           environment);
    }

    static QJsonObject json(const PostmanExporter::Result &result)
    {
        return QJsonDocument::fromJson(result.json).object();
    }

    static bool mentions(const QStringList &problems, const QString &text)
    {
        for (const QString &problem : problems) {
            if (problem.contains(text))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void writesAValidV21Header()
    {
        const QString root = workspace({{"api.http", "GET http://h/a\n"}});
        const QJsonObject collection = json(exportAll(root));
        QCOMPARE(collection["info"]["schema"].toString(),
                 QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/"
                                "collection.json"));
        QCOMPARE(collection["info"]["name"].toString(), QDir(root).dirName());
        QVERIFY(!collection["info"]["_postman_id"].toString().isEmpty());
        // An unnamed request is called by its method and URL.
        QCOMPARE(collection["item"][0]["item"][0]["name"].toString(),
                 QStringLiteral("GET http://h/a"));
    }

    void foldersAndFilesBecomeFolders()
    {
        const QString root = workspace({{"top.http", "### a\nGET http://h/a\n"},
                                        {"users/users.http", "### b\nGET http://h/b\n"},
                                        {"users/admin/keys.http", "### c\nGET http://h/c\n"}});
        const PostmanExporter::Result result = exportAll(root);
        QCOMPARE(result.requests, 3);
        const QJsonArray items = json(result)["item"].toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0]["name"].toString(), QStringLiteral("top"));
        QCOMPARE(items[0]["item"][0]["name"].toString(), QStringLiteral("a"));
        const QJsonObject users = items[1].toObject();
        QCOMPARE(users["name"].toString(), QStringLiteral("users"));
        QCOMPARE(users["item"][0]["name"].toString(), QStringLiteral("b")); // users.http fills it
        QCOMPARE(users["item"][1]["name"].toString(), QStringLiteral("admin"));
        QCOMPARE(users["item"][1]["item"][0]["name"].toString(), QStringLiteral("keys"));
        QCOMPARE(users["item"][1]["item"][0]["item"][0]["name"].toString(), QStringLiteral("c"));
    }

    void aFileNamedLikeTheCollectionFillsItsTop()
    {
        const QString root = workspace({{"shop/shop.http", "### a\nGET http://h/a\n"}});
        const Workspace loaded = Workspace::load(root);
        const QJsonObject collection = json(PostmanExporter::collection(
            loaded, loaded.files(), root + QStringLiteral("/shop"), QStringLiteral("shop"), {}));
        QCOMPARE(collection["item"][0]["name"].toString(), QStringLiteral("a"));
    }

    void environmentAndFileVariablesBecomeCollectionVariablesButSecretsDoNot()
    {
        const QString root = workspace(
            {{"http-client.env.json",
              "{\"$shared\": {\"v\": \"1\"}, \"dev\": {\"host\": \"http://dev\"}, "
              "\"prod\": {\"host\": \"p\"}}"},
             {"http-client.private.env.json", "{\"dev\": {\"password\": \"s3cret\"}}"},
             {"a.http", "@token = t-a\n@page = 2\n\nGET {{host}}/a?p={{page}}\nX-T: {{token}}\n"},
             {"b.http", "@token = t-b\n@page = 2\n\nGET {{host}}/b\nX-T: {{token}}\n"}});
        const PostmanExporter::Result result = exportAll(root, QStringLiteral("dev"));
        QVERIFY(!result.json.contains("s3cret"));
        QVERIFY(mentions(result.problems, QStringLiteral("{{password}} is a secret")));
        QHash<QString, QString> variables;
        for (const QJsonValue &v : json(result)["variable"].toArray())
            variables.insert(v["key"].toString(), v["value"].toString());
        QCOMPARE(variables.value(QStringLiteral("host")), QStringLiteral("http://dev"));
        QCOMPARE(variables.value(QStringLiteral("v")), QStringLiteral("1"));
        QCOMPARE(variables.value(QStringLiteral("token")), QStringLiteral("t-a"));
        QCOMPARE(variables.value(QStringLiteral("page")), QStringLiteral("2"));
        QVERIFY(!variables.contains(QStringLiteral("password")));
        // b.http's own @token differs: written into its requests.
        const QJsonObject b = json(result)["item"][1]["item"][0]["request"].toObject();
        QCOMPARE(b["header"][0]["value"].toString(), QStringLiteral("t-b"));
        const QJsonObject a = json(result)["item"][0]["item"][0]["request"].toObject();
        QCOMPARE(a["header"][0]["value"].toString(), QStringLiteral("{{token}}"));
    }

    void dynamicVariablesArePostmans()
    {
        QStringList problems;
        QCOMPARE(PostmanExporter::postmanVariables(
                     QStringLiteral("{{$uuid}}/{{ $random.uuid }}/{{$timestamp}}/{{$isoTimestamp}}/"
                                    "{{$randomInt}}/{{plain}}"),
                     &problems),
                 QStringLiteral("{{$guid}}/{{$guid}}/{{$timestamp}}/{{$isoTimestamp}}/"
                                "{{$randomInt}}/{{plain}}"));
        QVERIFY(problems.isEmpty());
        QCOMPARE(PostmanExporter::postmanVariables(QStringLiteral("{{$processEnv HOME_URL}}"),
                                                   &problems),
                 QStringLiteral("{{HOME_URL}}"));
        QVERIFY(mentions(problems, QStringLiteral("give HOME_URL a value")));
        problems.clear();
        QCOMPARE(
            PostmanExporter::postmanVariables(QStringLiteral("{{$randomInt 5 10}}"), &problems),
            QStringLiteral("{{$randomInt 5 10}}"));
        QVERIFY(mentions(problems, QStringLiteral("no Postman equivalent")));
    }

    void authorizationShorthandsBecomePostmanAuth()
    {
        const QString root =
            workspace({{"a.http", "### basic\nGET http://h/a\nAuthorization: Basic ada pw\n\n"
                                  "### digest\nGET http://h/b\nAuthorization: Digest ada pw\n\n"
                                  "### bearer\nGET http://h/c\nAuthorization: Bearer xyz\n"}});
        const QJsonArray items = json(exportAll(root))["item"][0]["item"].toArray();
        const QJsonObject basic = items[0]["request"].toObject();
        QCOMPARE(basic["auth"]["type"].toString(), QStringLiteral("basic"));
        QCOMPARE(basic["auth"]["basic"][0]["key"].toString(), QStringLiteral("username"));
        QCOMPARE(basic["auth"]["basic"][0]["value"].toString(), QStringLiteral("ada"));
        QCOMPARE(basic["auth"]["basic"][1]["value"].toString(), QStringLiteral("pw"));
        QVERIFY(basic["header"].toArray().isEmpty());
        QCOMPARE(items[1]["request"]["auth"]["type"].toString(), QStringLiteral("digest"));
        QCOMPARE(items[1]["request"]["auth"]["digest"][1]["value"].toString(),
                 QStringLiteral("pw"));
        const QJsonObject bearer = items[2]["request"].toObject();
        QVERIFY(!bearer.contains(QStringLiteral("auth")));
        QCOMPARE(bearer["header"][0]["value"].toString(), QStringLiteral("Bearer xyz"));
    }

    void bodiesKeepTheirBytesAndType()
    {
        const QString root = workspace(
            {{"api/payload.json", "{}"},
             {"api/a.http",
              "### json\nPOST http://h/a\nContent-Type: application/json\n\n{\"a\": 1}\n\n"
              "### untyped\nPOST http://h/b\n\nline one\nline two\n\n"
              "### file\nPUT http://h/c\n\n< ./payload.json\n\n"
              "### multipart\nPOST http://h/d\nContent-Type: multipart/form-data; boundary=XX\n\n"
              "--XX\nContent-Disposition: form-data; name=\"a\"\n\none\n--XX--\n"}});
        const QJsonArray items = json(exportAll(root))["item"][0]["item"][0]["item"].toArray();
        const QJsonObject jsonBody = items[0]["request"]["body"].toObject();
        QCOMPARE(jsonBody["mode"].toString(), QStringLiteral("raw"));
        QCOMPARE(jsonBody["raw"].toString(), QStringLiteral("{\"a\": 1}"));
        QCOMPARE(jsonBody["options"]["raw"]["language"].toString(), QStringLiteral("json"));
        QVERIFY(!items[0]["protocolProfileBehavior"]["disabledSystemHeaders"].toObject().contains(
            QStringLiteral("content-type")));
        QVERIFY(
            items[0]["protocolProfileBehavior"]["disabledSystemHeaders"]["postman-token"].toBool());

        const QJsonObject untyped = items[1]["request"]["body"].toObject();
        QCOMPARE(untyped["raw"].toString(), QStringLiteral("line one\nline two"));
        QVERIFY(!untyped.contains(QStringLiteral("options")));
        // No Content-Type was written, so Postman must not guess one.
        QVERIFY(
            items[1]["protocolProfileBehavior"]["disabledSystemHeaders"]["content-type"].toBool());

        const QJsonObject file = items[2]["request"]["body"].toObject();
        QCOMPARE(file["mode"].toString(), QStringLiteral("file"));
        QCOMPARE(file["file"]["src"].toString(), QStringLiteral("api/payload.json"));

        const QJsonObject multipart = items[3]["request"]["body"].toObject();
        QCOMPARE(multipart["raw"].toString(),
                 QStringLiteral("--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n"
                                "--XX--"));
        QCOMPARE(items[3]["request"]["header"][0]["value"].toString(),
                 QStringLiteral("multipart/form-data; boundary=XX"));
    }

    void multipartWithFilesBecomesFormData()
    {
        const QString root =
            workspace({{"up/note.txt", "hi"},
                       {"up/a.http",
                        "POST http://h/form\nContent-Type: multipart/form-data; boundary=B\n\n"
                        "--B\nContent-Disposition: form-data; name=\"who\"\n\nada\n"
                        "--B\nContent-Disposition: form-data; name=\"f\"; filename=\"other.txt\"\n"
                        "Content-Type: text/plain\n\n< ./note.txt\n--B--\n"}});
        const PostmanExporter::Result result = exportAll(root);
        const QJsonObject request =
            json(result)["item"][0]["item"][0]["item"][0]["request"].toObject();
        QCOMPARE(request["body"]["mode"].toString(), QStringLiteral("formdata"));
        const QJsonArray fields = request["body"]["formdata"].toArray();
        QCOMPARE(fields.size(), 2);
        QCOMPARE(fields[0]["key"].toString(), QStringLiteral("who"));
        QCOMPARE(fields[0]["type"].toString(), QStringLiteral("text"));
        QCOMPARE(fields[0]["value"].toString(), QStringLiteral("ada"));
        QCOMPARE(fields[1]["type"].toString(), QStringLiteral("file"));
        QCOMPARE(fields[1]["src"].toString(), QStringLiteral("up/note.txt"));
        QCOMPARE(fields[1]["contentType"].toString(), QStringLiteral("text/plain"));
        // Postman writes its own boundary, so the request's Content-Type goes.
        QVERIFY(request["header"].toArray().isEmpty());
        QVERIFY(mentions(result.problems, QStringLiteral("not \"other.txt\"")));
    }

    void directivesAndWhatPostmanCannotHoldAreReported()
    {
        const QString root = workspace(
            {{"a.http", "### a\n# Lists things.\n# @no-redirect\n# @no-cookie-jar\n# @timeout 5\n"
                        "# @retries 2\nGET http://h/a\n\n> {% client.test(); %}\n\n"
                        "### ws\nWEBSOCKET ws://h/socket\n"}});
        const PostmanExporter::Result result = exportAll(root);
        QCOMPARE(result.requests, 1);
        const QJsonObject item = json(result)["item"][0]["item"][0].toObject();
        QCOMPARE(item["request"]["description"].toString(), QStringLiteral("Lists things."));
        QCOMPARE(item["protocolProfileBehavior"]["followRedirects"].toBool(true), false);
        QCOMPARE(item["protocolProfileBehavior"]["disableCookies"].toBool(), true);
        QVERIFY(mentions(result.problems, QStringLiteral("a.http:7: a: # @timeout")));
        QVERIFY(mentions(result.problems, QStringLiteral("# @retries has no Postman")));
        QVERIFY(mentions(result.problems, QStringLiteral("response handlers are not exported")));
        QVERIFY(mentions(result.problems, QStringLiteral("WebSocket blocks are not exported")));
    }

    void importingTheExportGivesBackTheRequests()
    {
        const QString root = workspace(
            {{"http-client.env.json", "{\"dev\": {\"host\": \"http://h\"}}"},
             {"shop/shop.http",
              "### list\n# @no-redirect\nGET {{host}}/items?page=2&q=a%20b\nAccept: "
              "application/json\nX-Id: {{$uuid}}\n\n"
              "### create\nPOST {{host}}/items\nContent-Type: application/json\n\n{\"a\": 1}\n\n"
              "### note\nPATCH {{host}}/items/1\n\nplain text\n\n"
              "### login\nGET {{host}}/me\nAuthorization: Basic ada pw\n"},
             {"shop/admin/admin.http", "### stats\n# @no-cookie-jar\nGET {{host}}/stats\n"}});
        const Workspace loaded = Workspace::load(root);
        const PostmanExporter::Result exported =
            PostmanExporter::collection(loaded, loaded.files(), root + QStringLiteral("/shop"),
                                        QStringLiteral("shop"), QStringLiteral("dev"));
        const CollectionDraft draft =
            PostmanImporter::read(exported.json, QStringLiteral("shop.postman_collection.json"));
        QVERIFY(!draft.hasErrors());
        QVERIFY2(draft.notes.isEmpty(), qPrintable(draft.notes.value(0).toString()));
        QCOMPARE(
            draft.environments.value(QStringLiteral("$shared")),
            CollectionDraft::Variables({{QStringLiteral("host"), QStringLiteral("http://h")}}));
        QCOMPARE(draft.files.size(), 2);
        QCOMPARE(draft.files[0].path, QStringLiteral("shop.http"));
        QCOMPARE(draft.files[1].path, QStringLiteral("admin/admin.http"));
        QList<RequestDefinition> original = loaded.files()[1].requests; // shop/shop.http
        original += loaded.files()[0].requests;                         // shop/admin/admin.http
        const QList<RequestDefinition> back = draft.files[0].requests + draft.files[1].requests;
        QCOMPARE(back.size(), original.size());
        for (qsizetype i = 0; i < back.size(); ++i) {
            QCOMPARE(back[i].name, original[i].name);
            QCOMPARE(back[i].method, original[i].method);
            QCOMPARE(back[i].url, original[i].url);
            QCOMPARE(back[i].headers, original[i].headers);
            QCOMPARE(back[i].body, original[i].body);
            QStringList directives;
            for (const RequestDefinition::Directive &directive : original[i].directives)
                directives.append(directive.name);
            QStringList backDirectives;
            for (const RequestDefinition::Directive &directive : back[i].directives)
                backDirectives.append(directive.name);
            QCOMPARE(backDirectives, directives);
        }
    }
};

QTEST_GUILESS_MAIN(tst_PostmanExporter)
#include "tst_postmanexporter.moc"
