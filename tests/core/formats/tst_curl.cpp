// curl command lines in and out: shell quoting as bash reads it, each option a user copies
// from API docs or "Copy as cURL", notes for what a .http file cannot hold, and commands we
// write that read back as the same request.
#include "formats/collectionwriter.h"
#include "formats/curlexporter.h"
#include "formats/curlimporter.h"
#include "formats/shellwords.h"
#include "workspace/httpfileparser.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

namespace {

RequestDefinition one(const QByteArray &command, CollectionDraft *out = nullptr)
{
    const CollectionDraft draft = CurlImporter::read(command, QStringLiteral("cmd.sh"));
    if (out)
        *out = draft;
    if (draft.files.size() != 1 || draft.files.first().requests.size() != 1) {
        qWarning() << "expected one request from" << command << "errors:"
                   << (draft.errors.isEmpty() ? QString() : draft.errors.first().toString());
        return {};
    }
    return draft.files.first().requests.first();
}

QString header(const RequestDefinition &request, const QString &name)
{
    for (const RequestDefinition::Header &h : request.headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return QStringLiteral("<none>");
}

QStringList notes(const CollectionDraft &draft)
{
    QStringList out;
    for (const Diagnostic &d : draft.notes)
        out.append(d.toString());
    return out;
}

QStringList words(const QString &line)
{
    QList<Diagnostic> errors;
    const QList<ShellWords::Command> commands =
        ShellWords::split(line, QStringLiteral("t"), &errors);
    QStringList out;
    for (const ShellWords::Command &command : commands) {
        for (const ShellWords::Word &word : command.words)
            out.append(word.text);
        out.append(QStringLiteral("|"));
    }
    return out;
}

} // namespace

class tst_Curl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shellQuotingAsBashReadsIt()
    {
        QCOMPARE(words(QStringLiteral("a 'b c' \"d \\\"e\\\" $'x'\" f\\ g")),
                 QStringList({"a", "b c", "d \"e\" $'x'", "f g", "|"}));
        QCOMPARE(words(QStringLiteral("a $'line\\nnext\\t\\x41\\u00e9\\'q'")),
                 QStringList({"a", "line\nnext\tA\u00e9'q", "|"}));
        QCOMPARE(words(QStringLiteral("a $'\\xc3\\xa9'")), QStringList({"a", "\u00e9", "|"}));
        QCOMPARE(words(QStringLiteral("a \\\n  b\\\r\n c # comment\nd; e && f | g")),
                 QStringList({"a", "b", "c", "|", "d", "|", "e", "|", "f", "|", "g", "|"}));
        QCOMPARE(words(QStringLiteral("echo $TOKEN \"${HOME}/x\" '$NOT' $ 5$")),
                 QStringList({"echo", "{{$processEnv TOKEN}}", "{{$processEnv HOME}}/x", "$NOT",
                              "$", "5$", "|"}));
    }

    void unterminatedQuotesSayWhere()
    {
        const CollectionDraft draft =
            CurlImporter::read("curl https://h/ \\\n  -d 'abc", QStringLiteral("cmd.sh"));
        QCOMPARE(draft.errors.size(), 1);
        QCOMPARE(draft.errors.first().toString(),
                 QStringLiteral("cmd.sh:2:6: unterminated ' quote; close it or escape it"));
    }

