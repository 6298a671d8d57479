// `microrequests run`'s reports as CI reads them: JSON, JUnit and HAR files read back, with
// every exchange and its connection, failures in the form each format expects, and secrets
// masked unless --no-redact says otherwise.
#include "runcommandfixture.h"
#include "testcertificates.h"
#include "workspace/demoworkspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

class tst_RunReports : public RunCommandFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { start(); }

    void jsonReporterHasEveryExchange()
    {
        const QString path = http("json.http", QStringLiteral("### echo\n"
                                                              "POST BASE/post\n"
                                                              "X-Trace: abc\n"
                                                              "\n"
                                                              "hello\n"
                                                              "\n"
                                                              "?? body $.data == hello\n"
                                                              "?? status == 201\n"
                                                              "\n"
                                                              "### bytes\n"
                                                              "GET BASE/bytes/100000\n"));
        const QString report = m_dir.filePath("reports/run.json");
        const Result r = run({path, QStringLiteral("--reporter"), QStringLiteral("json=") + report,
                              QStringLiteral("--reporter"), QStringLiteral("console")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QStringLiteral("FAIL  echo")), qPrintable(r.out));
        const QJsonObject json = readJson(report);
        QCOMPARE(json.value("tool").toString(), QStringLiteral("microrequests"));
        const QJsonArray exchanges = json.value("exchanges").toArray();
        QCOMPARE(exchanges.size(), 2);
        const QJsonObject echo = exchanges[0].toObject();
        QCOMPARE(echo.value("name").toString(), QStringLiteral("echo"));
        QCOMPARE(echo.value("passed").toBool(), false);
        const QJsonObject request = echo.value("request").toObject();
        QCOMPARE(request.value("method").toString(), QStringLiteral("POST"));
        QCOMPARE(request.value("body").toString(), QStringLiteral("hello"));
        QVERIFY(QJsonDocument(request.value("headers").toArray()).toJson().contains("X-Trace"));
        const QJsonObject response = echo.value("response").toObject();
        QCOMPARE(response.value("status").toInt(), 200);
        QVERIFY(response.value("body").toString().contains(QStringLiteral("\"data\": \"hello\"")));
        QCOMPARE(echo.value("connection").toObject().value("reused").toBool(), false);
        QCOMPARE(echo.value("attempts").toArray().size(), 1);
        QVERIFY(echo.value("attempts")
                    .toArray()[0]
                    .toObject()
                    .value("timings")
                    .toObject()
                    .contains("wait"));
        const QJsonArray assertions = echo.value("assertions").toArray();
        QCOMPARE(assertions.size(), 2);
        QCOMPARE(assertions[0].toObject().value("outcome").toString(), QStringLiteral("passed"));
        QCOMPARE(assertions[1].toObject().value("outcome").toString(), QStringLiteral("failed"));
        QCOMPARE(assertions[1].toObject().value("expected").toString(), QStringLiteral("== 201"));
        QCOMPARE(assertions[1].toObject().value("actual").toString(), QStringLiteral("200"));
        // Bodies are capped; binary bodies are base64.
        const QJsonObject bytes = exchanges[1].toObject().value("response").toObject();
        QCOMPARE(bytes.value("bodySize").toInt(), 100000);
        QCOMPARE(bytes.value("bodyTruncated").toBool(), true);
        QVERIFY(bytes.contains("bodyBase64") || bytes.value("body").toString().size() <= 65536);
        const QJsonObject summary = json.value("summary").toObject();
        QCOMPARE(summary.value("run").toInt(), 2);
        QCOMPARE(summary.value("failed").toInt(), 1);
        QCOMPARE(summary.value("connectionsOpened").toInt(), 1);
        QCOMPARE(summary.value("reused").toInt(), 1);
    }

    // The JSON report is written step by step as the run goes: a run of 500 steps, 8 in
    // flight, gives one document with every step once (its iteration and name), each
    // answered, and the summary.
    // A report replaces the one before it in one rename, with its permissions, and leaves no
    // temporary file beside it.
    void reportReplacesThePreviousOneWhole()
    {
        const QString path =
            http("replace.http", QStringLiteral("### one\nGET BASE/get\n\n?? status == 200\n"));
        QTemporaryDir folder;
        const QString report = folder.filePath("run.json");
        {
            QFile old(report);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("the previous report");
        }
        const QFile::Permissions shared = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                          QFile::WriteGroup | QFile::ReadOther;
        QVERIFY(QFile::setPermissions(report, shared));
        const Result r =
            run({path, QStringLiteral("--reporter"), QStringLiteral("json=") + report});
        QCOMPARE(r.code, 0);
        QCOMPARE(readJson(report).value("exchanges").toArray().size(), 1);
        const QFile::Permissions others =
            QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
        QCOMPARE(QFile::permissions(report) & others, shared & others);
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("run.json")});

        // A new report gets a new file's permissions, not a temporary file's (owner only).
        const QString fresh = folder.filePath("fresh.json");
        QCOMPARE(run({path, QStringLiteral("--reporter"), QStringLiteral("json=") + fresh}).code,
                 0);
        QVERIFY(QFile::permissions(fresh) & QFile::ReadOther);
    }

    void jsonReportOfManyStepsHasEveryStep()
    {
        const QString path = http("many/many.http", QStringLiteral("### get\n"
                                                                   "GET BASE/get?n=1\n"
                                                                   "?? status == 200\n"
                                                                   "\n"
                                                                   "### post\n"
                                                                   "POST BASE/post\n"
                                                                   "Content-Type: text/plain\n"
                                                                   "\n"
                                                                   "caf\u00e9 \"quoted\"\n"
                                                                   "\n"
                                                                   "?? status == 200\n"
                                                                   "\n"
                                                                   "### bytes\n"
                                                                   "GET BASE/bytes/64\n"
                                                                   "\n"
                                                                   "### status\n"
                                                                   "GET BASE/status/204\n"
                                                                   "?? status == 204\n"
                                                                   "\n"
                                                                   "### anything\n"
                                                                   "GET BASE/anything/x\n"));
        const QString report = m_dir.filePath("many/report.json");
        const Result r = run({path, QStringLiteral("--iterations"), QStringLiteral("100"),
                              QStringLiteral("--concurrency"), QStringLiteral("8"),
                              QStringLiteral("--reporter"), QStringLiteral("json=") + report});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(readAll(report), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject json = document.object();
        QCOMPARE(json.value("tool").toString(), QStringLiteral("microrequests"));
        QVERIFY(json.contains("startedAt"));
        const QJsonArray exchanges = json.value("exchanges").toArray();
        QCOMPARE(exchanges.size(), 500);
        const QStringList names = {"get", "post", "bytes", "status", "anything"};
        QSet<QString> seen;
        for (const QJsonValue value : exchanges) {
            const QJsonObject exchange = value.toObject();
            const QString name = exchange.value("name").toString();
            const int iteration = exchange.value("iteration").toInt();
            QVERIFY2(names.contains(name), qPrintable(name));
            QVERIFY(iteration >= 1 && iteration <= 100);
            seen.insert(QStringLiteral("%1 %2").arg(iteration).arg(name));
            QVERIFY(exchange.value("passed").toBool());
            const QJsonObject response = exchange.value("response").toObject();
            QCOMPARE(response.value("status").toInt(), name == QLatin1String("status") ? 204 : 200);
            QCOMPARE(response.value("complete").toBool(), true);
            QCOMPARE(exchange.value("attempts").toArray().size(), 1);
            if (name == QLatin1String("post"))
                QCOMPARE(exchange.value("request").toObject().value("body").toString(),
                         QStringLiteral("caf\u00e9 \"quoted\""));
            if (name == QLatin1String("bytes"))
                QCOMPARE(response.value("bodySize").toInt(), 64);
        }
        QCOMPARE(seen.size(), 500); // each step once
        const QJsonObject summary = json.value("summary").toObject();
        QCOMPARE(summary.value("planned").toInt(), 500);
        QCOMPARE(summary.value("run").toInt(), 500);
        QCOMPARE(summary.value("passed").toInt(), 500);
        QCOMPARE(summary.value("notRun").toInt(), 0);
        QCOMPARE(summary.value("assertionsPassed").toInt(), 300);
    }

    // A run that fails part-way still leaves a whole, valid report: steps that failed (an
    // assertion, a request that could not be sent, no response) are in it with why, and with
    // --bail the steps after the failure are not, the summary saying so.
    void jsonReportOfFailingRunIsComplete()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 refusedPort = closed.serverPort();
        closed.close(); // nothing listens there now: connections are refused
        const QString path = http("failing/failing.http",
                                  QStringLiteral("### first\n"
                                                 "GET BASE/get\n"
                                                 "?? status == 200\n"
                                                 "\n"
                                                 "### wrong status\n"
                                                 "GET BASE/status/500\n"
                                                 "?? status < 400\n"
                                                 "\n"
                                                 "### unsent\n"
                                                 "GET BASE/anything/{{nobody.response.body.$.id}}\n"
                                                 "\n"
                                                 "### refused\n"
                                                 "GET http://127.0.0.1:%1/\n"
                                                 "\n"
                                                 "### last\n"
                                                 "GET BASE/get\n")
                                      .arg(refusedPort));
        const QString report = m_dir.filePath("failing/report.json");
        Result r = run({path, QStringLiteral("--iterations"), QStringLiteral("40"),
                        QStringLiteral("--concurrency"), QStringLiteral("4"),
                        QStringLiteral("--reporter"), QStringLiteral("json=") + report});
        QCOMPARE(r.code, 1);
        QJsonParseError error;
        QJsonObject json = QJsonDocument::fromJson(readAll(report), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QJsonArray exchanges = json.value("exchanges").toArray();
        QCOMPARE(exchanges.size(), 200);
        QHash<QString, int> failed;
        for (const QJsonValue value : exchanges) {
            const QJsonObject exchange = value.toObject();
            const QString name = exchange.value("name").toString();
            if (!exchange.value("passed").toBool())
                ++failed[name];
            if (name == QLatin1String("unsent")) {
                QVERIFY(!exchange.contains("request"));
                QVERIFY(exchange.value("response").isNull());
                QVERIFY2(exchange.value("error").toString().contains(QStringLiteral("nobody")),
                         qPrintable(exchange.value("error").toString()));
            } else if (name == QLatin1String("refused")) {
                QVERIFY(exchange.contains("request"));
                QVERIFY(exchange.value("response").isNull());
                QVERIFY(!exchange.value("error").toString().isEmpty());
            } else if (name == QLatin1String("wrong status")) {
                const QJsonObject assertion = exchange.value("assertions").toArray()[0].toObject();
                QCOMPARE(assertion.value("outcome").toString(), QStringLiteral("failed"));
                QCOMPARE(assertion.value("actual").toString(), QStringLiteral("500"));
            }
        }
        QCOMPARE(failed,
                 (QHash<QString, int>{{"wrong status", 40}, {"unsent", 40}, {"refused", 40}}));
        QJsonObject summary = json.value("summary").toObject();
        QCOMPARE(summary.value("run").toInt(), 200);
        QCOMPARE(summary.value("failed").toInt(), 120);
        QCOMPARE(summary.value("passed").toInt(), 80);
        QCOMPARE(summary.value("bailed").toBool(), false);

        // --bail, one at a time: "first" passes, "wrong status" fails, nothing more starts.
        r = run({path, QStringLiteral("--iterations"), QStringLiteral("40"),
                 QStringLiteral("--bail"), QStringLiteral("--reporter"),
                 QStringLiteral("json=") + report});
        QCOMPARE(r.code, 1);
        json = QJsonDocument::fromJson(readAll(report), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        exchanges = json.value("exchanges").toArray();
        QCOMPARE(exchanges.size(), 2);
        QCOMPARE(exchanges[0].toObject().value("name").toString(), QStringLiteral("first"));
        QCOMPARE(exchanges[1].toObject().value("name").toString(), QStringLiteral("wrong status"));
        summary = json.value("summary").toObject();
        QCOMPARE(summary.value("bailed").toBool(), true);
        QCOMPARE(summary.value("run").toInt(), 2);
        QCOMPARE(summary.value("notRun").toInt(), 198);
    }

    void junitIsWellFormedWithFailures()
    {
        const QString path = http("suite.http", QStringLiteral("### good\n"
                                                               "GET BASE/get\n"
                                                               "?? status == 200\n"
                                                               "\n"
                                                               "### bad & <odd>\n"
                                                               "GET BASE/status/500\n"
                                                               "?? status < 400\n"));
        const QString report = m_dir.filePath("junit.xml");
        const Result r = run({path, QStringLiteral("--iterations"), QStringLiteral("2"),
                              QStringLiteral("--reporter"), QStringLiteral("junit=") + report});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out)); // only the reporters asked for
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        int suites = 0;
        QStringList cases;
        QStringList failures;
        QString totalTests;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("testsuites"))
                totalTests = xml.attributes().value("tests").toString();
            else if (xml.name() == QLatin1String("testsuite"))
                ++suites;
            else if (xml.name() == QLatin1String("testcase"))
                cases.append(xml.attributes().value("name").toString());
            else if (xml.name() == QLatin1String("failure"))
                failures.append(xml.attributes().value("message").toString());
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(totalTests, QStringLiteral("4"));
        QCOMPARE(suites, 1);
        QCOMPARE(cases, QStringList({"good [iteration 1]", "bad & <odd> [iteration 1]",
                                     "good [iteration 2]", "bad & <odd> [iteration 2]"}));
        QCOMPARE(failures, QStringList({"status < 400: expected < 400, actual 500",
                                        "status < 400: expected < 400, actual 500"}));
    }

    void jsonReportRedactsSecrets()
    {
        const QString path = secretsWorkspace();
        const QString report = m_dir.filePath("secrets-report/run.json");
        const QString junit = m_dir.filePath("secrets-report/junit.xml");
        const Result r = run({path, QStringLiteral("--env"), QStringLiteral("dev"),
                              QStringLiteral("--reporter"), QStringLiteral("json=") + report,
                              QStringLiteral("--reporter"), QStringLiteral("junit=") + junit,
                              QStringLiteral("--reporter"), QStringLiteral("console")});
        QCOMPARE(r.code, 1); // the assertion on x-missing fails
        const QByteArray json = readAll(report);
        const QJsonObject exchange =
            QJsonDocument::fromJson(json).object().value("exchanges").toArray()[0].toObject();
        const QJsonObject request = exchange.value("request").toObject();
        QString authorization;
        for (const QJsonValue header : request.value("headers").toArray()) {
            if (header.toObject().value("name").toString() == QLatin1String("Authorization"))
                authorization = header.toObject().value("value").toString();
        }
        QCOMPARE(authorization, QStringLiteral("Bearer ***"));
        QVERIFY2(request.value("url").toString().endsWith(QStringLiteral("?sig=***&page=2")),
                 qPrintable(request.value("url").toString()));
        QVERIFY2(
            request.value("body").toString().startsWith(QStringLiteral("{\"signature\": \"***\"}")),
            qPrintable(request.value("body").toString()));
        QVERIFY(json.contains("visible-trace")); // what is not secret stays
        for (const QByteArray &secret : secretValues()) {
            QVERIFY2(!json.contains(secret), secret.constData());
            QVERIFY2(!r.out.toUtf8().contains(secret), qPrintable(r.out));
            QVERIFY2(!readAll(junit).contains(secret), secret.constData());
        }
        QVERIFY2(r.out.contains(QStringLiteral("expected == ***")), qPrintable(r.out));
    }

    void harReportRedactsSecrets()
    {
        const QString path = secretsWorkspace();
        const QString report = m_dir.filePath("secrets-report/run.har");
        const Result r = run({path, QStringLiteral("--env"), QStringLiteral("dev"),
                              QStringLiteral("--reporter"), QStringLiteral("har=") + report});
        QCOMPARE(r.code, 1);
        const QByteArray har = readAll(report);
        const QJsonObject entry = QJsonDocument::fromJson(har)
                                      .object()
                                      .value("log")
                                      .toObject()
                                      .value("entries")
                                      .toArray()[0]
                                      .toObject();
        const QJsonObject request = entry.value("request").toObject();
        QVERIFY2(request.value("url").toString().endsWith(QStringLiteral("?sig=***&page=2")),
                 qPrintable(request.value("url").toString()));
        QCOMPARE(request.value("queryString").toArray()[0].toObject().value("value").toString(),
                 QStringLiteral("***"));
        QVERIFY(har.contains("visible-trace"));
        QVERIFY(har.contains("Bearer ***"));
        for (const QByteArray &secret : secretValues())
            QVERIFY2(!har.contains(secret), secret.constData());
    }

    void noRedactKeepsValues()
    {
        const QString path = secretsWorkspace();
        const QString report = m_dir.filePath("secrets-report/kept.json");
        const Result r = run({path, QStringLiteral("--env"), QStringLiteral("dev"),
                              QStringLiteral("--no-redact"), QStringLiteral("--reporter"),
                              QStringLiteral("json=") + report});
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err)); // the failing assertion, not usage
        const QByteArray json = readAll(report);
        QVERIFY(json.contains("Bearer priv-t0ken-9"));
        for (const QByteArray &secret : secretValues())
            QVERIFY2(json.contains(secret), secret.constData());
    }

    void harHasEntriesWithConnections()
    {
        const QString path =
            http("har.http", QStringLiteral("GET BASE/get\n\n###\nGET BASE/uuid\n"));
        const QString report = m_dir.filePath("run.har");
        const Result r = run({path, QStringLiteral("--reporter"), QStringLiteral("har=") + report});
        QCOMPARE(r.code, 0);
        const QJsonObject log = readJson(report).value("log").toObject();
        QCOMPARE(log.value("version").toString(), QStringLiteral("1.2"));
        const QJsonArray entries = log.value("entries").toArray();
        QCOMPARE(entries.size(), 2);
        QVERIFY(entries[0].toObject().value("request").toObject().value("url").toString().endsWith(
            "/get"));
        QVERIFY(entries[0].toObject().value("connection").toString().endsWith("#1"));
        QCOMPARE(entries[1].toObject().value("connection").toString(),
                 entries[0].toObject().value("connection").toString());
    }
};

QTEST_GUILESS_MAIN(tst_RunReports)
#include "tst_runreports.moc"
