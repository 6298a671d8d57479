// "?? …" assertions: how the .http parser reads and keeps them, and how they are evaluated
// against exchanges (httpyac's semantics), with the failure messages users read.
#include "runner/assertionevaluator.h"
#include "workspace/httpfileparser.h"
#include "workspace/httpfilewriter.h"
#include "workspace/variableexpander.h"

#include <QCryptographicHash>
#include <QTest>

using mr::AssertionEvaluator;
using mr::AssertionResult;
using mr::RequestAssertion;

Q_DECLARE_METATYPE(RequestAssertion::Subject)
Q_DECLARE_METATYPE(RequestAssertion::Predicate)

namespace {

mr::Exchange jsonExchange(int status, const QByteArray &body, bool reused = false)
{
    mr::Exchange e;
    e.status = status;
    e.reasonPhrase = "OK";
    e.responseHeaders.append("Content-Type", "application/json; charset=utf-8");
    e.responseHeaders.append("X-Count", "3");
    e.responseBody = body;
    e.responseBodySize = body.size();
    e.durationMs = 12.5;
    mr::Attempt attempt;
    attempt.connectionId = QStringLiteral("127.0.0.1:8080#2");
    attempt.connectionSerial = 2;
    attempt.reused = reused;
    attempt.requestIndex = reused ? 4 : 1;
    e.attempts.append(attempt);
    return e;
}

const QByteArray sampleBody = "{\"id\": 7, \"name\": \"Ada Lovelace\", \"active\": true, "
                              "\"tags\": [\"a\", \"b\"], \"nothing\": null, "
                              "\"items\": [{\"id\": 1}, {\"id\": 2}], \"price\": 9.5}";

} // namespace

