// Importing Postman Collection v2.0 and v2.1: fixtures written by hand from Postman's
// collection schema (info, item, item-group, request, url, auth, body, event, variable…), one
// test per feature.
#include "formats/collectionimporter.h"
#include "formats/collectionwriter.h"
#include "formats/postmanimporter.h"
#include "formats/postmantestscript.h"
#include "importtesthelpers.h"
#include "workspace/environmentset.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;
using namespace mr::test;

namespace {

QString fixturePath(const QString &name)
{
    return QFINDTESTDATA(QStringLiteral("fixtures/postman/") + name);
}

QByteArray fixture(const QString &name)
{
    return readFile(fixturePath(name));
}

CollectionDraft import(const QString &name)
{
    return PostmanImporter::read(fixture(name), fixturePath(name));
}

// The 1-based column of the first occurrence of needle; 0 when absent.
int columnOf(const QByteArray &text, const QByteArray &needle)
{
    const qsizetype at = text.indexOf(needle);
    return at < 0 ? 0 : int(at - text.lastIndexOf('\n', at));
}

QString value(const CollectionDraft::Variables &variables, const QString &name)
{
    for (const auto &[key, text] : variables) {
        if (key == name)
            return text;
    }
    return QString();
}

QStringList names(const CollectionDraft::Variables &variables)
{
    QStringList list;
    for (const auto &variable : variables)
        list.append(variable.first);
    return list;
}

QStringList paths(const CollectionDraft &draft)
{
    QStringList list;
    for (const CollectionDraft::File &file : draft.files)
        list.append(file.path);
    return list;
}

QStringList requestNames(const CollectionDraft::File &file)
{
    QStringList list;
    for (const RequestDefinition &request : file.requests)
        list.append(request.name);
    return list;
}

const QStringList Collections = {"shop.postman_collection.json", "legacy-v2.0.json",
                                 "auth.postman_collection.json", "bodies.postman_collection.json",
                                 "extras.postman_collection.json"};

} // namespace

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
        const CollectionDraft draft = import("broken.json");
        QCOMPARE(draft.errors.size(), 1);
        const Diagnostic &e = draft.errors.first();
        QCOMPARE(e.file, fixturePath("broken.json"));
        QCOMPARE(e.line, lineOf(fixture("broken.json"), "{ \"name\": \"Two\""));
        QVERIFY(e.column >= 1);
        QVERIFY2(e.message.contains("invalid JSON"), qPrintable(e.message));
        QVERIFY(draft.files.isEmpty());
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

    void urlsV21PreferRawAndReportDisabledQueryParameters()
    {
        const CollectionDraft draft = import("shop.postman_collection.json");
        QCOMPARE(findRequest(draft, "Health")->url, QStringLiteral("{{baseUrl}}/health"));
        QCOMPARE(findRequest(draft, "List users")->url,
                 QStringLiteral("{{baseUrl}}{{usersPath}}?page=1&size={{pageSize}}"));
        const QList<Diagnostic> debug = notesWith(draft, {"disabled query parameter \"debug\""});
        QCOMPARE(debug.size(), 1);
        QCOMPARE(debug.first().line,
                 lineOf(fixture("shop.postman_collection.json"), "{ \"key\": \"debug\""));
        QCOMPARE(findRequest(draft, "Create order")->url, QStringLiteral("{{baseUrl}}/orders"));
    }

    void urlsV20AsStringsOrParts()
    {
        const CollectionDraft draft = import("legacy-v2.0.json");
        QVERIFY2(!draft.hasErrors(), qPrintable(draft.errors.value(0).toString()));
        QCOMPARE(paths(draft), QStringList({"Legacy.http"}));
        const RequestDefinition *plain = findRequest(draft, "Plain string");
        QVERIFY(plain);
        QCOMPARE(plain->method, QStringLiteral("GET"));
        QCOMPARE(plain->url, QStringLiteral("https://api.example.com/status"));
        QCOMPARE(findRequest(draft, "String URL")->method, QStringLiteral("PUT"));
        QCOMPARE(findRequest(draft, "String URL")->url,
                 QStringLiteral("https://api.example.com/items?limit=5"));
        // Built from the parts: host and path arrays, port, encoded query, a value-less key,
        // the hash, and the path variable.
        QCOMPARE(findRequest(draft, "Parts URL")->url,
                 QStringLiteral("https://api.example.com:8443/v1/search%20results/"
                                "people?q=ada%20lovelace%20%26%20co&flag#top"));
        QCOMPARE(notesWith(draft, {"\"Parts URL\"", "URL had spaces"}).size(), 1);
        QCOMPARE(notesWith(draft, {"disabled query parameter \"off\""}).size(), 1);
    }

    void headersAsListOrText()
    {
        const CollectionDraft shop = import("shop.postman_collection.json");
        const RequestDefinition *list = findRequest(shop, "List users");
        QCOMPARE(headerNames(*list), QStringList({"Accept", "Authorization"}));
        QCOMPARE(header(*list, "Accept"), QStringLiteral("application/json"));
        const QList<Diagnostic> old = notesWith(shop, {"disabled header \"X-Old-Client\""});
        QCOMPARE(old.size(), 1);
        QCOMPARE(old.first().line, lineOf(fixture("shop.postman_collection.json"), "X-Old-Client"));
        QCOMPARE(old.first().severity, Diagnostic::Severity::Warning);

        // v2.0 allows "Name: value" lines.
        const CollectionDraft legacy = import("legacy-v2.0.json");
        const RequestDefinition *text = findRequest(legacy, "String URL");
        QCOMPARE(headerNames(*text), QStringList({"Content-Type", "X-Trace", "Authorization"}));
        QCOMPARE(header(*text, "X-Trace"), QStringLiteral("{{trace}}"));
        QCOMPARE(notesWith(legacy, {"header line \"not a header\""}).size(), 1);
        QCOMPARE(text->body, QStringLiteral("hello"));
    }

    void pathVariablesAreFilledIn()
    {
        const CollectionDraft draft = import("shop.postman_collection.json");
        QCOMPARE(findRequest(draft, "Get user")->url,
                 QStringLiteral("{{baseUrl}}/users/42/orders/a%2Fb%20c?expand=items"));
        // Without a value, left as written and reported.
        QCOMPARE(findRequest(draft, "Delete user")->url, QStringLiteral("{{baseUrl}}/users/:id"));
        const QList<Diagnostic> empty = notesWith(draft, {"path variable \":id\" has no value"});
        QCOMPARE(empty.size(), 1);
        QCOMPARE(empty.first().line, lineOf(fixture("shop.postman_collection.json"),
                                            "{ \"key\": \"id\", \"value\": \"\" }"));
    }

    void descriptionsBecomeCommentsOrAreReported()
    {
        const CollectionDraft draft = import("shop.postman_collection.json");
        // "@since" would read as a directive: escaped.
        QCOMPARE(
            findRequest(draft, "List users")->comments,
            QStringList({"# Returns one page of users.", "#", "# \\@since v2: sorted by name"}));
        QVERIFY(findRequest(draft, "Get user")->comments.isEmpty());
        QCOMPARE(notesWith(draft, {"collection's description"}).size(), 1);
        // {"content": …, "type": "text/markdown"}
        QCOMPARE(findRequest(import("extras.postman_collection.json"), "Settings")->comments,
                 QStringList({"# Changes settings.", "#", "# See the *docs*."}));
        QCOMPARE(notesWith(draft, {"folder \"Users\"", "description"}).size(), 1);
    }

    void dynamicVariablesAreMappedOrReported()
    {
        const CollectionDraft draft = import("shop.postman_collection.json");
        const RequestDefinition *order = findRequest(draft, "Create order");
        QVERIFY(order);
        QCOMPARE(header(*order, "X-Request-Id"), QStringLiteral("{{$uuid}}"));
        QCOMPARE(order->body,
                 QStringLiteral("{\n  \"id\": \"{{$uuid}}\",\n  \"at\": {{$timestamp}},\n"
                                "  \"n\": {{$randomInt}},\n"
                                "  \"by\": \"{{$randomFirstName}}\",\n"
                                "  \"iso\": \"{{$isoTimestamp}}\"\n}"));
        const QList<Diagnostic> random = notesWith(draft, {"{{$randomFirstName}}"});
        QCOMPARE(random.size(), 1);
        QCOMPARE(random.first().line,
                 lineOf(fixture("shop.postman_collection.json"), "{{$randomFirstName}}"));
        QVERIFY(notesWith(draft, {"{{$guid}}"}).isEmpty());
        QVERIFY(notesWith(draft, {"{{$timestamp}}"}).isEmpty());
    }

    void authentication_data()
    {
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("authorization");
        QTest::addColumn<QString>("note");
        QTest::newRow("basic") << "Basic"
                               << "Basic ada {{password}}"
                               << "";
        QTest::newRow("basic with spaces, as base64")
            << "Basic with spaces"
            << "Basic " + QString::fromLatin1(QByteArray("ada lovelace:open sesame").toBase64())
            << "";
        QTest::newRow("basic, no password, with a variable")
            << "Basic without password" << QString() << "empty or spaced";
        QTest::newRow("bearer") << "Bearer"
                                << "Bearer {{token}}"
                                << "";
        QTest::newRow("digest") << "Digest"
                                << "Digest ada pw"
                                << "";
        QTest::newRow("oauth2") << "OAuth 2" << QString() << "oauth2 authentication is not";
        QTest::newRow("awsv4") << "AWS" << QString() << "awsv4 authentication is not";
        QTest::newRow("own header wins") << "Own header"
                                         << "Custom abc"
                                         << "own Authorization";
    }

    void authentication()
    {
        QFETCH(QString, request);
        QFETCH(QString, authorization);
        QFETCH(QString, note);
        const CollectionDraft draft = import("auth.postman_collection.json");
        const RequestDefinition *r = findRequest(draft, request);
        QVERIFY(r);
        QCOMPARE(header(*r, "Authorization"), authorization);
        // The collection's API key is replaced by the request's own auth.
        QVERIFY(header(*r, "X-Api-Key").isNull());
        if (!note.isEmpty()) {
            const QList<Diagnostic> notes = notesWith(draft, {"\"" + request + "\"", note});
            QCOMPARE(notes.size(), 1);
            QCOMPARE(notes.first().line, lineOf(fixture("auth.postman_collection.json"),
                                                "\"name\": \"" + request.toUtf8() + "\"") +
                                             2);
        }
    }

    void authenticationV20Objects()
    {
        const CollectionDraft draft = import("legacy-v2.0.json");
        QCOMPARE(header(*findRequest(draft, "String URL"), "Authorization"),
                 QStringLiteral("Basic ada s3cret"));
        QCOMPARE(header(*findRequest(draft, "Parts URL"), "Authorization"),
                 QStringLiteral("Digest ada pw"));
        QCOMPARE(header(*findRequest(draft, "Bearer v2.0"), "Authorization"),
                 QStringLiteral("Bearer {{token}}"));
    }

    void apiKeysGoToHeaderOrQuery()
    {
        const CollectionDraft draft = import("auth.postman_collection.json");
        QCOMPARE(header(*findRequest(draft, "Inherits the collection's"), "X-Api-Key"),
                 QStringLiteral("{{apiKey}}"));
        // Before the fragment.
        QCOMPARE(findRequest(draft, "API key query")->url,
                 QStringLiteral("http://localhost:8080/auth/apikey_query?x=1&api_key=k%201#frag"));
    }

    void authIsInheritedUntilNoauth()
    {
        const CollectionDraft draft = import("auth.postman_collection.json");
        QCOMPARE(paths(draft), QStringList({"Auth.http", "Open/Open.http",
                                            "Open/No auth folder/No auth folder.http"}));
        // "auth": null is Postman's "inherit".
        QCOMPARE(headerNames(*findRequest(draft, "Public")), QStringList({"X-Api-Key"}));
        QVERIFY(findRequest(draft, "Nothing")->headers.isEmpty());
        QCOMPARE(headerNames(*findRequest(draft, "Own bearer")), QStringList({"Authorization"}));
        QCOMPARE(header(*findRequest(draft, "Own bearer"), "Authorization"),
                 QStringLiteral("Bearer inner"));
        // A request with "noauth" sends none even below a folder with auth.
        const CollectionDraft shop = import("shop.postman_collection.json");
        QVERIFY(findRequest(shop, "Health")->headers.isEmpty());
        QCOMPARE(header(*findRequest(shop, "Create order"), "Authorization"),
                 QStringLiteral("Bearer {{token}}"));
        QCOMPARE(header(*findRequest(shop, "Delete user"), "Authorization"),
                 QStringLiteral("Basic ada {{password}}"));
    }

    void rawBodies()
    {
        const CollectionDraft draft = import("bodies.postman_collection.json");
        const RequestDefinition *json = findRequest(draft, "JSON");
        QCOMPARE(json->body, QStringLiteral("{\n  \"a\": 1,\n  \"b\": [true, null]\n}"));
        QCOMPARE(headerNames(*json), QStringList({"Content-Type"}));
        QCOMPARE(header(*json, "Content-Type"), QStringLiteral("application/json"));
        const RequestDefinition *xml = findRequest(draft, "XML");
        QCOMPARE(header(*xml, "Content-Type"), QStringLiteral("application/xml"));
        QCOMPARE(xml->body, QStringLiteral("<order>\n<id>7</id>\n</order>"));
        QCOMPARE(notesWith(draft, {"\"XML\"", "CRLF"}).size(), 1);
        // The request's own Content-Type wins over the language's.
        const RequestDefinition *own = findRequest(draft, "Own content type");
        QCOMPARE(headerNames(*own), QStringList({"Content-Type"}));
        QCOMPARE(header(*own, "Content-Type"), QStringLiteral("application/vnd.api+json"));
        // No language: Postman sends text/plain (newman 6.2 does); lines that would break the
        // file are shifted.
        const RequestDefinition *text = findRequest(draft, "Text");
        QCOMPARE(headerNames(*text), QStringList({"Content-Type"}));
        QCOMPARE(header(*text, "Content-Type"), QStringLiteral("text/plain"));
        QCOMPARE(text->body,
                 QStringLiteral("first line\n ### not a separator\n > not a handler\nlast"));
        QCOMPARE(notesWith(draft, {"\"Text\"", "body line 2, 3"}).size(), 1);
        const RequestDefinition *get = findRequest(draft, "GET with body");
        QCOMPARE(get->method, QStringLiteral("GET"));
        QCOMPARE(get->body, QStringLiteral("{\"q\": 1}"));
        QVERIFY(findRequest(draft, "No body")->body.isEmpty());
    }

    void urlEncodedBodies()
    {
        const CollectionDraft draft = import("bodies.postman_collection.json");
        const RequestDefinition *form = findRequest(draft, "Form");
        QCOMPARE(form->body,
                 QStringLiteral("user=ada+lovelace&password={{password}}&note=50%25+%26+more"));
        QCOMPARE(header(*form, "Content-Type"),
                 QStringLiteral("application/x-www-form-urlencoded"));
        const QList<Diagnostic> remember = notesWith(draft, {"disabled form field \"remember\""});
        QCOMPARE(remember.size(), 1);
        QCOMPARE(remember.first().line,
                 lineOf(fixture("bodies.postman_collection.json"), "\"key\": \"remember\""));
    }

    void formDataBodies()
    {
        const CollectionDraft draft = import("bodies.postman_collection.json");
        const RequestDefinition *multipart = findRequest(draft, "Multipart");
        QCOMPARE(header(*multipart, "Content-Type"),
                 QStringLiteral("multipart/form-data; boundary=MicrorequestsBoundary"));
        QCOMPARE(multipart->body, QStringLiteral("--MicrorequestsBoundary\n"
                                                 "Content-Disposition: form-data; name=\"title\"\n"
                                                 "\n"
                                                 "Quarterly report\n"
                                                 "--MicrorequestsBoundary\n"
                                                 "Content-Disposition: form-data; name=\"meta\"\n"
                                                 "Content-Type: application/json\n"
                                                 "\n"
                                                 "{\"v\":1}\n"
                                                 "--MicrorequestsBoundary\n"
                                                 "Content-Disposition: form-data; name=\"file\"; "
                                                 "filename=\"report.pdf\"\n"
                                                 "\n"
                                                 "< /home/ada/report.pdf\n"
                                                 "--MicrorequestsBoundary\n"
                                                 "Content-Disposition: form-data; name=\"photos\"; "
                                                 "filename=\"a.png\"\n"
                                                 "\n"
                                                 "< /home/ada/a.png\n"
                                                 "--MicrorequestsBoundary\n"
                                                 "Content-Disposition: form-data; name=\"photos\"; "
                                                 "filename=\"b.png\"\n"
                                                 "\n"
                                                 "< /home/ada/b.png\n"
                                                 "--MicrorequestsBoundary--"));
        QCOMPARE(notesWith(draft, {"disabled form field \"draft\""}).size(), 1);
        QCOMPARE(notesWith(draft, {"file field \"missing\" names no file"}).size(), 1);
    }

    void fileBodiesReadTheFile()
    {
        const CollectionDraft draft = import("bodies.postman_collection.json");
        const RequestDefinition *file = findRequest(draft, "File");
        QCOMPARE(file->body, QStringLiteral("< /home/ada/photo.png"));
        QCOMPARE(headerNames(*file), QStringList({"Content-Type"}));
        QCOMPARE(header(*file, "Content-Type"), QStringLiteral("image/png"));
    }

    void importedFilesOutsideTheWorkspaceAreNoted()
    {
        // Postman's file bodies and form-data "src" are absolute paths: kept (users need them),
        // each noted where it is, since sending one asks first.
        const CollectionDraft draft = import("bodies.postman_collection.json");
        const QByteArray json = fixture("bodies.postman_collection.json");
        const QList<Diagnostic> photo =
            notesWith(draft, {"\"File\"", "reads a file outside the workspace: "
                                          "/home/ada/photo.png; the window will ask before "
                                          "sending it, and `microrequests run` needs "
                                          "--allow-outside-files"});
        QCOMPARE(photo.size(), 1);
        QCOMPARE(photo.first().line, lineOf(json, "\"src\": \"/home/ada/photo.png\""));
        for (const char *path : {"/home/ada/report.pdf", "/home/ada/a.png", "/home/ada/b.png"})
            QCOMPARE(
                notesWith(draft, {QStringLiteral("outside the workspace: %1;").arg(path)}).size(),
                1);
        QCOMPARE(notesWith(draft, {"outside the workspace"}).size(), 4);
    }

    void graphqlBodiesAreJson()
    {
        const CollectionDraft draft = import("bodies.postman_collection.json");
        const RequestDefinition *graphql = findRequest(draft, "GraphQL");
        QCOMPARE(header(*graphql, "Content-Type"), QStringLiteral("application/json"));
        QCOMPARE(graphql->body,
                 QStringLiteral("{\"query\":\"query Users($first: Int) {\\n  users(first: $first) "
                                "{ id name }\\n}\",\"variables\":{\"first\":10}}"));
        // Variables that are not JSON as written (a {{variable}} outside quotes) are kept.
        const RequestDefinition *templated = findRequest(draft, "GraphQL with template");
        QCOMPARE(templated->body,
                 QStringLiteral("{\"query\":\"query { user(id: \\\"{{id}}\\\") { name } }\","
                                "\"variables\":{\"n\": {{count}}}}"));
        QCOMPARE(notesWith(draft, {"\"GraphQL with template\"", "not a JSON object"}).size(), 1);
        QVERIFY(notesWith(draft, {"\"GraphQL\":"}).isEmpty());
    }

    void disabledAndUnknownBodiesAreReported()
    {
        const CollectionDraft draft = import("bodies.postman_collection.json");
        QVERIFY(findRequest(draft, "Disabled body")->body.isEmpty());
        const QList<Diagnostic> disabled = notesWith(draft, {"disabled raw body"});
        QCOMPARE(disabled.size(), 1);
        QCOMPARE(disabled.first().line,
                 lineOf(fixture("bodies.postman_collection.json"), "\"raw\": \"ignored\""));
        QVERIFY(findRequest(draft, "Unknown mode")->body.isEmpty());
        QCOMPARE(notesWith(draft, {"body mode \"binary\""}).size(), 1);
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
        const CollectionWriter::Result result = CollectionWriter::write(draft, dir.path());
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.written.size(), 3);
        // The writer found nothing that reads back differently.
        QCOMPARE(result.notes.size(), draft.notes.size());
        QVERIFY(readFile(dir.filePath("Users/Admin/Admin.http")).contains("@pageSize = 50"));
        const EnvironmentSet environments = EnvironmentSet::load(dir.path());
        QVERIFY(environments.diagnostics().isEmpty());
        QCOMPARE(environments.variables(QString()).value("baseUrl"),
                 QStringLiteral("http://localhost:8080"));
    }
};

QTEST_GUILESS_MAIN(tst_PostmanImporter)
#include "tst_postmanimporter.moc"
