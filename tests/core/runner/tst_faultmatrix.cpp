// The fault matrix: every way a server or network misbehaves that we know of, table-driven,
// over real sockets — the demo service where it can misbehave that way, a scripted server
// where it cannot. Each fault is one .http file, sent twice: through the engine in this process
// (the exchange's error, the retry decision from the attempts on record, the connections the
// server saw, no file descriptor left open) and by `microrequests run` in a real process (its
// exit status). No case may hang: every wait is bounded.
#include "demo/demoserverthread.h"
#include "filedescriptors.h"
#include "http/contentencoder.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "scriptedserver.h"
#include "testcertificates.h"
#include "workspace/httpfileparser.h"
#include "workspace/requestresolver.h"
#include "workspace/variableexpander.h"
#include "workspace/workspacesettings.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <functional>
#include <memory>

using namespace mr;

namespace {

// Where a fault's requests go.
enum class Target {
    Demo,         // the demo service (plain HTTP)
    IdleDemo,     // a demo service that closes kept-alive connections idle for 150 ms
    Scripted,     // a ScriptedServer answering with the fault's script
    RefusedPort,  // a port nobody listens on
    Unresolvable, // a host name that never resolves (.invalid, RFC 6761)
    TlsUntrusted, // HTTPS with a certificate from a CA the client does not trust
    TlsExpired,   // HTTPS, trusted CA, certificate expired
    TlsWrongHost, // HTTPS, trusted CA, certificate for another host name
};

struct Fault {
    const char *name;
    Target target;
    // The .http file: "BASE" stands for the target's base URL. Its last request is the one
    // whose exchange is checked; requests before it set the stage (a kept-alive connection).
    QString http;
    ScriptedServer::Script script = {};
    int pauseMs = 0;            // between the requests (in this process and `run --delay`)
    QRegularExpression error;   // matched against the checked exchange's error; empty: none
    int status = 0;             // of the checked exchange; 0: no response
    int attempts = 1;           // attempts on record for the checked exchange
    int serverConnections = -1; // connections the scripted server accepted, -1: not checked
    int runExit = 1;            // `microrequests run FILE`
};

ScriptedServer::Answer ok(const QByteArray &body = "ok", const QByteArray &extraHeaders = {})
{
    return {"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + extraHeaders +
                "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body,
            false};
}

ScriptedServer::Answer closeWithoutAnswer()
{
    return {QByteArray(), true};
}

QByteArray manyHeaders(int count)
{
    QByteArray head = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < count; ++i)
        head += "X-Field-" + QByteArray::number(i) + ": v\r\n";
    return head + "Content-Length: 2\r\n\r\nok";
}

// Content-Encoding: gzip, gzip over 64 MB of zeros: a few kilobytes on the wire.
QByteArray stackedGzipBomb()
{
    static const QByteArray body = [] {
        const QByteArray inner = *ContentEncoder::encode("gzip", QByteArray(64 << 20, '\0'));
        return *ContentEncoder::encode("gzip", inner);
    }();
    return body;
}

