// `microrequests run` as CI runs it: the binary in a real process against the demo service
// on loopback, each option end to end, every reporter's file read back, and the exit codes.
#include "demo/demoserverthread.h"
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

class tst_RunCommand : public QObject
{
    Q_OBJECT
    QString m_binary;
    mr::DemoServerThread m_service;
    QTemporaryDir m_dir;
    QString m_base;

    struct Result {
        int code = -1;
        QString out;
        QString err;
        qint64 ms = 0;
    };

    Result run(const QStringList &arguments, const QString &workingFolder = QString())
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("CI"), QStringLiteral("true"));
        // No user settings from the machine running the tests.
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath("config"));
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(workingFolder.isEmpty() ? m_dir.path() : workingFolder);
        QElapsedTimer clock;
        clock.start();
        process.start(m_binary, QStringList{QStringLiteral("run")} + arguments);
        if (!process.waitForFinished(60000))
            qWarning("microrequests run did not finish");
        Result r;
        r.ms = clock.elapsed();
        r.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(text);
        return path;
    }

    QString http(const QString &name, QString text)
    {
        return write(name, text.replace(QStringLiteral("BASE"), m_base).toUtf8());
    }

    static QJsonObject readJson(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // A workspace whose request carries secrets every way: a private environment's variables
    // (in the URL, a header, the body and an assertion that fails and shows them), an
    // Authorization header, a cookie and an API key header written as a literal.
    QString secretsWorkspace()
    {
        write("secrets/http-client.env.json",
              QStringLiteral("{\"dev\": {\"base\": \"%1\"}}").arg(m_base).toUtf8());
        write("secrets/http-client.private.env.json",
              "{\"dev\": {\"token\": \"priv-t0ken-9\", \"signature\": \"sig-5ecr3t\"}}");
        return write("secrets/api.http", "### with secrets\n"
                                         "POST {{base}}/anything?sig={{signature}}&page=2\n"
                                         "Authorization: Bearer {{token}}\n"
                                         "Cookie: session=c00kie-val\n"
                                         "X-Auth-Token: literal-4uth\n"
                                         "X-Trace: visible-trace\n"
                                         "Content-Type: application/json\n"
                                         "\n"
                                         "{\"signature\": \"{{signature}}\"}\n"
                                         "\n"
                                         "?? status == 200\n"
                                         "?? header x-missing == {{signature}}\n");
    }

    static const QList<QByteArray> &secretValues()
    {
        static const QList<QByteArray> values = {"priv-t0ken-9", "sig-5ecr3t", "c00kie-val",
                                                 "literal-4uth"};
        return values;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_binary = qEnvironmentVariable("MR_BINARY",
                                        QCoreApplication::applicationDirPath() + "/microrequests");
        QVERIFY(QFile::exists(m_binary));
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_service.start(mr::DemoServer::Options(), &error), qPrintable(error));
        m_base = m_service.httpUrl().toString();
        if (m_base.endsWith(QLatin1Char('/')))
            m_base.chop(1);
    }

    void passingRunExitsZeroAndShowsConnections()
    {
        http("ok/api.http",
             QStringLiteral("### login\n"
                            "POST {{base}}/post\n"
                            "Content-Type: application/json\n"
                            "\n"
                            "{\"token\": \"t-42\", \"id\": 7}\n"
                            "\n"
                            "?? status == 200\n"
                            "?? header content-type includes json\n"
                            "?? body $.json.id == 7\n"
                            "?? duration < 5000\n"
                            "?? connection new\n"
                            "\n"
                            "### me\n"
                            "GET {{base}}/anything/{{login.response.body.$.json.token}}\n"
                            "?? body url endsWith /anything/t-42\n"
                            "?? connection reused\n"));
        write("ok/http-client.env.json",
              QStringLiteral("{\"dev\": {\"base\": \"%1\"}}").arg(m_base).toUtf8());
        const Result r =
            run({QStringLiteral("ok"), QStringLiteral("--env"), QStringLiteral("dev")});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'));
        QVERIFY2(lines.value(0).startsWith(QStringLiteral("PASS  login  200 OK  ")),
                 qPrintable(r.out));
        QVERIFY2(lines.value(0).contains(QStringLiteral("#1 new  5/5 assertions passed")),
                 qPrintable(r.out));
        QVERIFY2(lines.value(1).startsWith(QStringLiteral("PASS  me  200 OK")), qPrintable(r.out));
        QVERIFY2(lines.value(1).contains(QString::fromUtf8("#1 reused \u00b7 2nd request")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QString::fromUtf8(
                     "2 requests, 2 passed, 0 failed \u00b7 7 assertions, 0 failed \u00b7 1 "
                     "connection opened, 1 request reused one")),
                 qPrintable(r.out));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err)); // no progress line when piped
    }

    void failedAssertionExitsOneWithExpectedAndActual()
    {
        const QString path = http("fail.http", QStringLiteral("GET BASE/status/404\n"
                                                              "\n"
                                                              "?? status == 200\n"
                                                              "?? header content-type exists\n"));
        const Result r = run({path});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QStringLiteral("FAIL  GET ") + m_base + "/status/404  404"),
                 qPrintable(r.out));
        QVERIFY2(
            r.out.contains(QStringLiteral("status == 200: expected == 200, actual 404 (line 3)")),
            qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("at fail.http:1")), qPrintable(r.out));
    }

    void noResponseFailsTheRun()
    {
        QTcpServerHolder closed;
        const QString path = write(
            "refused.http", QStringLiteral("GET http://127.0.0.1:%1/\n").arg(closed.port).toUtf8());
        const Result r = run({path, QStringLiteral("--retries"), QStringLiteral("0")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QStringLiteral("no response")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("error: ")), qPrintable(r.out));
    }

    // Host names used to be resolved on Qt's shared lookup pool, whose teardown raced the
    // engine thread's at exit: about 1 run in 10 after a failed connect aborted with a
    // corrupted heap (exit 134) instead of exiting 1. Thirty runs catch that almost surely.
    void exitIsCleanAfterAFailedLookup()
    {
        QTcpServerHolder closed;
        const QString path =
            write("lookups.http", QStringLiteral("GET http://no-such-host.invalid/\n\n###\n"
                                                 "GET http://localhost:%1/\n")
                                      .arg(closed.port)
                                      .toUtf8());
        for (int i = 0; i < 30; ++i) {
            const Result r = run({path});
            QVERIFY2(r.code == 1, qPrintable(QStringLiteral("run %1 exited %2: %3")
                                                 .arg(i)
                                                 .arg(r.code)
                                                 .arg(r.err.right(300))));
            QVERIFY2(r.out.contains(QStringLiteral("could not be resolved")), qPrintable(r.out));
        }
    }

    void truncatedBodyFailsTheRun()
    {
        // Head and half the announced body, then a close (truncate) or a reset: a status
        // arrived, the response did not. Every reporter says so and the run exits 1.
        const QString path = http("cut.http", QStringLiteral("GET BASE/fault/truncate\n"
                                                             "?? status == 200\n\n"
                                                             "###\nGET BASE/fault/reset\n"));
        const QString json = m_dir.filePath("cut.json");
        const QString junit = m_dir.filePath("cut.xml");
        const QString har = m_dir.filePath("cut.har");
        const Result r = run({path, QStringLiteral("--reporter"), QStringLiteral("console"),
                              QStringLiteral("--reporter"), QStringLiteral("json=") + json,
                              QStringLiteral("--reporter"), QStringLiteral("junit=") + junit,
                              QStringLiteral("--reporter"), QStringLiteral("har=") + har});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QStringLiteral("FAIL  GET ") + m_base + "/fault/truncate  200 OK"),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("FAIL  GET ") + m_base + "/fault/reset  200 OK"),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("error: Incomplete response body: ")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("2 requests, 0 passed, 2 failed")),
                 qPrintable(r.out));

        // JSON: not passed, the error with the counts, the response marked incomplete.
        const QJsonArray exchanges = readJson(json).value("exchanges").toArray();
        QCOMPARE(exchanges.size(), 2);
        for (const QJsonValue &value : exchanges) {
            const QJsonObject exchange = value.toObject();
            const QJsonObject response = exchange.value("response").toObject();
            QCOMPARE(exchange.value("passed").toBool(true), false);
            QCOMPARE(response.value("status").toInt(), 200);
            QCOMPARE(response.value("complete").toBool(true), false);
            QString announced;
            for (const QJsonValue &header : response.value("headers").toArray()) {
                if (header.toObject().value("name").toString() == QLatin1String("Content-Length"))
                    announced = header.toObject().value("value").toString();
            }
            const QString counts = QStringLiteral("%1 of %2 bytes")
                                       .arg(response.value("bodySize").toInt())
                                       .arg(announced);
            const QString error = exchange.value("error").toString();
            QVERIFY2(error.startsWith(QStringLiteral("Incomplete response body: ")) &&
                         error.contains(counts),
                     qPrintable(error + " / " + counts));
        }

        // JUnit: an <error> per exchange, not a pass.
        QFile file(junit);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QStringList errors;
        QString errorCount;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("testsuites"))
                errorCount = xml.attributes().value("errors").toString();
            else if (xml.name() == QLatin1String("error"))
                errors.append(xml.attributes().value("message").toString());
        }
        QCOMPARE(errorCount, QStringLiteral("2"));
        QCOMPARE(errors.size(), 2);
        for (const QString &message : std::as_const(errors))
            QVERIFY2(message.startsWith(QStringLiteral("Incomplete response body: ")),
                     qPrintable(message));

        // HAR: the response is kept, with the error beside it and a comment.
        const QJsonArray entries = readJson(har).value("log").toObject().value("entries").toArray();
        QCOMPARE(entries.size(), 2);
        for (const QJsonValue &value : entries) {
            const QJsonObject response = value.toObject().value("response").toObject();
            QCOMPARE(response.value("status").toInt(), 200);
            QVERIFY(!response.value("content").toObject().value("text").toString().isEmpty());
            QVERIFY2(response.value("_error").toString().startsWith(
                         QStringLiteral("Incomplete response body: ")),
                     qPrintable(response.value("_error").toString()));
            QVERIFY2(response.value("comment").toString().contains(QStringLiteral("incomplete")),
                     qPrintable(response.value("comment").toString()));
        }
    }

    void unusableInputExitsTwoWithFileLineColumn_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("assertion") << QByteArray("GET http://127.0.0.1:1/\n\n?? stauts == 200\n")
                                   << QStringList() << "bad.http:3:4: unknown assertion subject";
        QTest::newRow("request line") << QByteArray("get http://127.0.0.1:1/\n") << QStringList()
                                      << "bad.http:1:1: expected a request line";
        QTest::newRow("environment")
            << QByteArray("GET http://127.0.0.1:1/\n") << QStringList{"--env", "nope"}
            << "no environment \"nope\": the workspace has none";
        QTest::newRow("line") << QByteArray("GET http://127.0.0.1:1/\n") << QStringList{"LINE"}
                              << "bad.http:40:1: no request at line 40";
        QTest::newRow("filter") << QByteArray("GET http://127.0.0.1:1/\n")
                                << QStringList{"--filter", "zzz*"}
                                << "no request matches --filter zzz*";
        QTest::newRow("reporter") << QByteArray("GET http://127.0.0.1:1/\n")
                                  << QStringList{"--reporter", "xml"} << "unknown reporter";
        QTest::newRow("two on stdout") << QByteArray("GET http://127.0.0.1:1/\n")
                                       << QStringList{"--reporter", "json", "--reporter", "junit"}
                                       << "two reporters write to standard output";
        QTest::newRow("number") << QByteArray("GET http://127.0.0.1:1/\n")
                                << QStringList{"--concurrency", "0"} << "--concurrency must be";
    }

    void unusableInputExitsTwoWithFileLineColumn()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, extra);
        QTemporaryDir folder;
        QFile file(folder.filePath("bad.http"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();
        QStringList arguments{QStringLiteral("bad.http")};
        if (extra == QStringList{QStringLiteral("LINE")})
            arguments = {QStringLiteral("bad.http:40")};
        else
            arguments += extra;
        const Result r = run(arguments, folder.path());
        QCOMPARE(r.code, 2);
        QFETCH(QString, message);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out)); // nothing was sent or reported
    }

    void missingPathExitsTwo()
    {
        const Result r = run({QStringLiteral("no-such-folder")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("no-such-folder: no such file or folder")),
                 qPrintable(r.err));
    }

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

    void dataRowsGiveEachIterationItsVariables()
    {
        const QString path = http(
            "data.http", QStringLiteral("GET BASE/anything/{{id}}?who={{who}}\n"
                                        "?? body $.url endsWith /anything/{{id}}?who={{who}}\n"));
        const QString csv = write("rows.csv", "id,who\n1,ada\n2,\"grace,hopper\"\n\n3,alan\n");
        const QString json =
            write("rows.json", "[{\"id\": 1, \"who\": \"ada\"}, {\"id\": 2, \"who\": "
                               "\"alan\"}]");
        Result r = run({path, QStringLiteral("--data"), csv});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(r.out.count(QStringLiteral("PASS  [")), 3);
        QVERIFY2(r.out.contains(QStringLiteral("PASS  [3] GET ")), qPrintable(r.out));
        r = run({path, QStringLiteral("--data"), json, QStringLiteral("--iterations"), "4"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(r.out.count(QStringLiteral("PASS  [")), 4); // rows taken in turn
        // --var is above the data rows.
        r = run({path, QStringLiteral("--data"), json, QStringLiteral("--var"), "who=x"});
        QCOMPARE(r.code, 0);
        const QString bad = write("bad.csv", "id,who\n1\n");
        r = run({path, QStringLiteral("--data"), bad});
        QCOMPARE(r.code, 2);
        QVERIFY2(
            r.err.contains(QStringLiteral("bad.csv:2:1: this row has 1 fields where the header "
                                          "row has 2")),
            qPrintable(r.err));
        const QString broken = write("broken.json", "[{\"id\": 1},\n {\"id\" 2}]");
        r = run({path, QStringLiteral("--data"), broken});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("broken.json:2:")), qPrintable(r.err));
    }

    void concurrencyRunsIndependentRequestsTogether()
    {
        QString text;
        for (int i = 0; i < 6; ++i)
            text += QStringLiteral("### slow%1\nGET BASE/delay/300\n\n").arg(i);
        const QString path = http("slow.http", text);
        const QString report = m_dir.filePath("slow.json");
        Result r = run({path, QStringLiteral("--concurrency"), "6", QStringLiteral("--reporter"),
                        QStringLiteral("json=") + report});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.ms < 1500, qPrintable(QString::number(r.ms))); // sequential would be 1.8 s
        QCOMPARE(readJson(report).value("summary").toObject().value("connectionsOpened").toInt(),
                 6);
        // --max-per-host 2 queues the rest on two connections.
        r = run({path, QStringLiteral("--concurrency"), "6", QStringLiteral("--max-per-host"), "2",
                 QStringLiteral("--reporter"), QStringLiteral("json=") + report});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.ms >= 900, qPrintable(QString::number(r.ms)));
        const QJsonObject summary = readJson(report).value("summary").toObject();
        QCOMPARE(summary.value("connectionsOpened").toInt(), 2);
        QCOMPARE(summary.value("reused").toInt(), 4);
    }

    void aRequestWaitsForTheOneItReferences()
    {
        const QString path =
            http("chain.http",
                 QStringLiteral("### login\n"
                                "GET BASE/delay/300\n"
                                "\n"
                                "### independent\n"
                                "GET BASE/get\n"
                                "\n"
                                "### uses\n"
                                "GET BASE/anything/{{login.response.headers.Content-Type}}\n"
                                "?? status == 200\n"));
        const QString report = m_dir.filePath("chain.json");
        const Result r = run({path, QStringLiteral("--concurrency"), "3",
                              QStringLiteral("--reporter"), QStringLiteral("json=") + report});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QJsonArray exchanges = readJson(report).value("exchanges").toArray();
        QCOMPARE(exchanges.size(), 3);
        // Reported as they finish: the independent one overtook login; "uses" waited for it.
        QCOMPARE(exchanges[0].toObject().value("name").toString(), QStringLiteral("independent"));
        QCOMPARE(exchanges[1].toObject().value("name").toString(), QStringLiteral("login"));
        const QJsonObject login = exchanges[1].toObject();
        const QJsonObject uses = exchanges[2].toObject();
        QCOMPARE(uses.value("name").toString(), QStringLiteral("uses"));
        QVERIFY(uses.value("startedMs").toDouble() >=
                login.value("startedMs").toDouble() + login.value("durationMs").toDouble());
        QVERIFY(uses.value("request").toObject().value("url").toString().contains("application"));
    }

    void noReuseOpensAConnectionPerRequest()
    {
        const QString path =
            http("reuse.http", QStringLiteral("GET BASE/get\n\n###\nGET BASE/get\n\n"
                                              "###\nGET BASE/get\n?? connection new\n"));
        Result r = run({path});
        QCOMPARE(r.code, 1); // the third reuses the connection
        QVERIFY2(r.out.contains(QStringLiteral("connection new: expected new, actual reused")),
                 qPrintable(r.out));
        r = run({path, QStringLiteral("--no-reuse")});
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("3 connections opened, 0 requests reused one")),
                 qPrintable(r.out));
    }

    void filterAndLinePickRequests()
    {
        const QString path = http("pick.http", QStringLiteral("### user-list\nGET BASE/get\n\n"
                                                              "### user-get\nGET BASE/uuid\n\n"
                                                              "### orders\nGET BASE/json\n"));
        Result r = run({path, QStringLiteral("--filter"), QStringLiteral("user-*")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("PASS  user-list")));
        QVERIFY(r.out.contains(QStringLiteral("PASS  user-get")));
        QVERIFY(!r.out.contains(QStringLiteral("orders")));
        r = run({path + QStringLiteral(":8")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("PASS  orders")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("1 request, 1 passed")));
    }

    void aChosenRequestBringsTheOneItTakesValuesFrom()
    {
        // The bundled demo workspace as a user has it: "Use the token" reads login's response.
        const QString folder = m_dir.filePath(QStringLiteral("demo-workspace"));
        QString error;
        QVERIFY2(mr::DemoWorkspace::install(folder, &error), qPrintable(error));
        const QString chaining = QDir(folder).filePath(QStringLiteral("chaining.http"));
        const QStringList demo = {QStringLiteral("--env"), mr::DemoWorkspace::environmentName(),
                                  QStringLiteral("--var"),
                                  mr::DemoWorkspace::baseUrlVariable() + '=' + m_base};
        const QString report = m_dir.filePath("needed.json");
        Result r =
            run(QStringList{chaining, QStringLiteral("--filter"), QStringLiteral("Use the token"),
                            QStringLiteral("--reporter"), QStringLiteral("console"),
                            QStringLiteral("--no-redact"), // compares the token sent
                            QStringLiteral("--reporter"), QStringLiteral("json=") + report} +
                demo);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'));
        QVERIFY2(lines.value(0).startsWith(
                     QStringLiteral("PASS  login (needed by Use the token)  200 OK")),
                 qPrintable(r.out));
        QVERIFY2(lines.value(1).startsWith(QStringLiteral("PASS  Use the token  200 OK")),
                 qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral(
                     "login added: Use the token (chaining.http:16) takes values from it")),
                 qPrintable(r.err));
        const QJsonArray exchanges = readJson(report).value("exchanges").toArray();
        QCOMPARE(exchanges.size(), 2);
        QCOMPARE(exchanges[0].toObject().value("neededBy").toString(),
                 QStringLiteral("Use the token"));
        QVERIFY(!exchanges[1].toObject().contains("neededBy"));
        // The token login got back is the one sent.
        const QString loginBody =
            exchanges[0].toObject().value("response").toObject().value("body").toString();
        const QString token = QJsonDocument::fromJson(loginBody.toUtf8())
                                  .object()
                                  .value("json")
                                  .toObject()
                                  .value("token")
                                  .toString();
        QVERIFY2(token.startsWith(QStringLiteral("demo-")), qPrintable(loginBody));
        QString authorization;
        const QJsonArray sentHeaders =
            exchanges[1].toObject().value("request").toObject().value("headers").toArray();
        for (const QJsonValue header : sentHeaders) {
            if (header.toObject().value("name").toString() == QLatin1String("Authorization"))
                authorization = header.toObject().value("value").toString();
        }
        QCOMPARE(authorization, QStringLiteral("Bearer ") + token);

        // By line, with JUnit: the added case carries the mark as a property.
        const QString junit = m_dir.filePath("needed.xml");
        r = run(QStringList{chaining + QStringLiteral(":17"), QStringLiteral("--reporter"),
                            QStringLiteral("junit=") + junit} +
                demo);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QFile file(junit);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QStringList cases;
        QString neededBy;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("testcase"))
                cases.append(xml.attributes().value("name").toString());
            else if (xml.name() == QLatin1String("property") &&
                     xml.attributes().value("name") == QLatin1String("neededBy"))
                neededBy = xml.attributes().value("value").toString();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(cases, QStringList({"login", "Use the token"}));
        QCOMPARE(neededBy, QStringLiteral("Use the token"));

        // --no-dependencies: as before, the clear error at send time.
        r = run(QStringList{chaining + QStringLiteral(":17"), QStringLiteral("--no-dependencies")} +
                demo);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.startsWith(QStringLiteral("FAIL  Use the token  not sent")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("login has not been sent yet")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("1 request, 0 passed, 1 failed")),
                 qPrintable(r.out));
        QVERIFY2(!r.err.contains(QStringLiteral("added")), qPrintable(r.err));

        r = run({QStringLiteral("--help")});
        QVERIFY2(r.out.contains(QStringLiteral("--no-dependencies")), qPrintable(r.out));
    }

    void bailStopsAfterTheFirstFailure()
    {
        const QString path =
            http("bail.http", QStringLiteral("GET BASE/status/500\n?? status == 200\n\n"
                                             "###\nGET BASE/get\n\n###\nGET BASE/get\n"));
        const Result r = run({path, QStringLiteral("--bail")});
        QCOMPARE(r.code, 1);
        QVERIFY2(
            r.out.contains(QStringLiteral("1 request, 0 passed, 1 failed, 2 not run (--bail)")),
            qPrintable(r.out));
    }

    void retriesAndTimeout()
    {
        const QString flaky =
            http("flaky.http", QStringLiteral("GET BASE/fault/flaky/1?key=run-%1\n"
                                              "?? status == 200\n")
                                   .arg(QDateTime::currentMSecsSinceEpoch()));
        Result r = run({flaky, QStringLiteral("--retries"), "0"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QStringLiteral("actual 503")), qPrintable(r.out));
        const QString again =
            http("flaky2.http", QStringLiteral("GET BASE/fault/flaky/1?key=again-%1\n"
                                               "?? status == 200\n")
                                    .arg(QDateTime::currentMSecsSinceEpoch()));
        const QString report = m_dir.filePath("flaky.json");
        r = run({again, QStringLiteral("--retries"), "1", QStringLiteral("--reporter"),
                 QStringLiteral("json=") + report});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QJsonObject exchange = readJson(report).value("exchanges").toArray()[0].toObject();
        QCOMPARE(exchange.value("attempts").toArray().size(), 2);

        const QString slow = http("timeout.http", QStringLiteral("GET BASE/delay/3000\n"));
        r = run({slow, QStringLiteral("--timeout"), "300"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.ms < 2500, qPrintable(QString::number(r.ms)));
        QVERIFY2(r.out.contains(QStringLiteral("no response")), qPrintable(r.out));
    }

    void delayWaitsBetweenRequests()
    {
        const QString path =
            http("delay.http", QStringLiteral("GET BASE/get\n\n###\nGET BASE/get\n\n"
                                              "###\nGET BASE/get\n"));
        const Result r = run({path, QStringLiteral("--delay"), "250"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.ms >= 500, qPrintable(QString::number(r.ms)));
    }

    void insecureAcceptsAnUntrustedCertificate()
    {
        QTemporaryDir certificates;
        TestCertificates tls;
        QString error;
        if (!TestCertificates::generate(certificates.path(), &tls, &error))
            QSKIP(qPrintable(error));
        mr::DemoServerThread service;
        QVERIFY2(service.start(tls.demoOptions(), &error), qPrintable(error));
        const QString path = write("tls.http", QStringLiteral("GET %1/get\n?? status == 200\n")
                                                   .arg(service.httpsUrl().toString())
                                                   .toUtf8());
        Result r = run({path});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QStringLiteral("no response")), qPrintable(r.out));
        r = run({path, QStringLiteral("--insecure")});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    }

    void runSaysWhichTrustSettingsCameFromTheWorkspace()
    {
        // `run` applies what the workspace's files set (the user chose to run that folder),
        // and says so in one line: here a CA that makes the server trusted.
        QTemporaryDir certificates;
        TestCertificates tls;
        QString error;
        if (!TestCertificates::generate(certificates.path(), &tls, &error))
            QSKIP(qPrintable(error));
        mr::DemoServerThread service;
        QVERIFY2(service.start(tls.demoOptions(), &error), qPrintable(error));
        QTemporaryDir workspace;
        QVERIFY(QFile::copy(tls.caFile, workspace.filePath("ca.pem")));
        QFile settings(workspace.filePath("microrequests.json"));
        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write(R"({"tls": {"caFile": "ca.pem"}, "proxy": {"type": "none"}})");
        settings.close();
        QFile requests(workspace.filePath("tls.http"));
        QVERIFY(requests.open(QIODevice::WriteOnly));
        requests.write(QStringLiteral("GET %1/get\n?? status == 200\n")
                           .arg(service.httpsUrl().toString())
                           .toUtf8());
        requests.close();
        const Result r = run({workspace.path()});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QStringList said;
        for (const QString &line : lines) {
            if (line.startsWith(QLatin1String("microrequests: using from ")))
                said.append(line);
        }
        QCOMPARE(said, QStringList{QStringLiteral(
                           "microrequests: using from microrequests.json: CA ca.pem, proxy none")});
    }

    // One run, one client: a workspace whose microrequests.json sets a proxy must not carry
    // another workspace's requests (and tokens) through it. Such a run is refused.
    void workspacesWithDifferentConnectionSettingsAreRunApart()
    {
        QTemporaryDir plain;
        QTemporaryDir proxied;
        for (QTemporaryDir *dir : {&plain, &proxied}) {
            QFile requests(dir->filePath("api.http"));
            QVERIFY(requests.open(QIODevice::WriteOnly));
            requests.write("GET http://127.0.0.1:1/\n");
        }
        QFile settings(proxied.filePath("microrequests.json"));
        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write(R"({"proxy": {"type": "http", "host": "127.0.0.1", "port": 3128}})");
        settings.close();

        const Result mixed = run({plain.path(), proxied.path()});
        QCOMPARE(mixed.code, 2);
        QVERIFY2(mixed.err.contains(QStringLiteral("set different connection settings")),
                 qPrintable(mixed.err));
        QVERIFY2(mixed.out.isEmpty(), qPrintable(mixed.out)); // nothing was sent
        QCOMPARE(run({proxied.path(), plain.path()}).code, 2);

        // Workspaces that set nothing run together, as before.
        QTemporaryDir other;
        QFile requests(other.filePath("more.http"));
        QVERIFY(requests.open(QIODevice::WriteOnly));
        requests.write("GET http://127.0.0.1:1/\n");
        requests.close();
        QCOMPARE(run({plain.path(), other.path(), QStringLiteral("--retries"), QStringLiteral("0")})
                     .code,
                 1);
    }

    void fileOutsideWorkspaceNeedsConsent()
    {
        // A file outside the workspace, as an imported Postman collection names one.
        QTemporaryDir elsewhere;
        QFile file(elsewhere.filePath(QStringLiteral("secret.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("s3cret\n");
        file.close();
        const QString secret = QFileInfo(file.fileName()).canonicalFilePath();
        const QString path = http("files/upload.http", QStringLiteral("### upload\n"
                                                                      "POST BASE/upload\n"
                                                                      "Content-Type: text/plain\n"
                                                                      "\n"
                                                                      "< %1\n"
                                                                      "\n"
                                                                      "?? status == 200\n")
                                                           .arg(secret));
        const Result refused = run({QStringLiteral("files")});
        QVERIFY2(refused.code == 1, qPrintable(refused.out + refused.err));
        QVERIFY2(refused.out.contains(QStringLiteral("FAIL  upload  not sent")),
                 qPrintable(refused.out));
        QVERIFY2(refused.out.contains(QStringLiteral("%1:5:3: the body reads %2, outside the "
                                                     "workspace; pass --allow-outside-files to "
                                                     "allow it")
                                          .arg(QFileInfo(path).absoluteFilePath(), secret)),
                 qPrintable(refused.out));

        const Result allowed =
            run({QStringLiteral("files"), QStringLiteral("--allow-outside-files")});
        QVERIFY2(allowed.code == 0, qPrintable(allowed.out + allowed.err));
        QVERIFY2(allowed.out.contains(QStringLiteral("PASS  upload  200 OK")),
                 qPrintable(allowed.out));
    }

private:
    // A port nothing listens on.
    struct QTcpServerHolder {
        quint16 port = 1;
    };
};

QTEST_GUILESS_MAIN(tst_RunCommand)
#include "tst_runcommand.moc"
