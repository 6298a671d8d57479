// Differential proof of the engine: the same requests through our pool and through Qt's
// own QNetworkAccessManager, against four independent servers (the demo service, nginx,
// Python's http.server, a Node http server), must give the same status, headers and decoded
// body — after the published normalisations below. Every case also checks that our path
// served it.
#include "demo/demoserverthread.h"
#include "localports.h"
#include "net/enginereply.h"
#include "net/httpclient.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

namespace {

// What legitimately differs between the two paths, and why.
struct Normalisation {
    const char *what;
    const char *why;
};
const Normalisation Normalisations[] = {
    {"response Date", "a clock, not a behaviour"},
    {"X-Demo-Connection, X-Demo-Connection-Request, X-Demo-Client-Port",
     "the demo's ground truth about which connection carried it: the two clients use their own"},
    {"echoed Accept-Encoding",
     "each path advertises the codings it decodes (Qt: zstd, br, gzip, deflate)"},
    {"echoed Connection, Keep-Alive, Accept-Language",
     "Qt adds Connection: Keep-Alive and a locale Accept-Language to every request"},
    {"echoed connection {serial, request, client_port}",
     "the demo's ground truth again, inside the body"},
    {"Content-Length of a decoded body", "absent on both after decoding; compared only otherwise"},
    {"Content-Length of an echo", "an echo repeats the request headers, which differ as above"},
};

// Where Qt 6.4's own path is wrong and ours is not: the case asserts our answer instead.
struct KnownQtFault {
    const char *caseName;
    const char *fault;
};
const KnownQtFault KnownQtFaults[] = {
    {"node GET /headers",
     "Qt 6.4 drops every response header when there are more than 100 of them"},
};

QByteArray normalisedJson(const QByteArray &body, bool *echo)
{
    QJsonObject json = QJsonDocument::fromJson(body).object();
    if (json.isEmpty())
        return body;
    *echo = *echo || json.contains(QStringLiteral("headers"));
    json.remove(QStringLiteral("connection"));
    QJsonObject headers = json.value(QStringLiteral("headers")).toObject();
    for (const char *name : {"Accept-Encoding", "accept-encoding", "Connection", "connection",
                             "Keep-Alive", "Accept-Language", "accept-language"})
        headers.remove(QLatin1String(name));
    if (json.contains(QStringLiteral("headers")))
        json.insert(QStringLiteral("headers"), headers);
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

// JSON documents and JSON lines lose what the normalisations name; *echo says whether the
// body repeated the request's headers.
QByteArray normalisedBody(const QByteArray &body, const QByteArray &contentType, bool *echo)
{
    if (!contentType.contains("json"))
        return body;
    if (!contentType.contains("ndjson"))
        return normalisedJson(body, echo);
    QByteArray out;
    for (const QByteArray &line : body.split('\n'))
        out += normalisedJson(line, echo) + '\n';
    return out;
}

QList<QPair<QByteArray, QByteArray>> normalisedHeaders(const QNetworkReply *reply, bool echo)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const auto &pair : reply->rawHeaderPairs()) {
        const QByteArray name = pair.first.toLower();
        if (name == "date" || name.startsWith("x-demo-") || name == "keep-alive" ||
            (echo && name == "content-length"))
            continue;
        headers.append({name, pair.second});
    }
    std::sort(headers.begin(), headers.end());
    return headers;
}

} // namespace

