// Differential proof of the engine's HTTP/2: the same requests through our pool, through Qt's
// own HTTP/2 path (a plain QNetworkAccessManager: Http2AllowedAttribute on https, where ALPN
// chooses h2; Http2DirectAttribute on http, prior knowledge) and through curl (`--http2` on
// https, `--http2-prior-knowledge` on http), against two independent HTTP/2 servers over
// loopback: nginx (`listen … http2` and `listen … ssl http2`) and the demo service (h2c by
// prior knowledge on its HTTP port, h2 by ALPN on TLS). Status, headers and decoded body must
// agree after the published normalisations below; every case asserts which path served each
// answer (ours: a connection id and a stream id; Qt's: no EngineReply, Http2WasUsedAttribute;
// curl: %{http_version} is 2). Where they do not agree the case fails with what differs.
//
// Published normalisations (what may differ, and why):
//   - header names: compared in lower case (HTTP/2 sends them so; Qt and curl keep the wire's)
//   - response Date: a clock, not a behaviour
//   - X-Demo-Connection, X-Demo-Connection-Request, X-Demo-Client-Port, X-Demo-Stream: the
//     demo's ground truth about the connection and stream that carried it; each client has
//     its own connection (and curl a new one per request)
//   - Content-Length of a decoded body: Qt and our Qt-API reply drop it after decoding; curl
//     keeps the encoded length: left out when Content-Encoding is present
//   - repeated fields: joined as Qt joins them (Set-Cookie with "\n", others with ", ")
//   - echoed request headers Accept, Accept-Encoding, Accept-Language, Connection,
//     Keep-Alive, and the echo's own Content-Length and "connection" object: each client
//     adds its own (curl "Accept: */*", Qt a locale Accept-Language, each the codings it
//     decodes), and an echo repeats them
//   - trailers: Qt's QNetworkReply has no API for them and curl 7.88's -D does not write
//     HTTP/2 trailers; ours (Exchange::trailers) are compared with what nginx is configured
//     to send
//
// Known faults of the peers (the case then asserts ours against the peer that is right, and
// that the fault is still there, so that the list shrinks when a peer is fixed):
//   - Qt 6.4's HTTP/2 path, on a response with trailers, adds every response header a second
//     time (Accept-Ranges reads "bytes, bytes") and the trailers as headers, and logs
//     "QNetworkReplyImpl: backend error: caching was enabled after some bytes had been
//     written": for /trailer its headers are not compared, its status and body are.
//   - curl 7.88.1 mishandles a POST that nginx answers without reading the body (nginx ends
//     the stream with RST_STREAM NO_ERROR after a complete response, which RFC 9113 §8.1
//     allows): on h2c it fails with "(92) Stream error in the HTTP/2 framing layer", over TLS
//     with a body larger than the window it has the whole response and spins until
//     --max-time, "(28) Operation timed out … with 5 out of 5 bytes received": when it does,
//     ours is compared with Qt's only. (It also fails reusing an h2c prior-knowledge connection,
//     "(16) Error in the HTTP2 framing layer", which is why each case runs its own curl.)
#include "demo/demoserverthread.h"
#include "localports.h"
#include "net/enginereply.h"
#include "net/httpclient.h"
#include "testcertificates.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace mr;

