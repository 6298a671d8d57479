// PostmanExporter: the collection's shape, one test per mapping. That newman sends what we
// send is tests/interop/tst_newmaninterop's job.
#include "formats/postmanexporter.h"
#include "formats/postmanimporter.h"
#include "formats/postmantestscript.h"

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
        QVERIFY(mentions(result.problems, QStringLiteral("a.http:7: a: its response handler (\"> "
                                                         "{% … %}\" or \"> file.js\") is not "
                                                         "exported")));
        QVERIFY(mentions(result.problems, QStringLiteral("WebSocket blocks are not exported")));
    }

    void theHttpVersionBecomesProtocolVersion()
    {
        const QString root = workspace(
            {{"a.http", "### one\n# @http1\nGET https://h/1\n\n### two\nGET https://h/2 HTTP/2\n\n"
                        "### three\n# @http2\nGET https://h/3 HTTP/1.1\n\n### four\n"
                        "GET https://h/4\n\n### five\nGET http://h/5 HTTP/1.0\n"}});
        const PostmanExporter::Result result = exportAll(root);
        QCOMPARE(result.requests, 5);
        const QJsonArray items = json(result)["item"][0]["item"].toArray();
        const auto version = [&](int i) {
            return items[i]["protocolProfileBehavior"]["protocolVersion"].toString(
                QStringLiteral("<none>"));
        };
        QCOMPARE(version(0), QStringLiteral("http1"));
        QCOMPARE(version(1), QStringLiteral("http2"));
        QCOMPARE(version(2), QStringLiteral("http2")); // the directive wins
        QCOMPARE(version(3), QStringLiteral("<none>"));
        QCOMPARE(version(4), QStringLiteral("<none>"));
        QVERIFY(!mentions(result.problems, QStringLiteral("# @http")));
        QVERIFY(mentions(result.problems, QStringLiteral("HTTP/1.0 is not exported")));
    }

    void eachAssertionBecomesOnePmTest_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("script");
        const auto row = [](const char *line, const QStringList &body) {
            QString name = QString::fromUtf8(line).mid(3); // as a JavaScript string literal
            name.replace(QLatin1String("\\"), QLatin1String("\\\\"));
            name.replace(QLatin1String("\""), QLatin1String("\\\""));
            QStringList script{QStringLiteral("pm.test(\"%1\", function () {").arg(name)};
            for (const QString &text : body)
                script.append(QStringLiteral("    ") + text);
            script.append(QStringLiteral("});"));
            QTest::newRow(line) << QString::fromUtf8(line) << script;
        };
        // Numbers compared with numbers read as chai's own words.
        row("?? status == 200", {"pm.expect(pm.response.code).to.eql(200);"});
        row("?? status != 500", {"pm.expect(pm.response.code).to.not.eql(500);"});
        row("?? status < 300", {"pm.expect(pm.response.code).to.be.below(300);"});
        row("?? status <= 299", {"pm.expect(pm.response.code).to.be.at.most(299);"});
        row("?? status > 199", {"pm.expect(pm.response.code).to.be.above(199);"});
        row("?? status >= 200", {"pm.expect(pm.response.code).to.be.at.least(200);"});
        row("?? duration < 500", {"pm.expect(pm.response.responseTime).to.be.below(500);"});
        row("?? duration <= 2.5", {"pm.expect(pm.response.responseTime).to.be.at.most(2.5);"});
        // A header is text, or undefined when it is missing.
        row("?? header content-type includes json",
            {"pm.expect(responseHeader(\"content-type\")).to.include(\"json\");"});
        row("?? header x-team contains or",
            {"pm.expect(responseHeader(\"x-team\")).to.include(\"or\");"});
        row("?? header x-team == core",
            {"pm.expect(responseHeader(\"x-team\")).to.eql(\"core\");"});
        row("?? header x-team != edge",
            {"pm.expect(responseHeader(\"x-team\")).to.not.eql(\"edge\");"});
        row("?? header x-team exists", {"pm.expect(responseHeader(\"x-team\")).to.be.ok;"});
        row("?? header x-team isFalse", {"pm.expect(responseHeader(\"x-team\")).to.not.be.ok;"});
        row("?? header x-team startsWith co",
            {"const actual = responseHeader(\"x-team\");", "pm.expect(actual).to.not.be.undefined;",
             "pm.expect(asText(actual).startsWith(\"co\")).to.be.true;"});
        row("?? header x-team endsWith re",
            {"const actual = responseHeader(\"x-team\");", "pm.expect(actual).to.not.be.undefined;",
             "pm.expect(asText(actual).endsWith(\"re\")).to.be.true;"});
        row("?? header content-type matches ^application/(.*\\+)?json",
            {"const actual = responseHeader(\"content-type\");",
             "pm.expect(actual).to.not.be.undefined;",
             "pm.expect(asText(actual)).to.match(new RegExp(\"^application/(.*\\\\+)?json\"));"});
        row("?? header x-team > cora",
            {"const actual = responseHeader(\"x-team\");",
             "const expected = asActual(actual, \"cora\");",
             "pm.expect(typeof actual).to.be.oneOf([\"number\", \"string\"]).and.equal(typeof "
             "expected);",
             "pm.expect(actual > expected).to.be.true;"});
        // A body path walks responseJson(); its value's type decides the comparison.
        row("?? body $.a.b[0] == 7", {"const actual = responseJson()?.a?.b?.[0];",
                                      "pm.expect(actual).to.eql(asActual(actual, \"7\"));"});
        row("?? body items[1].id != 8", {"const actual = responseJson()?.items?.[1]?.id;",
                                         "pm.expect(actual).to.not.eql(asActual(actual, \"8\"));"});
        row("?? body $['content-type'].x <= 2.5",
            {"const actual = responseJson()?.[\"content-type\"]?.x;",
             "const expected = asActual(actual, \"2.5\");",
             "pm.expect(typeof actual).to.be.oneOf([\"number\", \"string\"]).and.equal(typeof "
             "expected);",
             "pm.expect(actual <= expected).to.be.true;"});
        row("?? body $.n >= 1",
            {"const actual = responseJson()?.n;", "const expected = asActual(actual, \"1\");",
             "pm.expect(typeof actual).to.be.oneOf([\"number\", "
             "\"string\"]).and.equal(typeof expected);",
             "pm.expect(actual >= expected).to.be.true;"});
        row("?? body $.n < 1",
            {"const actual = responseJson()?.n;", "const expected = asActual(actual, \"1\");",
             "pm.expect(typeof actual).to.be.oneOf([\"number\", "
             "\"string\"]).and.equal(typeof expected);",
             "pm.expect(actual < expected).to.be.true;"});
        row("?? body $.tags includes a", {"const actual = responseJson()?.tags;",
                                          "pm.expect(includes(actual, \"a\")).to.be.true;"});
        row("?? body $.ok isTrue", {"pm.expect(responseJson()?.ok).to.be.ok;"});
        row("?? body $.n isNumber", {"pm.expect(responseJson()?.n).to.be.a(\"number\");"});
        row("?? body $.s isString", {"pm.expect(responseJson()?.s).to.be.a(\"string\");"});
        row("?? body $.b isBoolean", {"pm.expect(responseJson()?.b).to.be.a(\"boolean\");"});
        row("?? body $.tags isArray", {"pm.expect(responseJson()?.tags).to.be.an(\"array\");"});
        row("?? body $ exists", {"pm.expect(responseJson()).to.be.ok;"});
        // The whole body is text.
        row("?? body includes hello", {"pm.expect(pm.response.text()).to.include(\"hello\");"});
        row("?? body sha256 LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=",
            {"const actual = pm.response.text();", "const CryptoJS = require(\"crypto-js\");",
             "pm.expect(actual).to.not.be.undefined;",
             "pm.expect(CryptoJS.SHA256(asText(actual)).toString(CryptoJS.enc.Base64)).to.eql("
             "\"LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=\".trim());"});
        row("?? body $.word md5 XUFAKrxLKna5cZ2REBfFkg==",
            {"const actual = responseJson()?.word;", "const CryptoJS = require(\"crypto-js\");",
             "pm.expect(actual).to.not.be.undefined;",
             "pm.expect(CryptoJS.MD5(asText(actual)).toString(CryptoJS.enc.Base64)).to.eql("
             "\"XUFAKrxLKna5cZ2REBfFkg==\".trim());"});
        row("?? body $.word sha512 abc",
            {"const actual = responseJson()?.word;", "const CryptoJS = require(\"crypto-js\");",
             "pm.expect(actual).to.not.be.undefined;",
             "pm.expect(CryptoJS.SHA512(asText(actual)).toString(CryptoJS.enc.Base64)).to.eql("
             "\"abc\".trim());"});
        // {{variables}} are expanded by Postman when the test runs, and read as the value's type.
        row("?? status == {{created}}",
            {"const actual = pm.response.code;", "pm.expect(actual).to.eql(asActual(actual, "
                                                 "pm.variables.replaceIn(\"{{created}}\")));"});
        row("?? header x-id == {{$uuid}}",
            {"const actual = responseHeader(\"x-id\");",
             "pm.expect(actual).to.eql(asActual(actual, pm.variables.replaceIn(\"{{$guid}}\")));"});
        // Quotes and backslashes stay JavaScript string literals.
        row("?? body $.q == say \"hi\" \\o/",
            {"const actual = responseJson()?.q;",
             "pm.expect(actual).to.eql(asActual(actual, \"say \\\"hi\\\" \\\\o/\"));"});
    }

    void eachAssertionBecomesOnePmTest()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, script);
        const RequestAssertion assertion = RequestAssertion::parse(line, 1);
        QVERIFY2(assertion.isValid(), qPrintable(assertion.problem));
        QString whyNot;
        QCOMPARE(PostmanTestScript::test(assertion, &whyNot), script);
        QVERIFY(whyNot.isEmpty());
        // The importer reads the test back as the line it came from.
        bool ok = false;
        QCOMPARE(
            PostmanTestScript::assertionLines(PostmanTestScript::script({assertion}).exec, &ok),
            QStringList{line});
        QVERIFY(ok);
    }

    void whatPostmanCannotCheckIsNamedWithItsPlace()
    {
        const QString root = workspace({{"api.http", "### a\n?? status == 200\nGET http://h/a\n\n"
                                                     "??  connection reused\n"
                                                     "?? js response.body.length > 2\n"
                                                     "?? xpath /a/b == 1\n"
                                                     "?? body $..id == 1\n"
                                                     "?? body $.items[*].id == 1\n"
                                                     "?? body $.x[-1] == 1\n"
                                                     "?? header == 1\n"
                                                     "?? status startsWith\n"
                                                     "?? header x-ok exists\n"}});
        const PostmanExporter::Result result = exportAll(root);
        QCOMPARE(result.requests, 1);
        const QStringList expected = {
            "api.http:5:5: a: \"connection reused\" is not exported: Postman's scripts cannot see "
            "whether a connection was new or reused (only Microrequests checks it)",
            "api.http:6:4: a: \"js response.body.length > 2\" is not exported: its JavaScript is "
            "written for httpyac's objects, not Postman's; write it as a Postman test",
            "api.http:7:4: a: \"xpath /a/b == 1\" is not exported: Postman has no xpath "
            "assertions; write it as a Postman test",
            "api.http:8:4: a: \"body $..id == 1\" is not exported: the body path \"$..id\" uses "
            "JSONPath that plain property access cannot follow (only .name, ['name'] and [index] "
            "steps are exported); write it as a Postman test",
            "api.http:9:4: a: \"body $.items[*].id == 1\" is not exported: the body path "
            "\"$.items[*].id\" uses JSONPath that plain property access cannot follow (only "
            ".name, ['name'] and [index] steps are exported); write it as a Postman test",
            "api.http:10:4: a: \"body $.x[-1] == 1\" is not exported: the body path \"$.x[-1]\" "
            "uses JSONPath that plain property access cannot follow (only .name, ['name'] and "
            "[index] steps are exported); write it as a Postman test",
            "api.http:11:4: a: \"header == 1\" is not exported: \"header\" needs the header's "
            "name, e.g. \"?? header content-type includes json\"",
            // Where the parser found the problem: the missing value at the line's end.
            "api.http:12:21: a: \"status startsWith\" is not exported: \"startsWith\" needs a "
            "value to compare with, e.g. \"?? status startsWith …\"",
        };
        QCOMPARE(result.problems, expected);
        // Assertions are not response handlers, and one above the request line is no comment.
        const QJsonObject item = json(result)["item"][0]["item"][0].toObject();
        QVERIFY(!item["request"].toObject().contains("description"));
        const QJsonArray events = item["event"].toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0]["listen"].toString(), QStringLiteral("test"));
        QCOMPARE(events[0]["script"]["type"].toString(), QStringLiteral("text/javascript"));
        QStringList exec;
        for (const QJsonValue &line : events[0]["script"]["exec"].toArray())
            exec.append(line.toString());
        QCOMPARE(exec,
                 QStringList(
                     {"// A header's values joined by \", \" as HTTP combines them, or undefined "
                      "when it is missing.",
                      "const responseHeader = (name) => {",
                      "    const values = pm.response.headers.all().filter((header) => "
                      "header.key.toLowerCase() === name.toLowerCase());",
                      "    return values.length ? values.map((header) => header.value).join(\", "
                      "\") : undefined;",
                      "};", "pm.test(\"status == 200\", function () {",
                      "    pm.expect(pm.response.code).to.eql(200);", "});",
                      "pm.test(\"header x-ok exists\", function () {",
                      "    pm.expect(responseHeader(\"x-ok\")).to.be.ok;", "});"}));
    }

    void helpersAreWrittenOnceAndOnlyWhenUsed()
    {
        const QString root = workspace({{"api.http", "### a\nGET http://h/a\n\n"
                                                     "?? body $.a == 1\n"
                                                     "?? body $.b == 2\n"
                                                     "?? body $.tags includes x\n\n"
                                                     "### b\nGET http://h/b\n\n"
                                                     "?? body $.a startsWith x\n\n"
                                                     "### c\nGET http://h/c\n\n"
                                                     "?? status == 200\n\n"
                                                     "### d\nGET http://h/d\n"}});
        const PostmanExporter::Result result = exportAll(root);
        QVERIFY2(result.problems.isEmpty(), qPrintable(result.problems.join(QLatin1Char('\n'))));
        const QJsonArray items = json(result)["item"][0]["item"].toArray();
        QCOMPARE(items.size(), 4);
        const auto exec = [&](int i) {
            QStringList lines;
            for (const QJsonValue &line : items[i]["event"][0]["script"]["exec"].toArray())
                lines.append(line.toString());
            return lines.join(QLatin1Char('\n'));
        };
        const QString a = exec(0);
        QCOMPARE(a.count(QLatin1String("const responseJson = ")), 1);
        QCOMPARE(a.count(QLatin1String("const asActual = ")), 1);
        QCOMPARE(a.count(QLatin1String("const asText = ")), 1);
        QCOMPARE(a.count(QLatin1String("const includes = ")), 1);
        QCOMPARE(a.count(QLatin1String("pm.test(")), 3);
        QVERIFY(a.indexOf(QLatin1String("const includes = ")) <
                a.indexOf(QLatin1String("pm.test(")));
        const QString b = exec(1);
        QVERIFY(!b.contains(QLatin1String("asActual")));
        QCOMPARE(b.count(QLatin1String("const asText = ")), 1);
        QVERIFY(!exec(2).contains(QLatin1String("const ")));
        QVERIFY(!items[3].toObject().contains("event")); // no assertions, no script
    }

    void importingTheExportGivesBackTheRequests()
    {
        const QString root = workspace(
            {{"http-client.env.json", "{\"dev\": {\"host\": \"http://h\"}}"},
             {"shop/shop.http",
              "### list\n# @no-redirect\nGET {{host}}/items?page=2&q=a%20b\nAccept: "
              "application/json\nX-Id: {{$uuid}}\n\n"
              "### create\nPOST {{host}}/items\nContent-Type: application/json\n\n{\"a\": 1}\n\n"
              "?? status == 201\n?? header content-type includes json\n?? body $.a >= 1\n"
              "?? body $.tags includes x\n?? body sha256 {{digest}}\n\n"
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
            // "?? …" lines come back from the test scripts they were exported as.
            QStringList assertions;
            for (const RequestAssertion &assertion : original[i].assertions)
                assertions.append(assertion.description());
            QStringList backAssertions;
            for (const RequestAssertion &assertion : back[i].assertions) {
                QVERIFY(assertion.isValid());
                backAssertions.append(assertion.description());
            }
            QCOMPARE(backAssertions, assertions);
        }
        const RequestDefinition *create = &back[1];
        QCOMPARE(create->name, QStringLiteral("create"));
        QCOMPARE(create->assertions.size(), 5);
        QVERIFY(create->responseHandlers.startsWith(
            QLatin1String("\n?? status == 201\n?? header content-type includes json\n")));
    }
};

QTEST_GUILESS_MAIN(tst_PostmanExporter)
#include "tst_postmanexporter.moc"
