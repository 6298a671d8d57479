// `microrequests run` as CI runs it: the binary in a real process against the demo service
// on loopback, each option end to end, every reporter's file read back, and the exit codes.
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

namespace {

// How each exchange of a HAR file went: "HTTP/2" when it was carried over HTTP/2 (by the
// engine, or by Qt's path, which marks it in _path), "Qt's path" for Qt's path over
// HTTP/1.1, else the response's version over a connection of the engine's pool.
QStringList harCarriers(const QString &file)
{
    QFile har(file);
    if (!har.open(QIODevice::ReadOnly))
        return {QStringLiteral("cannot read ") + file};
    QStringList carriers;
    const QJsonArray entries = QJsonDocument::fromJson(har.readAll())
                                   .object()
                                   .value("log")
                                   .toObject()
                                   .value("entries")
                                   .toArray();
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        const QString path = entry.value("_path").toString();
        const QString version = entry.value("response").toObject().value("httpVersion").toString();
        if (version == QLatin1String("HTTP/2") || path.startsWith(QLatin1String("HTTP/2")))
            carriers.append(QStringLiteral("HTTP/2"));
        else if (!path.isEmpty())
            carriers.append(QStringLiteral("Qt's path"));
        else
            carriers.append(version + (entry.value("connection").toString().isEmpty()
                                           ? QStringLiteral(" without a connection")
                                           : QString()));
    }
    return carriers;
}

} // namespace

class tst_RunCommand : public RunCommandFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { start(); }

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

    // A run keeps only the responses some text refers to; a reference may sit in a request,
    // a file variable, an environment or a data row, and each still resolves.
    void referencesFromEnvironmentAndDataRowsResolve()
    {
        write("refs/http-client.env.json",
              "{\"dev\": {\"fromEnv\": \"{{first.response.headers.Content-Type}}\"}}");
        http("refs/refs.http", QStringLiteral("### first\n"
                                              "GET BASE/get\n"
                                              "\n"
                                              "### other\n"
                                              "GET BASE/headers\n"
                                              "\n"
                                              "### second\n"
                                              "GET BASE/anything/{{fromEnv}}/{{fromRow}}\n"
                                              "?? body $.url contains application/json/length-\n"));
        const QString rows =
            write("refs/rows.json",
                  "[{\"fromRow\": \"length-{{other.response.headers.Content-Length}}\"}]");
        const QString folder = m_dir.filePath("refs");
        const Result r = run({folder, QStringLiteral("--env"), QStringLiteral("dev"),
                              QStringLiteral("--data"), rows});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(r.out.count(QStringLiteral("PASS  ")), 3);
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
        const QString path =
            write("tls.http", QStringLiteral("GET %1/get\n?? status == 200\n\n###\nGET %1/uuid\n")
                                  .arg(service.httpsUrl().toString())
                                  .toUtf8());
        Result r = run({path});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QStringLiteral("no response")), qPrintable(r.out));
        r = run({path, QStringLiteral("--insecure")});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        // Kept alive as over a verified connection: the second request reuses the first's
        // (HTTP/2 by ALPN: its next stream).
        QVERIFY2(r.out.contains(QStringLiteral("#1 \u00b7 h2 stream 3")), qPrintable(r.out));
    }

    // --http2 / --http1.1 set the client's HTTP version; a request's own # @http1 wins.
    // Both are the engine's: HTTP/2 on http:// is prior knowledge to the demo's h2c.
    void httpVersionOptions()
    {
        const QString path =
            http("versions.http", QStringLiteral("### plain\nGET BASE/h2/settings?max-streams=9\n\n"
                                                 "### one\n# @http1\nGET BASE/h2/settings?max-"
                                                 "streams=9\n?? status == 400\n"));
        const QString report = m_dir.filePath(QStringLiteral("versions.har"));
        const auto carriers = [&](const QStringList &extra, const QString &file = QString()) {
            const Result r =
                run(QStringList{file.isEmpty() ? path : file, QStringLiteral("--reporter"),
                                QStringLiteral("har=") + report} +
                    extra);
            if (r.code != 0)
                return QStringList{QStringLiteral("exit %1: %2").arg(r.code).arg(r.out + r.err)};
            return harCarriers(report);
        };
        // HTTP/1.1 only: the demo's /h2/ routes refuse it (400), as the assertion expects.
        QCOMPARE(carriers({QStringLiteral("--http1.1")}), QStringList({"HTTP/1.1", "HTTP/1.1"}));
        QCOMPARE(carriers({}), QStringList({"HTTP/1.1", "HTTP/1.1"})); // http://: auto is 1.1
        const QStringList http2 = carriers({QStringLiteral("--http2")});
        QCOMPARE(http2.size(), 2);
        QCOMPARE(http2[0], QStringLiteral("HTTP/2"));
        QCOMPARE(http2[1], QStringLiteral("HTTP/1.1")); // # @http1 wins over --http2

        // The workspace's "protocol" sets the default too; the command line is above it.
        const QString inWorkspace = http("versions-ws/w.http", QStringLiteral("GET BASE/get\n"));
        write("versions-ws/microrequests.json", "{\"protocol\": \"http2\"}\n");
        const QStringList fromWorkspace = carriers({}, inWorkspace);
        QCOMPARE(fromWorkspace, QStringList{"HTTP/2"});
        QCOMPARE(carriers({QStringLiteral("--http1.1")}, inWorkspace), QStringList{"HTTP/1.1"});

        const Result both = run({path, QStringLiteral("--http2"), QStringLiteral("--http1.1")});
        QCOMPARE(both.code, 2);
        QVERIFY2(both.err.contains(QStringLiteral("--http2 and --http1.1 exclude each other")),
                 qPrintable(both.err));
        QVERIFY(both.out.isEmpty()); // nothing was sent

        const Result help = run({QStringLiteral("--help")});
        QVERIFY2(help.out.contains(QStringLiteral("--http2")) &&
                     help.out.contains(QStringLiteral("--http1.1")) &&
                     help.out.contains(QStringLiteral("prior knowledge")),
                 qPrintable(help.out));
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
