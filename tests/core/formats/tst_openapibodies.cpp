// OpenAPI 3.0/3.1 request bodies: examples before schemas, bodies sampled from schemas (3.0
// and 3.1 keywords, recursion stopped where it recurs), media types, binary, form and
// multipart bodies.
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

class tst_OpenApiBodies : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recursiveSchemasStopWhereTheyRecur()
    {
        const CollectionDraft draft = importYaml(
            spec("paths:\n"
                 "  /t:\n"
                 "    post:\n"
                 "      operationId: op\n"
                 "      requestBody:\n"
                 "        content:\n"
                 "          application/json:\n"
                 "            schema: {$ref: '#/components/schemas/Node'}\n"
                 "components:\n"
                 "  schemas:\n"
                 "    Node:\n"
                 "      type: object\n"
                 "      properties:\n"
                 "        name: {type: string, example: root}\n"
                 "        children: {type: array, items: {$ref: '#/components/schemas/Node'}}\n"));
        QVERIFY2(!draft.hasErrors(), qPrintable(lines(draft.errors)));
        QCOMPARE(draft.files.first().requests.first().body,
                 QStringLiteral("{\n  \"name\": \"root\",\n  \"children\": []\n}"));
    }

    void bodyExamplePrecedence()
    {
        const auto body = [](const QByteArray &media) {
            const CollectionDraft draft = importYaml(spec("paths:\n"
                                                          "  /b:\n"
                                                          "    post:\n"
                                                          "      operationId: op\n"
                                                          "      requestBody:\n"
                                                          "        content:\n"
                                                          "          application/json:\n" +
                                                          media));
            return draft.files.value(0).requests.value(0).body;
        };
        const QByteArray schema = "            schema: {type: object, example: {from: schema},\n"
                                  "                     properties: {made: {type: string}}}\n";
        QCOMPARE(body("            example: {from: example}\n"
                      "            examples: {a: {value: {from: examples}}}\n" +
                      schema),
                 QStringLiteral("{\n  \"from\": \"example\"\n}"));
        // examples: the first in document order, not alphabetical.
        QCOMPARE(body("            examples:\n"
                      "              z: {value: {from: z}}\n"
                      "              a: {value: {from: a}}\n" +
                      schema),
                 QStringLiteral("{\n  \"from\": \"z\"\n}"));
        QCOMPARE(body(schema), QStringLiteral("{\n  \"from\": \"schema\"\n}"));
        QCOMPARE(body("            schema: {type: object, properties: {made: {type: string}}}\n"),
                 QStringLiteral("{\n  \"made\": \"string\"\n}"));
    }

    void bodiesGeneratedFromSchemas()
    {
        const CollectionDraft draft = importYaml(
            spec("paths:\n"
                 "  /g:\n"
                 "    post:\n"
                 "      operationId: op\n"
                 "      requestBody:\n"
                 "        content:\n"
                 "          application/json:\n"
                 "            schema:\n"
                 "              allOf:\n"
                 "                - $ref: '#/components/schemas/Base'\n"
                 "                - type: object\n"
                 "                  properties:\n"
                 "                    kind: {type: string, enum: [cat, dog]}\n"
                 "                    size: {type: number, default: 2.5}\n"
                 "                    when: {type: string, format: date-time}\n"
                 "                    mail: {type: string, format: email}\n"
                 "                    ok: {type: boolean}\n"
                 "                    count: {type: integer, minimum: 1}\n"
                 "                    tags: {type: array, items: {type: string}}\n"
                 "                    pet:\n"
                 "                      oneOf:\n"
                 "                        - {type: object, properties: {meow: {type: boolean}}}\n"
                 "                        - {type: object, properties: {bark: {type: boolean}}}\n"
                 "                    any: {}\n"
                 "components:\n"
                 "  schemas:\n"
                 "    Base:\n"
                 "      type: object\n"
                 "      properties:\n"
                 "        id: {type: integer, readOnly: true}\n"
                 "        name: {type: string, example: Rex}\n"));
        QVERIFY2(!draft.hasErrors(), qPrintable(lines(draft.errors)));
        QCOMPARE(draft.files.first().requests.first().body,
                 QStringLiteral("{\n"
                                "  \"name\": \"Rex\",\n"
                                "  \"kind\": \"cat\",\n"
                                "  \"size\": 2.5,\n"
                                "  \"when\": \"2024-01-01T00:00:00Z\",\n"
                                "  \"mail\": \"user@example.com\",\n"
                                "  \"ok\": true,\n"
                                "  \"count\": 1,\n"
                                "  \"tags\": [\n"
                                "    \"string\"\n"
                                "  ],\n"
                                "  \"pet\": {\n"
                                "    \"meow\": true\n"
                                "  },\n"
                                "  \"any\": null\n"
                                "}"));
        QCOMPARE(header(&draft.files.first().requests.first(), "Content-Type"),
                 QStringLiteral("application/json"));
    }

    void mediaTypePreference()
    {
        const CollectionDraft draft = importYaml(
            spec("paths:\n"
                 "  /m:\n"
                 "    post:\n"
                 "      operationId: form\n"
                 "      requestBody:\n"
                 "        content:\n"
                 "          text/plain: {example: hi}\n"
                 "          multipart/form-data: {schema: {properties: {a: {example: 1}}}}\n"
                 "          application/x-www-form-urlencoded: {example: {a: 1}}\n"
                 "    put:\n"
                 "      operationId: json\n"
                 "      requestBody:\n"
                 "        content:\n"
                 "          application/xml: {example: '<a/>'}\n"
                 "          application/vnd.api+json: {example: {a: 1}}\n"
                 "    patch:\n"
                 "      operationId: text\n"
                 "      requestBody:\n"
                 "        content:\n"
                 "          application/xml: {example: '<a/>'}\n"
                 "          text/csv: {example: \"a,b\\n1,2\\n\"}\n"
                 "    delete:\n"
                 "      operationId: other\n"
                 "      requestBody:\n"
                 "        content:\n"
                 "          application/xml: {schema: {type: object, properties: {a: {type: "
                 "string}}}}\n"));
        QCOMPARE(header(request(draft, "form"), "Content-Type"),
                 QStringLiteral("application/x-www-form-urlencoded"));
        QCOMPARE(request(draft, "form")->body, QStringLiteral("a=1"));
        QVERIFY(request(draft, "form")
                    ->comments.contains("# Also accepts: text/plain, multipart/form-data"));
        QCOMPARE(header(request(draft, "json"), "Content-Type"),
                 QStringLiteral("application/vnd.api+json"));
        QCOMPARE(request(draft, "text")->body, QStringLiteral("a,b\n1,2"));
        QCOMPARE(header(request(draft, "other"), "Content-Type"),
                 QStringLiteral("application/xml"));
        QCOMPARE(request(draft, "other")->body, QString());
        QVERIFY(lines(draft.notes).contains("no application/xml body can be written"));
    }

    void binaryBodiesReadAFile()
    {
        const CollectionDraft draft = importYaml(
            spec("paths:\n"
                 "  /f:\n"
                 "    put:\n"
                 "      operationId: raw\n"
                 "      requestBody: {content: {application/octet-stream: {}}}\n"
                 "    post:\n"
                 "      operationId: image\n"
                 "      requestBody:\n"
                 "        content: {image/png: {schema: {type: string, format: binary}}}\n"
                 "    patch:\n"
                 "      operationId: empty\n"
                 "      requestBody: {content: {application/json: {}}}\n"));
        QCOMPARE(request(draft, "raw")->body, QStringLiteral("< ./body.bin"));
        QCOMPARE(header(request(draft, "image"), "Content-Type"), QStringLiteral("image/png"));
        QCOMPARE(request(draft, "image")->body, QStringLiteral("< ./body.bin"));
        QVERIFY(lines(draft.notes).contains("the body is a file (image/png)"));
        // No example and no schema: no body, rather than "null".
        QCOMPARE(request(draft, "empty")->body, QString());
    }

    void formAndMultipartBodies()
    {
        const CollectionDraft draft = OpenApiImporter::read(fixture("petstore.yaml"), "p.yaml");
        QCOMPARE(request(draft, "placeOrder")->body,
                 QStringLiteral("petId=42&note=gift%20wrap%20%26%20bow"));
        const RequestDefinition *upload = request(draft, "uploadPhoto");
        QCOMPARE(header(upload, "Content-Type"),
                 QStringLiteral("multipart/form-data; boundary=WebAppBoundary"));
        QCOMPARE(upload->body, QStringLiteral("--WebAppBoundary\n"
                                              "Content-Disposition: form-data; name=\"caption\"\n"
                                              "\n"
                                              "On the beach\n"
                                              "--WebAppBoundary\n"
                                              "Content-Disposition: form-data; name=\"photo\"; "
                                              "filename=\"photo\"\n"
                                              "Content-Type: application/octet-stream\n"
                                              "\n"
                                              "< ./photo\n"
                                              "--WebAppBoundary\n"
                                              "Content-Disposition: form-data; name=\"metadata\"\n"
                                              "Content-Type: application/json\n"
                                              "\n"
                                              "{\"width\":640}\n"
                                              "--WebAppBoundary--"));
        QVERIFY(lines(draft.notes).contains("the form field \"photo\" is a file"));
    }

    void openApi31Schemas()
    {
        const CollectionDraft draft = importYaml(spec(
            "paths:\n"
            "  /n:\n"
            "    post:\n"
            "      operationId: op\n"
            "      parameters:\n"
            "        - {name: q, in: query, schema: {type: string, examples: [first, second]}}\n"
            "      requestBody:\n"
            "        content:\n"
            "          application/json:\n"
            "            schema:\n"
            "              type: object\n"
            "              properties:\n"
            "                a: {type: [string, 'null']}\n"
            "                b: {const: fixed}\n"
            "                c: {type: array, prefixItems: [{type: integer}, {type: boolean}]}\n"
            "                d: {$ref: '#/components/schemas/D', description: overridden}\n"
            "                e: {type: 'null'}\n"
            "components:\n"
            "  schemas:\n"
            "    D: {type: string, examples: [dee]}\n",
            "3.1.0"));
        QVERIFY2(!draft.hasErrors(), qPrintable(lines(draft.errors)));
        const RequestDefinition &r = draft.files.first().requests.first();
        QCOMPARE(r.url, QStringLiteral("{{baseUrl}}/n?q=first"));
        QCOMPARE(r.body, QStringLiteral("{\n  \"a\": \"string\",\n  \"b\": \"fixed\",\n  \"c\": [\n"
                                        "    0,\n    true\n  ],\n  \"d\": \"dee\",\n"
                                        "  \"e\": null\n}"));
    }
};

QTEST_GUILESS_MAIN(tst_OpenApiBodies)
#include "tst_openapibodies.moc"
