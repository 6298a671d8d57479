// Importing Postman Collection v2.0 and v2.1: fixtures written by hand from Postman's
// collection schema (info, item, item-group, request, url, auth, body, event, variable…), one
// test per feature.
#include "formats/collectionimporter.h"
#include "formats/collectionwriter.h"
#include "formats/postmanimporter.h"
#include "formats/postmantestscript.h"
#include "importtesthelpers.h"
#include "postmantesthelpers.h"
#include "workspace/environmentset.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;
using namespace mr::test;
using namespace postmantest;

class tst_PostmanImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sniffsPostmanFiles_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &name :
             Collections + QStringList({"broken.json", "v1.json", "unknown-schema.json",
                                        "no-item.json", "environment.postman_environment.json"}))
            QTest::newRow(qPrintable(name)) << name;
    }

    void sniffsPostmanFiles()
    {
        QFETCH(QString, name);
        QVERIFY(PostmanImporter::looksLike(fixture(name)));
        QCOMPARE(CollectionImporter::sniff(fixture(name)), QStringLiteral("postman"));
    }

    void otherFormatsAreNotSniffedAsPostman_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        const QHash<QString, QString> formats = {
            {"insomnia", "insomnia"}, {"har", "har"}, {"openapi", "openapi"}};
        for (auto it = formats.begin(); it != formats.end(); ++it) {
            const QDir dir(QFINDTESTDATA(QStringLiteral("fixtures/") + it.key()));
            QVERIFY(dir.exists());
            const QStringList files = dir.entryList(QDir::Files);
            QVERIFY(!files.isEmpty());
            for (const QString &file : files)
                QTest::newRow(qPrintable(it.key() + QLatin1Char('/') + file))
                    << dir.filePath(file) << it.value();
        }
    }

    void otherFormatsAreNotSniffedAsPostman()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        const QByteArray data = readFile(path);
        QVERIFY(!data.isEmpty());
        QVERIFY(!PostmanImporter::looksLike(data));
        // Broken fixtures of the others may be recognised by nobody; never as Postman.
        const QString sniffed = CollectionImporter::sniff(data);
        QVERIFY2(sniffed != QLatin1String("postman"), qPrintable(sniffed));
        if (!path.contains(QLatin1String("broken")) && !path.contains(QLatin1String("v5")))
            QCOMPARE(sniffed, format);
    }

    void postmanWordsInsideAnotherFormatDoNotMakeItPostman()
    {
        const QByteArray insomnia =
            "{\"_type\": \"export\", \"__export_format\": 4, \"resources\": [{\"_id\": "
            "\"req_1\",\n              \"_type\": \"request\", \"body\": {\"text\": "
            "\"{\\\"info\\\": {\\\"_postman_id\\\": \\\"x\\\", \\\"schema\\\": "
            "\\\"https://schema.getpostman.com/json/collection/v2.1.0/c.json\\\"}}\"}}]}";
        QVERIFY(!PostmanImporter::looksLike(insomnia));
        QCOMPARE(CollectionImporter::sniff(insomnia), QStringLiteral("insomnia"));
        QVERIFY(!PostmanImporter::looksLike("curl https://schema.getpostman.com/x"));
        QCOMPARE(CollectionImporter::sniff("curl https://schema.getpostman.com/x"),
                 QStringLiteral("curl"));
        QCOMPARE(CollectionImporter::formats().first(), QStringLiteral("postman"));
        QCOMPARE(CollectionImporter::read("postman", fixture("shop.postman_collection.json"),
                                          "shop.json")
                     .requestCount(),
                 5);
    }

    void brokenJsonIsAnErrorAtItsPosition()
    {
        checkOneJsonErrorAt(import("broken.json"), fixturePath("broken.json"),
                            fixture("broken.json"), "{ \"name\": \"Two\"");
    }

    void collectionV1IsRefusedWithWhatToDo()
    {
        const CollectionDraft draft = import("v1.json");
        QCOMPARE(draft.errors.size(), 1);
        QCOMPARE(draft.errors.first().line, lineOf(fixture("v1.json"), "\"requests\""));
        QCOMPARE(draft.errors.first().column, columnOf(fixture("v1.json"), "[\n    { \"id\""));
        QVERIFY(draft.errors.first().message.contains("Collection v1"));
        QVERIFY(draft.errors.first().message.contains("\"Collection v2.1\""));
        QVERIFY(draft.files.isEmpty());
    }

    void unknownSchemaIsRefused()
    {
        const CollectionDraft draft = import("unknown-schema.json");
        QCOMPARE(draft.errors.size(), 1);
        QCOMPARE(draft.errors.first().line, lineOf(fixture("unknown-schema.json"), "\"schema\""));
        QVERIFY2(draft.errors.first().message.contains("v3.0.0"),
                 qPrintable(draft.errors.first().message));
        // A v1 schema URL is v1.
        const CollectionDraft v1 =
            PostmanImporter::read("{\"info\": {\"schema\": "
                                  "\"https://schema.getpostman.com/json/collection/v1.0.0/"
                                  "collection.json\"}, \"item\": []}",
                                  "v1.json");
        QCOMPARE(v1.errors.size(), 1);
        QVERIFY(v1.errors.first().message.contains("v1"));
    }

    void notACollectionIsRefused()
    {
        const CollectionDraft noItem = import("no-item.json");
        QCOMPARE(noItem.errors.size(), 1);
        QCOMPARE(noItem.errors.first().line, lineOf(fixture("no-item.json"), "\"item\""));
        QVERIFY(noItem.errors.first().message.contains("\"item\" must be an array"));

        const CollectionDraft array = PostmanImporter::read("[1, 2]", "x.json");
        QCOMPARE(array.errors.size(), 1);
        QCOMPARE(array.errors.first().line, 1);
        QVERIFY(array.errors.first().message.contains("not a Postman collection"));

        const CollectionDraft noInfo = PostmanImporter::read("{\n  \"item\": []\n}", "x.json");
        QCOMPARE(noInfo.errors.size(), 1);
        QVERIFY(noInfo.errors.first().message.contains("\"info\""));

        const CollectionDraft noItems = PostmanImporter::read(
            "{\"info\": {\"name\": \"x\", \"schema\": "
            "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"}}",
            "x.json");
        QCOMPARE(noItems.errors.size(), 1);
    }

    void environmentExportsAreRefusedWithWhatToDo()
    {
        const CollectionDraft draft = import("environment.postman_environment.json");
        QCOMPARE(draft.errors.size(), 1);
        const Diagnostic &e = draft.errors.first();
        QCOMPARE(e.line,
                 lineOf(fixture("environment.postman_environment.json"), "_postman_variable"));
        QVERIFY2(e.message.contains("Postman environment export") &&
                     e.message.contains("import the collection"),
                 qPrintable(e.message));
    }

    void missingSchemaIsReadAsV21WithANote()
    {
        const CollectionDraft draft =
            PostmanImporter::read("{\"info\": {\"name\": \"Bare\"}, \"item\": [{\"name\": \"A\", "
                                  "\"request\": \"http://h/a\"}]}",
                                  "bare.json");
        QVERIFY(!draft.hasErrors());
        QCOMPARE(draft.requestCount(), 1);
        QCOMPARE(notesWith(draft, {"no schema"}).size(), 1);
    }

    void foldersBecomeFoldersWithAFileNamedAfterThem()
    {
        const CollectionDraft draft = import("shop.postman_collection.json");
        QVERIFY2(!draft.hasErrors(), qPrintable(draft.errors.value(0).toString()));
        QCOMPARE(draft.name, QStringLiteral("Shop API"));
        QCOMPARE(paths(draft),
                 QStringList({"Shop API.http", "Users/Users.http", "Users/Admin/Admin.http"}));
        QCOMPARE(requestNames(draft.files[0]), QStringList({"Health", "Create order"}));
        QCOMPARE(requestNames(draft.files[1]), QStringList({"List users", "Get user"}));
        QCOMPARE(requestNames(draft.files[2]), QStringList({"Delete user"}));
        QCOMPARE(findRequest(draft, "Delete user")->nameSource,
                 RequestDefinition::NameSource::Separator);
    }

    void foldersOfTheSameNameAndEmptyFolders()
    {
        const CollectionDraft draft = import("extras.postman_collection.json");
        QCOMPARE(paths(draft),
                 QStringList({"Extras.http", "Users/Users.http", "Users 2/Users.http"}));
        QCOMPARE(requestNames(*findFile(draft, "Users 2/Users.http")),
                 QStringList({"In users too"}));
    }

    void aFolderDoesNotTakeTheNameOfItsParentsFile()
    {
        const CollectionDraft draft = PostmanImporter::read(
            "{\"info\": {\"name\": \"Shop\", \"schema\": "
            "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"}, "
            "\"item\": [{\"name\": \"A\", \"request\": \"http://h/a\"}, "
            "{\"name\": \"shop.http\", \"item\": [{\"name\": \"B\", \"request\": "
            "\"http://h/b\"}]}]}",
            "shop.json");
        QCOMPARE(paths(draft), QStringList({"Shop.http", "shop.http 2/shop.http.http"}));
    }

    void secretCollectionVariablesGoToThePrivateFile()
    {
        const CollectionDraft draft = PostmanImporter::read(
            "{\"info\": {\"name\": \"S\", \"schema\": "
            "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"}, "
            "\"variable\": [{\"key\": \"host\", \"value\": \"h\"}, {\"key\": "
            "\"apiKey\", \"value\": \"k\", \"type\": \"secret\"}], \"item\": []}",
            "s.json");
        QVERIFY(!draft.hasErrors());
        QCOMPARE(names(draft.environments.value("$shared")), QStringList({"host"}));
        QCOMPARE(value(draft.privateEnvironments.value("$shared"), "apiKey"), QStringLiteral("k"));
    }

    void nestingIsCapped()
    {
        QByteArray json = "{\"info\": {\"name\": \"Deep\", \"schema\": "
                          "\"https://schema.getpostman.com/json/collection/v2.1.0/"
                          "collection.json\"}, \"item\": [";
        for (int i = 0; i < 70; ++i)
            json += "{\"name\": \"f\", \"item\": [";
        json += "{\"name\": \"bottom\", \"request\": \"http://h/\"}";
        for (int i = 0; i < 70; ++i)
            json += "]}";
        json += "]}";
        const CollectionDraft draft = PostmanImporter::read(json, "deep.json");
        QVERIFY(!draft.hasErrors());
        QCOMPARE(draft.requestCount(), 0);
        QCOMPARE(notesWith(draft, {"nested deeper than 64"}).size(), 1);
    }

    void collectionVariablesBecomeTheSharedEnvironment()
    {
        const CollectionDraft draft = import("shop.postman_collection.json");
        const CollectionDraft::Variables shared = draft.environments.value("$shared");
        QCOMPARE(names(shared), QStringList({"baseUrl", "page", "token"}));
        QCOMPARE(value(shared, "baseUrl"), QStringLiteral("http://localhost:8080"));
        QCOMPARE(value(shared, "page"), QStringLiteral("1")); // a number in the JSON
        QCOMPARE(value(shared, "token"), QStringLiteral("dev-token"));
        QVERIFY(findFile(draft, "Shop API.http")->variables.isEmpty());
        const QList<Diagnostic> odd = notesWith(draft, {"collection variable \"{{odd}}\""});
        QCOMPARE(odd.size(), 1);
        QCOMPARE(odd.first().line, lineOf(fixture("shop.postman_collection.json"), "{{odd}}"));
        QCOMPARE(notesWith(draft, {"disabled collection variable \"retired\""}).size(), 1);
    }

    void folderVariablesBecomeFileVariables()
    {
        const CollectionDraft draft = import("shop.postman_collection.json");
        const CollectionDraft::Variables users = findFile(draft, "Users/Users.http")->variables;
        QCOMPARE(names(users), QStringList({"pageSize", "usersPath"}));
        QCOMPARE(value(users, "pageSize"), QStringLiteral("20"));
        // A sub-folder inherits and overrides.
        const CollectionDraft::Variables admin =
            findFile(draft, "Users/Admin/Admin.http")->variables;
        QCOMPARE(admin.size(), 2);
        QCOMPARE(value(admin, "pageSize"), QStringLiteral("50"));
        QCOMPARE(value(admin, "usersPath"), QStringLiteral("/users"));
        const QList<Diagnostic> bad = notesWith(draft, {"folder variable \"bad name\""});
        QCOMPARE(bad.size(), 1);
        QCOMPARE(bad.first().line, lineOf(fixture("shop.postman_collection.json"), "bad name"));
        QCOMPARE(notesWith(draft, {"disabled folder variable \"draftOnly\""}).size(), 1);
    }

    void protocolProfileBehaviorBecomesDirectivesOrNotes()
    {
        const CollectionDraft shop = import("shop.postman_collection.json");
        // From the folder, and the request's own.
        QCOMPARE(directiveNames(*findRequest(shop, "List users")), QStringList({"no-redirect"}));
        QCOMPARE(directiveNames(*findRequest(shop, "Delete user")),
                 QStringList({"no-redirect", "no-cookie-jar"}));
        QVERIFY(directiveNames(*findRequest(shop, "Health")).isEmpty());

        const CollectionDraft extras = import("extras.postman_collection.json");
        const RequestDefinition *settings = findRequest(extras, "Settings");
        QVERIFY(settings);
        QCOMPARE(settings->method, QStringLiteral("PATCH"));
        // disableCookies from the collection.
        QCOMPARE(directiveNames(*settings), QStringList({"no-redirect", "no-cookie-jar"}));
        QCOMPARE(notesWith(extras, {"\"Settings\"", "verify SSL"}).size(), 1);
        const QList<Diagnostic> maxRedirects = notesWith(extras, {"\"maxRedirects\""});
        QCOMPARE(maxRedirects.size(), 1);
        QCOMPARE(maxRedirects.first().line,
                 lineOf(fixture("extras.postman_collection.json"), "\"maxRedirects\""));
        QVERIFY(notesWith(extras, {"disableBodyPruning"}).isEmpty());
        // A request can turn the collection's setting off again.
        QVERIFY(directiveNames(*findRequest(extras, "Defaults")).isEmpty());
        QVERIFY(notesWith(extras, {"\"Defaults\""}).isEmpty());
    }

    void protocolVersionBecomesAnHttpVersionDirective()
    {
        // Postman's HTTP version setting: inherited from the collection, set per request.
        const CollectionDraft draft = PostmanImporter::read(
            "{\"info\": {\"name\": \"V\", \"schema\": "
            "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
            "\"protocolProfileBehavior\": {\"protocolVersion\": \"http2\"},\n"
            "\"item\": [{\"name\": \"A\", \"request\": \"https://h/a\"},\n"
            " {\"name\": \"B\", \"request\": \"https://h/b\",\n"
            "  \"protocolProfileBehavior\": {\"protocolVersion\": \"http1\"}},\n"
            " {\"name\": \"C\", \"request\": \"https://h/c\",\n"
            "  \"protocolProfileBehavior\": {\"protocolVersion\": \"auto\"}},\n"
            " {\"name\": \"D\", \"request\": \"https://h/d\",\n"
            "  \"protocolProfileBehavior\": {\"protocolVersion\": \"http3\"}}]}",
            "v.json");
        QVERIFY2(!draft.hasErrors(), qPrintable(draft.errors.value(0).toString()));
        QCOMPARE(directiveNames(*findRequest(draft, "A")), QStringList({"http2"}));
        QCOMPARE(directiveNames(*findRequest(draft, "B")), QStringList({"http1"}));
        QVERIFY(directiveNames(*findRequest(draft, "C")).isEmpty());
        // An unknown value is reported, and the inherited one stays.
        QCOMPARE(directiveNames(*findRequest(draft, "D")), QStringList({"http2"}));
        QCOMPARE(notesWith(draft, {"\"D\"", "\"protocolVersion\""}).size(), 1);
        QCOMPARE(findRequest(draft, "B")->options().protocol,
                 std::optional<ProtocolChoice>(ProtocolChoice::Http1));
    }

    void scriptsAreReportedWhereTheyAre()
    {
        const CollectionDraft draft = import("shop.postman_collection.json");
        const QByteArray text = fixture("shop.postman_collection.json");
        const QList<Diagnostic> order =
            notesWith(draft, {"request \"Create order\"", "pre-request script"});
        QCOMPARE(order.size(), 1);
        QCOMPARE(order.first().line, lineOf(text, "\"listen\": \"prerequest\""));
        QCOMPARE(order.first().column, columnOf(text, "\"prerequest\""));
        // Postman's empty test script is not worth a note.
        QVERIFY(notesWith(draft, {"request \"Create order\"", "test script"}).isEmpty());
        const QList<Diagnostic> folder = notesWith(draft, {"folder \"Users\"", "test script"});
        QCOMPARE(folder.size(), 1);
        QCOMPARE(folder.first().line, lineOf(text, "\"listen\": \"test\""));
        QCOMPARE(notesWith(draft, {"the collection: the pre-request script"}).size(), 1);

        const CollectionDraft extras = import("extras.postman_collection.json");
        QCOMPARE(notesWith(extras, {"\"Settings\"", "disabled test script"}).size(), 1);
    }

    // A test script our export wrote from "?? …" lines becomes those lines again; a script
    // that is not exactly ours (a line added, a test changed) stays Postman's and is reported.
    void ourAssertionScriptsComeBackAsAssertions()
    {
        QList<RequestAssertion> assertions;
        for (const char *line : {"?? status == 200", "?? body $.items[0].id == {{id}}",
                                 "?? header x-team startsWith co", "?? body $.tags includes a"})
            assertions.append(RequestAssertion::parse(QString::fromUtf8(line), 1));
        const QStringList ours = PostmanTestScript::script(assertions).exec;
        QStringList added = ours;
        added.append(QStringLiteral("pm.test(\"mine\", () => pm.expect(1).to.eql(1));"));
        QStringList changed = ours;
        changed.replaceInStrings(QStringLiteral("to.eql(200)"), QStringLiteral("to.eql(201)"));
        const auto item = [](const char *name, const QStringList &exec) {
            QJsonObject script{{"type", "text/javascript"},
                               {"exec", QJsonArray::fromStringList(exec)}};
            return QJsonObject{
                {"name", name},
                {"event", QJsonArray{QJsonObject{{"listen", "test"}, {"script", script}}}},
                {"request", QJsonObject{{"method", "GET"}, {"url", "http://h/a"}}}};
        };
        const QJsonObject collection{
            {"info",
             QJsonObject{{"name", "c"},
                         {"schema",
                          "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}}},
            {"item",
             QJsonArray{item("ours", ours), item("added", added), item("changed", changed)}}};
        const CollectionDraft draft = PostmanImporter::read(
            QJsonDocument(collection).toJson(), QStringLiteral("c.postman_collection.json"));
        QVERIFY(!draft.hasErrors());

        const RequestDefinition *back = findRequest(draft, "ours");
        QVERIFY(back);
        QCOMPARE(back->responseHandlers,
                 QStringLiteral("?? status == 200\n?? body $.items[0].id == {{id}}\n"
                                "?? header x-team startsWith co\n?? body $.tags includes a"));
        QCOMPARE(back->assertions.size(), 4);
        QCOMPARE(back->assertions[1].subject, RequestAssertion::Subject::Body);
        QCOMPARE(back->assertions[1].argument, QStringLiteral("$.items[0].id"));
        QCOMPARE(back->assertions[1].expected, QStringLiteral("{{id}}"));
        QVERIFY(notesWith(draft, {"\"ours\""}).isEmpty());

        for (const char *name : {"added", "changed"}) {
            const RequestDefinition *other = findRequest(draft, name);
            QVERIFY(other);
            QVERIFY(other->assertions.isEmpty());
            QVERIFY(other->responseHandlers.isEmpty());
            const QString subject = QStringLiteral("\"%1\"").arg(QLatin1String(name));
            QCOMPARE(
                notesWith(draft, {subject, QStringLiteral("test script is not imported")}).size(),
                1);
        }
    }

    void examplesAndOtherSettingsAreReported()
    {
        const CollectionDraft draft = import("shop.postman_collection.json");
        const QList<Diagnostic> responses = notesWith(draft, {"\"Create order\"", "2 saved"});
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.first().line,
                 lineOf(fixture("shop.postman_collection.json"), "\"response\": [\n        {"));
        // Empty response lists say nothing.
        QVERIFY(notesWith(draft, {"\"Health\"", "saved"}).isEmpty());
        const CollectionDraft extras = import("extras.postman_collection.json");
        QCOMPARE(notesWith(extras, {"\"Settings\"", "proxy"}).size(), 1);
    }

    void brokenItemsAreReportedNotImported()
    {
        const CollectionDraft draft = import("extras.postman_collection.json");
        QCOMPARE(notesWith(draft, {"not an object"}).size(), 1);
        QCOMPARE(notesWith(draft, {"\"Empty item\" has neither"}).size(), 1);
        QVERIFY(!findRequest(draft, "New Request"));
        QCOMPARE(notesWith(draft, {"\"New Request\"", "no URL"}).size(), 1);
        const RequestDefinition *pasted = findRequest(draft, "Pasted name");
        QVERIFY(pasted);
        QCOMPARE(pasted->url, QStringLiteral("http://localhost:8080/a%20b/c"));
        QCOMPARE(header(*pasted, "X-Multi"), QStringLiteral("one two"));
        QVERIFY(header(*pasted, "Bad Name").isNull());
        for (const char *what : {"name had line breaks", "URL had spaces",
                                 "X-Multi had line breaks", "\"Bad Name\" is not a header name"})
            QVERIFY2(notesWith(draft, {what}).size() == 1, what);
    }

    void everyFixtureReadsBackIdentically_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &name : Collections)
            QTest::newRow(qPrintable(name)) << name;
    }

    void everyFixtureReadsBackIdentically()
    {
        QFETCH(QString, name);
        const CollectionDraft draft = import(name);
        QVERIFY2(!draft.hasErrors(), qPrintable(draft.errors.value(0).toString()));
        QVERIFY(draft.requestCount() > 0);
        const QString differences = readBackDifferences(draft);
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
        int line = 0;
        for (const Diagnostic &note : draft.notes) {
            QVERIFY2(note.line >= 1 && note.column >= 1, qPrintable(note.toString()));
            QVERIFY2(note.line >= line, "notes in the order of the file");
            line = note.line;
            QCOMPARE(note.file, fixturePath(name));
            QCOMPARE(note.severity, Diagnostic::Severity::Warning);
        }
    }

    void writtenWorkspaceHasTheSharedEnvironment()
    {
        QTemporaryDir dir;
        const CollectionDraft draft = import("shop.postman_collection.json");
        checkWrittenCleanly(draft, dir.path(), 3);
        QVERIFY(readFile(dir.filePath("Users/Admin/Admin.http")).contains("@pageSize = 50"));
        const EnvironmentSet environments = EnvironmentSet::load(dir.path());
        QVERIFY(environments.diagnostics().isEmpty());
        QCOMPARE(environments.variables(QString()).value("baseUrl"),
                 QStringLiteral("http://localhost:8080"));
    }
};

QTEST_GUILESS_MAIN(tst_PostmanImporter)
#include "tst_postmanimporter.moc"
