// Postman requests as .http requests: URLs (v2.0 and v2.1 forms), headers, path variables,
// descriptions, dynamic variables, authentication (inherited until noauth) and every kind of
// body. Fixtures written by hand from Postman's collection schema.
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

class tst_PostmanRequests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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
        addSharedAuthenticationRows();
        QTest::newRow("bearer") << "Bearer"
                                << "Bearer {{token}}"
                                << "";
        QTest::newRow("awsv4") << "AWS" << QString() << "awsv4 authentication is not";
    }

    void authentication()
    {
        const CollectionDraft draft = import("auth.postman_collection.json");
        int noteLine = 0;
        checkAuthenticationRow(draft, &noteLine);
        QFETCH(QString, request);
        // The collection's API key is replaced by the request's own auth.
        QVERIFY(header(*findRequest(draft, request), "X-Api-Key").isNull());
        QFETCH(QString, note);
        if (!note.isEmpty())
            QCOMPARE(noteLine, lineOf(fixture("auth.postman_collection.json"),
                                      "\"name\": \"" + request.toUtf8() + "\"") +
                                   2);
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
        checkSharedRawBodies(draft);
        QCOMPARE(header(*findRequest(draft, "JSON"), "Content-Type"),
                 QStringLiteral("application/json"));
        // The request's own Content-Type wins over the language's.
        const RequestDefinition *own = findRequest(draft, "Own content type");
        QCOMPARE(headerNames(*own), QStringList({"Content-Type"}));
        QCOMPARE(header(*own, "Content-Type"), QStringLiteral("application/vnd.api+json"));
        // No language: Postman sends text/plain (newman 6.2 does).
        const RequestDefinition *text = findRequest(draft, "Text");
        QCOMPARE(headerNames(*text), QStringList({"Content-Type"}));
        QCOMPARE(header(*text, "Content-Type"), QStringLiteral("text/plain"));
        const RequestDefinition *get = findRequest(draft, "GET with body");
        QCOMPARE(get->method, QStringLiteral("GET"));
        QCOMPARE(get->body, QStringLiteral("{\"q\": 1}"));
    }

    void urlEncodedBodies()
    {
        QList<Diagnostic> remember;
        checkSharedFormBody(import("bodies.postman_collection.json"), &remember);
        QVERIFY(!remember.isEmpty());
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
};

QTEST_GUILESS_MAIN(tst_PostmanRequests)
#include "tst_postmanrequests.moc"
