// Writing .http files back: unedited files keep every byte, an edit changes only its own
// request's lines, and a save never overwrites what it should not.
#include "demohttpfiles.h"
#include "workspace/demoworkspace.h"
#include "workspace/httpfileparser.h"
#include "workspace/httpfilewriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

namespace {

const QByteArray Tricky =
    "\xef\xbb\xbf# A file with a BOM, CRLF line ends, variables and odd spacing\r\n"
    "@host = example.com\r\n"
    "@token = abc\r\n"
    "\r\n"
    "### Get a user\r\n"
    "// a comment above the request\r\n"
    "# @name getUser\r\n"
    "# @no-redirect\r\n"
    "GET https://{{host}}/users/1 HTTP/1.1\r\n"
    "Accept: application/json\r\n"
    "\r\n"
    "> {%\r\n"
    "    client.global.set(\"id\", response.body.id);\r\n"
    "%}\r\n"
    "\r\n"
    "\r\n"
    "###\r\n"
    "POST https://{{host}}/upload\r\n"
    "Content-Type: multipart/form-data; boundary=WebAppBoundary\r\n"
    "\r\n"
    "--WebAppBoundary\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"data.json\"\r\n"
    "\r\n"
    "< ./data.json\r\n"
    "--WebAppBoundary--\r\n"
    "\r\n"
    "<> 2026-11-25T120000.200.json\r\n"
    "\r\n"
    "### A socket\r\n"
    "WEBSOCKET ws://{{host}}/chat\r\n"
    "\r\n"
    "{\"hello\": 1}\r\n"
    "###   \r\n"
    "# @timeout 5 s\r\n"
    "DELETE https://{{host}}/users/1"; // no final line end

} // namespace

