// HTTP/2 on the engine's own path against an independent server: Debian's nginx over
// loopback, h2c by prior knowledge and h2 by ALPN over TLS. What our record says about each
// exchange (the connection it went on, its request number there, its stream, the streams in
// flight) is compared with nginx's access log, which writes for every request
// `$connection $connection_requests $server_protocol $request_uri`: on HTTP/2 nginx counts a
// connection's requests by stream, so the k-th request of a connection is on stream 2k-1.
// Slow answers come from nginx proxying to the demo service's /delay, so that streams
// overlap. Skipped only when nginx is not installed.
#include "demo/demoserverthread.h"
#include "localports.h"
#include "net/enginereply.h"
#include "net/httpclient.h"
#include "testcertificates.h"

#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace mr;

namespace {

// One line of nginx's access log.
struct Logged {
    QByteArray connection; // nginx's connection serial
    int connectionRequests = 0;
    QByteArray protocol; // "HTTP/2.0", "HTTP/1.1"
};

// Sends `requests` through the client's own path with at most `inFlight` of them outstanding
// (the next goes when one finishes) and returns their exchanges in request order; an exchange
// is empty when its reply was not ours or did not finish within 60 s.
QList<Exchange> drive(HttpClient &client, const QList<HttpRequest> &requests, int inFlight)
{
    QList<Exchange> exchanges(requests.size());
    int issued = 0;
    int done = 0;
    QEventLoop loop;
    std::function<void()> issue = [&] {
        const int index = issued++;
        QNetworkReply *reply = client.sendRaw(requests.at(index));
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, index] {
            if (auto *ours = qobject_cast<EngineReply *>(reply))
                exchanges[index] = ours->exchange();
            reply->deleteLater();
            if (++done == requests.size())
                loop.quit();
            else if (issued < requests.size())
                issue();
        });
    };
    for (int i = 0; i < inFlight && issued < requests.size(); ++i)
        issue();
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    if (done < requests.size())
        loop.exec();
    return exchanges;
}

} // namespace