namespace {

using Fields = QList<QPair<QByteArray, QByteArray>>;

QByteArray normalisedJson(const QByteArray &body, bool *echo)
{
    QJsonObject json = QJsonDocument::fromJson(body).object();
    if (json.isEmpty())
        return body;
    *echo = *echo || json.contains(QStringLiteral("headers"));
    json.remove(QStringLiteral("connection"));
    if (json.contains(QStringLiteral("headers"))) {
        const QJsonObject headers = json.value(QStringLiteral("headers")).toObject();
        QJsonObject kept;
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            const QString name = it.key().toLower();
            if (name != QLatin1String("accept") && name != QLatin1String("accept-encoding") &&
                name != QLatin1String("accept-language") && name != QLatin1String("connection") &&
                name != QLatin1String("keep-alive"))
                kept.insert(name, it.value());
        }
        json.insert(QStringLiteral("headers"), kept);
    }
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

QByteArray normalisedBody(const QByteArray &body, const QByteArray &contentType, bool *echo)
{
    return contentType.contains("json") ? normalisedJson(body, echo) : body;
}

// Lower-case names, repeated fields joined as Qt joins them, the normalised fields left out,
// sorted.
Fields normalisedHeaders(const Fields &raw, bool echo)
{
    Fields joined;
    for (const auto &pair : raw) {
        const QByteArray name = pair.first.toLower();
        auto same = std::find_if(joined.begin(), joined.end(),
                                 [&](const auto &field) { return field.first == name; });
        if (same == joined.end())
            joined.append({name, pair.second});
        else
            same->second += (name == "set-cookie" ? "\n" : ", ") + pair.second;
    }
    bool encoded = false;
    for (const auto &field : joined)
        encoded = encoded || field.first == "content-encoding";
    Fields headers;
    for (const auto &field : joined) {
        if (field.first == "date" || field.first.startsWith("x-demo-") ||
            (field.first == "content-length" && (echo || encoded)))
            continue;
        headers.append(field);
    }
    std::sort(headers.begin(), headers.end());
    return headers;
}

QByteArray describe(const Fields &fields)
{
    QByteArray text;
    for (const auto &field : fields)
        text += field.first + ": " + field.second + " | ";
    return text;
}

} // namespace

