// The JSON reporter writes each step's record straight into bytes (no QJsonObject per step):
// those bytes must be what QJsonDocument(stepObject(step)).toJson(Compact) writes — the same
// keys in the same order, numbers and strings formatted alike — for every shape a step takes:
// not sent, no response, bodies as text, base64, cut at the limit (inside a UTF-8 character),
// kept in a file, headers in Latin-1 and invalid UTF-8, lone surrogates, control characters,
// whole and fractional numbers up to 2^53. And the document a run writes step by step parses
// as one, with every step and the summary, on a device that is written as it goes.
#include "runner/jsonreporter.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mr;

Q_DECLARE_METATYPE(mr::RunStep)

namespace {

Attempt attempt(const QString &connection, int index, int status)
{
    Attempt a;
    a.connectionId = connection;
    a.requestIndex = index;
    a.reused = index > 1;
    a.localPort = 40000 + quint16(index);
    a.status = status;
    a.timings.blocked = 0.1234567;
    a.timings.dns = -1;
    a.timings.tcp = 0.5;
    a.timings.tls = -1;
    a.timings.send = 0.0004;
    a.timings.wait = 12.0;
    a.timings.receive = 1e-7;
    return a;
}

RunStep sentStep()
{
    RunStep step;
    step.iteration = 3;
    step.item = 1;
    step.name = QStringLiteral("item \"one\"\\ \t/");
    step.file = QStringLiteral("/tmp/ws/api.http");
    step.line = 12;
    step.sent = true;
    step.startedMs = 1156.0114;
    Exchange &e = step.exchange;
    e.request.method = "POST";
    e.request.url = QUrl(QStringLiteral("http://127.0.0.1:8080/items/é?q=a b&x=%22"));
    e.request.headers.append("Content-Type", "application/json");
    e.request.headers.append("Authorization", "Bearer ***");
    e.request.body = "{\"name\": \"item\\n1\", \"ctl\": \"\x01\x1f\x7f\"}";
    e.durationMs = 8.2109;
    e.status = 200;
    e.reasonPhrase = "OK";
    e.httpVersion = "HTTP/1.1";
    e.responseHeaders.append("Server", "nginx");
    e.responseHeaders.append("X-Latin", "caf\xe9"); // not UTF-8: replaced as fromUtf8 does
    e.responseHeaders.append("X-Utf8", "caf\xc3\xa9 \xf0\x9f\x98\x80");
    e.responseBody = "{\"ok\":true}";
    e.responseBodySize = e.responseBody.size();
    e.attempts = {attempt(QStringLiteral("127.0.0.1:8080#1"), 1, 0),
                  attempt(QStringLiteral("127.0.0.1:8080#2"), 2, 200)};
    e.attempts[0].errorString = QStringLiteral("the connection closed");
    e.attempts[0].outcome = QStringLiteral("re-sent: the connection was stale");
    AssertionResult passed;
    passed.outcome = AssertionResult::Outcome::Passed;
    passed.line = 14;
    passed.description = QStringLiteral("status == 200");
    AssertionResult failed;
    failed.outcome = AssertionResult::Outcome::Failed;
    failed.line = 15;
    failed.description = QStringLiteral("body ok == false");
    failed.expected = QStringLiteral("== false");
    failed.actual = QStringLiteral("true");
    AssertionResult skipped;
    skipped.outcome = AssertionResult::Outcome::Skipped;
    skipped.line = 16;
    skipped.description = QStringLiteral("header X == y");
    skipped.note = QStringLiteral("no such header");
    step.assertions = {passed, failed, skipped};
    return step;
}

} // namespace

class tst_JsonReporter : public QObject
{
    Q_OBJECT

