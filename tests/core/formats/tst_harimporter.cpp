// Importing HAR 1.2 logs: fixtures written from the HAR 1.2 spec (log, pages, entries,
// request, postData), and HARs our own HarWriter produces, one test per feature.
#include "demo/demoserverthread.h"
#include "formats/collectionimporter.h"
#include "formats/harimporter.h"
#include "formats/harwriter.h"
#include "importtesthelpers.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "workspace/requestresolver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mr;
using namespace mr::test;

namespace {

QString fixturePath(const QString &name)
{
    return QFINDTESTDATA(QStringLiteral("fixtures/har/") + name);
}

QByteArray fixture(const QString &name)
{
    return readFile(fixturePath(name));
}

CollectionDraft import(const QString &name)
{
    return HarImporter::read(fixture(name), fixturePath(name));
}

// The requests of api.har by their URL (names repeat).
const RequestDefinition *byUrl(const CollectionDraft &draft, const QString &url)
{
    for (const CollectionDraft::File &file : draft.files) {
        for (const RequestDefinition &request : file.requests) {
            if (request.url == url)
                return &request;
        }
    }
    return nullptr;
}

Exchange send(HttpClient &client, const HttpRequest &request)
{
    std::unique_ptr<ExchangeJob> job(client.send(request));
    QSignalSpy finished(job.get(), &ExchangeJob::finished);
    if (!finished.wait(10000))
        return {};
    return job->exchange();
}

} // namespace