    void quotingRoundTrips_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("bare") << QStringLiteral("https://h/x?a=1");
        QTest::newRow("spaces and quotes") << QStringLiteral("it's a \"test\" $HOME `x`");
        QTest::newRow("control characters") << QStringLiteral("a\nb\tc\x01'\\");
        QTest::newRow("unicode") << QStringLiteral("\u00e9\u4e2d\U0001F600");
        QTest::newRow("empty") << QString();
    }
    void quotingRoundTrips()
    {
        QFETCH(QString, word);
        const QString line = QStringLiteral("cmd ") + ShellWords::quote(word);
        QCOMPARE(words(line), QStringList({QStringLiteral("cmd"), word, QStringLiteral("|")}));
    }

    void methodUrlAndHeaders()
    {
        const RequestDefinition r =
            one("curl -X PATCH 'https://api.example.com/users/1?x=1' "
                "-H 'Accept: application/json' --header \"X-Trace:  abc \" -H 'X-Empty;'");
        QCOMPARE(r.method, QStringLiteral("PATCH"));
        QCOMPARE(r.url, QStringLiteral("https://api.example.com/users/1?x=1"));
        QCOMPARE(header(r, "Accept"), QStringLiteral("application/json"));
        QCOMPARE(header(r, "X-Trace"), QStringLiteral("abc"));
        QCOMPARE(header(r, "X-Empty"), QString());
        QCOMPARE(one("curl localhost:8080/health").url,
                 QStringLiteral("http://localhost:8080/health"));
        QCOMPARE(one("curl -XDELETE http://h/1").method, QStringLiteral("DELETE"));
        QCOMPARE(one("$ curl http://h/ --url-query a=1 --url-query 'b=2'").url,
                 QStringLiteral("http://h/?a=1&b=2"));
    }

    void dataOptionsBuildAFormBody()
    {
        const RequestDefinition r =
            one("curl http://h/login -d user=ada --data 'pass=x y' --data-raw @literal "
                "--data-urlencode 'q=a&b c' --data-urlencode =solo");
        QCOMPARE(r.method, QStringLiteral("POST"));
        QCOMPARE(r.body, QStringLiteral("user=ada&pass=x y&@literal&q=a%26b+c&solo"));
        QCOMPARE(header(r, "Content-Type"), QStringLiteral("application/x-www-form-urlencoded"));
        const RequestDefinition put =
            one("curl -X PUT http://h/ -H 'content-type: text/plain' -d hello");
        QCOMPARE(put.method, QStringLiteral("PUT"));
        QCOMPARE(header(put, "Content-Type"), QStringLiteral("text/plain"));
        QCOMPARE(put.headers.size(), 1);
    }

    void importedFilesOutsideTheWorkspaceAreNoted()
    {
        CollectionDraft draft;
        QCOMPARE(one("curl http://h/ --data-binary @/etc/passwd", &draft).body,
                 QStringLiteral("< /etc/passwd"));
        QCOMPARE(notes(draft).size(), 1);
        QVERIFY2(notes(draft).first().endsWith(
                     QLatin1String("warning: reads a file outside the workspace: /etc/passwd; "
                                   "the window will ask before sending it, and `microrequests "
                                   "run` needs --allow-outside-files")),
                 qPrintable(notes(draft).first()));
        one("curl http://h/ -F 'key=@../../.ssh/id_rsa' -F 'note=<notes.txt'", &draft);
        QCOMPARE(notes(draft).size(), 1);
        QVERIFY(notes(draft).first().contains(QLatin1String("outside the workspace: "
                                                            "../../.ssh/id_rsa;")));
        one("curl -T ./data/big.iso http://h/files/big.iso", &draft);
        QVERIFY(draft.notes.isEmpty());
    }

    void dataFromAFileBecomesAFileBody()
    {
        CollectionDraft draft;
        const RequestDefinition r = one("curl http://h/ --data-binary @payload.bin", &draft);
        QCOMPARE(r.body, QStringLiteral("< payload.bin"));
        QVERIFY(draft.notes.isEmpty());
        one("curl http://h/ -d @payload.txt", &draft);
        QVERIFY2(notes(draft).join('\n').contains(QLatin1String("strips line breaks")),
                 qPrintable(notes(draft).join('\n')));
        const RequestDefinition upload = one("curl -T ./big.iso http://h/files/big.iso");
        QCOMPARE(upload.method, QStringLiteral("PUT"));
        QCOMPARE(upload.body, QStringLiteral("< ./big.iso"));
    }

    void jsonOption()
    {
        const RequestDefinition r = one("curl --json '{\"a\":' --json '1}' http://h/");
        QCOMPARE(r.method, QStringLiteral("POST"));
        QCOMPARE(r.body, QStringLiteral("{\"a\":1}"));
        QCOMPARE(header(r, "Content-Type"), QStringLiteral("application/json"));
        QCOMPARE(header(r, "Accept"), QStringLiteral("application/json"));
    }

    void formOptionsBuildMultipart()
    {
        const RequestDefinition r =
            one("curl http://h/up -F name=Ada -F 'file=@./photo.png;type=image/png' "
                "-F 'notes=<notes.txt' --form-string 'raw=@not-a-file'");
        QCOMPARE(r.method, QStringLiteral("POST"));
        QCOMPARE(header(r, "Content-Type"),
                 QStringLiteral("multipart/form-data; boundary=MicrorequestsBoundary"));
        QCOMPARE(
            r.body,
            QStringLiteral("--MicrorequestsBoundary\n"
                           "Content-Disposition: form-data; name=\"name\"\n\nAda\n"
                           "--MicrorequestsBoundary\n"
                           "Content-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\n"
                           "Content-Type: image/png\n\n< ./photo.png\n"
                           "--MicrorequestsBoundary\n"
                           "Content-Disposition: form-data; name=\"notes\"\n\n< notes.txt\n"
                           "--MicrorequestsBoundary\n"
                           "Content-Disposition: form-data; name=\"raw\"\n\n@not-a-file\n"
                           "--MicrorequestsBoundary--"));
    }

    void userBecomesBasicOrDigest()
    {
        QCOMPARE(header(one("curl -u ada:s3cret http://h/"), "Authorization"),
                 QStringLiteral("Basic ada s3cret"));
        QCOMPARE(header(one("curl --digest -u ada:s3cret http://h/"), "Authorization"),
                 QStringLiteral("Digest ada s3cret"));
        // The shorthand splits at spaces: such credentials are encoded instead.
        QCOMPARE(header(one("curl -u 'ada l:pa ss' http://h/"), "Authorization"),
                 QStringLiteral("Basic ") +
                     QString::fromLatin1(QByteArray("ada l:pa ss").toBase64()));
        QCOMPARE(header(one("curl --oauth2-bearer tok http://h/"), "Authorization"),
                 QStringLiteral("Bearer tok"));
    }

    void cookiesAgentRefererRange()
    {
        const RequestDefinition r =
            one("curl -b 'a=1; b=2' --cookie c=3 -A agent/1 -e http://ref/ -r 0-99 http://h/");
        QCOMPARE(header(r, "Cookie"), QStringLiteral("a=1; b=2; c=3"));
        QCOMPARE(header(r, "User-Agent"), QStringLiteral("agent/1"));
        QCOMPARE(header(r, "Referer"), QStringLiteral("http://ref/"));
        QCOMPARE(header(r, "Range"), QStringLiteral("bytes=0-99"));
        CollectionDraft draft;
        one("curl -b cookies.txt http://h/", &draft);
        QVERIFY(notes(draft).join('\n').contains(QLatin1String("reads cookies from a file")));
    }

    void redirectsFollowCurlsDefault()
    {
        const RequestDefinition plain = one("curl http://h/");
        QVERIFY(plain.hasDirective(QStringLiteral("no-redirect")));
        QVERIFY(!one("curl -sSL http://h/").hasDirective(QStringLiteral("no-redirect")));
        QVERIFY(!one("curl --location http://h/").hasDirective(QStringLiteral("no-redirect")));
    }

    void getAndHead()
    {
        const RequestDefinition g =
            one("curl -G http://h/search?x=1 -d q=ada --data-urlencode 'n=a b'");
        QCOMPARE(g.method, QStringLiteral("GET"));
        QCOMPARE(g.url, QStringLiteral("http://h/search?x=1&q=ada&n=a+b"));
        QVERIFY(g.body.isEmpty());
        QCOMPARE(header(g, "Content-Type"), QStringLiteral("<none>"));
        QCOMPARE(one("curl -I http://h/").method, QStringLiteral("HEAD"));
    }

    void sendOptionsBecomeDirectives()
    {
        const RequestDefinition r =
            one("curl --connect-timeout 2.5 --retry 3 --http2 -m 30 https://h/");
        QCOMPARE(r.directive(QStringLiteral("connection-timeout")), QStringLiteral("2500 ms"));
        QCOMPARE(r.directive(QStringLiteral("retries")), QStringLiteral("3"));
        QVERIFY(r.hasDirective(QStringLiteral("http2")));
        QCOMPARE(r.directive(QStringLiteral("timeout")), QStringLiteral("30 s"));
        QStringList problems;
        const SendOptions options = r.options(&problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QCOMPARE(options.connectTimeoutMs, std::optional<int>(2500));
        QCOMPARE(options.retries, std::optional<int>(3));
    }

    void httpVersionOptions_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QStringList>("directives");
        QTest::addColumn<int>("protocol"); // -1: unset
        const QStringList none;
        QTest::newRow("none") << QByteArray("curl https://h/") << none << -1;
        QTest::newRow("--http1.1") << QByteArray("curl --http1.1 http://h/")
                                   << QStringList({"http1"}) << int(ProtocolChoice::Http1);
        QTest::newRow("--http2 on https") << QByteArray("curl --http2 https://h/")
                                          << QStringList({"http2"}) << int(ProtocolChoice::Http2);
        QTest::newRow("--http2-prior-knowledge on http")
            << QByteArray("curl --http2-prior-knowledge http://h/") << QStringList({"http2"})
            << int(ProtocolChoice::Http2);
        QTest::newRow("--http2-prior-knowledge on https")
            << QByteArray("curl --http2-prior-knowledge HTTPS://h/") << QStringList({"http2"})
            << int(ProtocolChoice::Http2);
        QTest::newRow("the last one counts, as in curl")
            << QByteArray("curl --http2 --http1.1 https://h/") << QStringList({"http1"})
            << int(ProtocolChoice::Http1);
        QTest::newRow("--http2 on http: the upgrade is not offered")
            << QByteArray("curl --http2 http://h/") << none << -1;
        QTest::newRow("--http2 without a scheme (http)")
            << QByteArray("curl --http2 h/") << none << -1;
    }

    void httpVersionOptions()
    {
        QFETCH(QByteArray, command);
        QFETCH(QStringList, directives);
        QFETCH(int, protocol);
        CollectionDraft draft;
        const RequestDefinition r = one(command + " -L", &draft);
        QStringList names;
        for (const RequestDefinition::Directive &d : r.directives)
            names.append(d.name);
        QCOMPARE(names, directives);
        QCOMPARE(r.options().protocol,
                 protocol < 0 ? std::nullopt
                              : std::optional<ProtocolChoice>(ProtocolChoice(protocol)));
        const bool upgrade = command.contains("--http2 ") && !command.contains("https://") &&
                             !command.contains("--http1.1");
        const QStringList n = notes(draft);
        QCOMPARE(n.size(), upgrade ? 1 : 0);
        if (upgrade)
            QVERIFY2(n.first().contains(QLatin1String("--http2 on a URL that is not https://")) &&
                         n.first().contains(QLatin1String("h2c Upgrade")) &&
                         n.first().startsWith(QLatin1String("cmd.sh:1:6: warning:")),
                     qPrintable(n.first()));
    }

    void httpVersionsExportAsCurlOptions_data()
    {
        QTest::addColumn<QByteArray>("http");
        QTest::addColumn<QString>("option"); // empty: none
        QTest::newRow("default") << QByteArray("GET https://h/\n") << QString();
        QTest::newRow("@http1") << QByteArray("# @http1\nGET http://h/\n")
                                << QStringLiteral("--http1.1");
        QTest::newRow("@http2 on https")
            << QByteArray("# @http2\nGET https://h/\n") << QStringLiteral("--http2");
        QTest::newRow("@http2 on http")
            << QByteArray("# @http2\nGET http://h/\n") << QStringLiteral("--http2-prior-knowledge");
        QTest::newRow("request line HTTP/2 (Prior Knowledge)")
            << QByteArray("GET http://h/ HTTP/2 (Prior Knowledge)\n")
            << QStringLiteral("--http2-prior-knowledge");
        QTest::newRow("request line HTTP/1.1")
            << QByteArray("GET https://h/ HTTP/1.1\n") << QStringLiteral("--http1.1");
    }

    void httpVersionsExportAsCurlOptions()
    {
        QFETCH(QByteArray, http);
        QFETCH(QString, option);
        const HttpFile file = HttpFileParser::parse(http, QStringLiteral("v.http"));
        QVERIFY(file.diagnostics.isEmpty());
        QStringList problems;
        const QString command =
            CurlExporter::command(file.requests.value(0), VariableExpander(), QString(), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        const QStringList lines = command.split(QStringLiteral(" \\\n  "));
        for (const char *name : {"--http1.1", "--http2", "--http2-prior-knowledge"})
            QCOMPARE(lines.contains(QLatin1String(name)), option == QLatin1String(name));
        // It reads back as the same choice.
        const RequestDefinition back = one(command.toUtf8());
        QCOMPARE(back.options().protocol, file.requests.value(0).options().protocol);
    }

    void unknownAndUnsupportedOptionsAreReportedWhereTheyStand()
    {
        CollectionDraft draft;
        one("curl http://h/ \\\n  -k --frobnicate -x http://proxy:3128 -Z -s -o out.json", &draft);
        const QStringList n = notes(draft);
        QVERIFY2(n.contains(QStringLiteral(
                     "cmd.sh:2:3: warning: -k has no .http equivalent; not carried over "
                     "(trust the server's certificate in microrequests.json \"tls\" instead)")),
                 qPrintable(n.join('\n')));
        QVERIFY(n.contains(QStringLiteral(
            "cmd.sh:2:6: warning: unknown curl option --frobnicate; not carried over")));
        QVERIFY(n.contains(
            QStringLiteral("cmd.sh:2:19: warning: -x has no .http equivalent; not carried over")));
        QVERIFY(n.contains(
            QStringLiteral("cmd.sh:2:40: warning: unknown curl option -Z; not carried over")));
        QCOMPARE(n.size(), 4); // -s and -o only shape curl's output
    }

    void missingValuesAndUrlsAreErrors()
    {
        CollectionDraft draft = CurlImporter::read("curl http://h/ -H", QStringLiteral("c.sh"));
        QCOMPARE(draft.errors.first().toString(), QStringLiteral("c.sh:1:16: -H needs a value"));
        draft = CurlImporter::read("curl -s", QStringLiteral("c.sh"));
        QCOMPARE(draft.errors.first().toString(),
                 QStringLiteral("c.sh:1:1: curl command without a URL"));
        draft = CurlImporter::read("curl -X '//POST' http://h/", QStringLiteral("c.sh"));
        QCOMPARE(draft.errors.first().toString(),
                 QStringLiteral("c.sh:1:1: -X //POST is not an HTTP method (letters and -)"));
        draft = CurlImporter::read("echo hi", QStringLiteral("c.sh"));
        QCOMPARE(draft.errors.first().toString(),
                 QStringLiteral("c.sh:1:1: no curl command found"));
    }

    void severalCommandsNextAndSeveralUrls()
    {
        const CollectionDraft draft = CurlImporter::read(
            "# from the docs\ncurl http://h/a\n\ncurl -X POST http://h/b -d x=1 --next http://h/c\n"
            "curl http://h/d http://h/e | jq .\n",
            QStringLiteral("docs/api calls.txt"));
        QVERIFY(draft.errors.isEmpty());
        QCOMPARE(draft.files.size(), 1);
        QCOMPARE(draft.files.first().path, QStringLiteral("api calls.http"));
        QStringList got;
        for (const RequestDefinition &r : draft.files.first().requests)
            got.append(r.method + QLatin1Char(' ') + r.url);
        QCOMPARE(got, QStringList({"GET http://h/a", "POST http://h/b", "GET http://h/c",
                                   "GET http://h/d", "GET http://h/e"}));
        QVERIFY(
            notes(draft).join('\n').contains(QLatin1String("jq is not a curl command; skipped")));
    }

    void chromeCopyAsCurl()
    {
        // The shape Chrome's "Copy as cURL (bash)" produces.
        const QByteArray chrome =
            "curl 'https://api.example.com/graphql' \\\n"
            "  -H 'accept: */*' \\\n"
            "  -H 'content-type: application/json' \\\n"
            "  -H $'cookie: session=abc; theme=\\'dark\\'' \\\n"
            "  --data-raw $'{\"query\":\"{ me { name } }\",\"note\":\"it\\'s\"}' \\\n"
            "  --compressed";
        CollectionDraft draft;
        const RequestDefinition r = one(chrome, &draft);
        QCOMPARE(r.method, QStringLiteral("POST"));
        QCOMPARE(header(r, "cookie"), QStringLiteral("session=abc; theme='dark'"));
        QCOMPARE(r.body, QStringLiteral("{\"query\":\"{ me { name } }\",\"note\":\"it's\"}"));
        QCOMPARE(header(r, "content-type"), QStringLiteral("application/json"));
        QVERIFY(notes(draft).isEmpty());
    }

    void importedFilesReadBack()
    {
        const CollectionDraft draft =
            CurlImporter::read("curl http://h/a -H 'X: 1' -d 'a=1'\ncurl -F f=@x.bin http://h/b "
                               "-L\ncurl $'http://h/c' --json '{\"k\":\"v\"}'",
                               QStringLiteral("in.sh"));
        const QByteArray bytes = CollectionWriter::renderFile(draft.files.first());
        const HttpFile back = HttpFileParser::parse(bytes, QStringLiteral("in.http"));
        QVERIFY(back.diagnostics.isEmpty());
        QCOMPARE(back.requests.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(back.requests[i].method, draft.files.first().requests[i].method);
            QCOMPARE(back.requests[i].url, draft.files.first().requests[i].url);
            QCOMPARE(back.requests[i].headers, draft.files.first().requests[i].headers);
            QCOMPARE(back.requests[i].body, draft.files.first().requests[i].body);
            QCOMPARE(back.requests[i].directives, draft.files.first().requests[i].directives);
        }
    }

    void exportedCommandsImportAsTheSameRequest()
    {
        QTemporaryDir dir;
        QFile payload(dir.filePath(QStringLiteral("payload.json")));
        QVERIFY(payload.open(QIODevice::WriteOnly));
        payload.write("{\"from\": \"file\"}");
        payload.close();
        const QByteArray http =
            "@host = http://127.0.0.1:9\n"
            "### list\nGET {{host}}/users?q=a%20b&x={{$processEnv MR_CURL_TEST}}\nAccept: "
            "application/json\n\n"
            "### create\n# @no-redirect\n# @connection-timeout 2 s\n# @retries 2\nPOST "
            "{{host}}/users\n"
            "Content-Type: application/json\n\n{\"name\": \"it's \\\"Ada\\\"\",\n \"tab\": "
            "\"\t\"}\n\n"
            "### upload\nPUT {{host}}/files\nContent-Type: application/json\n\n< ./payload.json\n\n"
            "### head\nHEAD {{host}}/\n\n"
            "### digest\nDELETE {{host}}/users/1\nAuthorization: Digest ada s3cret\n";
        qputenv("MR_CURL_TEST", "env-value");
        const HttpFile file = HttpFileParser::parse(http, dir.filePath(QStringLiteral("api.http")));
        QVERIFY2(file.diagnostics.isEmpty(), qPrintable(file.diagnostics.value(0).toString()));
        QHash<QString, QString> variables;
        for (const auto &[name, value] : file.variables)
            variables.insert(name, value);
        QStringList problems;
        const QString commands = CurlExporter::file(file, VariableExpander(variables), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QVERIFY2(commands.contains(QStringLiteral(
                     "curl -X DELETE http://127.0.0.1:9/users/1 \\\n  --digest -u ada:s3cret")),
                 qPrintable(commands));
        QVERIFY(commands.contains(QStringLiteral("--data-binary @") +
                                  dir.filePath(QStringLiteral("payload.json"))));

        const CollectionDraft draft =
            CurlImporter::read(commands.toUtf8(), QStringLiteral("out.sh"));
        QVERIFY(draft.errors.isEmpty());
        const QList<RequestDefinition> &back = draft.files.first().requests;
        QCOMPARE(back.size(), 5);
        QCOMPARE(back[0].url, QStringLiteral("http://127.0.0.1:9/users?q=a%20b&x=env-value"));
        QCOMPARE(header(back[0], "Accept"), QStringLiteral("application/json"));
        QVERIFY(!back[0].hasDirective(QStringLiteral("no-redirect")));
        QCOMPARE(back[1].method, QStringLiteral("POST"));
        QCOMPARE(back[1].body,
                 QStringLiteral("{\"name\": \"it's \\\"Ada\\\"\",\n \"tab\": \"\t\"}"));
        QVERIFY(back[1].hasDirective(QStringLiteral("no-redirect")));
        QCOMPARE(back[1].directive(QStringLiteral("connection-timeout")), QStringLiteral("2 s"));
        QCOMPARE(back[1].directive(QStringLiteral("retries")), QStringLiteral("2"));
        QCOMPARE(back[2].method, QStringLiteral("PUT"));
        QCOMPARE(back[2].body, QStringLiteral("< ") + dir.filePath(QStringLiteral("payload.json")));
        QCOMPARE(back[3].method, QStringLiteral("HEAD"));
        QCOMPARE(header(back[4], "Authorization"), QStringLiteral("Digest ada s3cret"));
        QVERIFY(notes(draft).isEmpty() ||
                !notes(draft).join('\n').contains(QLatin1String("unknown")));
    }

    void exportedBodyStartingWithAtIsNotReadAsAFile()
    {
        // curl reads "@name" after --data-binary (and -d) as a file to upload; a literal body
        // that starts with @ goes as --data-raw, which curl never reads as a file name.
        const HttpFile file = HttpFileParser::parse(
            QByteArray("### at\nPOST http://h/notes\nContent-Type: text/plain\n\n@/etc/passwd\n"),
            QStringLiteral("x.http"));
        QStringList problems;
        const QString command = CurlExporter::file(file, VariableExpander(), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QVERIFY2(command.contains(QLatin1String("--data-raw @/etc/passwd")), qPrintable(command));
        QVERIFY2(!command.contains(QLatin1String("--data-binary")), qPrintable(command));
        const RequestDefinition back = one(command.toUtf8());
        QCOMPARE(back.body, QStringLiteral("@/etc/passwd"));
    }

    void exportedBodyWithNulBytesIsReported()
    {
        // A shell word ends at NUL: curl would send the body cut short, so the export says so.
        QTemporaryDir dir;
        QFile binary(dir.filePath(QStringLiteral("bin")));
        QVERIFY(binary.open(QIODevice::WriteOnly));
        binary.write(QByteArray("a\0b", 3));
        binary.close();
        const HttpFile file =
            HttpFileParser::parse(QByteArray("### nul\nPOST http://h/\n\nfirst line\n< ./bin\n"),
                                  dir.filePath(QStringLiteral("x.http")));
        QStringList problems;
        CurlExporter::file(file, VariableExpander(), &problems);
        QVERIFY2(problems.join('\n').contains(QLatin1String("nul: the body holds NUL bytes")),
                 qPrintable(problems.join('\n')));
    }

    void exportReportsWhatCurlCannotDo()
    {
        const HttpFile file = HttpFileParser::parse(
            QByteArray("### a\nGET http://h/{{missing}}\n\n### b\n# @timeout 5 s\nGET http://h/\n\n"
                       "### ws\nWEBSOCKET ws://h/chat\n"),
            QStringLiteral("x.http"));
        QStringList problems;
        const QString commands = CurlExporter::file(file, VariableExpander(), &problems);
        QVERIFY2(problems.join('\n').contains(
                     QLatin1String("a: the URL uses undefined variables: missing")),
                 qPrintable(problems.join('\n')));
        QVERIFY(problems.join('\n').contains(
            QLatin1String("b: # @timeout limits the time without data")));
        QVERIFY(problems.join('\n').contains(
            QLatin1String("ws: WebSocket requests have no curl form")));
        QVERIFY(!commands.contains(QLatin1String("ws://")));
    }
};

QTEST_GUILESS_MAIN(tst_Curl)
#include "tst_curl.moc"