class tst_DifferentialHttp2 : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    DemoServerThread m_demo;
    QProcess m_nginx;
    QMap<QString, QString> m_servers; // "demo h2c", "nginx h2"… -> base URL
    QString m_curl;

    struct Outcome {
        QByteArray path; // who served it: "ours", "qt", "curl", or why it is not known
        int status = 0;
        QByteArray error;
        Fields headers;
        QByteArray body;
        Fields trailers;
    };

    struct Case {
        QByteArray method;
        QByteArray body;
        Fields headers;
    };

    void writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(QStringLiteral("www/") + name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    static QNetworkRequest networkRequest(const QUrl &url, const Case &c)
    {
        QNetworkRequest request(url);
        if (url.scheme() == QLatin1String("https"))
            request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
        else
            request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setDecompressedSafetyCheckThreshold(-1);
        request.setRawHeader("User-Agent", "differential/1");
        for (const auto &header : c.headers)
            request.setRawHeader(header.first, header.second);
        return request;
    }

    Outcome viaManager(QNetworkAccessManager &manager, const QUrl &url, const Case &c)
    {
        QNetworkRequest request = networkRequest(url, c);
        if (url.scheme() == QLatin1String("https")) {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.addCaCertificates(m_certificates.caCertificates());
            request.setSslConfiguration(tls);
        }
        // HEAD through head(): Qt waits for a body after a custom "HEAD" verb.
        std::unique_ptr<QNetworkReply> reply(
            c.method == "HEAD" ? manager.head(request)
            : c.body.isEmpty() && c.method != "POST" && c.method != "PUT"
                ? manager.sendCustomRequest(request, c.method)
                : manager.sendCustomRequest(request, c.method, c.body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        Outcome outcome;
        auto *ours = qobject_cast<EngineReply *>(reply.get());
        if (ours) {
            const Exchange &e = ours->exchange();
            const Attempt a = e.attempts.value(e.attempts.size() - 1);
            outcome.path = !a.connectionId.isEmpty() && a.streamId > 0 && e.httpVersion == "HTTP/2"
                               ? QByteArray("ours")
                               : "ours, but not on HTTP/2: " + e.httpVersion + " stream " +
                                     QByteArray::number(a.streamId);
            for (const auto &field : e.trailers.fields())
                outcome.trailers.append({field.first.toLower(), field.second});
            std::sort(outcome.trailers.begin(), outcome.trailers.end());
        } else {
            outcome.path = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
                               ? QByteArray("qt")
                               : QByteArray("qt, but not on HTTP/2");
        }
        outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError && outcome.status == 0)
            outcome.error = reply->errorString().toUtf8(); // no answer, not an HTTP status
        bool echo = false;
        outcome.body = normalisedBody(reply->readAll(), reply->rawHeader("Content-Type"), &echo);
        outcome.headers = normalisedHeaders(reply->rawHeaderPairs(), echo);
        return outcome;
    }

    Outcome viaCurl(const QUrl &url, const Case &c)
    {
        static int serial = 0;
        const QString stem = m_dir.filePath(QStringLiteral("curl-%1").arg(++serial));
        QStringList arguments{QStringLiteral("-sS"),
                              QStringLiteral("--max-time"),
                              QStringLiteral("10"),
                              url.scheme() == QLatin1String("https")
                                  ? QStringLiteral("--http2")
                                  : QStringLiteral("--http2-prior-knowledge"),
                              QStringLiteral("--compressed"),
                              QStringLiteral("--cacert"),
                              m_certificates.caFile,
                              QStringLiteral("-D"),
                              stem + QStringLiteral(".head"),
                              QStringLiteral("-o"),
                              stem + QStringLiteral(".body"),
                              QStringLiteral("-w"),
                              QStringLiteral("%{http_version}"),
                              QStringLiteral("-H"),
                              QStringLiteral("User-Agent: differential/1")};
        for (const auto &header : c.headers)
            arguments << QStringLiteral("-H")
                      << QString::fromLatin1(header.first + ": " + header.second);
        if (c.method == "HEAD")
            arguments << QStringLiteral("-I");
        else if (c.method != "GET")
            arguments << QStringLiteral("-X") << QString::fromLatin1(c.method);
        if (!c.body.isEmpty()) {
            QFile request(stem + QStringLiteral(".request"));
            if (request.open(QIODevice::WriteOnly))
                request.write(c.body);
            arguments << QStringLiteral("--data-binary") << QLatin1Char('@') + request.fileName();
        }
        arguments << url.toString(QUrl::FullyEncoded);
        QProcess curl;
        curl.start(m_curl, arguments);
        Outcome outcome;
        if (!curl.waitForFinished(30000) || curl.exitCode() != 0) {
            outcome.path = "curl failed";
            outcome.error = curl.readAllStandardError();
            return outcome;
        }
        const QByteArray version = curl.readAllStandardOutput();
        outcome.path = version == "2" ? QByteArray("curl") : "curl on HTTP " + version;
        QFile head(stem + QStringLiteral(".head"));
        QFile body(stem + QStringLiteral(".body"));
        if (!head.open(QIODevice::ReadOnly))
            return outcome;
        // The status line, the fields, an empty line; then trailers, when there are any.
        const QList<QByteArray> lines = head.readAll().split('\n');
        Fields fields;
        Fields trailers;
        bool inTrailers = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            if (line.isEmpty()) {
                inTrailers = true;
                continue;
            }
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QPair<QByteArray, QByteArray> field{line.left(colon).toLower(),
                                                      line.mid(colon + 1).trimmed()};
            (inTrailers ? trailers : fields).append(field);
        }
        outcome.trailers = trailers;
        outcome.status = lines.value(0).split(' ').value(1).toInt();
        QByteArray content;
        if (c.method != "HEAD" && body.open(QIODevice::ReadOnly)) // -I writes the head there
            content = body.readAll();
        QByteArray contentType;
        for (const auto &field : fields)
            if (field.first == "content-type")
                contentType = field.second;
        bool echo = false;
        outcome.body = normalisedBody(content, contentType, &echo);
        outcome.headers = normalisedHeaders(fields, echo);
        return outcome;
    }

    QString nginxServerBlock(int port, bool tls)
    {
        QString manyHeaders;
        for (int i = 0; i < 60; ++i)
            manyHeaders += QStringLiteral("add_header X-Many-%1 \"value %1\"; ").arg(i);
        QString moreHeaders;
        for (int i = 0; i < 150; ++i)
            moreHeaders += QStringLiteral("add_header X-More-%1 \"value %1\"; ").arg(i);
        // A header block of 24 KB: more than one 16 KB frame, so HEADERS and CONTINUATION
        // (nginx takes at most 4 KB in one parameter: six of 4,000).
        QString hugeHeaders;
        for (int i = 0; i < 6; ++i)
            hugeHeaders +=
                QStringLiteral("add_header X-Huge-%1 %2; ").arg(i).arg(QString(4000, 'h'));
        return QStringLiteral(R"(
  server {
    listen 127.0.0.1:%1 %2;
    root %3/www;
    location = /empty { return 204; }
    location = /moved { return 302 /small.json; }
    location = /teapot { return 418 "short and stout"; }
    location = /cookies { add_header Set-Cookie "a=1; Path=/"; add_header Set-Cookie "b=2; HttpOnly"; return 200 "two cookies\n"; }
    location = /many-headers { %4 return 200 "sixty headers\n"; }
    location = /more-headers { %5 return 200 "150 headers\n"; }
    location = /huge-headers { %6 return 200 "24 KB of headers\n"; }
    location = /submit { return 201 "created\n"; }
    location = /trailer { add_trailer X-Checksum "abc123"; add_trailer X-Count 3; }
  }
)")
            .arg(port)
            .arg(tls ? QStringLiteral("ssl http2") : QStringLiteral("http2"))
            .arg(m_dir.path(), manyHeaders, moreHeaders, hugeHeaders);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(TestCertificates::generate(m_dir.path(), &m_certificates, &error),
                 qPrintable(error));
        QVERIFY2(m_demo.start(m_certificates.demoOptions(), &error), qPrintable(error));
        m_servers.insert(QStringLiteral("demo h2c"), m_demo.httpUrl().toString());
        m_servers.insert(QStringLiteral("demo h2"), m_demo.httpsUrl().toString());
        m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
        QVERIFY2(!m_curl.isEmpty(), "curl is not installed (scripts/setup-debian lists it)");

        QDir(m_dir.path()).mkpath(QStringLiteral("www"));
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                QFileDevice::ExeOther);
        writeFile(QStringLiteral("small.json"), R"({"name":"small","items":[1,2,3]})");
        QByteArray text;
        for (int i = 0; i < 3000; ++i)
            text += "line " + QByteArray::number(i) + " of a compressible text file\n";
        writeFile(QStringLiteral("text.txt"), text);
        writeFile(QStringLiteral("trailer"), "a body with trailers\n");
        QByteArray big(5 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char((i * 31 + 7) & 0xff);
        writeFile(QStringLiteral("big.bin"), big);

        const QString nginx =
            QStandardPaths::findExecutable(QStringLiteral("nginx"), {"/usr/sbin", "/usr/bin"});
        QVERIFY2(!nginx.isEmpty(), "nginx is not installed (Debian: nginx-light)");
        const int h2c = LocalPorts::freePort();
        const int h2 = LocalPorts::freePort();
        QFile conf(m_dir.filePath(QStringLiteral("nginx.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(
            QStringLiteral(R"(worker_processes 1;
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
  ssl_certificate %2;
  ssl_certificate_key %3;
)")
                .arg(m_dir.path(), m_certificates.serverCertFile, m_certificates.serverKeyFile)
                .toUtf8() +
            nginxServerBlock(h2c, false).toUtf8() + nginxServerBlock(h2, true).toUtf8() + "}\n");
        conf.close();
        m_nginx.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_nginx.start(nginx, {"-c", conf.fileName(), "-p", m_dir.path()});
        QVERIFY2(m_nginx.waitForStarted(5000), qPrintable(m_nginx.errorString()));
        QVERIFY2(LocalPorts::waitUntilAccepting(h2c) && LocalPorts::waitUntilAccepting(h2),
                 "nginx did not start: see its error.log");
        m_servers.insert(QStringLiteral("nginx h2c"),
                         QStringLiteral("http://127.0.0.1:%1").arg(h2c));
        m_servers.insert(QStringLiteral("nginx h2"),
                         QStringLiteral("https://127.0.0.1:%1").arg(h2));
    }

    void cleanupTestCase()
    {
        if (m_nginx.state() != QProcess::NotRunning) {
            m_nginx.terminate();
            if (!m_nginx.waitForFinished(5000))
                m_nginx.kill();
        }
    }

    void threePathsSameAnswers_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("header");
        struct Row {
            const char *server; // "demo" or "nginx": both its h2c and its h2 port
            const char *method;
            const char *path;
            const char *body;
            const char *header;
        };
        const Row rows[] = {
            // The demo service: methods and bodies (echoed, one of 300 KB), codings, statuses,
            // redirects,
            // cookies, a large body, request headers.
            {"demo", "GET", "/get?a=1&b=two", "", ""},
            {"demo", "POST", "/post", "{\"json\": true}", "Content-Type: application/json"},
            {"demo", "PUT", "/put", "plain text", "Content-Type: text/plain"},
            {"demo", "DELETE", "/delete", "", ""},
            {"demo", "PATCH", "/patch", "x=1&y=2",
             "Content-Type: application/x-www-form-urlencoded"},
            {"demo", "POST", "/anything", "LARGE", "Content-Type: text/plain"},
            {"demo", "HEAD", "/json/2000", "", ""},
            {"demo", "GET", "/gzip", "", ""},
            {"demo", "GET", "/deflate", "", ""},
            {"demo", "GET", "/brotli", "", ""},
            {"demo", "GET", "/zstd", "", ""},
            {"demo", "GET", "/status/204", "", ""},
            {"demo", "GET", "/status/304", "", ""},
            {"demo", "GET", "/status/404", "", ""},
            {"demo", "GET", "/status/503", "", ""},
            {"demo", "GET", "/redirect/3", "", ""},
            {"demo", "GET", "/cookies/set?a=1&b=2", "", ""},
            {"demo", "GET", "/bytes/3000000?seed=5", "", ""},
            {"demo", "GET", "/json/1000000", "", ""},
            {"demo", "GET", "/headers", "", "X-Custom: value"},
            {"demo", "GET", "/headers?big", "", "BIG"},
            // nginx: static files, its own gzip, statuses, redirect, cookies, 60 and 150 headers,
            // a 24 KB header block (CONTINUATION),
            // a POST it answers without reading, Range, trailers.
            {"nginx", "GET", "/small.json", "", ""},
            {"nginx", "GET", "/text.txt", "", ""},
            {"nginx", "HEAD", "/text.txt", "", ""},
            {"nginx", "GET", "/big.bin", "", ""},
            {"nginx", "GET", "/empty", "", ""},
            {"nginx", "GET", "/moved", "", ""},
            {"nginx", "GET", "/teapot", "", ""},
            {"nginx", "GET", "/missing", "", ""},
            {"nginx", "GET", "/cookies", "", ""},
            {"nginx", "GET", "/many-headers", "", ""},
            {"nginx", "GET", "/more-headers", "", ""},
            {"nginx", "GET", "/huge-headers", "", ""},
            {"nginx", "POST", "/submit", "name=value", "Content-Type: text/plain"},
            {"nginx", "POST", "/submit", "LARGE", "Content-Type: text/plain"},
            {"nginx", "POST", "/submit", "HUGE", "Content-Type: text/plain"},
            {"nginx", "GET", "/small.json", "", "Range: bytes=0-9"},
            {"nginx", "GET", "/small.json?big", "", "BIG"},
            {"nginx", "GET", "/trailer", "", ""},
        };
        for (const Row &row : rows) {
            for (const char *transport : {"h2c", "h2"})
                QTest::addRow("%s %s %s %s%s", row.server, transport, row.method, row.path,
                              qstrcmp(row.body, "LARGE") == 0  ? " (300 KB)"
                              : qstrcmp(row.body, "HUGE") == 0 ? " (2 MB)"
                                                               : "")
                    << QStringLiteral("%1 %2").arg(row.server, transport) << QByteArray(row.method)
                    << QString::fromLatin1(row.path) << QByteArray(row.body)
                    << QByteArray(row.header);
        }
    }

    void threePathsSameAnswers()
    {
        QFETCH(QString, server);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, header);
        // LARGE: 300 KB, more than the first flow-control windows of either side; HUGE: 2 MB,
        // over nginx's client_max_body_size (1 MB), which it refuses before reading it all.
        Case c{method,
               body == "LARGE"  ? QByteArray(300 * 1024, 'x')
               : body == "HUGE" ? QByteArray(2 * 1024 * 1024, 'y')
                                : body,
               {}};
        if (header == "BIG") { // six of 4,000 bytes: a 24 KB block, HEADERS + CONTINUATION
            for (int i = 0; i < 6; ++i)
                c.headers.append({"X-Big-" + QByteArray::number(i), QByteArray(4000, 'b')});
        } else if (!header.isEmpty()) {
            c.headers.append(
                {header.left(header.indexOf(':')), header.mid(header.indexOf(':') + 1).trimmed()});
        }
        const QUrl url(m_servers.value(server) + path);
        QNetworkAccessManager qt;
        HttpClient ours;
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        ours.setTlsSettings(tls);
        const Outcome theirs = viaManager(qt, url, c);
        const Outcome mine = viaManager(ours, url, c);
        const Outcome curl = viaCurl(url, c);
        QCOMPARE(mine.path, QByteArray("ours"));
        QCOMPARE(theirs.path, QByteArray("qt"));
        QList<const Outcome *> peers{&theirs, &curl};
        if (curl.path == "curl failed" && method == "POST" && path == QLatin1String("/submit") &&
            (curl.error.contains("(92)") || curl.error.contains("(28)"))) {
            qInfo("known curl 7.88.1 fault, ours is compared with Qt's only: %s",
                  curl.error.trimmed().constData());
            peers.removeOne(&curl);
        } else {
            QVERIFY2(curl.path == "curl", (curl.path + ": " + curl.error).constData());
        }
        QVERIFY2(mine.error.isEmpty(), mine.error.constData());
        QVERIFY(mine.status > 0);
        if (header == "BIG") // taken, not refused as too large
            QCOMPARE(mine.status, 200);
        const bool qtTrailerFault = path == QLatin1String("/trailer");
        if (qtTrailerFault) {
            qInfo("known Qt 6.4 fault: its HTTP/2 path repeats the headers and adds the trailers "
                  "to them; its headers are not compared");
            QVERIFY2(std::any_of(theirs.headers.begin(), theirs.headers.end(),
                                 [](const auto &field) { return field.first == "x-checksum"; }),
                     "Qt no longer mixes trailers into headers: drop the known fault");
        }
        for (const Outcome *other : peers) {
            const QByteArray who = other->path;
            QVERIFY2(mine.status == other->status,
                     qPrintable(QStringLiteral("status: ours %1, %2 %3")
                                    .arg(mine.status)
                                    .arg(QString::fromLatin1(who))
                                    .arg(other->status)));
            QVERIFY2(mine.body.size() == other->body.size(),
                     qPrintable(QStringLiteral("body: ours %1 bytes, %2 %3 bytes")
                                    .arg(mine.body.size())
                                    .arg(QString::fromLatin1(who))
                                    .arg(other->body.size())));
            QVERIFY2(mine.body == other->body,
                     ("body differs from " + who + ": ours " + mine.body.left(200) + " | theirs " +
                      other->body.left(200))
                         .constData());
            if (other == &theirs && qtTrailerFault)
                continue;
            QVERIFY2(mine.headers == other->headers,
                     ("headers differ from " + who + ":\n ours   " + describe(mine.headers) +
                      "\n theirs " + describe(other->headers))
                         .constData());
        }
        // Trailers: what nginx is configured to send (`nghttp -v` shows them on the wire).
        const Fields expectedTrailers = path == QLatin1String("/trailer")
                                            ? Fields{{"x-checksum", "abc123"}, {"x-count", "3"}}
                                            : Fields{};
        QVERIFY2(mine.trailers == expectedTrailers, ("trailers: ours " + describe(mine.trailers) +
                                                     " | nginx sent " + describe(expectedTrailers))
                                                        .constData());
    }

    // Redirects followed and cookies kept, over the same connection: the demo sets two
    // cookies and redirects to /cookies, which echoes what came back; then /redirect/3.
    void redirectsFollowedCookiesKept_data()
    {
        QTest::addColumn<QString>("server");
        QTest::newRow("demo h2c") << QStringLiteral("demo h2c");
        QTest::newRow("demo h2") << QStringLiteral("demo h2");
    }

    void redirectsFollowedCookiesKept()
    {
        QFETCH(QString, server);
        HttpClient ours;
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        ours.setTlsSettings(tls);
        QNetworkAccessManager qt;
        const QString base = m_servers.value(server);
        for (const QString &path :
             {QStringLiteral("/cookies/set?a=1&b=two"), QStringLiteral("/redirect/3")}) {
            QByteArray bodies[2];
            QUrl finalUrls[2];
            int index = 0;
            for (QNetworkAccessManager *manager :
                 {static_cast<QNetworkAccessManager *>(&ours), &qt}) {
                QNetworkRequest request = networkRequest(QUrl(base + path), Case{"GET", {}, {}});
                request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                     QNetworkRequest::NoLessSafeRedirectPolicy);
                if (request.url().scheme() == QLatin1String("https")) {
                    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
                    config.addCaCertificates(m_certificates.caCertificates());
                    request.setSslConfiguration(config);
                }
                std::unique_ptr<QNetworkReply> reply(manager->get(request));
                QSignalSpy finished(reply.get(), &QNetworkReply::finished);
                if (!reply->isFinished())
                    QVERIFY(finished.wait(20000));
                QCOMPARE(reply->error(), QNetworkReply::NoError);
                QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
                if (manager == &ours) {
                    auto *engine = qobject_cast<EngineReply *>(reply.get());
                    QVERIFY(engine);
                    QCOMPARE(engine->exchange().httpVersion, QByteArray("HTTP/2"));
                    QVERIFY(engine->exchange().attempts.constLast().streamId > 1); // not the first
                } else {
                    QVERIFY(reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
                }
                bool echo = false;
                bodies[index] =
                    normalisedBody(reply->readAll(), reply->rawHeader("Content-Type"), &echo);
                finalUrls[index++] = reply->url();
            }
            QCOMPARE(finalUrls[0], finalUrls[1]);
            QVERIFY2(bodies[0] == bodies[1], (path.toUtf8() + ": ours " + bodies[0].left(300) +
                                              " | Qt " + bodies[1].left(300))
                                                 .constData());
            if (path.startsWith(QLatin1String("/cookies")))
                QVERIFY2(bodies[0].contains("\"b\":\"two\""), bodies[0].constData());
        }
    }

    // Many streams at once on one connection, each a different body (sizes, seeds, ranges,
    // codings): every answer must be its own, as Qt's path (also one connection) gets it.
    void concurrentStreamsKeepTheirBodies_data()
    {
        QTest::addColumn<QString>("server");
        for (const char *server : {"demo h2c", "demo h2", "nginx h2c", "nginx h2"})
            QTest::newRow(server) << QString::fromLatin1(server);
    }

    void concurrentStreamsKeepTheirBodies()
    {
        QFETCH(QString, server);
        QList<QPair<QString, Fields>> requests; // path, request headers
        for (int i = 0; i < 32; ++i) {
            if (server.startsWith(QLatin1String("demo"))) {
                const QString paths[] = {
                    QStringLiteral("/bytes/%1?seed=%2").arg(40000 + 997 * i).arg(i),
                    QStringLiteral("/gzip?n=%1").arg(i),
                    QStringLiteral("/json/%1").arg(5000 + 311 * i),
                    QStringLiteral("/brotli?n=%1").arg(i)};
                requests.append({paths[i % 4], {}});
            } else {
                const qint64 from = qint64(i) * 150001;
                requests.append(
                    i % 3 == 2 ? QPair<QString, Fields>{QStringLiteral("/text.txt"), {}}
                               : QPair<QString, Fields>{
                                     QStringLiteral("/big.bin"),
                                     {{"Range", "bytes=" + QByteArray::number(from) + "-" +
                                                    QByteArray::number(from + 99999 + 1000 * i)}}});
            }
        }
        HttpClient ours;
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        ours.setTlsSettings(tls);
        QNetworkAccessManager qt;
        const auto sendAll = [&](QNetworkAccessManager &manager) {
            std::vector<std::unique_ptr<QNetworkReply>> replies;
            for (const auto &[path, headers] : requests) {
                QNetworkRequest request =
                    networkRequest(QUrl(m_servers.value(server) + path), Case{"GET", {}, headers});
                if (request.url().scheme() == QLatin1String("https")) {
                    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
                    config.addCaCertificates(m_certificates.caCertificates());
                    request.setSslConfiguration(config);
                }
                replies.emplace_back(manager.get(request));
            }
            for (auto &reply : replies) {
                QSignalSpy finished(reply.get(), &QNetworkReply::finished);
                if (!reply->isFinished())
                    finished.wait(30000);
            }
            return replies;
        };
        const auto mine = sendAll(ours);
        const auto theirs = sendAll(qt);
        QSet<QString> connections;
        int peak = 0;
        for (size_t i = 0; i < mine.size(); ++i) {
            const QByteArray what = requests[int(i)].first.toUtf8();
            auto *engine = qobject_cast<EngineReply *>(mine[i].get());
            QVERIFY2(engine, what.constData());
            const Exchange &e = engine->exchange();
            QVERIFY2(e.isComplete(), qPrintable(what + ": " + e.error));
            QCOMPARE(e.httpVersion, QByteArray("HTTP/2"));
            connections.insert(e.attempts.constLast().connectionId);
            peak = qMax(peak, e.attempts.constLast().streamsInFlight);
            QVERIFY(!qobject_cast<EngineReply *>(theirs[i].get()));
            QVERIFY(theirs[i]->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
            QCOMPARE(theirs[i]->error(), QNetworkReply::NoError);
            const int status = mine[i]->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            QCOMPARE(status,
                     theirs[i]->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
            bool echo = false; // an echo (/gzip, /brotli) differs only as normalised above
            const QByteArray body =
                normalisedBody(mine[i]->readAll(), mine[i]->rawHeader("Content-Type"), &echo);
            const QByteArray expected =
                normalisedBody(theirs[i]->readAll(), theirs[i]->rawHeader("Content-Type"), &echo);
            QVERIFY2(body.size() == expected.size(),
                     qPrintable(QStringLiteral("%1: ours %2 bytes, Qt %3")
                                    .arg(QString::fromUtf8(what))
                                    .arg(body.size())
                                    .arg(expected.size())));
            QVERIFY2(body == expected, what.constData());
        }
        QCOMPARE(connections.size(), 1);
        qInfo("%d streams on one connection, at most %d in flight", int(mine.size()), peak);
        QVERIFY2(peak > 1, qPrintable(QString::number(peak)));
    }
};

QTEST_GUILESS_MAIN(tst_DifferentialHttp2)
#include "tst_differentialhttp2.moc"
