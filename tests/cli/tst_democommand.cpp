// `microrequests demo-server` as a user runs it: a real process, its stdout, its signals.
#include "rawhttpconnection.h"
#include "testcertificates.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class tst_DemoCommand : public QObject
{
    Q_OBJECT
    QString m_binary;

    // Starts demo-server and reads the URL lines it promises to print first.
    bool start(QProcess &process, const QStringList &arguments, int lines, QList<QUrl> *urls)
    {
        process.start(m_binary, QStringList{QStringLiteral("demo-server")} + arguments);
        if (!process.waitForStarted(5000))
            return false;
        while (urls->size() < lines) {
            if (!process.canReadLine() && !process.waitForReadyRead(10000))
                return false;
            while (process.canReadLine() && urls->size() < lines)
                urls->append(QUrl(QString::fromUtf8(process.readLine().trimmed())));
        }
        return true;
    }

    static QByteArray runExpectingFailure(const QString &binary, const QStringList &arguments,
                                          int *code)
    {
        QProcess process;
        process.start(binary, arguments);
        process.waitForFinished(10000);
        *code = process.exitCode();
        return process.readAllStandardError();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_binary = qEnvironmentVariable("MR_BINARY",
                                        QCoreApplication::applicationDirPath() + "/microrequests");
        QVERIFY2(QFile::exists(m_binary), "MR_BINARY must name the built microrequests executable");
    }

    void servesAndStopsCleanly_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void servesAndStopsCleanly()
    {
        QFETCH(int, signalNumber);
        QProcess process;
        QList<QUrl> urls;
        QVERIFY(start(process, {}, 1, &urls));
        QCOMPARE(urls.first().scheme(), QStringLiteral("http"));
        QCOMPARE(urls.first().host(), QStringLiteral("127.0.0.1"));
        RawHttpConnection c;
        QVERIFY(c.connectTo(urls.first()));
        QVERIFY(c.sendRequest("GET", "/get"));
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        ::kill(pid_t(process.processId()), signalNumber);
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(!c.connectTo(urls.first(), 1000)); // nothing listens any more
    }

    void servesHttpsWhenAsked()
    {
        QTemporaryDir dir;
        TestCertificates certificates;
        QString error;
        QVERIFY2(TestCertificates::generate(dir.path(), &certificates, &error), qPrintable(error));
        QProcess process;
        QList<QUrl> urls;
        QVERIFY(start(process,
                      {"--tls-port", "0", "--cert", certificates.serverCertFile, "--key",
                       certificates.serverKeyFile, "--idle-timeout", "5000"},
                      2, &urls));
        QCOMPARE(urls[0].scheme(), QStringLiteral("http"));
        QCOMPARE(urls[1].scheme(), QStringLiteral("https"));
        RawHttpConnection c;
        QVERIFY2(c.connectEncrypted(urls[1], certificates.caCertificates()),
                 qPrintable(c.lastError()));
        QVERIFY(c.sendRequest("GET", "/uuid"));
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitCode(), 0);
    }

    void latencyDelaysNewConnectionsAndFirstBytes()
    {
        const int latency = 150;
        QProcess process;
        QList<QUrl> urls;
        QVERIFY(start(process, {"--latency", QString::number(latency)}, 1, &urls));
        RawHttpConnection c;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(c.connectTo(urls.first()));
        QVERIFY(c.sendRequest("GET", "/get"));
        auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        // Served after the connection's latency, answered after the first byte's: lower
        // bounds only.
        QVERIFY2(clock.elapsed() >= 2 * latency, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(r->headers.value("Server-Timing"),
                 "simulated-latency;dur=" + QByteArray::number(latency) +
                     ";desc=\"demo-server --latency\"");
        clock.restart();
        QVERIFY(c.sendRequest("GET", "/get"));
        r = c.readResponse();
        QVERIFY(r);
        QVERIFY2(clock.elapsed() >= latency, qPrintable(QString::number(clock.elapsed())));
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
    }

    void badUsageExitsWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad port") << QStringList{"demo-server", "--port", "http"}
                                  << "--port: \"http\" is not a port";
        QTest::newRow("port too big")
            << QStringList{"demo-server", "--port", "70000"} << "is not a port";
        QTest::newRow("unknown option")
            << QStringList{"demo-server", "--frobnicate"} << "Unknown option";
        QTest::newRow("cert without tls port")
            << QStringList{"demo-server", "--cert", "x.pem"} << "need --tls-port";
        QTest::newRow("missing certificate")
            << QStringList{"demo-server", "--tls-port",      "0", "--cert", "/nonexistent.pem",
                           "--key",       "/nonexistent.key"}
            << "/nonexistent.pem";
        QTest::newRow("bad idle timeout")
            << QStringList{"demo-server", "--idle-timeout", "soon"} << "--idle-timeout";
        QTest::newRow("bad latency")
            << QStringList{"demo-server", "--latency", "far"} << "--latency: \"far\"";
        QTest::newRow("negative latency")
            << QStringList{"demo-server", "--latency", "-5"} << "--latency";
        QTest::newRow("bad host") << QStringList{"demo-server", "--host", "not-an-ip"}
                                  << "not an IP address";
        QTest::newRow("missing workspace")
            << QStringList{"/nonexistent/workspace"} << "no such file or folder";
    }

    void badUsageExitsWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        int code = -1;
        const QByteArray stderrText = runExpectingFailure(m_binary, arguments, &code);
        QCOMPARE(code, 2);
        QVERIFY2(stderrText.contains(message.toUtf8()), stderrText.constData());
    }

    void helpDescribesTheCommand()
    {
        QProcess process;
        process.start(m_binary, {"demo-server", "--help"});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray help = process.readAllStandardOutput();
        for (const char *option :
             {"--host", "--port", "--tls-port", "--cert", "--key", "--idle-timeout", "--latency"})
            QVERIFY2(help.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(tst_DemoCommand)
#include "tst_democommand.moc"