    static void compareWithDocument(const RunStep &step, qint64 bodyLimit = 64 * 1024)
    {
        QBuffer unused;
        const JsonReporter reporter(&unused, bodyLimit);
        QByteArray written;
        reporter.writeStep(step, &written);
        const QByteArray expected =
            QJsonDocument(reporter.stepObject(step)).toJson(QJsonDocument::Compact);
        if (written != expected) {
            qWarning("written:  %s", written.constData());
            qWarning("expected: %s", expected.constData());
        }
        QCOMPARE(written, expected);
    }

private Q_SLOTS:
    void sameBytesAsQJsonDocument_data()
    {
        QTest::addColumn<RunStep>("step");
        QTest::addColumn<qint64>("bodyLimit");

        const RunStep sent = sentStep();
        QTest::newRow("sent, answered, assertions") << sent << qint64(64 * 1024);

        RunStep notSent;
        notSent.iteration = 1;
        notSent.name = QStringLiteral("login");
        notSent.neededBy = QStringLiteral("orders");
        notSent.file = QStringLiteral("api.http");
        notSent.line = 3;
        notSent.error = QStringLiteral("api.http:3:9: {{host}} is not defined");
        notSent.startedMs = 0;
        QTest::newRow("not sent") << notSent << qint64(64 * 1024);

        RunStep noResponse = sent;
        noResponse.exchange.status = 0;
        noResponse.exchange.reasonPhrase.clear();
        noResponse.exchange.error = QStringLiteral("connection refused");
        noResponse.exchange.hint = QStringLiteral("is the server running?");
        noResponse.error = noResponse.exchange.error;
        noResponse.exchange.attempts = {attempt(QString(), 1, 0)};
        noResponse.assertions.clear();
        QTest::newRow("no response, no connection") << noResponse << qint64(64 * 1024);

        RunStep cut = sent;
        cut.exchange.error = QStringLiteral("the connection closed inside the body");
        cut.error = cut.exchange.error;
        cut.exchange.responseBody =
            QByteArray("\xef\xbb\xbf") + "caf\xc3\xa9 \xe2\x82\xac\xe2\x82\xac";
        cut.exchange.responseBodySize = 1000000;
        QTest::newRow("cut short, BOM, limit inside a character") << cut << qint64(9);
        QTest::newRow("limit after a character") << cut << qint64(8);
        QTest::newRow("limit zero") << cut << qint64(0);

        RunStep binary = sent;
        binary.exchange.responseBody = QByteArray("\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", 12);
        binary.exchange.responseBodySize = 9007199254740992LL;
        binary.exchange.request.body = QByteArray("a\x00"
                                                  "b",
                                                  3);
        QTest::newRow("binary response, NUL in request, 2^53") << binary << qint64(64 * 1024);

        RunStep inFile = sent;
        inFile.exchange.responseBody.clear();
        inFile.exchange.responseBodyFile = QStringLiteral("/tmp/body-1234");
        inFile.exchange.responseBodySize = 123456789012;
        inFile.exchange.durationMs = 1e6;
        QTest::newRow("body in a file") << inFile << qint64(64 * 1024);

        RunStep strange = sent;
        strange.name = QStringLiteral("\U0001F600 ") + QChar(0xD800) + QStringLiteral(" x ") +
                       QChar(0xDC00) + QChar(0x7f) + QChar(0x1b) + QChar(0x2028);
        strange.file = QStringLiteral("C:\\work\\ws\\api.http");
        strange.startedMs = 123456.789;
        strange.exchange.durationMs = 1e-5;
        strange.exchange.request.method = "PR\xd6PFEN";
        strange.exchange.responseHeaders.append("X-Caf\xe9", "\x80\xbf\xc0");
        strange.exchange.reasonPhrase = "Fine \xa9";
        QTest::newRow("surrogates, control characters, Latin-1") << strange << qint64(64 * 1024);

        // The writer's own formatting of thousandths against QJsonDocument's: small, large,
        // trailing zeros, halves, beyond 10^12.
        RunStep times = sent;
        const double values[] = {0.001,      0.01,         0.5,    0.0005,   2.25,
                                 64.002,     99.9999,      1234.5, 18931.21, 999999.999,
                                 1e12 + 0.5, 3e14 + 0.125, 1e300,  1.0 / 3.0};
        times.exchange.attempts.clear();
        for (const double value : values) {
            Attempt a = attempt(QStringLiteral("127.0.0.1:1#1"), 1, 200);
            a.timings.blocked = value;
            a.timings.dns = -value;
            a.timings.tcp = value * 7;
            a.timings.tls = value / 3;
            a.timings.send = value + 0.0004;
            a.timings.wait = value + 0.0005;
            a.timings.receive = value * 1000;
            times.exchange.attempts.append(a);
        }
        times.startedMs = 0.0015;
        times.exchange.durationMs = 7.0625;
        QTest::newRow("timings of every size") << times << qint64(64 * 1024);

        RunStep empty = sent;
        empty.exchange.request.body.clear();
        empty.exchange.request.headers = HttpHeaders();
        empty.exchange.responseHeaders = HttpHeaders();
        empty.exchange.responseBody.clear();
        empty.exchange.responseBodySize = 0;
        empty.exchange.attempts.clear();
        empty.exchange.durationMs = -3;
        QTest::newRow("nothing in it") << empty << qint64(64 * 1024);
    }

    void sameBytesAsQJsonDocument()
    {
        QFETCH(RunStep, step);
        QFETCH(qint64, bodyLimit);
        compareWithDocument(step, bodyLimit);
    }

    // begin, many steps, finish: one document, every step in it, written as each came.
    void documentHasEveryStep()
    {
        QBuffer device;
        QVERIFY(device.open(QIODevice::WriteOnly));
        JsonReporter reporter(&device);
        reporter.begin(RunPlan(), 1);
        const qint64 afterHead = device.size();
        RunStep step = sentStep();
        QList<qint64> sizes;
        for (int i = 1; i <= 300; ++i) {
            step.iteration = i;
            step.name = QStringLiteral("item %1").arg(i);
            reporter.step(step);
            sizes.append(device.size());
        }
        // Streamed: each step is on the device once it is reported.
        QVERIFY(sizes.first() > afterHead);
        for (qsizetype i = 1; i < sizes.size(); ++i)
            QVERIFY(sizes[i] > sizes[i - 1]);
        RunSummary summary;
        summary.planned = summary.run = 300;
        summary.failed = 300;
        reporter.finish(summary);

        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(device.data(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject root = document.object();
        QCOMPARE(root.value("tool").toString(), QStringLiteral("microrequests"));
        const QJsonArray exchanges = root.value("exchanges").toArray();
        QCOMPARE(exchanges.size(), 300);
        for (int i = 0; i < 300; ++i) {
            const QJsonObject exchange = exchanges[i].toObject();
            QCOMPARE(exchange.value("iteration").toInt(), i + 1);
            QCOMPARE(exchange.value("name").toString(), QStringLiteral("item %1").arg(i + 1));
        }
        QCOMPARE(root.value("summary").toObject().value("run").toInt(), 300);
    }

    void documentWithoutSteps()
    {
        QBuffer device;
        QVERIFY(device.open(QIODevice::WriteOnly));
        JsonReporter reporter(&device);
        reporter.begin(RunPlan(), 1);
        reporter.finish(RunSummary());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(device.data(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(document.object().value("exchanges").toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_JsonReporter)
#include "tst_jsonreporter.moc"
