// OpenAPI 3.0/3.1 import: one test per feature, on a pet store written for these tests
// (fixtures/openapi, in YAML and JSON) and on small descriptions written inline.
#include "formats/collectionimporter.h"
#include "formats/collectionwriter.h"
#include "formats/openapiimporter.h"
#include "openapitesthelpers.h"
#include "workspace/environmentset.h"
#include "workspace/httpfileparser.h"
#include "workspace/requestresolver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;
using namespace openapitest;

class tst_OpenApiImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sniffsOpenApiInJsonAndYaml()
    {
        QVERIFY(OpenApiImporter::looksLike(fixture("petstore.yaml")));
        QVERIFY(OpenApiImporter::looksLike(fixture("petstore.json")));
        QVERIFY(OpenApiImporter::looksLike("'openapi': \"3.1.0\"\ninfo: {}\n"));
        QVERIFY(OpenApiImporter::looksLike(fixture("swagger2.json"))); // to say it is refused
        QVERIFY(!OpenApiImporter::looksLike("{\"info\": {\"name\": \"postman\"}, \"item\": []}"));
        QVERIFY(!OpenApiImporter::looksLike("{\"log\": {\"openapi\": \"3.0.0\"}}"));
        QVERIFY(!OpenApiImporter::looksLike("info:\n  openapi: 3.0.0\n"));
        QVERIFY(!OpenApiImporter::looksLike("curl https://example.com"));
    }

    void theCommandLineFindsTheImporter()
    {
        QVERIFY(CollectionImporter::formats().contains("openapi"));
        QCOMPARE(CollectionImporter::sniff(fixture("petstore.yaml")), QStringLiteral("openapi"));
        QCOMPARE(CollectionImporter::sniff(fixture("petstore.json")), QStringLiteral("openapi"));
        QCOMPARE(
            CollectionImporter::read("openapi", fixture("petstore.yaml"), "p.yaml").requestCount(),
            8);
        QCOMPARE(CollectionImporter::sniff("curl https://example.com"), QStringLiteral("curl"));
    }

    void swagger2IsRefusedWithAWayForward()
    {
        const CollectionDraft draft =
            OpenApiImporter::read(fixture("swagger2.json"), QStringLiteral("swagger2.json"));
        QCOMPARE(draft.errors.size(), 1);
        const QString message = draft.errors.first().toString();
        QVERIFY2(message.startsWith("swagger2.json:2:14: Swagger 2.0 (OpenAPI 2) is not "
                                    "supported"),
                 qPrintable(message));
        QVERIFY(message.contains("swagger2openapi"));
        QVERIFY(draft.files.isEmpty());
    }

    void notOpenApi3IsAnError()
    {
        QVERIFY(importYaml("openapi: 2.5.0\ninfo: {}\n")
                    .errors.first()
                    .message.contains("OpenAPI 2.5.0 is not supported"));
        QVERIFY(importYaml("info: {title: x}\n")
                    .errors.first()
                    .message.contains("expected \"openapi\""));
        QCOMPARE(importYaml("openapi: 3.0\n").errors.first().toString(),
                 QStringLiteral("api.yaml:1:10: not an OpenAPI description: expected \"openapi\": "
                                "\"3.0.x\" or \"3.1.x\" (a string)"));
        QVERIFY(importYaml("- a\n- b\n").hasErrors());
        const CollectionDraft later = importYaml(spec("paths: {}\n", "3.2.0"));
        QVERIFY(!later.hasErrors());
        QVERIFY(lines(later.notes).contains("OpenAPI 3.2.0 is read as 3.1"));
    }

    void brokenJsonAndYamlHaveFileLineColumn()
    {
        const CollectionDraft json = OpenApiImporter::read(
            "{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {,}\n}", QStringLiteral("api.json"));
        QCOMPARE(json.errors.size(), 1);
        QVERIFY2(json.errors.first().toString().startsWith("api.json:3:"),
                 qPrintable(lines(json.errors)));
        const CollectionDraft yaml = importYaml("openapi: 3.0.0\npaths:\n  /a: [1, 2\n");
        QCOMPARE(yaml.errors.size(), 1);
        QVERIFY2(yaml.errors.first().line >= 3, qPrintable(lines(yaml.errors)));
        QVERIFY(yaml.errors.first().message.startsWith("YAML: "));
        // Structure that is not OpenAPI's: where it is.
        const CollectionDraft wrong = importYaml(spec("paths:\n"
                                                      "  /a:\n"
                                                      "    get: 5\n"
                                                      "  /b:\n"
                                                      "    get:\n"
                                                      "      parameters:\n"
                                                      "        - in: query\n"));
        QCOMPARE(lines(wrong.errors),
                 QStringLiteral("api.yaml:6:10: the operation \"GET /a\" must be an object\n"
                                "api.yaml:10:11: a parameter needs a \"name\" and \"in\": path, "
                                "query, header or cookie"));
    }

    void oneRequestPerOperationInOneFilePerTag()
    {
        const CollectionDraft draft = OpenApiImporter::read(fixture("petstore.yaml"), "p.yaml");
        QVERIFY2(!draft.hasErrors(), qPrintable(lines(draft.errors)));
        QCOMPARE(draft.name, QStringLiteral("Pet Store"));
        QStringList paths;
        for (const CollectionDraft::File &file : draft.files)
            paths.append(file.path);
        // In the order of their first operation; untagged ones in a file named after the API.
        QCOMPARE(paths, QStringList({"pets.http", "store.http", "Pet Store.http"}));
        QStringList pets;
        for (const RequestDefinition &r : draft.files.first().requests)
            pets.append(r.method + QLatin1Char(' ') + r.name);
        // Document order, not alphabetical.
        QCOMPARE(pets, QStringList({"GET listPets", "POST createPet", "GET showPetById",
                                    "PUT updatePet", "DELETE Delete a pet", "POST uploadPhoto"}));
        QCOMPARE(draft.requestCount(), 8);
    }

    void namesFromOperationIdSummaryOrMethodAndPath()
    {
        const CollectionDraft draft = importYaml(spec("paths:\n"
                                                      "  /a:\n"
                                                      "    get: {operationId: getA, summary: S}\n"
                                                      "    put: {summary: \"Put\\nan A\"}\n"
                                                      "    delete: {}\n"));
        QStringList names;
        for (const RequestDefinition &r : draft.files.first().requests) {
            names.append(r.name);
            QCOMPARE(r.nameSource, RequestDefinition::NameSource::Separator);
        }
        QCOMPARE(names, QStringList({"getA", "Put an A", "DELETE /a"}));
    }

    void summaryDescriptionAndDeprecationAsComments()
    {
        const CollectionDraft draft = OpenApiImporter::read(fixture("petstore.yaml"), "p.yaml");
        const RequestDefinition *list = request(draft, "listPets");
        QVERIFY(list);
        QCOMPARE(list->comments.mid(0, 3),
                 QStringList({"# List all pets", "# Returns the pets the store has.",
                              // "# @since" would read as a directive
                              "# \\@since the first version"}));
        const RequestDefinition *remove = request(draft, "Delete a pet");
        QVERIFY(remove);
        QVERIFY(
            remove->comments.contains("# Deprecated: the API marks this operation as deprecated"));
        QVERIFY(remove->directives.isEmpty());
    }

    void firstServerIsBaseUrlOthersAreEnvironments()
    {
        const CollectionDraft draft = OpenApiImporter::read(fixture("petstore.yaml"), "p.yaml");
        // Variables substituted with their defaults; the trailing "/" dropped, paths bring it.
        QCOMPARE(variable(draft.environments.value("$shared"), "baseUrl"),
                 QStringLiteral("https://eu.petstore.example/v1"));
        QCOMPARE(variable(draft.environments.value("Staging"), "baseUrl"),
                 QStringLiteral("https://staging.petstore.example/v1"));
        // No description: named after the host.
        QCOMPARE(variable(draft.environments.value("localhost"), "baseUrl"),
                 QStringLiteral("http://localhost:8080/v1"));
        QCOMPARE(draft.environments.size(), 3);
        QVERIFY(lines(draft.notes)
                    .contains("p.yaml:12:9: warning: the server variable {region} uses its default "
                              "\"eu\"; it may "
                              "also be us"));
        QCOMPARE(request(draft, "listPets")->url.left(16), QStringLiteral("{{baseUrl}}/pets"));
    }

    void relativeOrMissingServersAreKeptWithANote()
    {
        const CollectionDraft relative = importYaml("openapi: 3.0.0\n"
                                                    "servers: [{url: /v2}]\n"
                                                    "paths: {/a: {get: {}}}\n");
        QCOMPARE(variable(relative.environments.value("$shared"), "baseUrl"),
                 QStringLiteral("/v2"));
        QVERIFY2(lines(relative.notes)
                     .contains("api.yaml:2:17: warning: the server URL \"/v2\" is "
                               "relative"),
                 qPrintable(lines(relative.notes)));
        const CollectionDraft none = importYaml("openapi: 3.0.0\npaths: {/a: {get: {}}}\n");
        QCOMPARE(variable(none.environments.value("$shared"), "baseUrl"), QString());
        QVERIFY(lines(none.notes).contains("names no server; baseUrl is empty"));
        QCOMPARE(none.files.first().requests.first().url, QStringLiteral("{{baseUrl}}/a"));
    }

    void pathParametersBecomeFileVariables()
    {
        const CollectionDraft draft = OpenApiImporter::read(fixture("petstore.yaml"), "p.yaml");
        const CollectionDraft::File &pets = draft.files.first();
        // From the path item's $ref'd parameter; the operation's own example (7) does not
        // replace the file's value but is kept in a comment.
        QCOMPARE(pets.variables, CollectionDraft::Variables({{"petId", "42"}}));
        QCOMPARE(request(draft, "showPetById")->url, QStringLiteral("{{baseUrl}}/pets/{{petId}}"));
        QVERIFY(
            request(draft, "updatePet")
                ->comments.contains(
                    "# petId: the description's example is \"7\"; the file's @petId is \"42\""));
        // A template name nobody described: the variable stays unset, with a note.
        QVERIFY(
            lines(draft.notes).contains("the path parameter {petId} is not described; set @petId"));
    }

    void pathParameterStylesAndNames()
    {
        const CollectionDraft draft = importYaml(spec(
            "paths:\n"
            "  /a/{ids}/{label}{matrix}/{user id}/{token}:\n"
            "    get:\n"
            "      operationId: op\n"
            "      parameters:\n"
            "        - {name: ids, in: path, required: true, example: [3, 4]}\n"
            "        - {name: label, in: path, required: true, style: label, example: x}\n"
            "        - {name: matrix, in: path, required: true, style: matrix, explode: true,\n"
            "           example: {role: admin, n: 1}}\n"
            "        - {name: user id, in: path, required: true, schema: {type: string}}\n"
            "        - {name: token, in: path, required: true, example: 'a/b c'}\n"));
        QVERIFY2(!draft.hasErrors(), qPrintable(lines(draft.errors)));
        QCOMPARE(draft.files.first().requests.first().url,
                 QStringLiteral("{{baseUrl}}/a/{{ids}}/{{label}}{{matrix}}/{{user_id}}/"
                                "{{token_path}}"));
        // "token" is the bearer token's name: a file variable would shadow it.
        QCOMPARE(draft.files.first().variables,
                 CollectionDraft::Variables({{"ids", "3,4"},
                                             {"label", ".x"},
                                             {"matrix", ";role=admin;n=1"},
                                             {"user_id", "string"},
                                             {"token_path", "a%2Fb%20c"}}));
    }

    void queryParametersRequiredOrWithExamples()
    {
        const CollectionDraft draft = OpenApiImporter::read(fixture("petstore.yaml"), "p.yaml");
        const RequestDefinition *list = request(draft, "listPets");
        // status is required (enum[0]); limit has an example; tags is an exploded array;
        // offset is optional without an example: left out, and said so.
        QCOMPARE(list->url,
                 QStringLiteral("{{baseUrl}}/pets?status=available&limit=20&tags=dog&tags=small"));
        QVERIFY(list->comments.contains("# Optional parameters left out: offset (query)"));
    }

    void queryArrayAndObjectStyles()
    {
        const CollectionDraft draft = importYaml(
            spec("paths:\n"
                 "  /q:\n"
                 "    get:\n"
                 "      operationId: op\n"
                 "      parameters:\n"
                 "        - {name: a, in: query, explode: false, example: [1, 2]}\n"
                 "        - {name: s, in: query, style: spaceDelimited, explode: false, "
                 "example: [x, y]}\n"
                 "        - {name: p, in: query, style: pipeDelimited, explode: false, "
                 "example: [x, y]}\n"
                 "        - {name: f, in: query, style: deepObject, explode: true, "
                 "example: {k: v, n: 2}}\n"
                 "        - {name: o, in: query, example: {lat: 1, lon: 2}}\n"
                 "        - {name: e, in: query, example: 'a&b=c d+'}\n"
                 "        - name: j\n"
                 "          in: query\n"
                 "          content: {application/json: {example: {x: [1]}}}\n"
                 "        - {name: k, in: query, example: [2], content: {application/json: {}}}\n"
                 "        - {name: d, in: query, schema: {type: integer, default: 5}}\n"
                 "        - {name: r, in: query, required: true, schema: {type: boolean}}\n"));
        QCOMPARE(draft.files.first().requests.first().url,
                 QStringLiteral(
                     "{{baseUrl}}/q?a=1,2&s=x%20y&p=x%7Cy&f%5Bk%5D=v&f%5Bn%5D=2"
                     "&lat=1&lon=2&e=a%26b%3Dc%20d%2B&j=%7B%22x%22:%5B1%5D%7D&k=%5B2%5D&r=true"));
        // A default alone is what the server does anyway: not sent.
        QVERIFY(draft.files.first().requests.first().comments.contains(
            "# Optional parameters left out: d (query)"));
    }

    void headerAndCookieParameters()
    {
        const CollectionDraft draft = importYaml(
            spec("paths:\n"
                 "  /h:\n"
                 "    get:\n"
                 "      operationId: op\n"
                 "      parameters:\n"
                 "        - {name: X-Ids, in: header, example: [1, 2]}\n"
                 "        - {name: X-Obj, in: header, explode: true, example: {a: 1, b: 2}}\n"
                 "        - {name: Accept, in: header, example: text/plain}\n"
                 "        - {name: 'Bad Name', in: header, example: x}\n"
                 "        - {name: X-Multi, in: header, example: \"one\\ntwo\"}\n"
                 "        - {name: theme, in: cookie, example: dark}\n"
                 "        - {name: ids, in: cookie, required: true, example: [1, 2]}\n"));
        const RequestDefinition &r = draft.files.first().requests.first();
        QCOMPARE(header(&r, "X-Ids"), QStringLiteral("1,2"));
        QCOMPARE(header(&r, "X-Obj"), QStringLiteral("a=1,b=2"));
        QCOMPARE(header(&r, "X-Multi"), QStringLiteral("one two"));
        QCOMPARE(header(&r, "Cookie"), QStringLiteral("theme=dark; ids=1,2"));
        // OpenAPI ignores Accept, Content-Type and Authorization parameters.
        QCOMPARE(header(&r, "Accept"), QString());
        QCOMPARE(r.headers.size(), 4);
        const QString notes = lines(draft.notes);
        QVERIFY(notes.contains("OpenAPI ignores a header parameter named Accept"));
        QVERIFY(notes.contains("\"Bad Name\" is not a valid header name"));
        QVERIFY(notes.contains("line breaks"));
    }

    void pathItemParametersAreMergedAndOverridden()
    {
        const CollectionDraft draft =
            importYaml(spec("paths:\n"
                            "  /m:\n"
                            "    parameters:\n"
                            "      - {name: v, in: query, example: 1}\n"
                            "      - {name: v, in: header, example: h}\n"
                            "      - {name: w, in: query, example: 2}\n"
                            "    get:\n"
                            "      operationId: op\n"
                            "      parameters:\n"
                            "        - {name: v, in: query, example: 9}\n"
                            "        - {name: z, in: query, example: 3}\n"));
        const RequestDefinition &r = draft.files.first().requests.first();
        QCOMPARE(r.url, QStringLiteral("{{baseUrl}}/m?v=9&w=2&z=3"));
        QCOMPARE(header(&r, "v"), QStringLiteral("h"));
    }

    void referencesAreResolvedAndCyclesReported()
    {
        // Path item, parameter, request body, example and schema references, percent-encoded
        // and escaped pointers included.
        const CollectionDraft draft = importYaml(
            spec("paths:\n"
                 "  /r:\n"
                 "    $ref: '#/components/pathItems/R'\n"
                 "components:\n"
                 "  pathItems:\n"
                 "    R:\n"
                 "      post:\n"
                 "        operationId: op\n"
                 "        parameters: [{$ref: '#/components/parameters/P'}]\n"
                 "        requestBody: {$ref: '#/components/requestBodies/B'}\n"
                 "  parameters:\n"
                 "    P: {name: p, in: query, examples: {one: {$ref: '#/components/examples/E'}}}\n"
                 "  examples:\n"
                 "    E: {value: 5}\n"
                 "  requestBodies:\n"
                 "    B:\n"
                 "      content:\n"
                 "        application/json:\n"
                 "          schema: {$ref: '#/components/schemas/A%20B~1C'}\n"
                 "  schemas:\n"
                 "    A B/C:\n"
                 "      type: object\n"
                 "      properties: {n: {type: integer, example: 1}}\n",
                 "3.1.0"));
        QVERIFY2(!draft.hasErrors(), qPrintable(lines(draft.errors)));
        const RequestDefinition &r = draft.files.first().requests.first();
        QCOMPARE(r.url, QStringLiteral("{{baseUrl}}/r?p=5"));
        QCOMPARE(r.body, QStringLiteral("{\n  \"n\": 1\n}"));

        const CollectionDraft broken =
            importYaml(spec("paths:\n"
                            "  /c:\n"
                            "    get:\n"
                            "      parameters:\n"
                            "        - $ref: '#/components/parameters/A'\n"
                            "        - $ref: '#/components/parameters/Missing'\n"
                            "        - $ref: 'common.yaml#/parameters/X'\n"
                            "components:\n"
                            "  parameters:\n"
                            "    A: {$ref: '#/components/parameters/B'}\n"
                            "    B: {$ref: '#/components/parameters/A'}\n"));
        QCOMPARE(lines(broken.errors),
                 QStringLiteral("api.yaml:14:15: \"$ref\": \"#/components/parameters/A\" refers "
                                "back to itself\n"
                                "api.yaml:9:17: \"$ref\": \"#/components/parameters/Missing\" "
                                "points at nothing in this document"));
        QVERIFY(lines(broken.notes)
                    .contains("api.yaml:10:17: warning: the external reference "
                              "\"common.yaml#/parameters/X\" is not followed"));
    }

    void securitySchemesBecomeHeadersWithSecretVariables()
    {
        const CollectionDraft draft = OpenApiImporter::read(fixture("petstore.yaml"), "p.yaml");
        // Global basic; createPet's own API key replaces it; placeOrder's bearer; health none.
        QCOMPARE(header(request(draft, "listPets"), "Authorization"),
                 QStringLiteral("Basic {{username}} {{password}}"));
        QCOMPARE(header(request(draft, "createPet"), "Authorization"), QString());
        QCOMPARE(header(request(draft, "createPet"), "X-API-Key"), QStringLiteral("{{api_key}}"));
        QCOMPARE(header(request(draft, "placeOrder"), "Authorization"),
                 QStringLiteral("Bearer {{token}}"));
        QCOMPARE(request(draft, "Health check")->headers.size(), 0);
        // Secrets go to the private environment, empty, for the user to fill in.
        QCOMPARE(draft.privateEnvironments.value("$shared"),
                 CollectionDraft::Variables(
                     {{"username", ""}, {"password", ""}, {"api_key", ""}, {"token", ""}}));
        QCOMPARE(variable(draft.environments.value("$shared"), "token"), QStringLiteral("<unset>"));
    }

    void apiKeysOAuthAndAlternatives()
    {
        const CollectionDraft draft = importYaml(spec(
            "paths:\n"
            "  /s:\n"
            "    get:\n"
            "      operationId: op\n"
            "      security:\n"
            "        - {q: [], c: [], dig: []}\n"
            "        - {oauth: [read]}\n"
            "        - {}\n"
            "    put:\n"
            "      operationId: oauth\n"
            "      security: [{oauth: [write]}, {oidc: []}]\n"
            "    post:\n"
            "      operationId: missing\n"
            "      security: [{nope: []}]\n"
            "components:\n"
            "  securitySchemes:\n"
            "    q: {type: apiKey, in: query, name: api key}\n"
            "    c: {type: apiKey, in: cookie, name: sid}\n"
            "    dig: {type: http, scheme: digest}\n"
            "    oauth:\n"
            "      type: oauth2\n"
            "      flows:\n"
            "        clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {}}\n"
            "    oidc: {type: openIdConnect, openIdConnectUrl: "
            "'https://auth.example.com/.well-known'}\n"));
        const RequestDefinition *op = request(draft, "op");
        QCOMPARE(op->url, QStringLiteral("{{baseUrl}}/s?api%20key={{q}}"));
        QCOMPARE(header(op, "Cookie"), QStringLiteral("sid={{c}}"));
        QCOMPARE(header(op, "Authorization"), QStringLiteral("Digest {{username}} {{password}}"));
        QVERIFY(op->comments.contains("# Other ways to authenticate: oauth; none"));
        QCOMPARE(header(request(draft, "oauth"), "Authorization"),
                 QStringLiteral("Bearer {{token}}"));
        const QString notes = lines(draft.notes);
        QVERIFY2(notes.contains("OAuth 2 \"oauth\": tokens are not fetched here; get one "
                                "(clientCredentials at https://auth.example.com/token)"),
                 qPrintable(notes));
        QVERIFY(
            lines(draft.errors)
                .contains(
                    "the security scheme \"nope\" is not defined in components.securitySchemes"));
    }

    void bodyLinesThatWouldBreakTheFileAreIndented()
    {
        const CollectionDraft draft =
            importYaml(spec("paths:\n"
                            "  /x:\n"
                            "    post:\n"
                            "      operationId: op\n"
                            "      requestBody:\n"
                            "        content:\n"
                            "          text/plain:\n"
                            "            example: \"first\\n### not a separator\\n< not a file\\n> "
                            "{% x %}\\n\"\n"));
        const RequestDefinition &r = draft.files.first().requests.first();
        QCOMPARE(r.body, QStringLiteral("first\n ### not a separator\n < not a file\n > {% x %}"));
        QCOMPARE(draft.notes.size(), 3);
        const HttpFile back = HttpFileParser::parse(
            CollectionWriter::renderFile(draft.files.first()), QStringLiteral("x.http"));
        QCOMPARE(back.requests.size(), 1);
        QCOMPARE(back.requests.first().body, r.body);
    }

    void namesAndValuesThatWouldBreakTheFileAreMadeSafe()
    {
        // Line breaks, spaces and "#" where a .http file cannot take them.
        const CollectionDraft draft =
            OpenApiImporter::read(fixture("unsafe-names.json"), QStringLiteral("w.json"));
        QVERIFY2(!draft.hasErrors(), qPrintable(lines(draft.errors)));
        const CollectionDraft::File &file = draft.files.first();
        QCOMPARE(file.path, QStringLiteral("a-b c.http"));
        const RequestDefinition &r = file.requests.first();
        QCOMPARE(r.name, QStringLiteral("do it"));
        QCOMPARE(r.url, QStringLiteral("{{baseUrl}}/p%20q/{{id}}%23"));
        QCOMPARE(variable(draft.environments.value("$shared"), "baseUrl"),
                 QStringLiteral("https://x.example/a%20b"));
        QCOMPARE(file.variables, CollectionDraft::Variables({{"id", "1%0A2"}}));
        QCOMPARE(header(&r, "X-Key"), QStringLiteral("{{k_ey}}"));
        QCOMPARE(header(&r, "Content-Type"), QStringLiteral("text/plain ; x=1"));
        QVERIFY(r.comments.contains("# Other ways to authenticate: a b"));
        QVERIFY(r.comments.contains("# \\@three"));
        QVERIFY(lines(draft.notes).contains("\"#h\" is not a valid header name"));
        const HttpFile back =
            HttpFileParser::parse(CollectionWriter::renderFile(file), QStringLiteral("x.http"));
        QVERIFY2(back.diagnostics.isEmpty(), qPrintable(lines(back.diagnostics)));
        QCOMPARE(back.requests.size(), 1);
        QCOMPARE(back.requests.first().url, r.url);
        QCOMPARE(back.requests.first().headers, r.headers);
        QCOMPARE(back.requests.first().comments, r.comments);
        QCOMPARE(back.variables, file.variables);
    }

    void unsupportedPartsAreNotesAtTheirPosition()
    {
        const CollectionDraft draft = importYaml(
            spec("paths:\n"
                 "  /u:\n"
                 "    query:\n"
                 "      operationId: q\n"
                 "    post:\n"
                 "      operationId: op\n"
                 "      callbacks: {cb: {}}\n"
                 "      requestBody:\n"
                 "        content:\n"
                 "          application/json:\n"
                 "            examples: {big: {externalValue: 'https://example.com/big.json'}}\n"
                 "webhooks:\n"
                 "  newPet: {post: {}}\n",
                 "3.1.0"));
        QVERIFY2(!draft.hasErrors(), qPrintable(lines(draft.errors)));
        QCOMPARE(lines(draft.notes),
                 QStringLiteral(
                     "api.yaml:16:3: warning: webhooks are requests the API sends to you, not "
                     "ones you send; they are not imported\n"
                     "api.yaml:7:7: warning: \"query\" in a path item is not an operation this "
                     "importer knows; it is left out\n"
                     "api.yaml:10:18: warning: callbacks are requests the API sends to you; they "
                     "are not imported\n"
                     "api.yaml:14:45: warning: the example \"big\" is in another file "
                     "(https://example.com/big.json); it is not read"));
    }

    void jsonAndYamlGiveTheSameDraft()
    {
        const CollectionDraft yaml = OpenApiImporter::read(fixture("petstore.yaml"), "p");
        const CollectionDraft json = OpenApiImporter::read(fixture("petstore.json"), "p");
        QVERIFY(!yaml.hasErrors() && !json.hasErrors());
        QCOMPARE(CollectionWriter::render(json), CollectionWriter::render(yaml));
        QCOMPARE(json.environments, yaml.environments);
        QCOMPARE(json.privateEnvironments, yaml.privateEnvironments);
        QCOMPARE(json.notes.size(), yaml.notes.size());
        for (qsizetype i = 0; i < json.notes.size(); ++i) {
            QCOMPARE(json.notes[i].message, yaml.notes[i].message);
            QVERIFY(json.notes[i].line >= 1 && yaml.notes[i].line >= 1);
        }
        // Positions point into each file: the path item with an undescribed {petId}.
        QCOMPARE(yaml.notes[1].toString(),
                 QStringLiteral("p:115:5: warning: the path parameter {petId} is not described; "
                                "set @petId in the .http file"));
        QCOMPARE(json.notes[1].toString(),
                 QStringLiteral("p:195:28: warning: the path parameter {petId} is not described; "
                                "set @petId in the .http file"));
    }

    void everyRequestReadsBackAndIsWritten()
    {
        const CollectionDraft draft = OpenApiImporter::read(fixture("petstore.yaml"), "p.yaml");
        const QMap<QString, QByteArray> rendered = CollectionWriter::render(draft);
        for (const CollectionDraft::File &file : draft.files) {
            const HttpFile back = HttpFileParser::parse(rendered.value(file.path), file.path);
            QVERIFY2(back.diagnostics.isEmpty(), qPrintable(lines(back.diagnostics)));
            QCOMPARE(back.variables, file.variables);
            QCOMPARE(back.requests.size(), file.requests.size());
            for (qsizetype i = 0; i < file.requests.size(); ++i) {
                const RequestDefinition &a = file.requests[i];
                const RequestDefinition &b = back.requests[i];
                QCOMPARE(b.name, a.name);
                QCOMPARE(b.method, a.method);
                QCOMPARE(b.url, a.url);
                QCOMPARE(b.headers, a.headers);
                QCOMPARE(b.body, a.body);
                QCOMPARE(b.comments.filter(QRegularExpression("^#")), a.comments);
                QVERIFY(b.directives.isEmpty());
            }
        }
        QTemporaryDir dir;
        const CollectionWriter::Result result = CollectionWriter::write(draft, dir.path());
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY2(!lines(result.notes).contains("does not read back"),
                 qPrintable(lines(result.notes)));
        const EnvironmentSet environments = EnvironmentSet::load(dir.path());
        QCOMPARE(environments.names(), QStringList({"Staging", "localhost"}));
        QCOMPARE(environments.variables("Staging").value("baseUrl"),
                 QStringLiteral("https://staging.petstore.example/v1"));
        QVERIFY(environments.variables("Staging").contains("token"));
    }

    void importedRequestsResolveForSending()
    {
        const CollectionDraft draft = OpenApiImporter::read(fixture("petstore.yaml"), "p.yaml");
        QHash<QString, QString> variables;
        for (const auto &[name, value] : draft.environments.value("$shared"))
            variables.insert(name, value);
        variables.insert("username", "ada");
        variables.insert("password", "s3cret");
        for (const auto &[name, value] : draft.files.first().variables)
            variables.insert(name, value);
        const VariableExpander expander(variables);

        const RequestResolver::Result list =
            RequestResolver::resolve(*request(draft, "listPets"), expander);
        QVERIFY2(list.ok(), qPrintable(list.error));
        QCOMPARE(list.request.url.toString(),
                 QStringLiteral("https://eu.petstore.example/v1/pets?status=available&limit=20"
                                "&tags=dog&tags=small"));
        QCOMPARE(list.request.headers.value("Authorization"),
                 "Basic " + QByteArray("ada:s3cret").toBase64());
        QCOMPARE(list.request.headers.value("Cookie"), QByteArray("session=abc123"));

        const RequestResolver::Result show =
            RequestResolver::resolve(*request(draft, "showPetById"), expander);
        QCOMPARE(show.request.url.path(), QStringLiteral("/v1/pets/42"));

        const RequestResolver::Result upload =
            RequestResolver::resolve(*request(draft, "uploadPhoto"), expander);
        // The photo part reads ./photo, which is not there: said so, not sent half-built.
        QVERIFY(!upload.ok());
        QVERIFY(upload.error.contains("photo"));

        const RequestResolver::Result order =
            RequestResolver::resolve(*request(draft, "placeOrder"), expander);
        QCOMPARE(order.unresolved, QStringList({"token"})); // the private environment's, unset
    }

    void hostileDescriptionsEndInErrorsNotCrashes()
    {
        // An alias bomb and a recursive alias, in YAML; deep JSON.
        QByteArray bomb = spec("paths: {}\nx0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; ++i)
            bomb += "x" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [*a" +
                    QByteArray::number(i - 1) + ", *a" + QByteArray::number(i - 1) + ", *a" +
                    QByteArray::number(i - 1) + ", *a" + QByteArray::number(i - 1) + ", *a" +
                    QByteArray::number(i - 1) + ", *a" + QByteArray::number(i - 1) + ", *a" +
                    QByteArray::number(i - 1) + ", *a" + QByteArray::number(i - 1) + "]\n";
        QVERIFY(importYaml(bomb).hasErrors());
        QVERIFY(importYaml(spec("paths: &p {/a: {get: {parameters: [*p]}}}\n")).hasErrors());
        const QByteArray deep = "{\"openapi\": \"3.0.0\", \"x\": " + QByteArray(5000, '[') +
                                QByteArray(5000, ']') + "}";
        QVERIFY(OpenApiImporter::read(deep, "d.json").hasErrors());
        // A schema that refers to itself through many properties stays small.
        QByteArray wide =
            spec("paths:\n"
                 "  /w:\n"
                 "    post:\n"
                 "      requestBody:\n"
                 "        content:\n"
                 "          application/json: {schema: {$ref: '#/components/schemas/A'}}\n"
                 "components:\n"
                 "  schemas:\n");
        for (int i = 0; i < 12; ++i) {
            const QByteArray next = "'#/components/schemas/S" + QByteArray::number(i + 1) + "'";
            wide += "    " + (i == 0 ? QByteArray("A") : "S" + QByteArray::number(i)) +
                    ": {properties: {a: {$ref: " + next + "}, b: {$ref: " + next +
                    "}, c: {$ref: " + next + "}, d: {$ref: " + next + "}}}\n";
        }
        wide += "    S12: {type: string}\n";
        const CollectionDraft draft = importYaml(wide);
        QVERIFY2(!draft.hasErrors(), qPrintable(lines(draft.errors)));
        QVERIFY(draft.files.first().requests.first().body.size() < 2000000);
    }
};

QTEST_GUILESS_MAIN(tst_OpenApiImporter)
#include "tst_openapiimporter.moc"
