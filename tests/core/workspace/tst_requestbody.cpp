// The body tab's modes read from and written back to .http bodies, the editor's round trip
// over real files, and JSON checking that tolerates {{variables}}.
#include "bodybytes.h"
#include "demohttpfiles.h"
#include "workspace/httpfileparser.h"
#include "workspace/httpfilewriter.h"
#include "workspace/requestauth.h"
#include "workspace/requestbody.h"
#include "workspace/requestoptions.h"
#include "workspace/requestresolver.h"
#include "workspace/urlquery.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

namespace {

const QByteArray Bodies =
    "### multipart with a file, a text part, an extra part header and a preamble\n"
    "POST http://h/upload\n"
    "Content-Type: multipart/form-data; boundary=WebAppBoundary\n"
    "\n"
    "preamble text\n"
    "--WebAppBoundary\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"data.json\"\n"
    "Content-Type: application/json\n"
    "\n"
    "< ./data.json\n"
    "--WebAppBoundary\n"
    "content-disposition: form-data; name=note\n"
    "Content-Transfer-Encoding: 8bit\n"
    "\n"
    "two\n"
    "lines\n"
    "--WebAppBoundary--\n"
    "\n"
    "### multipart without a closing boundary\n"
    "POST http://h/upload\n"
    "Content-Type: multipart/form-data; boundary=\"b\"\n"
    "\n"
    "--b\n"
    "Content-Disposition: form-data; name=\"a\"\n"
    "\n"
    "1\n"
    "\n"
    "### multipart whose boundary is not in the body\n"
    "POST http://h/upload\n"
    "Content-Type: multipart/form-data; boundary=zzz\n"
    "\n"
    "just text\n"
    "\n"
    "### form\n"
    "POST http://h/form\n"
    "content-type: application/x-www-form-urlencoded; charset=utf-8\n"
    "\n"
    "name={{name}}&color=#fff&empty=&x=a b\n"
    "\n"
    "### form with a bare name stays raw\n"
    "POST http://h/form\n"
    "Content-Type: application/x-www-form-urlencoded\n"
    "\n"
    "flag&a=1\n"
    "\n"
    "### form on two lines stays raw\n"
    "POST http://h/form\n"
    "Content-Type: application/x-www-form-urlencoded\n"
    "\n"
    "a=1&\n"
    "b=2\n"
    "\n"
    "### binary\n"
    "PUT http://h/file\n"
    "Content-Type: image/png\n"
    "\n"
    "< ./pic.png\n"
    "\n"
    "### json with an include and a variable\n"
    "POST http://h/json\n"
    "Content-Type: application/vnd.api+json\n"
    "\n"
    "{\n"
    "  \"id\": {{id}},\n"
    "< ./rest.json\n"
    "}\n"
    "\n"
    "### no content type\n"
    "POST http://h/text\n"
    "\n"
    "\n"
    "leading blank line\n"
    "> {% client.log(1) %}\n"
    "\n"
    "### header without body\n"
    "GET http://h/?q={{q}}&api_key=1\n"
    "Content-Type: application/json\n"
    "Authorization: Digest a b\n";

RequestDefinition parsedFirst(const QByteArray &text)
{
    return HttpFileParser::parse(text, QStringLiteral("x.http")).requests.value(0);
}

} // namespace