class tst_RequestAssertion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<RequestAssertion::Subject>("subject");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<RequestAssertion::Predicate>("predicate");
        QTest::addColumn<QString>("expected");
        using S = RequestAssertion::Subject;
        using P = RequestAssertion::Predicate;
        QTest::newRow("status") << "?? status == 200" << S::Status << "" << P::Equals << "200";
        QTest::newRow("no space") << "?? status ==200" << S::Status << "" << P::Equals << "200";
        QTest::newRow("header") << "?? header content-type includes json" << S::Header
                                << "content-type" << P::Includes << "json";
        QTest::newRow("jsonpath") << "?? body $.id == 7" << S::Body << "$.id" << P::Equals << "7";
        QTest::newRow("property path")
            << "?? body items[0].id >= 1" << S::Body << "items[0].id" << P::GreaterOrEqual << "1";
        QTest::newRow("whole body")
            << "?? body sha256 abc=" << S::Body << "" << P::Sha256 << "abc=";
        QTest::newRow("duration") << "?? duration < 500" << S::Duration << "" << P::Less << "500";
        QTest::newRow("exists") << "?? body $.token exists" << S::Body << "$.token" << P::Exists
                                << "";
        QTest::newRow("isTrue is exists")
            << "?? body active isTrue" << S::Body << "active" << P::Exists << "";
        QTest::newRow("word predicate before symbols")
            << "?? body $.html includes <b>" << S::Body << "$.html" << P::Includes << "<b>";
        QTest::newRow("expected with spaces") << "?? body $.name == Ada Lovelace" << S::Body
                                              << "$.name" << P::Equals << "Ada Lovelace";
        QTest::newRow("strict equals")
            << "?? status === 201" << S::Status << "" << P::Equals << "201";
        QTest::newRow("case of predicate")
            << "?? header x-a STARTSWITH ab" << S::Header << "x-a" << P::StartsWith << "ab";
        QTest::newRow("connection reused")
            << "?? connection reused" << S::Connection << "reused" << P::None << "";
        QTest::newRow("connection new, indented")
            << "  ??  connection new" << S::Connection << "new" << P::None << "";
        QTest::newRow("javascript kept, not run")
            << "?? js response.parsedBody.id == 7" << S::Unsupported << "response.parsedBody.id"
            << P::Equals << "7";
    }

    void parses()
    {
        QFETCH(QString, line);
        const RequestAssertion a = RequestAssertion::parse(line, 9);
        QVERIFY2(a.isValid(), qPrintable(a.problem));
        QCOMPARE(a.line, 9);
        QCOMPARE(a.text, line);
        QTEST(a.subject, "subject");
        QTEST(a.argument, "argument");
        QTEST(a.predicate, "predicate");
        QTEST(a.expected, "expected");
    }

    void problemsSayWhereAndWhat_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no predicate") << "?? status 200" << 4 << "?? status == 200";
        QTest::newRow("unknown subject") << "?? stauts == 200" << 4 << "unknown assertion subject";
        QTest::newRow("header without name") << "?? header == x" << 4 << "header's name";
        QTest::newRow("needs a value") << "?? body $.a startsWith" << 23 << "needs a value";
        QTest::newRow("empty") << "??" << 3 << "cannot read the assertion";
    }

    void problemsSayWhereAndWhat()
    {
        QFETCH(QString, line);
        const RequestAssertion a = RequestAssertion::parse(line, 3);
        QVERIFY(!a.isValid());
        QTEST(a.problemColumn, "column");
        QFETCH(QString, fragment);
        QVERIFY2(a.problem.contains(fragment), qPrintable(a.problem));
    }

    void parserKeepsAssertionLinesAndBytes()
    {
        const QByteArray text = "### first\r\n"
                                "?? status == 200\r\n"
                                "GET http://example.test/a\r\n"
                                "Accept: application/json\r\n"
                                "?? header content-type includes json\r\n"
                                "\r\n"
                                "### second\r\n"
                                "POST http://example.test/b\r\n"
                                "\r\n"
                                "{\"a\": 1}\r\n"
                                "\r\n"
                                "?? body $.a == 1\r\n"
                                "?? stauts == 1\r\n"
                                "> {% client.global.set('x', 1) %}\r\n";
        const mr::HttpFile file = mr::HttpFileParser::parse(text, QStringLiteral("a.http"));
        QCOMPARE(file.requests.size(), 2);
        QCOMPARE(file.bytes(), text);
        const mr::RequestDefinition &first = file.requests[0];
        QCOMPARE(first.assertions.size(), 2);
        QCOMPARE(first.assertions[0].line, 2);
        QCOMPARE(first.assertions[1].line, 5);
        QCOMPARE(first.headers.size(), 1);
        const mr::RequestDefinition &second = file.requests[1];
        QCOMPARE(second.body, QStringLiteral("{\"a\": 1}"));
        QCOMPARE(second.assertions.size(), 2);
        QVERIFY(second.assertions[0].isValid());
        QVERIFY(!second.assertions[1].isValid());
        QVERIFY(second.responseHandlers.contains(QStringLiteral("client.global.set")));
        // The unreadable one is a warning at its place; the request still loads.
        QCOMPARE(file.diagnostics.size(), 1);
        QCOMPARE(file.diagnostics[0].toString().left(13), QStringLiteral("a.http:13:4: "));
        QCOMPARE(file.diagnostics[0].severity, mr::Diagnostic::Severity::Warning);

        // An edit elsewhere in the request keeps its assertions where they were.
        mr::RequestDefinition edited = second;
        edited.url = QStringLiteral("http://example.test/c");
        const mr::HttpFile saved = mr::HttpFileWriter::replaceRequest(file, 1, edited);
        QCOMPARE(saved.requests.size(), 2);
        QCOMPARE(saved.requests[1].url, QStringLiteral("http://example.test/c"));
        QCOMPARE(saved.requests[1].assertions.size(), 2);
        QCOMPARE(saved.requests[1].assertions[0].description(), QStringLiteral("body $.a == 1"));
        QVERIFY(saved.bytes().contains("{\"a\": 1}\r\n?? body $.a == 1\r\n?? stauts == 1\r\n"));
        QCOMPARE(saved.blocks[0], file.blocks[0]);
    }

    void evaluates_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("passes");
        QTest::newRow("status ==") << "?? status == 200" << true;
        QTest::newRow("status !=") << "?? status != 200" << false;
        QTest::newRow("status <") << "?? status < 300" << true;
        QTest::newRow("status >=") << "?? status >= 201" << false;
        QTest::newRow("header includes") << "?? header content-type includes json" << true;
        QTest::newRow("header name ignores case")
            << "?? header CONTENT-TYPE startsWith app" << true;
        QTest::newRow("header number converted") << "?? header x-count == 3" << true;
        QTest::newRow("missing header") << "?? header x-none exists" << false;
        QTest::newRow("missing header isFalse") << "?? header x-none isFalse" << true;
        QTest::newRow("jsonpath number") << "?? body $.id == 7" << true;
        QTest::newRow("jsonpath number wrong") << "?? body $.id == 8" << false;
        QTest::newRow("number is not a string") << "?? body $.id isString" << false;
        QTest::newRow("property path") << "?? body items[1].id == 2" << true;
        QTest::newRow("string with spaces") << "?? body name == Ada Lovelace" << true;
        QTest::newRow("endsWith") << "?? body $.name endsWith Lovelace" << true;
        QTest::newRow("matches") << "?? body $.name matches ^Ada\\s+L" << true;
        QTest::newRow("boolean") << "?? body $.active == true" << true;
        QTest::newRow("boolean false") << "?? body $.active == false" << false;
        QTest::newRow("isBoolean") << "?? body $.active isBoolean" << true;
        QTest::newRow("null") << "?? body $.nothing == null" << true;
        QTest::newRow("null is falsy") << "?? body $.nothing exists" << false;
        QTest::newRow("array equals json") << "?? body $.tags == [\"a\",\"b\"]" << true;
        QTest::newRow("array includes") << "?? body $.tags includes b" << true;
        QTest::newRow("array includes not") << "?? body $.tags includes c" << false;
        QTest::newRow("isArray") << "?? body tags isArray" << true;
        QTest::newRow("decimal") << "?? body $.price > 9.25" << true;
        QTest::newRow("isNumber") << "?? body $.price isNumber" << true;
        QTest::newRow("missing path") << "?? body $.nope exists" << false;
        QTest::newRow("whole body includes") << "?? body includes Lovelace" << true;
        QTest::newRow("duration") << "?? duration < 500" << true;
        QTest::newRow("duration too long") << "?? duration < 10" << false;
        QTest::newRow("connection new") << "?? connection new" << true;
        QTest::newRow("connection reused") << "?? connection reused" << false;
        QTest::newRow("variables expanded") << "?? body $.id == {{expectedId}}" << true;
        // Whole numbers are read without toDouble(): the same as with it.
        QTest::newRow("leading zeros") << "?? status == 0200" << true;
        QTest::newRow("negative") << "?? body $.id > -8" << true;
        QTest::newRow("minus alone") << "?? body $.id == -" << false;
        QTest::newRow("exponent") << "?? status == 2e2" << true;
        QTest::newRow("16 digits") << "?? status < 1000000000000000000" << true;
        QTest::newRow("same path again") << "?? body $.id == 7" << true; // the cached path
        QTest::newRow("wrong path again") << "?? body $.id == 8" << false;
    }

    void evaluates()
    {
        QFETCH(QString, line);
        const RequestAssertion a = RequestAssertion::parse(line, 1);
        QVERIFY2(a.isValid(), qPrintable(a.problem));
        const mr::VariableExpander expander({{QStringLiteral("expectedId"), QStringLiteral("7")}});
        const AssertionResult result =
            AssertionEvaluator::evaluate(a, jsonExchange(200, sampleBody), &expander);
        QFETCH(bool, passes);
        QVERIFY2(result.passed() == passes, qPrintable(result.message()));
        QCOMPARE(result.failed(), !passes);
    }

    void bodyDigestsAsHttpyacWritesThem()
    {
        const QByteArray body = "{\"foo\":\"bar\"}";
        const QString sha256 = QString::fromLatin1(
            QCryptographicHash::hash(body, QCryptographicHash::Sha256).toBase64());
        QCOMPARE(sha256, QStringLiteral("eji/gfOD9pQzrW6QDTWz4jhVk/dqe3q11DVbi6Qe4ks="));
        for (const QString &line : {QStringLiteral("?? body sha256 ") + sha256,
                                    QStringLiteral("?? body md5 m7WPJhkuS6APAeLnsTa72A==")}) {
            const AssertionResult ok = AssertionEvaluator::evaluate(
                RequestAssertion::parse(line, 1), jsonExchange(200, body));
            QVERIFY2(ok.passed(), qPrintable(ok.message()));
        }
        const AssertionResult wrong = AssertionEvaluator::evaluate(
            RequestAssertion::parse(QStringLiteral("?? body md5 AAAA"), 1),
            jsonExchange(200, body));
        QVERIFY(wrong.failed());
    }

    void failureMessagesShowExpectedAndActual()
    {
        const mr::Exchange e = jsonExchange(404, sampleBody, true);
        const auto message = [&](const char *line) {
            return AssertionEvaluator::evaluate(RequestAssertion::parse(QString::fromUtf8(line), 4),
                                                e)
                .message();
        };
        QCOMPARE(message("?? status == 200"),
                 QStringLiteral("status == 200: expected == 200, actual 404"));
        QCOMPARE(message("?? body $.name == Ada"),
                 QStringLiteral("body $.name == Ada: expected == Ada, actual \"Ada Lovelace\""));
        QCOMPARE(message("?? header x-none exists"),
                 QStringLiteral("header x-none exists: expected exists, actual (missing)"));
        QCOMPARE(message("?? connection new"),
                 QStringLiteral("connection new: expected new, actual reused"));

        mr::Exchange html = jsonExchange(200, "<html></html>");
        const AssertionResult notJson = AssertionEvaluator::evaluate(
            RequestAssertion::parse(QStringLiteral("?? body $.id == 1"), 1), html);
        QVERIFY(notJson.failed());
        QVERIFY2(notJson.message().contains(QStringLiteral("the body is not JSON")),
                 qPrintable(notJson.message()));

        mr::Exchange failed;
        failed.error = QStringLiteral("Connection refused");
        const AssertionResult noResponse = AssertionEvaluator::evaluate(
            RequestAssertion::parse(QStringLiteral("?? status == 200"), 1), failed);
        QCOMPARE(noResponse.message(),
                 QStringLiteral("status == 200: expected == 200, actual no response "
                                "(Connection refused)"));
    }

    void javascriptIsSkippedWithTheReason()
    {
        const AssertionResult r = AssertionEvaluator::evaluate(
            RequestAssertion::parse(QStringLiteral("?? js response.parsedBody.id == 7"), 1),
            jsonExchange(200, sampleBody));
        QCOMPARE(r.outcome, AssertionResult::Outcome::Skipped);
        QVERIFY2(r.message().contains(QStringLiteral("JavaScript")), qPrintable(r.message()));
    }

    void badRegularExpressionSaysSo()
    {
        const AssertionResult r = AssertionEvaluator::evaluate(
            RequestAssertion::parse(QStringLiteral("?? body $.name matches ([a"), 1),
            jsonExchange(200, sampleBody));
        QVERIFY(r.failed());
        QVERIFY2(r.message().contains(QStringLiteral("not a regular expression")),
                 qPrintable(r.message()));
    }
};

QTEST_GUILESS_MAIN(tst_RequestAssertion)
#include "tst_requestassertion.moc"