const QList<Fault> &faults()
{
    static const QList<Fault> list = [] {
        const QRegularExpression none;
        auto re = [](const char *pattern) {
            return QRegularExpression(QLatin1String(pattern),
                                      QRegularExpression::CaseInsensitiveOption);
        };
        QList<Fault> f;
        // A body cut short: a status arrived, the body did not; the exchange failed.
        f.append({"truncated body",
                  Target::Demo,
                  "GET BASE/fault/truncate\n",
                  {},
                  0,
                  re("incomplete|cut short|closed"),
                  200,
                  1});
        f.append({"reset mid-body",
                  Target::Demo,
                  "GET BASE/fault/reset\n",
                  {},
                  0,
                  re("incomplete|cut short|reset|closed"),
                  200,
                  1});
        f.append({"Content-Length longer than the body, then close", Target::Scripted,
                  "GET BASE/short\n",
                  [](const QByteArray &, int) {
                      return ScriptedServer::Answer{
                          "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b", true};
                  },
                  0, re("incomplete|cut short|closed"), 200, 1, 1});
        // Nothing at all on a fresh connection: read errors are not retried by default.
        f.append({"connection dropped before the response",
                  Target::Demo,
                  "GET BASE/fault/drop\n",
                  {},
                  0,
                  re("closed|reset"),
                  0,
                  1});
        f.append({"slow headers past the timeout",
                  Target::Demo,
                  "# @timeout 300 ms\nGET BASE/fault/slow-headers/5000\n",
                  {},
                  0,
                  re("timeout|timed out|no data"),
                  0,
                  1});
        // Connection: close answers: each request on a connection of its own, all succeed.
        f.append({"Connection: close answers", Target::Scripted,
                  "GET BASE/a\n\n###\nGET BASE/b\n\n###\nGET BASE/c\n",
                  [](const QByteArray &, int) {
                      ScriptedServer::Answer a = ok("closing", "Connection: close\r\n");
                      a.closeAfter = true;
                      return a;
                  },
                  0, none, 200, 1, 3, 0});
        // The server closes idle kept-alive connections: noticed before reuse, never failed.
        f.append({"idle keep-alive closed by the server",
                  Target::IdleDemo,
                  "GET BASE/get\n\n###\nGET BASE/get\n\n###\nGET BASE/get\n",
                  {},
                  400,
                  none,
                  200,
                  1,
                  -1,
                  0});
        // A kept-alive connection the server closes when the next request arrives, before
        // any response byte: a GET is re-sent once on a new connection, on record…
        f.append({"kept-alive closed before the response, GET", Target::Scripted,
                  "GET BASE/first\n\n###\nGET BASE/second\n",
                  [](const QByteArray &, int index) {
                      return index == 1 ? ok("first") : closeWithoutAnswer();
                  },
                  0, none, 200, 2, 2, 0});
        // … a POST whose bytes left is not: the server may have acted on it.
        f.append({"kept-alive closed before the response, POST", Target::Scripted,
                  "GET BASE/first\n\n###\nPOST BASE/order\nContent-Type: application/json\n\n"
                  "{\"pay\": 10}\n",
                  [](const QByteArray &, int index) {
                      return index == 1 ? ok("first") : closeWithoutAnswer();
                  },
                  0, re("closed"), 0, 1, 1, 1});
        f.append({"server closes at once on every connection", Target::Scripted,
                  "POST BASE/order\nContent-Type: text/plain\n\npay 10\n",
                  [](const QByteArray &, int) { return closeWithoutAnswer(); }, 0, re("closed"), 0,
                  1, 1, 1});
        // 503 with Retry-After: returned as it is unless status retries are on…
        f.append({"503 with Retry-After, status retries off", Target::Scripted, "GET BASE/busy\n",
                  [](const QByteArray &, int) {
                      return ScriptedServer::Answer{"HTTP/1.1 503 Service Unavailable\r\n"
                                                    "Retry-After: 1\r\nContent-Length: 4\r\n\r\n"
                                                    "busy",
                                                    false};
                  },
                  0, none, 503, 1, 1, 0});
        // … then retried after the stated delay.
        f.append({"503 with Retry-After, status retries on", Target::Scripted,
                  "# @retries 1\nGET BASE/busy\n",
                  [](const QByteArray &, int index) {
                      if (index == 1)
                          return ScriptedServer::Answer{
                              "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
                              "Content-Length: 4\r\n\r\nbusy",
                              false};
                      return ok("done");
                  },
                  0, none, 200, 2, 1, 0});
        f.append({"refused port", Target::RefusedPort, "GET BASE/\n", {}, 0, re("refused"), 0, 2});
        f.append({"unresolvable host",
                  Target::Unresolvable,
                  "GET BASE/\n",
                  {},
                  0,
                  re("not found|resolve|look"),
                  0,
                  2});
        f.append({"TLS: untrusted certificate",
                  Target::TlsUntrusted,
                  "GET BASE/get\n",
                  {},
                  0,
                  re("certificate|TLS|SSL"),
                  0,
                  1});
        f.append({"TLS: expired certificate",
                  Target::TlsExpired,
                  "GET BASE/get\n",
                  {},
                  0,
                  re("expired"),
                  0,
                  1});
        f.append({"TLS: certificate for another host",
                  Target::TlsWrongHost,
                  "GET BASE/get\n",
                  {},
                  0,
                  re("is for .*, not"),
                  0,
                  1});
        f.append({"redirect loop", Target::Scripted, "GET BASE/loop\n",
                  [](const QByteArray &, int) {
                      return ScriptedServer::Answer{
                          "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n",
                          false};
                  },
                  0, re("too many redirects"), 302, 11, 1, 1});
        // Limits: a specific error, and the connection closed.
        f.append({"10,000 response header fields", Target::Scripted, "GET BASE/\n",
                  [](const QByteArray &, int) {
                      return ScriptedServer::Answer{manyHeaders(10000), false};
                  },
                  0, re("response too large: too many header fields"), 0, 1, 1, 1});
        f.append({"a 1 MB header line", Target::Scripted, "GET BASE/\n",
                  [](const QByteArray &, int) {
                      return ScriptedServer::Answer{
                          "HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(1024 * 1024, 'a') +
                              "\r\nContent-Length: 2\r\n\r\nok",
                          false};
                  },
                  0, re("response too large: the response head is too large"), 0, 1, 1, 1});
        f.append({"1xx responses before the final one", Target::Scripted, "GET BASE/\n",
                  [](const QByteArray &, int) {
                      return ScriptedServer::Answer{
                          "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n"
                          "Link: </style.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\n"
                          "Content-Length: 5\r\n\r\nfinal",
                          false};
                  },
                  0, none, 200, 1, 1, 0});
        f.append({"invalid chunk size", Target::Scripted, "GET BASE/\n",
                  [](const QByteArray &, int) {
                      return ScriptedServer::Answer{
                          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n"
                          "0\r\n\r\n",
                          false};
                  },
                  0, re("chunk"), 200, 1, 1, 1});
        f.append({"negative Content-Length", Target::Scripted, "GET BASE/\n",
                  [](const QByteArray &, int) {
                      return ScriptedServer::Answer{
                          "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello", false};
                  },
                  0, re("content-length"), 0, 1, 1, 1});
        f.append({"a status line that is not HTTP", Target::Scripted, "GET BASE/\n",
                  [](const QByteArray &, int) {
                      return ScriptedServer::Answer{"SSH-2.0-OpenSSH_9.2\r\n\r\n", true};
                  },
                  0, re("status line|malformed|not an HTTP"), 0, 1, 1, 1});
        // Both Transfer-Encoding and Content-Length: chunked wins, the connection is not reused.
        f.append({"Transfer-Encoding with Content-Length", Target::Scripted,
                  "GET BASE/a\n\n###\nGET BASE/b\n",
                  [](const QByteArray &, int) {
                      return ScriptedServer::Answer{
                          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n"
                          "\r\n5\r\nhello\r\n0\r\n\r\n",
                          false};
                  },
                  0, none, 200, 1, 2, 0});
        // Bytes after a response that has no body must not answer the next request.
        f.append(
            {"a body after a HEAD response", Target::Scripted, "HEAD BASE/a\n\n###\nGET BASE/b\n",
             [](const QByteArray &request, int) {
                 if (request.startsWith("HEAD"))
                     return ScriptedServer::Answer{
                         "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 418 Smuggled\r\n"
                         "Content-Length: 0\r\n\r\n",
                         false};
                 return ok("the real one");
             },
             0, none, 200, 1, 2, 0});
        f.append({"a body after a 204 response", Target::Scripted,
                  "GET BASE/a\n\n###\nGET BASE/b\n",
                  [](const QByteArray &request, int) {
                      if (request.startsWith("GET /a"))
                          return ScriptedServer::Answer{
                              "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 418 Smuggled\r\n"
                              "Content-Length: 0\r\n\r\n",
                              false};
                      return ok("the real one");
                  },
                  0, none, 200, 1, 2, 0});
        f.append({"Content-Encoding: gzip, gzip bomb", Target::Scripted, "GET BASE/\n",
                  [](const QByteArray &, int) {
                      const QByteArray body = stackedGzipBomb();
                      return ScriptedServer::Answer{
                          "HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip\r\nContent-Length: " +
                              QByteArray::number(body.size()) + "\r\n\r\n" + body,
                          false};
                  },
                  0, re("ratio|decoded|decompress"), 200, 1, 1, 1});
        // Digest credentials never answer a Basic challenge: the password stays home.
        f.append({"Basic challenge to Digest credentials", Target::Scripted,
                  "GET BASE/secret\nAuthorization: Digest alice s3cret\n",
                  [](const QByteArray &request, int) {
                      if (request.toLower().contains("\r\nauthorization:"))
                          return ok("leaked");
                      return ScriptedServer::Answer{"HTTP/1.1 401 Unauthorized\r\n"
                                                    "WWW-Authenticate: Basic realm=\"x\"\r\n"
                                                    "Content-Length: 0\r\n\r\n",
                                                    false};
                  },
                  0, re("digest.*basic|basic.*digest"), 401, 1, 1, 1});
        return f;
    }();
    return list;
}

} // namespace