class tst_RequestBody : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pickedFilesAreNamedFromTheHttpFile()
    {
        QCOMPARE(RequestBody::filePathFrom(QStringLiteral("/ws/api"),
                                           QStringLiteral("/ws/api/data/a.json")),
                 QStringLiteral("./data/a.json"));
        QCOMPARE(RequestBody::filePathFrom(QStringLiteral("/ws/api"),
                                           QStringLiteral("/ws/shared/logo.png")),
                 QStringLiteral("../shared/logo.png"));
        QCOMPARE(RequestBody::filePathFrom(QString(), QStringLiteral("/tmp/x")),
                 QStringLiteral("/tmp/x"));
    }

    // Opening a request in the editor and saving it without edits changes nothing: every
    // tab's read() then applyTo() leaves the definition, and so the file, as it was.
    void editorRoundTripLeavesFilesUnchanged_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("bodies") << Bodies;
        addDemoHttpFileRows();
    }

    void editorRoundTripLeavesFilesUnchanged()
    {
        QFETCH(QByteArray, bytes);
        const HttpFile file = HttpFileParser::parse(bytes, QStringLiteral("x.http"));
        QVERIFY(!file.requests.isEmpty());
        HttpFile saved = file;
        for (int i = 0; i < file.requests.size(); ++i) {
            const RequestDefinition &original = file.requests[i];
            RequestDefinition edited = original;
            edited.url = UrlQuery::split(edited.url).join();
            RequestAuth::read(edited).applyTo(&edited);
            RequestBody::read(edited).applyTo(&edited);
            RequestOptions::read(edited).applyTo(&edited);
            QCOMPARE(edited.url, original.url);
            QCOMPARE(edited.headers, original.headers);
            QCOMPARE(edited.body, original.body);
            QCOMPARE(edited.directives, original.directives);
            saved = HttpFileWriter::replaceRequest(saved, i, edited);
        }
        for (int i = 0; i < file.requests.size(); ++i)
            QCOMPARE(saved.requests[i].body, file.requests[i].body);
    }

    void readsModes()
    {
        const HttpFile file = HttpFileParser::parse(Bodies, QStringLiteral("x.http"));
        QCOMPARE(file.requests.size(), 10);
        RequestBody b = RequestBody::read(file.requests[0]);
        QCOMPARE(b.mode, RequestBody::Mode::Multipart);
        QCOMPARE(b.parts.size(), 2);
        QCOMPARE(b.parts[0].name, QStringLiteral("file"));
        QCOMPARE(b.parts[0].fileName, QStringLiteral("data.json"));
        QCOMPARE(b.parts[0].filePath, QStringLiteral("./data.json"));
        QCOMPARE(b.parts[0].contentType, QStringLiteral("application/json"));
        QCOMPARE(b.parts[1].name, QStringLiteral("note"));
        QCOMPARE(b.parts[1].value, QStringLiteral("two\nlines"));
        QCOMPARE(b.parts[1].otherHeaders,
                 QStringList(QStringLiteral("Content-Transfer-Encoding: 8bit")));

        QCOMPARE(RequestBody::read(file.requests[1]).mode, RequestBody::Mode::Multipart);
        QCOMPARE(RequestBody::read(file.requests[2]).mode, RequestBody::Mode::Raw);

        b = RequestBody::read(file.requests[3]);
        QCOMPARE(b.mode, RequestBody::Mode::Form);
        QCOMPARE(b.fields.size(), 4);
        QCOMPARE(b.fields[0].value, QStringLiteral("{{name}}"));
        QCOMPARE(b.fields[3].value, QStringLiteral("a b"));

        QCOMPARE(RequestBody::read(file.requests[4]).mode, RequestBody::Mode::Raw);
        QCOMPARE(RequestBody::read(file.requests[5]).mode, RequestBody::Mode::Raw);

        b = RequestBody::read(file.requests[6]);
        QCOMPARE(b.mode, RequestBody::Mode::Binary);
        QCOMPARE(b.filePath, QStringLiteral("./pic.png"));
        QCOMPARE(b.contentType, QStringLiteral("image/png"));

        b = RequestBody::read(file.requests[7]);
        QCOMPARE(b.mode, RequestBody::Mode::Raw);
        QCOMPARE(RequestBody::rawType(b.contentType), RequestBody::RawType::Json);

        QCOMPARE(RequestBody::read(file.requests[9]).mode, RequestBody::Mode::None);
    }

    void editingOnePartKeepsTheOthers()
    {
        RequestDefinition r = parsedFirst(Bodies);
        RequestBody b = RequestBody::read(r);
        b.parts[0].filePath = QStringLiteral("./other.json");
        b.parts[0].fileName.clear(); // defaults to the file's name
        RequestBody::Part added;
        added.name = QStringLiteral("n\"ame");
        added.value = QStringLiteral("### not a separator\nplain");
        b.parts.append(added);
        b.applyTo(&r);
        QCOMPARE(r.body, QStringLiteral("preamble text\n"
                                        "--WebAppBoundary\n"
                                        "Content-Disposition: form-data; name=\"file\"; "
                                        "filename=\"other.json\"\n"
                                        "Content-Type: application/json\n"
                                        "\n"
                                        "< ./other.json\n"
                                        "--WebAppBoundary\n"
                                        "content-disposition: form-data; name=note\n"
                                        "Content-Transfer-Encoding: 8bit\n"
                                        "\n"
                                        "two\n"
                                        "lines\n"
                                        "--WebAppBoundary\n"
                                        "Content-Disposition: form-data; name=\"n%22ame\"\n"
                                        "\n"
                                        " ### not a separator\n"
                                        "plain\n"
                                        "--WebAppBoundary--"));
        // It survives a save and a parse.
        const HttpFile file = HttpFileParser::parse(Bodies, QStringLiteral("x.http"));
        const HttpFile saved = HttpFileWriter::replaceRequest(file, 0, r);
        QCOMPARE(saved.requests.size(), file.requests.size());
        const RequestBody back = RequestBody::read(saved.requests[0]);
        QCOMPARE(back.parts.size(), 3);
        QCOMPARE(back.parts[0].fileName, QStringLiteral("other.json"));
        QCOMPARE(back.parts[2].value, QStringLiteral(" ### not a separator\nplain"));
    }

    void multipartSentWithFilesAndCrlf()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile data(dir.filePath(QStringLiteral("data.json")));
        QVERIFY(data.open(QIODevice::WriteOnly));
        data.write("{\"a\":1}");
        data.close();
        RequestDefinition r;
        r.method = QStringLiteral("POST");
        r.url = QStringLiteral("http://h/upload");
        RequestBody b;
        b.setMode(RequestBody::Mode::Multipart);
        RequestBody::Part file;
        file.name = QStringLiteral("f");
        file.filePath = QStringLiteral("./data.json");
        RequestBody::Part text;
        text.name = QStringLiteral("t");
        text.value = QStringLiteral("hi");
        RequestBody::Part off = text;
        off.enabled = false;
        b.parts = {file, off, text};
        b.applyTo(&r);
        QCOMPARE(r.headers.size(), 1);
        QCOMPARE(r.headers[0].value,
                 QStringLiteral("multipart/form-data; boundary=MicrorequestsBoundary"));
        const RequestResolver::Result sent =
            RequestResolver::resolve(r, VariableExpander(), dir.path());
        QVERIFY2(sent.ok(), qPrintable(sent.error));
        QCOMPARE(bodyBytes(sent.request),
                 QByteArray("--MicrorequestsBoundary\r\n"
                            "Content-Disposition: form-data; name=\"f\"; filename=\"data.json\"\r\n"
                            "\r\n"
                            "{\"a\":1}\r\n"
                            "--MicrorequestsBoundary\r\n"
                            "Content-Disposition: form-data; name=\"t\"\r\n"
                            "\r\n"
                            "hi\r\n"
                            "--MicrorequestsBoundary--"));
        // Read back: the disabled part is gone (memory only), the boundary stays.
        RequestBody back = RequestBody::read(r);
        QCOMPARE(back.parts.size(), 2);
        back.parts.removeLast();
        back.applyTo(&r);
        QCOMPARE(r.headers[0].value,
                 QStringLiteral("multipart/form-data; boundary=MicrorequestsBoundary"));
        QVERIFY(!r.body.contains(QLatin1String("name=\"t\"")));
    }

    void modeSwitches()
    {
        RequestDefinition r = parsedFirst("POST http://h/\nContent-Type: application/json\n"
                                          "X-Other: 1\n\n{\"a\": 1}\n");
        RequestBody b = RequestBody::read(r);
        QCOMPARE(b.mode, RequestBody::Mode::Raw);

        b.setMode(RequestBody::Mode::Form);
        b.fields = {{QStringLiteral("a"), QStringLiteral("1"), true},
                    {QStringLiteral("b"), QStringLiteral("x&y"), true},
                    {QStringLiteral("c"), QStringLiteral("3"), false}};
        b.applyTo(&r);
        QCOMPARE(r.body, QStringLiteral("a=1&b=x%26y"));
        QCOMPARE(r.headers[0].value, QStringLiteral("application/x-www-form-urlencoded"));

        b.setMode(RequestBody::Mode::Multipart); // the fields become text parts
        QCOMPARE(b.parts.size(), 3);
        b.applyTo(&r);
        QVERIFY(r.headers[0].value.startsWith(QLatin1String("multipart/form-data; boundary=")));
        QCOMPARE(RequestBody::read(r).parts.size(), 2);

        b.setMode(RequestBody::Mode::Binary);
        b.filePath = QStringLiteral("./blob.bin");
        b.applyTo(&r);
        QCOMPARE(r.body, QStringLiteral("< ./blob.bin"));
        QCOMPARE(r.headers[0].value, QStringLiteral("application/octet-stream"));

        b.setMode(RequestBody::Mode::Raw);
        b.contentType = RequestBody::contentTypeFor(RequestBody::RawType::Xml);
        b.text = QStringLiteral("<a/>\r\n> not a handler");
        b.applyTo(&r);
        QCOMPARE(r.body, QStringLiteral("<a/>\n > not a handler"));
        QCOMPARE(r.headers[0].value, QStringLiteral("application/xml"));

        b.setMode(RequestBody::Mode::None);
        b.applyTo(&r);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.headers.size(), 1); // Content-Type gone, X-Other kept
        QCOMPARE(r.headers[0].name, QStringLiteral("X-Other"));
    }

    void rawTypes()
    {
        QCOMPARE(RequestBody::rawType(QStringLiteral("application/json; charset=utf-8")),
                 RequestBody::RawType::Json);
        QCOMPARE(RequestBody::rawType(QStringLiteral("application/problem+json")),
                 RequestBody::RawType::Json);
        QCOMPARE(RequestBody::rawType(QStringLiteral("text/xml")), RequestBody::RawType::Xml);
        QCOMPARE(RequestBody::rawType(QStringLiteral("TEXT/PLAIN")), RequestBody::RawType::Text);
        QCOMPARE(RequestBody::rawType(QStringLiteral("text/csv")), RequestBody::RawType::Other);
    }

    void jsonValidation_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("variable as value") << "{\"id\": {{id}}}" << 0 << 0 << QString();
        QTest::newRow("variables everywhere")
            << "[{{a}}, {\"x\": \"{{b}}\", {{key}}: {{$randomInt 1 5}}}, -1.5e+3, true, null]" << 0
            << 0 << QString();
        QTest::newRow("blank") << " \n " << 0 << 0 << QString();
        QTest::newRow("unicode escape") << "\"\\u00e9\\n\"" << 0 << 0 << QString();
        QTest::newRow("missing comma")
            << "{\n  \"a\": 1\n  \"b\": 2\n}" << 3 << 3 << "expected \",\" or \"}\"";
        QTest::newRow("trailing comma") << "{\"a\": 1,}" << 1 << 9 << "comma before \"}\"";
        QTest::newRow("trailing comma in array") << "[1,]" << 1 << 4 << "comma before \"]\"";
        QTest::newRow("unquoted key") << "{a: 1}" << 1 << 2 << "key in double quotes";
        QTest::newRow("unclosed variable") << "{\"a\": {{id}" << 1 << 7 << "\"{{\" without";
        QTest::newRow("unclosed string") << "{\"a\": \"x}" << 1 << 7 << "not closed";
        QTest::newRow("line break in string") << "[\"a\nb\"]" << 1 << 4 << "line break";
        QTest::newRow("bad escape") << "[\"\\x\"]" << 1 << 3 << "unknown escape";
        QTest::newRow("leading zero") << "[01]" << 1 << 3 << "cannot start with 0";
        QTest::newRow("single quotes") << "{'a': 1}" << 1 << 2 << "key in double quotes";
        QTest::newRow("after the end") << "{} x" << 1 << 4 << "after the end";
        QTest::newRow("missing value") << "{\"a\": }" << 1 << 7 << "expected a value";
        QTest::newRow("end of text") << "[1, 2" << 1 << 6 << "found end of text";
        QTest::newRow("tru") << "[tru]" << 1 << 2 << "expected a value";
    }

    void jsonValidation()
    {
        QFETCH(QString, json);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        int l = 0;
        int c = 0;
        const QString error = RequestBody::validateJson(json, &l, &c);
        if (message.isEmpty()) {
            QCOMPARE(error, QString());
            return;
        }
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(l, line);
        QCOMPARE(c, column);
    }

    void deepJsonDoesNotOverflow()
    {
        int l = 0;
        int c = 0;
        const QString deep = QString(100000, QLatin1Char('['));
        QVERIFY(RequestBody::validateJson(deep, &l, &c).contains(QLatin1String("deeply")));
    }
};

QTEST_GUILESS_MAIN(tst_RequestBody)
#include "tst_requestbody.moc"
