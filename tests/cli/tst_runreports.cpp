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
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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