class tst_HttpFileWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unchangedFilesKeepEveryByte_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("tricky") << Tricky;
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("only comments") << QByteArray("# nothing\n\n// here\n");
        QTest::newRow("starts with separator")
            << QByteArray("### one\nGET http://a/\n\n### two\nGET http://b/\n");
        QTest::newRow("broken block")
            << QByteArray("GET http://a/\n\n###\nnot a request line at all\n###\nGET http://c/\n");
        QTest::newRow("HTTP versions on request lines") << QByteArray(
            "GET https://a/ HTTP/2\n\n###\nGET http://a/  HTTP/2 (Prior Knowledge)  \n"
            "Accept: */*\n\n###\n# @http1.1\nPOST http://a/ HTTP/1.1\r\n\r\nx\n");
        addDemoHttpFileRows();
    }

    void unchangedFilesKeepEveryByte()
    {
        QFETCH(QByteArray, bytes);
        const HttpFile file = HttpFileParser::parse(bytes, QStringLiteral("x.http"));
        QCOMPARE(file.bytes(), bytes);
        // Rewriting a request with itself changes nothing either, for parsed blocks.
        for (int i = 0; i < file.requests.size(); ++i) {
            const HttpFile same = HttpFileWriter::replaceRequest(file, i, file.requests[i]);
            QCOMPARE(same.requests.size(), file.requests.size());
            QCOMPARE(same.requests[i].url, file.requests[i].url);
        }
    }

    void trickyFileIsUnderstood()
    {
        const HttpFile file = HttpFileParser::parse(Tricky, QStringLiteral("x.http"));
        QCOMPARE(file.lineEnding, QByteArray("\r\n"));
        QCOMPARE(file.variables.size(), 2);
        QCOMPARE(file.requests.size(), 4);
        QCOMPARE(file.requests[0].name, QStringLiteral("getUser"));
        QCOMPARE(file.requests[0].nameSource, RequestDefinition::NameSource::Directive);
        QVERIFY(file.requests[0].responseHandlers.startsWith(QLatin1String("> {%")));
        QVERIFY(file.requests[0].options().followRedirects == std::optional<bool>(false));
        QVERIFY(file.requests[1].body.contains(QLatin1String("< ./data.json")));
        QCOMPARE(file.requests[1].responseHandlers,
                 QStringLiteral("<> 2026-11-25T120000.200.json"));
        QVERIFY(file.requests[2].isWebSocket());
        QCOMPARE(file.requests[2].body, QStringLiteral("{\"hello\": 1}"));
        QCOMPARE(file.requests[3].options().timeoutMs, std::optional<int>(5000));
    }

    void anEditChangesOnlyItsRequest()
    {
        const HttpFile file = HttpFileParser::parse(Tricky, QStringLiteral("x.http"));
        RequestDefinition edited = file.requests[1];
        edited.url = QStringLiteral("https://{{host}}/v2/upload");
        edited.headers.append({QStringLiteral("X-Trace"), QStringLiteral("1"), 0});
        const HttpFile changed = HttpFileWriter::replaceRequest(file, 1, edited);
        QCOMPARE(changed.blocks.size(), file.blocks.size());
        for (int b = 0; b < file.blocks.size(); ++b) {
            if (b == file.requests[1].block)
                continue;
            QCOMPARE(changed.blocks[b], file.blocks[b]);
        }
        const QByteArray block = changed.blocks[file.requests[1].block];
        QVERIFY(block.contains("POST https://{{host}}/v2/upload\r\n"));
        QVERIFY(block.contains("X-Trace: 1\r\n"));
        QVERIFY(block.contains("< ./data.json\r\n"));
        QVERIFY(block.contains("<> 2026-11-25T120000.200.json\r\n"));
        QVERIFY(block.endsWith("\r\n\r\n")); // its blank line before the next block
        QVERIFY(!block.contains("\n\n"));    // nothing but CRLF
        QCOMPARE(changed.requests[1].url, edited.url);
        QCOMPARE(changed.requests.size(), 4);
        QCOMPARE(changed.variables, file.variables);
    }

    void theRequestLineVersionIsKeptThroughAnEdit()
    {
        const HttpFile file = HttpFileParser::parse(
            QByteArray("# @http1\nGET http://a/ HTTP/2 (Prior Knowledge)\nAccept: */*\n"),
            QStringLiteral("x.http"));
        QVERIFY(file.diagnostics.isEmpty());
        QCOMPARE(file.requests.size(), 1);
        QCOMPARE(file.requests[0].httpVersion, QStringLiteral("HTTP/2 (Prior Knowledge)"));
        QCOMPARE(file.requests[0].url, QStringLiteral("http://a/"));
        RequestDefinition edited = file.requests[0];
        edited.headers[0].value = QStringLiteral("text/plain");
        const HttpFile changed = HttpFileWriter::replaceRequest(file, 0, edited);
        QCOMPARE(changed.bytes(), QByteArray("# @http1\nGET http://a/ HTTP/2 (Prior Knowledge)\n"
                                             "Accept: text/plain\n"));
        QVERIFY(changed.diagnostics.isEmpty());
        QCOMPARE(changed.requests[0].options().protocol,
                 std::optional<ProtocolChoice>(ProtocolChoice::Http1));
    }

    void renamingKeepsTheNameWhereItWas()
    {
        const HttpFile file = HttpFileParser::parse(
            QByteArray("### First\nGET http://a/\n\n###\n# @name second\nGET http://b/\n"),
            QStringLiteral("x.http"));
        RequestDefinition first = file.requests[0];
        first.name = QStringLiteral("Renamed");
        HttpFile changed = HttpFileWriter::replaceRequest(file, 0, first);
        QVERIFY(changed.bytes().startsWith("### Renamed\nGET http://a/\n"));
        RequestDefinition second = changed.requests[1];
        second.name = QStringLiteral("third");
        changed = HttpFileWriter::replaceRequest(changed, 1, second);
        QVERIFY(changed.bytes().endsWith("###\n# @name third\nGET http://b/\n"));
        QCOMPARE(changed.requests[1].name, QStringLiteral("third"));
    }

    void addAndRemove()
    {
        HttpFile file =
            HttpFileParser::parse(QByteArray("GET http://a/"), QStringLiteral("x.http"));
        RequestDefinition added;
        added.name = QStringLiteral("Added");
        added.nameSource = RequestDefinition::NameSource::Separator;
        added.method = QStringLiteral("POST");
        added.url = QStringLiteral("http://b/");
        added.headers.append(
            {QStringLiteral("Content-Type"), QStringLiteral("application/json"), 0});
        added.body = QStringLiteral("{\n  \"a\": 1\n}");
        file = HttpFileWriter::appendRequest(file, added);
        QCOMPARE(file.bytes(), QByteArray("GET http://a/\n### Added\nPOST http://b/\nContent-Type: "
                                          "application/json\n\n{\n  \"a\": 1\n}\n\n"));
        QCOMPARE(file.requests.size(), 2);
        QCOMPARE(file.requests[1].body, added.body);
        file = HttpFileWriter::removeRequest(file, 0);
        QCOMPARE(file.requests.size(), 1);
        QCOMPARE(file.requests[0].name, QStringLiteral("Added"));
    }

    void saveIsAtomicAndCareful()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("api.http"));
        QFile seed(path);
        QVERIFY(seed.open(QIODevice::WriteOnly));
        seed.write(Tricky);
        seed.close();
        HttpFile file = HttpFileParser::parseFile(path);
        RequestDefinition edited = file.requests[3];
        edited.method = QStringLiteral("PATCH");
        file = HttpFileWriter::replaceRequest(file, 3, edited);
        QString error;
        QVERIFY2(HttpFileWriter::save(file, &error), qPrintable(error));
        QVERIFY(HttpFileParser::parseFile(path).requests[3].method == QLatin1String("PATCH"));

        // Another program changed it since we read it: not overwritten.
        QFile other(path);
        QVERIFY(other.open(QIODevice::Append));
        other.write("\n### added elsewhere\nGET http://x/\n");
        other.close();
        QVERIFY(!HttpFileWriter::save(file, &error));
        QVERIFY2(error.contains(QLatin1String("changed on disk")), qPrintable(error));

        // A file that does not parse is never written.
        QFile broken(path);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("GET http://a/\nno colon header\n");
        broken.close();
        const HttpFile bad = HttpFileParser::parseFile(path);
        QVERIFY(!HttpFileWriter::save(bad, &error));
        QVERIFY2(error.contains(QLatin1String("does not parse")) &&
                     error.contains(QLatin1String(":2:1:")),
                 qPrintable(error));
        QFile check(path);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray("GET http://a/\nno colon header\n"));
    }

    void directivesAreCheckedAndReported()
    {
        const HttpFile file = HttpFileParser::parse(
            QByteArray(
                "# @timeout soon\n# @retries 3\n# @frobnicate\n# @connection-timeout 250 ms\n"
                "# @no-log\n# @no-auto-encoding\nGET http://a/\n"),
            QStringLiteral("d.http"));
        QCOMPARE(file.requests.size(), 1);
        const SendOptions options = file.requests[0].options();
        QCOMPARE(options.retries, std::optional<int>(3));
        QCOMPARE(options.connectTimeoutMs, std::optional<int>(250));
        QVERIFY(!options.timeoutMs);
        QStringList messages;
        for (const Diagnostic &d : file.diagnostics) {
            QCOMPARE(d.severity, Diagnostic::Severity::Warning);
            messages.append(d.toString());
        }
        QCOMPARE(messages.size(), 3);
        QVERIFY2(messages[0].startsWith(QLatin1String("d.http:1:1: warning: @timeout")),
                 qPrintable(messages[0]));
        QVERIFY(messages[1].contains(
            QLatin1String("@frobnicate (line 3): unknown directive, kept as written")));
        // @no-log is applied (the window keeps the exchange out of its history): no warning.
        QVERIFY(messages[2].contains(QLatin1String("@no-auto-encoding")));
        QVERIFY(!file.hasErrors());
        QCOMPARE(RequestDefinition::parseDurationMs(QStringLiteral("2 m")),
                 std::optional<int>(120000));
        QCOMPARE(RequestDefinition::parseDurationMs(QStringLiteral("30")),
                 std::optional<int>(30000));
        QCOMPARE(RequestDefinition::parseDurationMs(QStringLiteral("500ms")),
                 std::optional<int>(500));
    }
};

QTEST_GUILESS_MAIN(tst_HttpFileWriter)
#include "tst_httpfilewriter.moc"
