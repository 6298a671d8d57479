// Importing Insomnia v4 exports: fixtures written from Insomnia's export format (its models:
// request, request_group, environment, workspace…), one test per feature.
#include "formats/collectionimporter.h"
#include "formats/collectionwriter.h"
#include "formats/insomniaimporter.h"
#include "importtesthelpers.h"
#include "workspace/environmentset.h"

#include <QTemporaryDir>
#include <QTest>

using namespace mr;
using namespace mr::test;

namespace {

QString fixturePath(const QString &name)
{
    return QFINDTESTDATA(QStringLiteral("fixtures/insomnia/") + name);
}

QByteArray fixture(const QString &name)
{
    return readFile(fixturePath(name));
}

CollectionDraft import(const QString &name)
{
    return InsomniaImporter::read(fixture(name), fixturePath(name));
}

QString value(const CollectionDraft::Variables &variables, const QString &name)
{
    for (const auto &[key, text] : variables) {
        if (key == name)
            return text;
    }
    return QString();
}

} // namespace

class tst_InsomniaImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sniffsInsomniaExports()
    {
        QVERIFY(InsomniaImporter::looksLike(fixture("shop.json")));
        QVERIFY(InsomniaImporter::looksLike(fixture("shop.yaml")));
        QVERIFY(!InsomniaImporter::looksLike(R"({"log": {"entries": []}})"));
        QVERIFY(!InsomniaImporter::looksLike(R"({"info": {"schema": "postman"}, "item": []})"));
        // The CLI and the window find it through CollectionImporter.
        QCOMPARE(CollectionImporter::sniff(fixture("shop.json")), QStringLiteral("insomnia"));
        QCOMPARE(CollectionImporter::sniff(fixture("shop.yaml")), QStringLiteral("insomnia"));
        QCOMPARE(
            CollectionImporter::read("insomnia", fixture("shop.json"), "shop.json").requestCount(),
            5);
    }

    void brokenJsonIsAnErrorAtItsPosition()
    {
        checkOneJsonErrorAt(import("broken.json"), fixturePath("broken.json"),
                            fixture("broken.json"), "{ \"_id\": \"req_1\"");
    }

    void brokenYamlIsAnErrorAtItsPosition()
    {
        const CollectionDraft draft = import("broken.yaml");
        QCOMPARE(draft.errors.size(), 1);
        QVERIFY2(draft.errors.first().message.startsWith("YAML: "),
                 qPrintable(draft.errors.first().message));
        QVERIFY(draft.errors.first().line >= lineOf(fixture("broken.yaml"), "[unclosed"));
    }

    void otherExportFormatsAreRefused()
    {
        const CollectionDraft v3 = import("format3.json");
        QCOMPARE(v3.errors.size(), 1);
        QCOMPARE(v3.errors.first().line, lineOf(fixture("format3.json"), "\"__export_format\""));
        QVERIFY(v3.errors.first().message.contains("format 3"));

        const CollectionDraft v5 = import("v5.yaml");
        QCOMPARE(v5.errors.size(), 1);
        QVERIFY(v5.errors.first().message.contains("v5"));
        QCOMPARE(v5.errors.first().line, 1);

        const CollectionDraft notExport =
            InsomniaImporter::read(R"({"_type": "workspace"})", "x.json");
        QCOMPARE(notExport.errors.size(), 1);
    }

    void groupsBecomeFoldersWithAFileNamedAfterThem()
    {
        const CollectionDraft draft = import("shop.json");
        QVERIFY2(!draft.hasErrors(), qPrintable(draft.errors.value(0).toString()));
        QCOMPARE(draft.name, QStringLiteral("Shop API"));
        QStringList paths;
        for (const CollectionDraft::File &file : draft.files)
            paths.append(file.path);
        QCOMPARE(paths,
                 QStringList({"Shop API.http", "Users/Users.http", "Users/Admin/Admin.http"}));
        QCOMPARE(findFile(draft, "Users/Admin/Admin.http")->requests.first().name,
                 QStringLiteral("Delete user"));
        QCOMPARE(findRequest(draft, "Delete user")->nameSource,
                 RequestDefinition::NameSource::Separator);
    }

    void requestsAreSortedByMetaSortKey()
    {
        const CollectionDraft draft = import("shop.json");
        QStringList names;
        for (const RequestDefinition &r : findFile(draft, "Users/Users.http")->requests)
            names.append(r.name);
        QCOMPARE(names, QStringList({"Create user", "List users"}));
        names.clear();
        for (const RequestDefinition &r : findFile(draft, "Shop API.http")->requests)
            names.append(r.name);
        QCOMPARE(names, QStringList({"Health", "Catalog"}));
    }

    void requestsWithoutWorkspaceGoIntoAFileNamedAfterTheExport()
    {
        const CollectionDraft draft = import("orphans.json");
        QCOMPARE(draft.files.size(), 1);
        QCOMPARE(draft.files.first().path, QStringLiteral("orphans.http"));
        QCOMPARE(draft.files.first().requests.size(), 2);
        QCOMPARE(draft.files.first().requests.first().name, QStringLiteral("First"));
        QCOMPARE(notesWith(draft, {"no workspace"}).size(), 1);
    }

    void descriptionsBecomeComments()
    {
        const CollectionDraft draft = import("shop.json");
        const RequestDefinition *list = findRequest(draft, "List users");
        QVERIFY(list);
        // "@since" would read as a directive: escaped.
        QCOMPARE(list->comments, QStringList({"# Returns one page of users.", "#",
                                              "# \\@since v2: sorted by name"}));
        QVERIFY(findRequest(draft, "Create user")->comments.isEmpty());
    }

    void nunjucksVariablesBecomeHttpVariables()
    {
        const CollectionDraft draft = import("shop.json");
        QCOMPARE(findRequest(draft, "Health")->url, QStringLiteral("{{baseUrl}}/health"));
        QCOMPARE(findRequest(draft, "Catalog")->url,
                 QStringLiteral("{{catalog-host}}/items?lang=en&tag=new"));
        QCOMPARE(
            findRequest(draft, "Create user")->body,
            QStringLiteral("{\n  \"name\": \"{{userName}}\",\n  \"team\": \"{{team.name}}\"\n}"));

        const CollectionDraft templates = import("templates.json");
        const RequestDefinition *tags = findRequest(templates, "Tags");
        QVERIFY(tags);
        QCOMPARE(header(*tags, "X-Dash"), QStringLiteral("{{x-y}}"));
        QCOMPARE(header(*tags, "X-Plain"), QStringLiteral("{{plain}}"));
        QCOMPARE(header(*tags, "X-Chain"), QStringLiteral("{{a-b.c}}"));
        QCOMPARE(header(*tags, "X-Vault"), QStringLiteral("{{vault.apiKey}}"));
        QCOMPARE(notesWith(templates, {"vault"}).size(), 1);
        // A filter has no equivalent: kept, and reported at the header.
        QCOMPARE(header(*tags, "X-Upper"), QStringLiteral("{{ _.name | upper }}"));
        const QList<Diagnostic> upper = notesWith(templates, {"{{ _.name | upper }}"});
        QCOMPARE(upper.size(), 1);
        QCOMPARE(upper.first().line, lineOf(fixture("templates.json"), "{{ _.name | upper }}"));
    }

    void templateTagsMapToDynamicVariablesOrAreReported()
    {
        const CollectionDraft draft = import("templates.json");
        const RequestDefinition *tags = findRequest(draft, "Tags");
        QVERIFY(tags);
        QCOMPARE(tags->url, QStringLiteral("{{baseUrl}}/orders/{{$uuid}}"));
        QCOMPARE(header(*tags, "X-Request-Id"), QStringLiteral("{{$uuid}}"));
        QCOMPARE(header(*tags, "X-Unix"), QStringLiteral("{{$timestamp}}"));
        QCOMPARE(header(*tags, "X-Iso"), QStringLiteral("{{$isoTimestamp}}"));
        // Milliseconds are not our seconds: left as written, reported with the reason.
        QCOMPARE(header(*tags, "X-Millis"), QStringLiteral("{% now 'millis', '' %}"));
        QCOMPARE(notesWith(draft, {"{% now 'millis', '' %}", "milliseconds"}).size(), 1);
        QCOMPARE(header(*tags, "X-Uuid-V1"), QStringLiteral("{% uuid 'v1' %}"));
        QCOMPARE(notesWith(draft, {"{% uuid 'v1' %}"}).size(), 1);
        QVERIFY(header(*tags, "X-Token").startsWith("Bearer {% response 'body'"));
        const QList<Diagnostic> response = notesWith(draft, {"{% response 'body', 'req_login'"});
        QCOMPARE(response.size(), 1);
        QCOMPARE(response.first().line,
                 lineOf(fixture("templates.json"), "{% response 'body', 'req_login'"));
        QCOMPARE(tags->body, QStringLiteral("code={% prompt 'Code', '', '', '', false, true %}\n"
                                            "{# reviewed #}done"));
        QCOMPARE(notesWith(draft, {"{% prompt"}).size(), 1);
        QCOMPARE(notesWith(draft, {"{# reviewed #}"}).size(), 1);
        // A tag in a URL keeps its text, with its spaces encoded so the request line holds.
        const RequestDefinition *inUrl = findRequest(draft, "Tag in URL");
        QVERIFY(inUrl);
        QVERIFY(!inUrl->url.contains(' '));
        QVERIFY(inUrl->url.startsWith("{{baseUrl}}/items/{%%20response%20"));
        QCOMPARE(notesWith(draft, {"Tag in URL", "%20"}).size(), 1);
    }

    void baseEnvironmentIsShared()
    {
        const CollectionDraft draft = import("shop.json");
        const CollectionDraft::Variables shared = draft.environments.value("$shared");
        QCOMPARE(value(shared, "baseUrl"), QStringLiteral("http://localhost:8080"));
        QCOMPARE(value(shared, "catalog-host"), QStringLiteral("{{baseUrl}}/catalog"));
        QCOMPARE(value(shared, "page"), QStringLiteral("1"));
    }

    void subEnvironmentsAndPrivateOnes()
    {
        const CollectionDraft draft = import("shop.json");
        QCOMPARE(draft.environments.keys(), QStringList({"$shared", "dev"}));
        QCOMPARE(value(draft.environments.value("dev"), "token"), QStringLiteral("dev-token"));
        QCOMPARE(draft.privateEnvironments.keys(), QStringList({"prod"}));
        QCOMPARE(value(draft.privateEnvironments.value("prod"), "token"),
                 QStringLiteral("s3cret-prod-token"));
    }

    void nestedEnvironmentValuesAreFlattened()
    {
        const CollectionDraft draft = import("shop.json");
        const CollectionDraft::Variables shared = draft.environments.value("$shared");
        // {{ _.team.name }} is imported as {{team.name}}: the names match.
        QCOMPARE(value(shared, "team.name"), QStringLiteral("core"));
        QCOMPARE(value(shared, "team.lead.email"), QStringLiteral("ada@example.com"));
        QCOMPARE(notesWith(draft, {"\"team\" is flattened"}).size(), 1);
        // Arrays stay JSON text.
        QCOMPARE(value(shared, "regions"), QStringLiteral("[\"eu\",\"us\"]"));
        const QList<Diagnostic> regions = notesWith(draft, {"\"regions\" is kept as JSON text"});
        QCOMPARE(regions.size(), 1);
        QCOMPARE(regions.first().line, lineOf(fixture("shop.json"), "\"regions\""));
    }

    void folderEnvironmentsBecomeFileVariables()
    {
        const CollectionDraft draft = import("shop.json");
        const CollectionDraft::Variables users = findFile(draft, "Users/Users.http")->variables;
        QCOMPARE(value(users, "pageSize"), QStringLiteral("20"));
        QCOMPARE(value(users, "usersPath"), QStringLiteral("/users"));
        // A sub-folder inherits and overrides.
        const CollectionDraft::Variables admin =
            findFile(draft, "Users/Admin/Admin.http")->variables;
        QCOMPARE(value(admin, "pageSize"), QStringLiteral("50"));
        QCOMPARE(value(admin, "usersPath"), QStringLiteral("/users"));
        QCOMPARE(admin.size(), 2);
        QVERIFY(findFile(draft, "Shop API.http")->variables.isEmpty());
    }

    void folderHeadersAndAuthenticationAreInherited()
    {
        const CollectionDraft draft = import("shop.json");
        const RequestDefinition *list = findRequest(draft, "List users");
        QCOMPARE(headerNames(*list), QStringList({"X-Team", "Accept", "Authorization"}));
        QCOMPARE(header(*list, "X-Team"), QStringLiteral("core"));
        QCOMPARE(header(*list, "Authorization"), QStringLiteral("Bearer {{token}}"));
        // The request's own header wins over the folder's.
        const RequestDefinition *create = findRequest(draft, "Create user");
        QCOMPARE(header(*create, "X-Team"), QStringLiteral("sales"));
        QCOMPARE(headerNames(*create).count("X-Team"), 1);
        // Through a folder that sets none.
        QCOMPARE(header(*findRequest(draft, "Delete user"), "Authorization"),
                 QStringLiteral("Bearer {{token}}"));
        // Outside the folder, and "none" is none.
        QVERIFY(header(*findRequest(draft, "Health"), "Authorization").isNull());
        QVERIFY(header(*findRequest(draft, "Health"), "X-Team").isNull());
    }

    void queryParametersAreAppendedAndDisabledOnesReported()
    {
        const CollectionDraft draft = import("shop.json");
        QCOMPARE(findRequest(draft, "List users")->url,
                 QStringLiteral("{{baseUrl}}/users?page={{page}}&q=ada%20lovelace%20%26%20co"));
        const QList<Diagnostic> debug = notesWith(draft, {"disabled query parameter \"debug\""});
        QCOMPARE(debug.size(), 1);
        QCOMPARE(debug.first().line, lineOf(fixture("shop.json"), "\"name\": \"debug\""));
    }

    void pathParametersAreFilledIn()
    {
        const CollectionDraft draft = import("shop.json");
        QCOMPARE(findRequest(draft, "Delete user")->url, QStringLiteral("{{baseUrl}}/users/42"));
    }

    void headersAndDisabledOnesAreReported()
    {
        const CollectionDraft draft = import("shop.json");
        const RequestDefinition *list = findRequest(draft, "List users");
        QCOMPARE(header(*list, "Accept"), QStringLiteral("application/json"));
        QVERIFY(header(*list, "X-Old-Client").isNull());
        const QList<Diagnostic> old = notesWith(draft, {"disabled header \"X-Old-Client\""});
        QCOMPARE(old.size(), 1);
        QCOMPARE(old.first().line, lineOf(fixture("shop.json"), "\"X-Old-Client\""));
        QCOMPARE(old.first().severity, Diagnostic::Severity::Warning);
    }

    void authentication_data()
    {
        addSharedAuthenticationRows();
        QTest::newRow("bearer with prefix") << "Bearer"
                                            << "Token {{token}}"
                                            << "";
        QTest::newRow("disabled") << "Disabled" << QString() << "disabled basic authentication";
    }

    void authentication()
    {
        int noteLine = -1;
        checkAuthenticationRow(import("auth.json"), &noteLine);
        QVERIFY(noteLine == 0 || noteLine > 1); // 0: no note expected
    }

    void apiKeysGoToHeaderQueryOrCookie()
    {
        const CollectionDraft draft = import("auth.json");
        QCOMPARE(header(*findRequest(draft, "API key header"), "X-Api-Key"),
                 QStringLiteral("{{apiKey}}"));
        QCOMPARE(findRequest(draft, "API key query")->url,
                 QStringLiteral("http://localhost:8080/auth/apikey_query?api_key=k%201"));
        QCOMPARE(header(*findRequest(draft, "API key cookie"), "Cookie"),
                 QStringLiteral("session=abc"));
    }

    void rawBodiesKeepTheirText()
    {
        // XML: no Content-Type header in the request, the body's MIME type gives one.
        checkSharedRawBodies(import("bodies.json"));
    }

    void urlEncodedBodies()
    {
        QList<Diagnostic> remember;
        checkSharedFormBody(import("bodies.json"), &remember);
    }

    void multipartBodies()
    {
        const CollectionDraft draft = import("bodies.json");
        const RequestDefinition *multipart = findRequest(draft, "Multipart");
        QCOMPARE(header(*multipart, "Content-Type"),
                 QStringLiteral("multipart/form-data; boundary=MicrorequestsBoundary"));
        QCOMPARE(multipart->body, QStringLiteral("--MicrorequestsBoundary\n"
                                                 "Content-Disposition: form-data; name=\"title\"\n"
                                                 "\n"
                                                 "Quarterly report\n"
                                                 "--MicrorequestsBoundary\n"
                                                 "Content-Disposition: form-data; name=\"notes\"\n"
                                                 "\n"
                                                 "line one\nline two\n"
                                                 "--MicrorequestsBoundary\n"
                                                 "Content-Disposition: form-data; name=\"file\"; "
                                                 "filename=\"report.pdf\"\n"
                                                 "\n"
                                                 "< /home/ada/report.pdf\n"
                                                 "--MicrorequestsBoundary--"));
        QCOMPARE(notesWith(draft, {"disabled form field \"draft\""}).size(), 1);
    }

    void fileBodiesReadTheFile()
    {
        const CollectionDraft draft = import("bodies.json");
        const RequestDefinition *file = findRequest(draft, "File");
        QCOMPARE(file->body, QStringLiteral("< /home/ada/photo.png"));
        QCOMPARE(header(*file, "Content-Type"), QStringLiteral("application/octet-stream"));
    }

    void importedFilesOutsideTheWorkspaceAreNoted()
    {
        // Insomnia's "fileName" is an absolute path: kept, and noted where it is.
        const CollectionDraft draft = import("bodies.json");
        const QByteArray json = fixture("bodies.json");
        const QList<Diagnostic> photo = notesWith(
            draft, {"reads a file outside the workspace: /home/ada/photo.png; the window will "
                    "ask before sending it"});
        QCOMPARE(photo.size(), 1);
        QCOMPARE(photo.first().line, lineOf(json, "\"fileName\": \"/home/ada/photo.png\""));
        const QList<Diagnostic> report =
            notesWith(draft, {"outside the workspace: /home/ada/report.pdf;"});
        QCOMPARE(report.size(), 1);
        QCOMPARE(report.first().line, lineOf(json, "\"fileName\": \"/home/ada/report.pdf\""));
    }

    void graphqlBodiesAreJson()
    {
        const CollectionDraft draft = import("bodies.json");
        const RequestDefinition *graphql = findRequest(draft, "GraphQL");
        QCOMPARE(header(*graphql, "Content-Type"), QStringLiteral("application/json"));
        QVERIFY(graphql->body.startsWith("{\"query\":\"query Users($first: Int)"));
        QVERIFY(graphql->body.endsWith("\"variables\":{\"first\":10}}"));
    }

    void settingsBecomeDirectivesOrNotes()
    {
        const CollectionDraft draft = import("extras.json");
        const RequestDefinition *settings = findRequest(draft, "Settings");
        QVERIFY(settings);
        QCOMPARE(settings->method, QStringLiteral("PATCH"));
        QCOMPARE(directiveNames(*settings),
                 QStringList({"no-redirect", "no-cookie-jar", "no-auto-encoding"}));
        for (const char *setting :
             {"store cookies", "encode the URL", "rebuild the path", "render the body"})
            QVERIFY2(notesWith(draft, {"\"Settings\"", setting}).size() == 1, setting);
        QVERIFY(directiveNames(*findRequest(draft, "Defaults")).isEmpty());
        QVERIFY(notesWith(draft, {"\"Defaults\""}).isEmpty());
    }

    void scriptsAreReported()
    {
        const CollectionDraft draft = import("extras.json");
        QCOMPARE(notesWith(draft, {"\"Settings\"", "preRequestScript"}).size(), 1);
        QCOMPARE(notesWith(draft, {"\"Settings\"", "afterResponseScript"}).size(), 1);
        QCOMPARE(notesWith(draft, {"folder \"Scripted\"", "preRequestScript"}).size(), 1);
        QVERIFY(findRequest(draft, "Inside"));
    }

    void otherResourcesAreReportedNotImported()
    {
        const CollectionDraft draft = import("extras.json");
        const QByteArray text = fixture("extras.json");
        const QList<Diagnostic> grpc = notesWith(draft, {"gRPC request \"Say hello\""});
        QCOMPARE(grpc.size(), 1);
        QCOMPARE(grpc.first().line, lineOf(text, "\"_id\": \"greq_1\"") - 1);
        QCOMPARE(notesWith(draft, {"WebSocket request \"Chat\""}).size(), 1);
        QCOMPARE(notesWith(draft, {"cookie jar's 1 cookies"}).size(), 1);
        QCOMPARE(notesWith(draft, {"API spec \"Extras\"", "OpenAPI"}).size(), 1);
        QCOMPARE(notesWith(draft, {"proto_file"}).size(), 1);
        QCOMPARE(notesWith(draft, {"unit_test_suite"}).size(), 1);
        QCOMPARE(notesWith(draft, {"not an object"}).size(), 1);
        QCOMPARE(notesWith(draft, {"second resource with _id \"req_settings\""}).size(), 1);
        QCOMPARE(notesWith(draft, {"loops"}).size(), 2);
        // UI state and a WebSocket request's payload are not worth a note of their own.
        QVERIFY(notesWith(draft, {"request_meta"}).isEmpty());
        QVERIFY(notesWith(draft, {"websocket_payload"}).isEmpty());
        // Only requests become requests.
        QCOMPARE(draft.requestCount(), 4);
    }

    void textThatWouldBreakTheFileIsFixedAndReported()
    {
        const CollectionDraft draft = import("extras.json");
        QVERIFY(!findRequest(draft, "New Request"));
        QCOMPARE(notesWith(draft, {"\"New Request\"", "no URL"}).size(), 1);
        const RequestDefinition *broken = findRequest(draft, "Pasted name");
        QVERIFY(broken);
        QCOMPARE(broken->url, QStringLiteral("http://localhost:8080/a%20b/c"));
        QCOMPARE(header(*broken, "X-Multi"), QStringLiteral("one two"));
        QVERIFY(header(*broken, "Bad Name").isNull());
        for (const char *what : {"name had line breaks", "URL had line breaks", "URL had spaces",
                                 "X-Multi had line breaks", "\"Bad Name\" is not a header name"})
            QVERIFY2(notesWith(draft, {what}).size() == 1, what);
    }

    void yamlExportsReadLikeJson()
    {
        const CollectionDraft draft = import("shop.yaml");
        QVERIFY2(!draft.hasErrors(), qPrintable(draft.errors.value(0).toString()));
        QCOMPARE(draft.name, QStringLiteral("Shop API"));
        QCOMPARE(draft.files.size(), 1);
        QCOMPARE(draft.files.first().path, QStringLiteral("Users/Users.http"));
        QCOMPARE(value(draft.files.first().variables, "pageSize"), QStringLiteral("20"));
        const RequestDefinition *create = findRequest(draft, "Create user");
        QVERIFY(create);
        QCOMPARE(draft.files.first().requests.first().name, QStringLiteral("Create user"));
        QCOMPARE(create->body, QStringLiteral("{\n  \"name\": \"{{userName}}\"\n}"));
        QCOMPARE(header(*create, "Authorization"), QStringLiteral("Basic ada {{password}}"));
        const RequestDefinition *list = findRequest(draft, "List users");
        QCOMPARE(list->url, QStringLiteral("{{baseUrl}}/users?page=2"));
        QCOMPARE(directiveNames(*list), QStringList({"no-redirect"}));
        const CollectionDraft::Variables shared = draft.environments.value("$shared");
        QCOMPARE(value(shared, "retries"), QStringLiteral("3"));
        QCOMPARE(value(shared, "verbose"), QStringLiteral("true"));
        QCOMPARE(value(shared, "team.name"), QStringLiteral("core"));
        // Positions come from the YAML too.
        const QList<Diagnostic> debug = notesWith(draft, {"disabled query parameter \"debug\""});
        QCOMPARE(debug.size(), 1);
        QCOMPARE(debug.first().line, lineOf(fixture("shop.yaml"), "- name: debug"));
    }

    void yamlAliasesCannotExpandWithoutBound()
    {
        // Each line refers to the one above ten times: 10^7 values once expanded.
        QByteArray yaml =
            "_type: export\n__export_format: 4\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (int i = 1; i <= 6; ++i) {
            const QByteArray above = "*a" + QByteArray::number(i - 1);
            yaml += "a" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [" +
                    QByteArrayList(10, above).join(", ") + "]\n";
        }
        yaml += "resources: []\n";
        const CollectionDraft draft = InsomniaImporter::read(yaml, "bomb.yaml");
        QCOMPARE(draft.errors.size(), 1);
        QVERIFY2(draft.errors.first().message.contains("expands to more than"),
                 qPrintable(draft.errors.first().message));
    }

    void everyFixtureReadsBackIdentically_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *name : {"shop.json", "shop.yaml", "auth.json", "bodies.json",
                                 "templates.json", "extras.json", "orphans.json"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void everyFixtureReadsBackIdentically()
    {
        QFETCH(QString, name);
        const CollectionDraft draft = import(name);
        QVERIFY(!draft.hasErrors());
        QVERIFY(draft.requestCount() > 0);
        const QString differences = readBackDifferences(draft);
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
        for (const Diagnostic &note : draft.notes) {
            QVERIFY2(note.line >= 1 && note.column >= 1, qPrintable(note.toString()));
            QCOMPARE(note.severity, Diagnostic::Severity::Warning);
        }
    }

    void writtenWorkspaceHasTheEnvironments()
    {
        QTemporaryDir dir;
        const CollectionDraft draft = import("shop.json");
        checkWrittenCleanly(draft, dir.path(), 3);
        const EnvironmentSet environments = EnvironmentSet::load(dir.path());
        QVERIFY(environments.diagnostics().isEmpty());
        QCOMPARE(environments.names(), QStringList({"dev", "prod"}));
        QCOMPARE(environments.variables("prod").value("token"),
                 QStringLiteral("s3cret-prod-token"));
        QCOMPARE(environments.variables("dev").value("baseUrl"),
                 QStringLiteral("http://localhost:8080"));
        QVERIFY(readFile(dir.filePath(".gitignore")).contains("http-client.private.env.json"));
    }
};

QTEST_GUILESS_MAIN(tst_InsomniaImporter)
#include "tst_insomniaimporter.moc"