class tst_FaultMatrix : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    DemoServerThread m_demo;
    DemoServerThread m_idleDemo;
    DemoServerThread m_untrusted;
    DemoServerThread m_expired;
    DemoServerThread m_wrongHost;
    TestCertificates m_certificates;
    QString m_binary;

    // The base URL of a target; `server` is the scripted server's, when the target is one.
    QString baseUrl(const Fault &fault, const ScriptedServer *server) const
    {
        switch (fault.target) {
        case Target::Demo: return m_demo.httpUrl().toString();
        case Target::IdleDemo: return m_idleDemo.httpUrl().toString();
        case Target::Scripted: return server->baseUrl();
        case Target::RefusedPort: {
            QTcpServer probe; // a port that was free a moment ago and is closed now
            probe.listen(QHostAddress::LocalHost, 0);
            const quint16 port = probe.serverPort();
            probe.close();
            return QStringLiteral("http://127.0.0.1:%1").arg(port);
        }
        case Target::Unresolvable: return QStringLiteral("http://no-such-host.invalid");
        case Target::TlsUntrusted: return m_untrusted.httpsUrl().toString();
        case Target::TlsExpired: return m_expired.httpsUrl().toString();
        case Target::TlsWrongHost: return m_wrongHost.httpsUrl().toString();
        }
        return {};
    }

    // The fault's workspace: its .http file, and a microrequests.json trusting the test CA
    // for the TLS faults that are about something else than trust.
    QString writeWorkspace(const Fault &fault, const QString &base, const QString &name)
    {
        const QString folder = m_dir.filePath(name);
        QDir().mkpath(folder);
        if (fault.target == Target::TlsExpired || fault.target == Target::TlsWrongHost) {
            QFile settings(folder + QStringLiteral("/microrequests.json"));
            if (!settings.open(QIODevice::WriteOnly))
                return {};
            settings.write(QJsonDocument(QJsonObject{{QStringLiteral("tls"),
                                                      QJsonObject{{QStringLiteral("caFile"),
                                                                   m_certificates.caFile}}}})
                               .toJson());
        }
        const QString path = folder + QStringLiteral("/fault.http");
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        QString text = fault.http;
        file.write(text.replace(QStringLiteral("BASE"), base).toUtf8());
        return path;
    }

    std::unique_ptr<ScriptedServer> serverFor(const Fault &fault)
    {
        if (fault.target != Target::Scripted)
            return nullptr;
        return std::make_unique<ScriptedServer>(fault.script);
    }

    static bool waitUntil(const std::function<bool()> &done, int ms)
    {
        QElapsedTimer clock;
        clock.start();
        while (!done()) {
            if (clock.elapsed() > ms)
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            QThread::msleep(1);
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_binary = qEnvironmentVariable("MR_BINARY");
        QVERIFY2(QFileInfo(m_binary).isExecutable(), "MR_BINARY must name microrequests");
        QVERIFY(faults().size() >= 20);
        QString error;
        QVERIFY2(m_demo.start(DemoServer::Options(), &error), qPrintable(error));
        DemoServer::Options idle;
        idle.idleTimeoutMs = 150;
        QVERIFY2(m_idleDemo.start(idle, &error), qPrintable(error));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("certs"))));
        QVERIFY2(TestCertificates::generate(m_dir.filePath(QStringLiteral("certs")),
                                            &m_certificates, &error),
                 qPrintable(error));
        // Untrusted: the test CA's certificate, and a client that does not know the CA.
        QVERIFY2(m_untrusted.start(m_certificates.demoOptions(), &error), qPrintable(error));
        DemoServer::Options expired = m_certificates.demoOptions();
        QVERIFY2(m_certificates.issue(QStringLiteral("expired"),
                                      QStringLiteral("IP:127.0.0.1,DNS:localhost"), -1,
                                      &expired.certFile, &expired.keyFile, &error),
                 qPrintable(error));
        QVERIFY2(m_expired.start(expired, &error), qPrintable(error));
        DemoServer::Options wrongHost = m_certificates.demoOptions();
        QVERIFY2(m_certificates.issue(QStringLiteral("wronghost"),
                                      QStringLiteral("DNS:elsewhere.example"), 30,
                                      &wrongHost.certFile, &wrongHost.keyFile, &error),
                 qPrintable(error));
        QVERIFY2(m_wrongHost.start(wrongHost, &error), qPrintable(error));
        stackedGzipBomb(); // made once, before any fd is counted
    }

    void fault_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < faults().size(); ++i)
            QTest::newRow(faults().at(i).name) << i;
    }

    // One fault through the engine in this process: the error, the retry decision from the
    // attempts on record, the connections the scripted server saw.
    void sendThroughEngine(const Fault &fault, const QString &name)
    {
        const std::unique_ptr<ScriptedServer> server = serverFor(fault);
        const QString path = writeWorkspace(fault, baseUrl(fault, server.get()), name);
        QVERIFY(!path.isEmpty());
        const HttpFile file = HttpFileParser::parseFile(path);
        QVERIFY2(!file.hasErrors(), qPrintable(fault.http));
        QVERIFY(!file.requests.isEmpty());

        HttpClient client;
        const WorkspaceSettings settings = WorkspaceSettings::load(QFileInfo(path).absolutePath());
        QVERIFY(settings.diagnostics.isEmpty());
        settings.applyTo(client);
        Exchange exchange;
        for (int i = 0; i < file.requests.size(); ++i) {
            if (i > 0 && fault.pauseMs > 0)
                QTest::qWait(fault.pauseMs);
            const RequestResolver::Result resolved = RequestResolver::resolve(
                file.requests.at(i), VariableExpander(), QFileInfo(path).absolutePath());
            QVERIFY2(resolved.ok(), qPrintable(resolved.error));
            std::unique_ptr<ExchangeJob> job(client.send(resolved.request));
            QSignalSpy finished(job.get(), &ExchangeJob::finished);
            QVERIFY2(finished.count() > 0 || finished.wait(30000), "the request hung");
            exchange = job->exchange();
        }

        const QString failure = exchange.error;
        if (fault.error.pattern().isEmpty()) {
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        } else {
            QVERIFY2(fault.error.match(failure).hasMatch(),
                     qPrintable(QStringLiteral("error \"%1\" does not match /%2/")
                                    .arg(failure, fault.error.pattern())));
        }
        QCOMPARE(exchange.status, fault.status);
        QCOMPARE(exchange.attempts.size(), fault.attempts);
        if (fault.serverConnections >= 0)
            QCOMPARE(server->connections(), fault.serverConnections);
        client.closeIdleConnections();
    }

    // Sent twice: the first time warms what the process keeps once made (Qt's DNS lookup
    // threads, the TLS library); the second must leave exactly as many file descriptors open
    // as there were before it, once the sockets of both ends are closed.
    void fault()
    {
        QFETCH(int, index);
        const Fault &fault = faults().at(index);
        sendThroughEngine(fault, QStringLiteral("engine-%1").arg(index));
        if (QTest::currentTestFailed())
            return;
        const int fdsBefore = settledFileDescriptors();
        sendThroughEngine(fault, QStringLiteral("engine-%1-again").arg(index));
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(waitUntil([&] { return openFileDescriptors() <= fdsBefore; }, 10000),
                 qPrintable(QStringLiteral("%1 file descriptors open, %2 before")
                                .arg(openFileDescriptors())
                                .arg(fdsBefore)));
    }

    void runExitStatus_data() { fault_data(); }

    // The same file through `microrequests run`: the exit status a CI job sees.
    void runExitStatus()
    {
        QFETCH(int, index);
        const Fault &fault = faults().at(index);
        const std::unique_ptr<ScriptedServer> server = serverFor(fault);
        const QString path = writeWorkspace(fault, baseUrl(fault, server.get()),
                                            QStringLiteral("run-%1").arg(index));
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath("config"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath("data"));
        process.setProcessEnvironment(environment);
        QStringList arguments{QStringLiteral("run"), path};
        if (fault.pauseMs > 0)
            arguments << QStringLiteral("--delay") << QString::number(fault.pauseMs);
        process.start(m_binary, arguments);
        // The scripted server lives in this thread: keep its event loop turning.
        QVERIFY2(waitUntil([&] { return process.state() == QProcess::NotRunning; }, 60000),
                 "microrequests run hung");
        const QString output =
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == fault.runExit,
                 qPrintable(QStringLiteral("exit %1, expected %2:\n%3")
                                .arg(process.exitCode())
                                .arg(fault.runExit)
                                .arg(output)));
    }
};

QTEST_GUILESS_MAIN(tst_FaultMatrix)
#include "tst_faultmatrix.moc"