class tst_Differential : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    DemoServerThread m_demo;
    QProcess m_nginx;
    QProcess m_python;
    QProcess m_node;
    QMap<QString, QString> m_servers; // name -> base URL

    bool startProcess(QProcess &process, const QString &program, const QStringList &arguments,
                      const QString &url)
    {
        process.setProgram(program);
        process.setArguments(arguments);
        process.start();
        if (!process.waitForStarted(5000))
            return false;
        // Wait until it accepts connections.
        const QUrl base(url);
        for (int i = 0; i < 200; ++i) {
            QTcpSocket probe;
            probe.connectToHost(base.host(), quint16(base.port()));
            if (probe.waitForConnected(100))
                return true;
            QTest::qWait(25);
        }
        return false;
    }

    void writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(QStringLiteral("www/") + name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    struct Outcome {
        bool ours = false;
        int status = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray contentType;
    };

    static Outcome run(QNetworkAccessManager &manager, const QUrl &url, const QByteArray &method,
                       const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setDecompressedSafetyCheckThreshold(-1);
        request.setRawHeader("User-Agent", "differential/1");
        for (const auto &header : headers)
            request.setRawHeader(header.first, header.second);
        // HEAD through head(): Qt waits for a body after a custom "HEAD" verb.
        std::unique_ptr<QNetworkReply> reply(
            method == "HEAD" ? manager.head(request)
            : body.isEmpty() && method != "POST" && method != "PUT"
                ? manager.sendCustomRequest(request, method)
                : manager.sendCustomRequest(request, method, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        Outcome outcome;
        outcome.ours = qobject_cast<EngineReply *>(reply.get()) != nullptr;
        outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        outcome.error = reply->error();
        outcome.contentType = reply->rawHeader("Content-Type");
        bool echo = false;
        outcome.body = normalisedBody(reply->readAll(), outcome.contentType, &echo);
        outcome.headers = normalisedHeaders(reply.get(), echo);
        return outcome;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("Published normalisations (what may differ, and why):");
        for (const Normalisation &n : Normalisations)
            qInfo("  %s: %s", n.what, n.why);

        QString error;
        QVERIFY2(m_demo.start(DemoServer::Options(), &error), qPrintable(error));
        m_servers.insert(QStringLiteral("demo"), m_demo.httpUrl().toString());

        QDir(m_dir.path()).mkpath(QStringLiteral("www"));
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                QFileDevice::ExeOther);
        writeFile(QStringLiteral("small.json"), R"({"name":"small","items":[1,2,3]})");
        QByteArray text;
        for (int i = 0; i < 3000; ++i)
            text += "line " + QByteArray::number(i) + " of a compressible text file\n";
        writeFile(QStringLiteral("text.txt"), text);
        QByteArray big(5 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char((i * 31 + 7) & 0xff);
        writeFile(QStringLiteral("big.bin"), big);

        const QString nginx =
            QStandardPaths::findExecutable(QStringLiteral("nginx"), {"/usr/sbin", "/usr/bin"});
        if (!nginx.isEmpty()) {
            const int port = LocalPorts::freePort();
            QFile conf(m_dir.filePath(QStringLiteral("nginx.conf")));
            QVERIFY(conf.open(QIODevice::WriteOnly));
            conf.write(QStringLiteral(R"(worker_processes 1;
daemon off;
pid %1/nginx.pid;
error_log %1/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  default_type application/octet-stream;
  types { application/json json; text/plain txt; }
  client_body_temp_path %1/body; proxy_temp_path %1/proxy; fastcgi_temp_path %1/fastcgi;
  uwsgi_temp_path %1/uwsgi; scgi_temp_path %1/scgi;
  gzip on; gzip_types application/json text/plain; gzip_min_length 1;
  server {
    listen 127.0.0.1:%2;
    root %1/www;
    location = /empty { return 204; }
    location = /moved { return 302 /small.json; }
    location = /teapot { return 418 "short and stout"; }
  }
}
)")
                           .arg(m_dir.path())
                           .arg(port)
                           .toUtf8());
            conf.close();
            const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
            if (startProcess(m_nginx, nginx, {"-c", conf.fileName(), "-p", m_dir.path()}, url))
                m_servers.insert(QStringLiteral("nginx"), url);
        }
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (!python.isEmpty()) {
            const int port = LocalPorts::freePort();
            const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
            if (startProcess(m_python, python,
                             {"-m", "http.server", QString::number(port), "--bind", "127.0.0.1",
                              "--directory", m_dir.filePath(QStringLiteral("www"))},
                             url))
                m_servers.insert(QStringLiteral("python"), url);
        }
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (!node.isEmpty()) {
            m_node.start(node,
                         {QStringLiteral(MR_SOURCE_DIR "/tests/differential/node-server.js")});
            if (m_node.waitForStarted(5000) && m_node.waitForReadyRead(10000))
                m_servers.insert(QStringLiteral("node"),
                                 QString::fromUtf8(m_node.readLine().trimmed()));
        }
        QVERIFY2(m_servers.size() == 4, qPrintable(QStringLiteral("servers up: ") +
                                                   m_servers.keys().join(QStringLiteral(", "))));
    }

    void cleanupTestCase()
    {
        for (QProcess *process : {&m_nginx, &m_python, &m_node}) {
            if (process->state() != QProcess::NotRunning) {
                process->terminate();
                if (!process->waitForFinished(5000))
                    process->kill();
            }
        }
    }

    void samePathsSameAnswers_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("header");
        struct Case {
            const char *server;
            const char *method;
            const char *path;
            const char *body;
            const char *header;
        };
        const Case cases[] = {
            // The demo service: echo, bodies, codings, statuses, redirects, cookies, streaming.
            {"demo", "GET", "/get?a=1&b=two", "", ""},
            {"demo", "POST", "/post", "{\"json\": true}", "Content-Type: application/json"},
            {"demo", "PUT", "/put", "plain text", "Content-Type: text/plain"},
            {"demo", "DELETE", "/delete", "", ""},
            {"demo", "PATCH", "/patch", "x=1&y=2",
             "Content-Type: application/x-www-form-urlencoded"},
            {"demo", "HEAD", "/json/2000", "", ""},
            {"demo", "GET", "/gzip", "", ""},
            {"demo", "GET", "/deflate", "", ""},
            {"demo", "GET", "/brotli", "", ""},
            {"demo", "GET", "/zstd", "", ""},
            {"demo", "GET", "/stream/20", "", ""},
            {"demo", "GET", "/status/204", "", ""},
            {"demo", "GET", "/status/304", "", ""},
            {"demo", "GET", "/status/404", "", ""},
            {"demo", "GET", "/status/503", "", ""},
            {"demo", "GET", "/redirect/3", "", ""},
            {"demo", "GET", "/cookies/set?a=1&b=2", "", ""},
            {"demo", "GET", "/bytes/3000000?seed=5", "", ""},
            {"demo", "GET", "/json/1000000", "", ""},
            {"demo", "GET", "/headers", "", "X-Custom: value"},
            // nginx: static files, its own gzip, empty and redirect statuses.
            {"nginx", "GET", "/small.json", "", ""},
            {"nginx", "GET", "/text.txt", "", ""},
            {"nginx", "HEAD", "/text.txt", "", ""},
            {"nginx", "GET", "/big.bin", "", ""},
            {"nginx", "GET", "/empty", "", ""},
            {"nginx", "GET", "/moved", "", ""},
            {"nginx", "GET", "/teapot", "", ""},
            {"nginx", "GET", "/missing", "", ""},
            {"nginx", "GET", "/small.json", "", "Range: bytes=0-9"},
            // Python's http.server: HTTP/1.0 answers, directory listing, 404.
            {"python", "GET", "/small.json", "", ""},
            {"python", "GET", "/big.bin", "", ""},
            {"python", "HEAD", "/text.txt", "", ""},
            {"python", "GET", "/", "", ""},
            {"python", "GET", "/missing", "", ""},
            // Node: chunked, its own gzip, cookies, many headers, 204/304.
            {"node", "POST", "/echo", "hello node", "Content-Type: text/plain"},
            {"node", "GET", "/chunked", "", ""},
            {"node", "GET", "/gzip", "", ""},
            {"node", "GET", "/cookie", "", ""},
            {"node", "GET", "/redirect", "", ""},
            {"node", "GET", "/204", "", ""},
            {"node", "GET", "/304", "", ""},
            {"node", "GET", "/big", "", ""},
            {"node", "GET", "/headers", "", ""},
        };
        for (const Case &c : cases)
            QTest::addRow("%s %s %s", c.server, c.method, c.path)
                << QString::fromLatin1(c.server) << QByteArray(c.method)
                << QString::fromLatin1(c.path) << QByteArray(c.body) << QByteArray(c.header);
    }

    void samePathsSameAnswers()
    {
        QFETCH(QString, server);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, header);
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!header.isEmpty())
            headers.append(
                {header.left(header.indexOf(':')), header.mid(header.indexOf(':') + 1).trimmed()});
        const QUrl url(m_servers.value(server) + path);
        QNetworkAccessManager qt;
        HttpClient ours;
        const Outcome theirs = run(qt, url, method, body, headers);
        const Outcome mine = run(ours, url, method, body, headers);
        QVERIFY(!theirs.ours);
        QVERIFY2(mine.ours, "our pool must have served it");
        const QByteArray name = QTest::currentDataTag();
        for (const KnownQtFault &known : KnownQtFaults) {
            if (name == known.caseName) {
                qInfo("known Qt fault, ours is asserted instead: %s", known.fault);
                QCOMPARE(mine.error, QNetworkReply::NoError);
                QCOMPARE(mine.status, 200);
                QVERIFY(mine.status == theirs.status || theirs.status == 0);
                QCOMPARE(mine.headers.size(), 152); // 150 fields, Content-Length, Connection
                QVERIFY(theirs.headers.isEmpty());
                return;
            }
        }
        QCOMPARE(mine.status, theirs.status);
        QVERIFY(mine.status > 0);
        QCOMPARE(mine.error, theirs.error);
        QCOMPARE(mine.body.size(), theirs.body.size());
        QVERIFY2(mine.body == theirs.body, mine.body.left(300).constData());
        QCOMPARE(mine.headers, theirs.headers);
    }
};

QTEST_GUILESS_MAIN(tst_Differential)
#include "tst_differential.moc"
