// `microrequests bench` as a user runs it, against the demo service in a real process.
#include "demo/demoserverthread.h"
#include "testcertificates.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class tst_BenchCommand : public QObject
{
    Q_OBJECT
    QString m_binary;
    mr::DemoServerThread m_service;

    QByteArray run(const QStringList &arguments, int *code, QByteArray *errors = nullptr)
    {
        QProcess process;
        process.start(m_binary, QStringList{QStringLiteral("bench")} + arguments);
        process.waitForFinished(60000);
        *code = process.exitCode();
        if (errors)
            *errors = process.readAllStandardError();
        return process.readAllStandardOutput();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_binary = qEnvironmentVariable("MR_BINARY",
                                        QCoreApplication::applicationDirPath() + "/microrequests");
        QVERIFY(QFile::exists(m_binary));
        QString error;
        QVERIFY2(m_service.start(mr::DemoServer::Options(), &error), qPrintable(error));
    }

    void jsonHasExactlyTheDocumentedKeys()
    {
        int code = -1;
        const QByteArray out = run({m_service.httpUrl().toString() + "/uuid", "--requests", "300",
                                    "--concurrency", "4", "--max-per-host", "2", "--json"},
                                   &code);
        QCOMPARE(code, 0);
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QStringList keys = json.keys();
        keys.sort();
        QCOMPARE(keys, QStringList({"concurrency", "connections_opened", "errors", "latency_ms",
                                    "max_per_host", "requests", "requests_per_second", "reused",
                                    "seconds"}));
        QCOMPARE(json.value("requests").toInt(), 300);
        QCOMPARE(json.value("concurrency").toInt(), 4);
        QCOMPARE(json.value("max_per_host").toInt(), 2);
        QCOMPARE(json.value("connections_opened").toInt(), 2);
        QCOMPARE(json.value("reused").toInt(), 298);
        QCOMPARE(json.value("errors").toInt(), 0);
        const QJsonObject latency = json.value("latency_ms").toObject();
        QCOMPARE(latency.keys(), QStringList({"max", "p50", "p90", "p99"}));
        QVERIFY(latency.value("p50").toDouble() <= latency.value("p99").toDouble());
        QVERIFY(latency.value("p99").toDouble() <= latency.value("max").toDouble());
        QVERIFY(json.value("requests_per_second").toDouble() > 0);
    }

    void textReportAndNoReuse()
    {
        int code = -1;
        const QByteArray out =
            run({m_service.httpUrl().toString() + "/get", "--requests", "20", "--no-reuse"}, &code);
        QCOMPARE(code, 0);
        QVERIFY2(out.contains("20 opened, 0 requests reused one"), out.constData());
        QVERIFY(out.contains("keep-alive off"));
    }

    void resetMidBodyCountsAsBenchError_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("reset") << QStringLiteral("/fault/reset");
        QTest::newRow("truncate") << QStringLiteral("/fault/truncate");
    }

    void resetMidBodyCountsAsBenchError()
    {
        // A status arrived, the whole body did not: an error, not a completed request.
        QFETCH(QString, fault);
        int code = -1;
        QByteArray out = run({m_service.httpUrl().toString() + fault, "--requests", "3"}, &code);
        QCOMPARE(code, 1);
        QVERIFY2(out.contains("errors       3"), out.constData());
        QVERIFY2(out.contains("Incomplete response body"), out.constData());
        out = run({m_service.httpUrl().toString() + fault, "--requests", "3", "--json"}, &code);
        QCOMPARE(code, 1);
        QCOMPARE(QJsonDocument::fromJson(out).object().value("errors").toInt(), 3);
    }

    void harHasRealPhasesAndConnections()
    {
        QTemporaryDir dir;
        const QString har = dir.filePath("run.har");
        int code = -1;
        run({m_service.httpUrl().toString() + "/post", "--requests", "5", "--method", "POST",
             "--header", "Content-Type: application/json", "--data", "{\"a\":1}", "--har", har},
            &code);
        QCOMPARE(code, 0);
        QFile file(har);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject log =
            QJsonDocument::fromJson(file.readAll()).object().value("log").toObject();
        QCOMPARE(log.value("version").toString(), QStringLiteral("1.2"));
        const QJsonArray entries = log.value("entries").toArray();
        QCOMPARE(entries.size(), 5);
        int reused = 0;
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            const QJsonObject timings = entry.value("timings").toObject();
            QVERIFY(entry.value("connection").toString().endsWith(QLatin1String("#1")));
            QCOMPARE(entry.value("request").toObject().value("method").toString(),
                     QStringLiteral("POST"));
            QCOMPARE(entry.value("request")
                         .toObject()
                         .value("postData")
                         .toObject()
                         .value("text")
                         .toString(),
                     QStringLiteral("{\"a\":1}"));
            QCOMPARE(entry.value("response").toObject().value("status").toInt(), 200);
            for (const char *phase : {"send", "wait", "receive"})
                QVERIFY(timings.value(phase).toDouble() >= 0);
            double sum = 0;
            for (const char *phase : {"blocked", "dns", "connect", "send", "wait", "receive"})
                sum += qMax(0.0, timings.value(phase).toDouble());
            QVERIFY(qAbs(entry.value("time").toDouble() - sum) < 0.01);
            if (entry.value("_reused").toBool()) {
                ++reused;
                QCOMPARE(timings.value("connect").toDouble(), -1.0);
            } else {
                QVERIFY(timings.value("connect").toDouble() >= 0);
            }
            QCOMPARE(timings.value("ssl").toDouble(), -1.0); // plain HTTP
            QCOMPARE(entry.value("_attempts").toArray().size(), 1);
        }
        QCOMPARE(reused, 4);
    }

    // A HAR file goes into tickets: bench masks secret headers as run's reporters do.
    void harRedactsSecretHeaders()
    {
        QTemporaryDir dir;
        for (const bool keep : {false, true}) {
            const QString har = dir.filePath(keep ? "kept.har" : "masked.har");
            QStringList arguments{m_service.httpUrl().toString() + "/get",
                                  "--requests",
                                  "2",
                                  "--header",
                                  "Authorization: Bearer s3cr3t-token",
                                  "--header",
                                  "Cookie: session=abcdef123",
                                  "--har",
                                  har};
            if (keep)
                arguments.append("--no-redact");
            int code = -1;
            run(arguments, &code);
            QCOMPARE(code, 0);
            QFile file(har);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray text = file.readAll();
            QCOMPARE(text.contains("s3cr3t-token"), keep);
            QCOMPARE(text.contains("abcdef123"), keep);
            QCOMPARE(text.contains("***"), !keep);
        }
    }

    // An https test server: refused without trust, loaded with its CA (--cacert) or with
    // nothing verified (--insecure); a file that holds no certificate is refused up front.
    void httpsWithCacertOrInsecure()
    {
        QTemporaryDir certificates;
        TestCertificates tls;
        mr::DemoServerThread service;
        QString error;
        if (!TestCertificates::startDemo(certificates.path(), &tls, &service, &error))
            QSKIP(qPrintable(error));
        const QString url = service.httpsUrl().toString() + "/get";
        int code = -1;
        QByteArray errors;
        QByteArray out = run({url, "--requests", "20", "--concurrency", "2"}, &code);
        QCOMPARE(code, 1);
        QVERIFY2(out.contains("errors       20"), out.constData());

        for (const QStringList &trust :
             {QStringList{"--cacert", tls.caFile}, QStringList{"--insecure"}}) {
            out = run(QStringList{url, "--requests", "50", "--concurrency", "4", "--json"} + trust,
                      &code, &errors);
            QVERIFY2(code == 0, errors.constData());
            const QJsonObject json = QJsonDocument::fromJson(out).object();
            QCOMPARE(json.value("errors").toInt(), 0);
            // ALPN chose HTTP/2: one connection carries the four in flight as streams.
            QCOMPARE(json.value("connections_opened").toInt(), 1);
            QCOMPARE(json.value("reused").toInt(), 49);
        }

        const QString notPem = certificates.filePath("not.pem");
        QFile file(notPem);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a certificate\n");
        file.close();
        run({url, "--cacert", notPem}, &code, &errors);
        QCOMPARE(code, 2);
        QVERIFY2(errors.contains("--cacert") && errors.contains("no PEM certificate"),
                 errors.constData());
    }

    // --http2 / --http1.1: the version every request of the run uses. HTTP/1.1 is our
    // pool's (a connection each exchange names); HTTP/2 is too, prior knowledge on http://.
    void httpVersionOptions()
    {
        QTemporaryDir dir;
        const QString har = dir.filePath("bench.har");
        const QString url = m_service.httpUrl().toString() + "/get";
        const auto carriers = [&](const QString &option) {
            int code = -1;
            QByteArray errors;
            run({url, "--requests", "3", "--har", har, option}, &code, &errors);
            if (code != 0)
                return QStringList{QString::fromUtf8(errors)};
            QFile file(har);
            if (!file.open(QIODevice::ReadOnly))
                return QStringList{QStringLiteral("no HAR file")};
            QStringList out;
            const QJsonArray entries = QJsonDocument::fromJson(file.readAll())
                                           .object()
                                           .value("log")
                                           .toObject()
                                           .value("entries")
                                           .toArray();
            for (const QJsonValue &value : entries) {
                const QJsonObject entry = value.toObject();
                const QString path = entry.value("_path").toString();
                const QString version =
                    entry.value("response").toObject().value("httpVersion").toString();
                if (version == QLatin1String("HTTP/2") || path.startsWith(QLatin1String("HTTP/2")))
                    out.append(QStringLiteral("HTTP/2"));
                else if (!path.isEmpty())
                    out.append(QStringLiteral("Qt's path"));
                else if (!entry.value("connection").toString().isEmpty())
                    out.append(version);
                else
                    out.append(QStringLiteral("no connection"));
            }
            return out;
        };
        QCOMPARE(carriers("--http1.1"), QStringList({"HTTP/1.1", "HTTP/1.1", "HTTP/1.1"}));
        QCOMPARE(carriers("--http2"), QStringList({"HTTP/2", "HTTP/2", "HTTP/2"}));

        int code = -1;
        QByteArray errors;
        run({url, "--http2", "--http1.1"}, &code, &errors);
        QCOMPARE(code, 2);
        QVERIFY2(errors.contains("--http2 and --http1.1 exclude each other"), errors.constData());
        const QByteArray help = run({"--help"}, &code);
        QCOMPARE(code, 0);
        QVERIFY(help.contains("--http2") && help.contains("--http1.1"));
    }

    void exitCodes()
    {
        int code = -1;
        QByteArray errors;
        run({"not a url"}, &code, &errors);
        QCOMPARE(code, 2);
        QVERIFY(errors.contains("is not an http:// or https:// URL"));
        run({m_service.httpUrl().toString(), "--concurrency", "0"}, &code, &errors);
        QCOMPARE(code, 2);
        QVERIFY(errors.contains("--concurrency"));
        run({m_service.httpUrl().toString(), "--header", "nocolon"}, &code, &errors);
        QCOMPARE(code, 2);
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        const QByteArray out =
            run({QStringLiteral("http://127.0.0.1:%1/").arg(port), "--requests", "3"}, &code);
        QCOMPARE(code, 1);
        QVERIFY(out.contains("errors       3"));
        QVERIFY(out.contains("Connection refused"));
    }
};

QTEST_GUILESS_MAIN(tst_BenchCommand)
#include "tst_benchcommand.moc"