class tst_HarImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sniffsHarLogs()
    {
        QVERIFY(HarImporter::looksLike(fixture("api.har")));
        QVERIFY(HarImporter::looksLike(fixture("pages.har")));
        QVERIFY(!HarImporter::looksLike(R"({"_type": "export", "__export_format": 4})"));
        QVERIFY(!HarImporter::looksLike("curl http://localhost/"));
        // The CLI and the window find it through CollectionImporter.
        QCOMPARE(CollectionImporter::sniff(fixture("api.har")), QStringLiteral("har"));
        QCOMPARE(CollectionImporter::read("har", fixture("pages.har"), "pages.har").requestCount(),
                 5);
    }

    void brokenJsonIsAnErrorAtItsPosition()
    {
        const CollectionDraft draft = import("broken.har");
        QCOMPARE(draft.errors.size(), 1);
        QCOMPARE(draft.errors.first().file, fixturePath("broken.har"));
        QCOMPARE(draft.errors.first().line, lineOf(fixture("broken.har"), "},,"));
        QVERIFY(draft.errors.first().message.contains("invalid JSON"));
    }

    void aLogWithoutEntriesIsAnError()
    {
        const CollectionDraft draft = import("no-entries.har");
        QCOMPARE(draft.errors.size(), 1);
        QCOMPARE(draft.errors.first().line, lineOf(fixture("no-entries.har"), "\"log\""));
        QVERIFY(draft.errors.first().message.contains("entries"));
        QCOMPARE(HarImporter::read("[1, 2]", "x.har").errors.size(), 1);
    }

    void entriesBecomeRequestsInAFileNamedAfterTheHar()
    {
        const CollectionDraft draft = import("api.har");
        QVERIFY(!draft.hasErrors());
        QCOMPARE(draft.files.size(), 1);
        QCOMPARE(draft.files.first().path, QStringLiteral("api.http"));
        const RequestDefinition &first = draft.files.first().requests.first();
        QCOMPARE(first.method, QStringLiteral("GET"));
        QCOMPARE(first.url, QStringLiteral("https://api.example.com/v1/users?page=2&sort=name"));
        QCOMPARE(first.name, QStringLiteral("GET /v1/users"));
        QCOMPARE(first.nameSource, RequestDefinition::NameSource::Separator);
        QCOMPARE(first.comments, QStringList({"# The first page of users."}));
        QCOMPARE(notesWith(draft, {"without a \"request\""}).size(), 1);
    }

    void pagesSplitTheRequestsIntoFiles()
    {
        const CollectionDraft draft = import("pages.har");
        QStringList paths;
        for (const CollectionDraft::File &file : draft.files)
            paths.append(file.path + QStringLiteral(":") + QString::number(file.requests.size()));
        // Titles repeat and carry ":"; an unused page gets no file; entries without a known
        // page go into the file named after the HAR.
        QCOMPARE(paths, QStringList({"Shop- home.http:2", "Shop- home 2.http:1", "pages.http:2"}));
    }

    void aQueryListedOnlyInQueryStringIsAppended()
    {
        const CollectionDraft draft = import("api.har");
        QVERIFY(byUrl(draft, "http://localhost:8080/search?q=a%20b&lang=en"));
        // Where the URL has its query, queryString (which repeats it) adds nothing.
        QVERIFY(byUrl(draft, "https://api.example.com/v1/users?page=2&sort=name"));
    }

    void pseudoAndComputedHeadersAreDroppedWithOneNotePerFile()
    {
        const CollectionDraft draft = import("api.har");
        const RequestDefinition *create = byUrl(draft, "https://api.example.com/v1/users");
        QVERIFY(create);
        QCOMPARE(headerNames(*create), QStringList({"content-type", "accept"}));
        const RequestDefinition *users =
            byUrl(draft, "https://api.example.com/v1/users?page=2&sort=name");
        QCOMPARE(headerNames(*users), QStringList({"Accept", "User-Agent", "Cookie"}));
        const QList<Diagnostic> dropped = notesWith(draft, {"api.http", "left out headers"});
        QCOMPARE(dropped.size(), 1);
        for (const char *name :
             {"Host", "Connection", ":method", ":authority", ":scheme", ":path", "content-length"})
            QVERIFY2(dropped.first().message.contains(name), name);
        QCOMPARE(dropped.first().line, lineOf(fixture("api.har"), "\"entries\""));
    }

    void hostIsKeptWhenItDiffersFromTheUrl()
    {
        const CollectionDraft draft = import("api.har");
        QCOMPARE(header(*byUrl(draft, "http://localhost:8080/proxy"), "Host"),
                 QStringLiteral("other.example.com"));
        QVERIFY(header(*byUrl(draft, "http://localhost:8080/login"), "Host").isNull());
    }

    void cookiesAreNotDoubled()
    {
        const CollectionDraft draft = import("api.har");
        const RequestDefinition *users =
            byUrl(draft, "https://api.example.com/v1/users?page=2&sort=name");
        QCOMPARE(header(*users, "Cookie"), QStringLiteral("sid=abc; theme=dark"));
        QCOMPARE(headerNames(*users).count("Cookie"), 1);
        // Without a Cookie header the cookies array gives one.
        QCOMPARE(header(*byUrl(draft, "https://api.example.com/v1/me"), "Cookie"),
                 QStringLiteral("token=xyz"));
        // HTTP/2 split cookie fields become one header.
        const RequestDefinition *split = byUrl(draft, "https://cdn.example.com/app.js");
        QCOMPARE(headerNames(*split), QStringList({"Cookie"}));
        QCOMPARE(header(*split, "Cookie"), QStringLiteral("a=1; b=2"));
    }

    void postDataTextIsTheBody()
    {
        const CollectionDraft draft = import("api.har");
        const RequestDefinition *create = byUrl(draft, "https://api.example.com/v1/users");
        QCOMPARE(create->method, QStringLiteral("POST"));
        QCOMPARE(create->body, QStringLiteral("{\"name\":\"Ada\",\"admin\":false}"));
        // Multipart text keeps its boundary; CRLF is how multipart is sent anyway: no note.
        const RequestDefinition *form = byUrl(draft, "http://localhost:8080/form");
        QCOMPARE(form->body, QStringLiteral("------WebKitFormBoundaryQx1\n"
                                            "Content-Disposition: form-data; name=\"title\"\n"
                                            "\n"
                                            "Report\n"
                                            "------WebKitFormBoundaryQx1--"));
        QVERIFY(notesWith(draft, {"POST /form", "CRLF"}).isEmpty());
    }

    void postDataParamsBecomeAFormBody()
    {
        const CollectionDraft draft = import("api.har");
        const RequestDefinition *login = byUrl(draft, "http://localhost:8080/login");
        QCOMPARE(login->body, QStringLiteral("user=ada+lovelace&password=p%26w%3D1"));
        QCOMPARE(header(*login, "Content-Type"),
                 QStringLiteral("application/x-www-form-urlencoded"));
    }

    void postDataParamsBecomeAMultipartBody()
    {
        const CollectionDraft draft = import("api.har");
        const RequestDefinition *upload = byUrl(draft, "http://localhost:8080/upload");
        QCOMPARE(upload->body, QStringLiteral("------WebKitFormBoundary7MA4YWxkTrZu0gW\n"
                                              "Content-Disposition: form-data; name=\"title\"\n"
                                              "\n"
                                              "Report\n"
                                              "------WebKitFormBoundary7MA4YWxkTrZu0gW\n"
                                              "Content-Disposition: form-data; name=\"file\"; "
                                              "filename=\"report.pdf\"\n"
                                              "Content-Type: application/pdf\n"
                                              "\n"
                                              "< ./report.pdf\n"
                                              "------WebKitFormBoundary7MA4YWxkTrZu0gW--"));
        QCOMPARE(notesWith(draft, {"POST /upload", "report.pdf"}).size(), 1);
    }

    // Found by fuzz_harimporter: a boundary with a line break broke the body's delimiter lines,
    // so the written file read back as a different body.
    void aBoundaryRfc2046RefusesIsReplaced()
    {
        const QByteArray har = R"({"log": {"entries": [{"request": {
            "method": "POST", "url": "http://localhost:8080/upload", "headers": [],
            "postData": {"mimeType": "multipart/form-data; boundary=ab\r\ncd; charset=x",
                         "params": [{"name": "title", "value": "Report"}]}}}]}})";
        const CollectionDraft draft = HarImporter::read(har, QStringLiteral("cut.har"));
        QVERIFY(!draft.hasErrors());
        const RequestDefinition &upload = draft.files.value(0).requests.value(0);
        QCOMPARE(header(upload, "Content-Type"),
                 QStringLiteral("multipart/form-data; charset=x; boundary=MicrorequestsBoundary"));
        QVERIFY(upload.body.startsWith(QLatin1String("--MicrorequestsBoundary\n")));
        QVERIFY(!upload.body.contains(QLatin1Char('\r')));
        const QString differences = readBackDifferences(draft);
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
    }
    void binaryBodiesAreReported()
    {
        const CollectionDraft draft = import("api.har");
        const RequestDefinition *blob = byUrl(draft, "http://localhost:8080/blob");
        QVERIFY(blob->body.isEmpty());
        QCOMPARE(header(*blob, "Content-Type"), QStringLiteral("application/octet-stream"));
        const QList<Diagnostic> binary = notesWith(draft, {"PUT /blob", "binary (5 bytes"});
        QCOMPARE(binary.size(), 1);
        const QByteArray text = fixture("api.har");
        const qsizetype postData = text.indexOf("\"postData\"", text.indexOf("8080/blob"));
        QCOMPARE(binary.first().line, int(text.left(postData).count('\n')) + 1);
        // Base64 that decodes to text is imported as that text.
        QCOMPARE(byUrl(draft, "http://localhost:8080/encoded")->body,
                 QStringLiteral("{\"ok\":true}"));
    }

    void responsesAreReportedOncePerFile()
    {
        const CollectionDraft draft = import("api.har");
        const QList<Diagnostic> responses = notesWith(draft, {"recorded responses"});
        QCOMPARE(responses.size(), 1);
        QVERIFY(responses.first().message.contains("recorded responses (12)"));
        QCOMPARE(notesWith(import("pages.har"), {"recorded responses"}).size(), 3);
    }

    void nonHttpEntriesAreSkipped()
    {
        const CollectionDraft draft = import("api.har");
        QCOMPARE(draft.requestCount(), 12);
        QCOMPARE(notesWith(draft, {"data: URLs are not imported"}).size(), 1);
    }

    void httpVersionsBecomeDirectives()
    {
        const CollectionDraft draft = import("api.har");
        QCOMPARE(directiveNames(*byUrl(draft, "https://api.example.com/v1/users")),
                 QStringList({"http2"}));
        QVERIFY(directiveNames(*byUrl(draft, "https://api.example.com/v1/me")).isEmpty());
        QCOMPARE(directiveNames(*byUrl(draft, "https://cdn.example.com/app.js")),
                 QStringList({"http2"}));
        QCOMPARE(notesWith(draft, {"HTTP/3"}).size(), 1);
        // # @http2 is the HTTP/2-only choice; HTTP/1.1 in a HAR is what was negotiated, not a
        // requirement, so those requests keep the default.
        QCOMPARE(byUrl(draft, "https://api.example.com/v1/users")->options().protocol,
                 std::optional<ProtocolChoice>(ProtocolChoice::Http2));
        QCOMPARE(byUrl(draft, "https://api.example.com/v1/me")->options().protocol,
                 std::optional<ProtocolChoice>());
    }

    void literalBracesAreReported()
    {
        const CollectionDraft draft = import("api.har");
        QCOMPARE(byUrl(draft, "http://localhost:8080/template")->body,
                 QStringLiteral("Hello {{name}}"));
        QCOMPARE(notesWith(draft, {"POST /template", "{{variable}}"}).size(), 1);
    }

    void everyFixtureReadsBackIdentically_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("api.har") << "api.har";
        QTest::newRow("pages.har") << "pages.har";
    }

    void everyFixtureReadsBackIdentically()
    {
        QFETCH(QString, name);
        const CollectionDraft draft = import(name);
        QVERIFY(!draft.hasErrors());
        const QString differences = readBackDifferences(draft);
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
        for (const Diagnostic &note : draft.notes)
            QVERIFY2(note.line >= 1 && note.column >= 1, qPrintable(note.toString()));
    }

    void harWriterOutputImportsAsTheSameRequest()
    {
        Exchange exchange;
        exchange.request.method = "PUT";
        exchange.request.url = QUrl("http://127.0.0.1:8080/items/7?tag=a%20b&x=1");
        exchange.request.headers.append("Host", "127.0.0.1:8080");
        exchange.request.headers.append("Content-Type", "application/json");
        exchange.request.headers.append("X-Trace", "abc");
        exchange.request.headers.append("Content-Length", "18");
        exchange.request.body = "{\n  \"name\": \"Zoë\"\n}";
        exchange.startedAt = QDateTime::currentDateTimeUtc();
        exchange.status = 204;
        exchange.reasonPhrase = "No Content";
        const QByteArray har =
            QJsonDocument(HarWriter::document({exchange}, "test")).toJson(QJsonDocument::Indented);
        QVERIFY(HarImporter::looksLike(har));
        const CollectionDraft draft = HarImporter::read(har, "session.har");
        QVERIFY(!draft.hasErrors());
        QCOMPARE(draft.requestCount(), 1);
        const RequestDefinition &request = draft.files.first().requests.first();
        QCOMPARE(request.method, QStringLiteral("PUT"));
        QCOMPARE(request.url, exchange.request.url.toString(QUrl::FullyEncoded));
        QCOMPARE(headerNames(request), QStringList({"Content-Type", "X-Trace"}));
        QCOMPARE(header(request, "X-Trace"), QStringLiteral("abc"));
        QCOMPARE(request.body.toUtf8(), exchange.request.body);
        QVERIFY(readBackDifferences(draft).isEmpty());
    }

    void aRealExchangeImportsAndSendsTheSameRequestAgain()
    {
        DemoServerThread service;
        QString error;
        QVERIFY2(service.start(DemoServer::Options(), &error), qPrintable(error));
        QUrl url = service.httpUrl();
        url.setPath(QStringLiteral("/anything/orders"));
        url.setQuery(QStringLiteral("page=2&q=a%20b"));
        HttpClient client;
        HttpRequest sent;
        sent.method = "POST";
        sent.url = url;
        sent.headers.append("X-Test", "1");
        sent.headers.append("Content-Type", "application/json");
        sent.body = R"({"items":[1,2]})";
        const Exchange first = send(client, sent);
        QCOMPARE(first.status, 200);

        const QByteArray har =
            QJsonDocument(HarWriter::document({first}, "test")).toJson(QJsonDocument::Indented);
        const CollectionDraft draft = HarImporter::read(har, "run.har");
        QVERIFY(!draft.hasErrors());
        QCOMPARE(draft.requestCount(), 1);
        QVERIFY(readBackDifferences(draft).isEmpty());
        const RequestDefinition &imported = draft.files.first().requests.first();
        QCOMPARE(imported.method, QStringLiteral("POST"));
        QCOMPARE(imported.url, first.request.url.toString(QUrl::FullyEncoded));
        QCOMPARE(imported.body.toUtf8(), first.request.body);
        for (const auto &[name, value] : first.request.headers.fields()) {
            const QString lower = QString::fromLatin1(name).toLower();
            if (lower == "host" || lower == "content-length" || lower == "connection")
                QVERIFY2(header(imported, QString::fromLatin1(name)).isNull(), name.constData());
            else
                QCOMPARE(header(imported, QString::fromLatin1(name)).toUtf8(), value);
        }

        // Sent again, the service sees the same request.
        const RequestResolver::Result resolved =
            RequestResolver::resolve(imported, VariableExpander());
        QVERIFY2(resolved.ok(), qPrintable(resolved.error));
        const Exchange second = send(client, resolved.request);
        QCOMPARE(second.status, 200);
        const QJsonObject a = QJsonDocument::fromJson(first.responseBody).object();
        const QJsonObject b = QJsonDocument::fromJson(second.responseBody).object();
        for (const char *key : {"method", "url", "args", "data", "json"})
            QCOMPARE(b.value(key), a.value(key));
        QJsonObject headersA = a.value("headers").toObject();
        QJsonObject headersB = b.value("headers").toObject();
        QCOMPARE(headersB, headersA);
    }
};

QTEST_GUILESS_MAIN(tst_HarImporter)
#include "tst_harimporter.moc"