class tst_NginxHttp2 : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    DemoServerThread m_upstream; // answers nginx's /slow with /delay/300
    QProcess m_nginx;
    int m_h2c = 0;       // h2c prior knowledge, nginx's default stream limit (128)
    int m_h2cTwo = 0;    // h2c prior knowledge, http2_max_concurrent_streams 2
    int m_h2Tls = 0;     // ssl http2: ALPN offers h2
    int m_http1Tls = 0;  // ssl without http2: ALPN gives http/1.1
    int m_h2cShort = 0;  // h2c, keepalive_requests 5 and keepalive_timeout 1s: GOAWAYs
    int m_runSerial = 0; // makes every request's URI unique across cases

    QString logPath() const { return m_dir.filePath(QStringLiteral("access.log")); }

    // The access log by request URI (unique per request in this suite).
    QHash<QByteArray, Logged> readLog() const
    {
        QHash<QByteArray, Logged> log;
        QFile file(logPath());
        if (!file.open(QIODevice::ReadOnly))
            return log;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray &line : lines) {
            const QList<QByteArray> words = line.split(' ');
            if (words.size() != 4)
                continue;
            log.insert(words[3], Logged{words[0], words[1].toInt(), words[2]});
        }
        return log;
    }

    std::unique_ptr<HttpClient> client(int maxPerOrigin = 50)
    {
        auto c = std::make_unique<HttpClient>();
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        c->setTlsSettings(tls);
        PoolSettings pool = c->poolSettings();
        pool.maxPerOrigin = maxPerOrigin;
        c->setPoolSettings(pool);
        return c;
    }

    // `count` GETs of `path` on `port`, each with a unique query naming the case.
    QList<HttpRequest> requests(int port, bool tls, const QString &path, int count,
                                std::optional<ProtocolChoice> protocol)
    {
        const int run = ++m_runSerial;
        QList<HttpRequest> list;
        for (int i = 0; i < count; ++i) {
            HttpRequest request;
            request.method = "GET";
            request.url = QUrl(QStringLiteral("%1://127.0.0.1:%2%3?run=%4&i=%5")
                                   .arg(tls ? "https" : "http")
                                   .arg(port)
                                   .arg(path)
                                   .arg(run)
                                   .arg(i));
            request.options.protocol = protocol;
            list.append(request);
        }
        return list;
    }

    static QByteArray uriOf(const HttpRequest &request)
    {
        return request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    }

    // What both sides say about one batch, checked against each other: the same partition of
    // requests into connections, the same request number on each, stream 2k-1 for the k-th
    // request, and the protocol. Returns the number of connections (-1 after a failure).
    int compareWithLog(const QList<HttpRequest> &sent, const QList<Exchange> &exchanges,
                       const QByteArray &protocol, int streamLimit, int *peakInFlight)
    {
        // Let nginx's writes land: it logs as each request ends, before or after the reply.
        QHash<QByteArray, Logged> log;
        for (int i = 0; i < 100; ++i) {
            log = readLog();
            bool all = true;
            for (const HttpRequest &request : sent)
                all = all && log.contains(uriOf(request));
            if (all)
                break;
            QTest::qWait(20);
        }
        QHash<QString, QSet<QByteArray>> ours;   // our connection id -> URIs
        QHash<QByteArray, QSet<QByteArray>> its; // nginx's connection -> URIs
        QHash<QString, QByteArray> nginxConnectionOf;
        *peakInFlight = 0;
        for (int i = 0; i < sent.size(); ++i) {
            const QByteArray uri = uriOf(sent[i]);
            const Exchange &e = exchanges[i];
            [&] { QVERIFY2(e.isComplete(), qPrintable(uri + ": " + e.error)); }();
            if (!e.isComplete())
                return -1;
            const Attempt &a = e.attempts.constLast();
            const Logged logged = log.value(uri);
            [&] {
                QVERIFY2(!logged.connection.isEmpty(), qPrintable("nginx did not log " + uri));
                QCOMPARE(e.status, 200);
                QVERIFY2(!a.connectionId.isEmpty(), "our pool must have served it");
                QCOMPARE(logged.protocol, protocol);
                QCOMPARE(e.httpVersion,
                         protocol == "HTTP/2.0" ? QByteArray("HTTP/2") : QByteArray("HTTP/1.1"));
                QCOMPARE(a.requestIndex, logged.connectionRequests);
                if (protocol == "HTTP/2.0") {
                    QCOMPARE(a.streamId, 2 * logged.connectionRequests - 1);
                    QVERIFY2(a.streamsInFlight >= 1 && a.streamsInFlight <= streamLimit,
                             qPrintable(QStringLiteral("%1 streams in flight, limit %2")
                                            .arg(a.streamsInFlight)
                                            .arg(streamLimit)));
                } else {
                    QCOMPARE(a.streamId, 0);
                }
            }();
            if (QTest::currentTestFailed())
                return -1;
            *peakInFlight = qMax(*peakInFlight, a.streamsInFlight);
            ours[a.connectionId].insert(uri);
            its[logged.connection].insert(uri);
            // One of ours is one of nginx's, and the other way round.
            const auto known = nginxConnectionOf.constFind(a.connectionId);
            if (known == nginxConnectionOf.constEnd())
                nginxConnectionOf.insert(a.connectionId, logged.connection);
            else
                [&] { QCOMPARE(logged.connection, known.value()); }();
            if (QTest::currentTestFailed())
                return -1;
        }
        [&] {
            QCOMPARE(ours.size(), its.size());
            QCOMPARE(QSet<QByteArray>(nginxConnectionOf.begin(), nginxConnectionOf.end()).size(),
                     its.size());
            for (auto it = ours.constBegin(); it != ours.constEnd(); ++it)
                QCOMPARE(it.value(), its.value(nginxConnectionOf.value(it.key())));
        }();
        if (QTest::currentTestFailed())
            return -1;
        qInfo("%lld requests: %lld connection(s) on both sides, at most %d streams in flight, "
              "nginx logged %s",
              qlonglong(sent.size()), qlonglong(ours.size()), *peakInFlight, protocol.constData());
        return int(ours.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString nginx =
            QStandardPaths::findExecutable(QStringLiteral("nginx"), {"/usr/sbin", "/usr/bin"});
        if (nginx.isEmpty())
            QSKIP("nginx is not installed (Debian: nginx-light, listed in scripts/setup-debian)");
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(TestCertificates::generate(m_dir.path(), &m_certificates, &error),
                 qPrintable(error));
        QVERIFY2(m_upstream.start(DemoServer::Options(), &error), qPrintable(error));
        m_h2c = LocalPorts::freePort();
        m_h2cTwo = LocalPorts::freePort();
        m_h2Tls = LocalPorts::freePort();
        m_http1Tls = LocalPorts::freePort();
        m_h2cShort = LocalPorts::freePort();
        QFile conf(m_dir.filePath(QStringLiteral("nginx.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(QStringLiteral(R"(worker_processes 1;
daemon off;
pid %1/nginx.pid;
error_log %1/error.log warn;
events { worker_connections 1024; }
http {
  log_format h2proof '$connection $connection_requests $server_protocol $request_uri';
  access_log %1/access.log h2proof;
  default_type text/plain;
  client_body_temp_path %1/body; proxy_temp_path %1/proxy; fastcgi_temp_path %1/fastcgi;
  uwsgi_temp_path %1/uwsgi; scgi_temp_path %1/scgi;
  keepalive_requests 10000;
  ssl_certificate %3;
  ssl_certificate_key %4;
  server {
    listen 127.0.0.1:%5 http2;
    location /fast { return 200 "fast\n"; }
    location /offers-push { http2_push /pushed.txt; return 200 "would push\n"; }
    location /pushed.txt { return 200 "pushed\n"; }
    location /slow { proxy_pass %2/delay/300; }
  }
  server {
    listen 127.0.0.1:%6 http2;
    http2_max_concurrent_streams 2;
    location /fast { return 200 "fast\n"; }
    location /slow { proxy_pass %2/delay/300; }
  }
  server {
    listen 127.0.0.1:%7 ssl http2;
    location /fast { return 200 "fast\n"; }
  }
  server {
    listen 127.0.0.1:%8 ssl;
    location /fast { return 200 "fast\n"; }
  }
  server {
    listen 127.0.0.1:%9 http2;
    keepalive_requests 5;
    keepalive_timeout 1s;
    location /fast { return 200 "fast\n"; }
  }
}
)")
                       .arg(m_dir.path(), m_upstream.httpUrl().toString(),
                            m_certificates.serverCertFile, m_certificates.serverKeyFile)
                       .arg(m_h2c)
                       .arg(m_h2cTwo)
                       .arg(m_h2Tls)
                       .arg(m_http1Tls)
                       .arg(m_h2cShort)
                       .toUtf8());
        conf.close();
        m_nginx.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_nginx.start(nginx, {"-c", conf.fileName(), "-p", m_dir.path()});
        QVERIFY2(m_nginx.waitForStarted(5000), qPrintable(m_nginx.errorString()));
        for (int port : {m_h2c, m_h2cTwo, m_h2Tls, m_http1Tls, m_h2cShort})
            QVERIFY2(LocalPorts::waitUntilAccepting(port),
                     qPrintable(QStringLiteral("nginx does not listen on %1, "
                                               "see %2/error.log")
                                    .arg(port)
                                    .arg(m_dir.path())));
    }

    void cleanupTestCase()
    {
        if (m_nginx.state() != QProcess::NotRunning) {
            m_nginx.terminate();
            if (!m_nginx.waitForFinished(5000))
                m_nginx.kill();
        }
    }

    // Within nginx's 128 streams: one connection carries all of them, whatever is in flight.
    void oneConnectionWhenTheStreamsSuffice_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("total");
        QTest::addColumn<int>("inFlight");
        QTest::newRow("fast, 1 in flight") << QStringLiteral("/fast") << 20 << 1;
        QTest::newRow("fast, 16 in flight") << QStringLiteral("/fast") << 200 << 16;
        QTest::newRow("slow, 20 in flight") << QStringLiteral("/slow") << 40 << 20;
        QTest::newRow("fast, 100 in flight") << QStringLiteral("/fast") << 300 << 100;
    }

    void oneConnectionWhenTheStreamsSuffice()
    {
        QFETCH(QString, path);
        QFETCH(int, total);
        QFETCH(int, inFlight);
        auto c = client();
        const QList<HttpRequest> sent = requests(m_h2c, false, path, total, ProtocolChoice::Http2);
        const QList<Exchange> exchanges = drive(*c, sent, inFlight);
        int peak = 0;
        const int connections = compareWithLog(sent, exchanges, "HTTP/2.0", 128, &peak);
        QCOMPARE(connections, 1);
        QVERIFY2(peak <= inFlight, qPrintable(QString::number(peak)));
        if (path == QLatin1String("/slow")) // 300 ms answers: the streams did overlap
            QVERIFY2(peak > 1, qPrintable(QString::number(peak)));
    }

    // http2_max_concurrent_streams 2 and a pool allowing six: a connection per two streams.
    void moreConnectionsWhenTheServerAllowsFewerStreams()
    {
        auto c = client(6);
        const QList<HttpRequest> sent =
            requests(m_h2cTwo, false, QStringLiteral("/slow"), 12, ProtocolChoice::Http2);
        const QList<Exchange> exchanges = drive(*c, sent, 6);
        int peak = 0;
        const int connections = compareWithLog(sent, exchanges, "HTTP/2.0", 2, &peak);
        QCOMPARE(connections, 3);
        QCOMPARE(peak, 2);
    }

    // The same limit with one connection per origin: two streams at a time, the rest wait.
    void oneConnectionPerOriginBlocksTheRest()
    {
        auto c = client(1);
        const QList<HttpRequest> sent =
            requests(m_h2cTwo, false, QStringLiteral("/slow"), 6, ProtocolChoice::Http2);
        const QList<Exchange> exchanges = drive(*c, sent, 6);
        int peak = 0;
        const int connections = compareWithLog(sent, exchanges, "HTTP/2.0", 2, &peak);
        QCOMPARE(connections, 1);
        QCOMPARE(peak, 2);
        // Four of the six waited for a stream: the pool queued them (a blocked phase).
        int blocked = 0;
        for (const Exchange &e : exchanges)
            blocked += e.attempts.constLast().timings.blocked > 0 ? 1 : 0;
        QVERIFY2(blocked >= 4, qPrintable(QString::number(blocked)));
    }

    // keepalive_requests 5: nginx sends GOAWAY after a connection's fifth stream and refuses
    // what came after it; those go again on a new connection, and each request reaches nginx
    // once.
    void goawayAfterNginxsRequestLimit_data()
    {
        QTest::addColumn<int>("inFlight");
        QTest::newRow("4 in flight") << 4;
        QTest::newRow("16 in flight") << 16; // streams beyond the fifth are out before the GOAWAY
        QTest::newRow("40 in flight") << 40; // some are refused on several connections in turn
    }

    void goawayAfterNginxsRequestLimit()
    {
        QFETCH(int, inFlight);
        auto c = client();
        const QList<HttpRequest> sent =
            requests(m_h2cShort, false, QStringLiteral("/fast"), 43, ProtocolChoice::Http2);
        const QList<Exchange> exchanges = drive(*c, sent, inFlight);
        // Every request here is a GET that nginx did not process where it was refused: none
        // may fail while each new connection still serves five. (Fails against 52c4bda: the
        // refused GETs are not re-sent oldest first, so one can be refused on five connections
        // in a row, behind newer ones, and OriginPool gives up after MaxNotProcessedAttempts
        // = 5 with "the server's GOAWAY (NO_ERROR (0x0)) came before it was processed".)
        for (int i = 0; i < exchanges.size(); ++i) {
            const Exchange &e = exchanges[i];
            QByteArray trail;
            for (const Attempt &a : e.attempts)
                trail += " #" + a.connectionId.section('#', 1).toUtf8() + " stream " +
                         QByteArray::number(a.streamId) + ';';
            QVERIFY2(e.isComplete(),
                     qPrintable(QStringLiteral("request %1 of %2 failed after %3 attempts (%4): "
                                               "\"%5\"; an unprocessed request was starved by "
                                               "newer ones and ran out of re-sends")
                                    .arg(i)
                                    .arg(sent.size())
                                    .arg(e.attempts.size())
                                    .arg(QString::fromUtf8(trail.trimmed()))
                                    .arg(e.error)));
        }
        int peak = 0;
        const int connections = compareWithLog(sent, exchanges, "HTTP/2.0", 128, &peak);
        QVERIFY2(connections >= 9, qPrintable(QString::number(connections)));
        int resent = 0;
        int most = 0;
        for (const Exchange &e : exchanges) {
            most = qMax(most, int(e.attempts.size()));
            QVERIFY2(e.attempts.constLast().requestIndex <= 5,
                     qPrintable(QString::number(e.attempts.constLast().requestIndex)));
            resent += e.attempts.size() > 1 ? 1 : 0;
        }
        QFile file(logPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray run =
            "?run=" + sent.first().url.query().section('&', 0, 0).mid(4).toUtf8() + '&';
        QCOMPARE(int(file.readAll().count(run)), int(sent.size())); // none processed twice
        qInfo("%d re-sent after a GOAWAY, at most %d attempts", resent, most);
    }

    // keepalive_timeout 1s: nginx closes an idle HTTP/2 connection (GOAWAY, then FIN); the
    // next request goes on a new connection at its first attempt.
    void nginxClosesAnIdleConnection()
    {
        auto c = client();
        const QList<HttpRequest> first =
            requests(m_h2cShort, false, QStringLiteral("/fast"), 1, ProtocolChoice::Http2);
        int peak = 0;
        const QList<Exchange> before = drive(*c, first, 1);
        QCOMPARE(compareWithLog(first, before, "HTTP/2.0", 128, &peak), 1);
        QTest::qWait(1800);
        const QList<HttpRequest> second =
            requests(m_h2cShort, false, QStringLiteral("/fast"), 1, ProtocolChoice::Http2);
        const QList<Exchange> after = drive(*c, second, 1);
        QCOMPARE(compareWithLog(second, after, "HTTP/2.0", 128, &peak), 1);
        QVERIFY(after.first().attempts.constLast().connectionId !=
                before.first().attempts.constLast().connectionId);
        QCOMPARE(readLog().value(uriOf(second.first())).connectionRequests, 1);
        QVERIFY2(after.first().attempts.size() == 1,
                 qPrintable(after.first().attempts.first().errorString));
    }

    // We announce SETTINGS_ENABLE_PUSH 0, so nginx's http2_push pushes nothing: a pushed
    // response would be in its log (as nghttp's would be, which accepts pushes).
    void nginxPushesNothing()
    {
        auto c = client();
        const QList<HttpRequest> sent =
            requests(m_h2c, false, QStringLiteral("/offers-push"), 3, ProtocolChoice::Http2);
        int peak = 0;
        QCOMPARE(compareWithLog(sent, drive(*c, sent, 1), "HTTP/2.0", 128, &peak), 1);
        QFile file(logPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("/pushed.txt"), "nginx pushed to us");
    }

    // ALPN auto (the default): h2 where nginx offers it, HTTP/1.1 where it does not.
    void alpnAutoFollowsWhatNginxOffers()
    {
        auto c = client();
        QCOMPARE(c->defaultProtocol(), ProtocolChoice::Auto);
        int peak = 0;
        const QList<HttpRequest> h2 =
            requests(m_h2Tls, true, QStringLiteral("/fast"), 60, std::nullopt);
        // 30 at once on an origin not yet known: one connection, the others wait for its ALPN.
        QCOMPARE(compareWithLog(h2, drive(*c, h2, 30), "HTTP/2.0", 128, &peak), 1);
        QVERIFY2(peak > 1, qPrintable(QString::number(peak)));
        const QList<HttpRequest> h1 =
            requests(m_http1Tls, true, QStringLiteral("/fast"), 6, std::nullopt);
        const QList<Exchange> exchanges = drive(*c, h1, 1);
        QCOMPARE(compareWithLog(h1, exchanges, "HTTP/1.1", 0, &peak), 1);
        QVERIFY(!exchanges.first().attempts.first().tlsProtocol.isEmpty());
        // Six at once on a new client: ALPN says http/1.1, and those that waited for it get
        // connections of their own, up to one per request in flight.
        auto fresh = client();
        const QList<HttpRequest> h1many =
            requests(m_http1Tls, true, QStringLiteral("/fast"), 24, std::nullopt);
        const int h1connections =
            compareWithLog(h1many, drive(*fresh, h1many, 6), "HTTP/1.1", 0, &peak);
        QVERIFY2(h1connections > 1 && h1connections <= 6,
                 qPrintable(QString::number(h1connections)));
        // Asking for HTTP/1.1 on the h2 port gets HTTP/1.1 there too.
        const QList<HttpRequest> asked =
            requests(m_h2Tls, true, QStringLiteral("/fast"), 3, ProtocolChoice::Http1);
        QCOMPARE(compareWithLog(asked, drive(*c, asked, 1), "HTTP/1.1", 0, &peak), 1);
    }
};

QTEST_GUILESS_MAIN(tst_NginxHttp2)
#include "tst_nginxhttp2.moc"
