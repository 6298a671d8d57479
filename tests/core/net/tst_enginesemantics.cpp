// HTTP semantics on the engine's path, against the demo service over loopback: content
// decoding, large bodies, timeouts, retries, proxies and what goes to Qt's own path. Each case
// would fail without the behaviour it names.
#include "enginefixture.h"
#include "http/httpauthchallenge.h"
#include "net/enginereply.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "scriptedserver.h"
#include "sendandwait.h"
#include "tunnelproxy.h"
#include "workspace/requestauth.h"
#include "workspace/requestresolver.h"

#include <QAuthenticator>
#include <QFileInfo>
#include <QHostInfo>
#include <QHstsPolicy>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace mr;

class tst_EngineSemantics : public EngineFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(startServices(&error), qPrintable(error));
    }

    // Decoding.

    void decodingAndWhatWasAsked()
    {
        auto c = client();
        auto reply = send(*c, QNetworkRequest(at("/headers")));
        QCOMPARE(json(reply).value("headers").toObject().value("Accept-Encoding").toString(),
                 QStringLiteral("gzip, deflate, br, zstd"));
        QNetworkRequest own(at("/gzip"));
        own.setRawHeader("Accept-Encoding", "gzip");
        reply = send(*c, own);
        const QByteArray raw = reply->readAll();
        QCOMPARE(raw.left(2), QByteArray("\x1f\x8b")); // still gzip: the caller asked for it
        QVERIFY(reply->hasRawHeader("Content-Length"));
    }

    void bombsAreRefused_data()
    {
        QTest::addColumn<QString>("coding");
        for (const char *coding : {"gzip", "deflate", "br", "zstd"})
            QTest::newRow(coding) << QString::fromLatin1(coding);
    }

    void bombsAreRefused()
    {
        QFETCH(QString, coding);
        auto c = client();
        const auto reply = send(*c, QNetworkRequest(at("/bomb/" + coding)));
        QCOMPARE(reply->error(), QNetworkReply::UnknownContentError);
        QVERIFY2(reply->errorString().contains(QLatin1String("decompression bomb refused")),
                 qPrintable(reply->errorString()));
        QVERIFY(reply->readAll().size() < 32 * 1024 * 1024);
        // The connection that carried it is not used again; the next request is fine.
        QCOMPARE(send(*c, QNetworkRequest(at("/get")))->error(), QNetworkReply::NoError);
    }

    // Large bodies.

    void largeBodiesGoToAFile()
    {
        auto inMemory = client();
        const auto reference = send(*inMemory, QNetworkRequest(at("/bytes/5000000?seed=9")));
        const QByteArray expected = reference->readAll();
        QCOMPARE(expected.size(), 5000000);
        auto c = client();
        c->setBodyMemoryLimit(1024 * 1024);
        const auto reply = send(*c, QNetworkRequest(at("/bytes/5000000?seed=9")));
        const Exchange &e = exchange(reply);
        QVERIFY(e.responseBody.isEmpty());
        QCOMPARE(e.responseBodySize, 5000000);
        QVERIFY(!e.responseBodyFile.isEmpty());
        QCOMPARE(QFileInfo(e.responseBodyFile).size(), 5000000);
        QCOMPARE(reply->bytesAvailable(), 5000000);
        QCOMPARE(reply->read(10), expected.left(10));
        QCOMPARE(reply->readAll(), expected.mid(10));
        const QString path = e.responseBodyFile;
        QVERIFY(QFile::exists(path));
        const_cast<std::unique_ptr<QNetworkReply> &>(reply).reset();
        QVERIFY(!QFile::exists(path)); // removed with its reply
    }

    void hugeBodyKeepsMemoryFlat()
    {
        const qint64 size = qEnvironmentVariableIntValue("MR_BIG_BODY_BYTES") > 0
                                ? qEnvironmentVariableIntValue("MR_BIG_BODY_BYTES")
                                : qint64(1) << 30;
        auto residentMb = [] {
            QFile status(QStringLiteral("/proc/self/status"));
            if (!status.open(QIODevice::ReadOnly))
                return qint64(0);
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmRSS:"))
                    return line.mid(6).trimmed().split(' ').first().toLongLong() / 1024;
            }
            return qint64(0);
        };
        auto c = client();
        const qint64 before = residentMb();
        qint64 peak = before;
        qint64 received = 0;
        std::unique_ptr<QNetworkReply> reply(
            c->get(QNetworkRequest(at(QStringLiteral("/bytes/%1").arg(size)))));
        connect(reply.get(), &QNetworkReply::readyRead, this, [&] {
            received += reply->readAll().size(); // a reader that keeps nothing
            peak = qMax(peak, residentMb());
        });
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(300000));
        received += reply->readAll().size();
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(received, size);
        qInfo("%lld MB received; resident memory grew by %lld MB", size >> 20, peak - before);
#ifdef __SANITIZE_ADDRESS__
        return; // AddressSanitizer keeps freed memory in quarantine: resident size says nothing
#endif
        QVERIFY2(peak - before < 300,
                 qPrintable(QStringLiteral("resident memory grew by %1 MB").arg(peak - before)));
    }

    // Timeouts.

    void inactivityTimeout()
    {
        auto c = client();
        QNetworkRequest request(at("/delay/3000"));
        request.setTransferTimeout(200);
        const auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::TimeoutError);
        QVERIFY(reply->errorString().startsWith(
            QLatin1String("Inactivity timeout: no data for 200 ms")));
    }

    void totalTimeoutCoversEveryHop()
    {
        auto c = client();
        QNetworkRequest request(at("/fault/slow-headers/2000")); // bytes keep trickling in
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::TotalTimeoutAttribute), 300);
        const auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::TimeoutError);
        QVERIFY(reply->errorString().startsWith(QLatin1String("Total timeout")));
    }

    void connectTimeout()
    {
        // A listener that never speaks TLS: the handshake never completes.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        auto c = client();
        QNetworkRequest request(
            QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(silent.serverPort())));
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::ConnectTimeoutAttribute), 200);
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::RetriesAttribute), 0);
        const auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::TimeoutError);
        QVERIFY2(reply->errorString().startsWith(QLatin1String("Connect timeout")),
                 qPrintable(reply->errorString()));
    }

    // Retries.

    void statusRetriesHonourRetryAfter()
    {
        auto c = client();
        RetryPolicy policy;
        policy.retryAfterMaxMs = 50; // the service says 1 s; the cap keeps the test short
        c->setRetryPolicy(policy);
        const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QNetworkRequest request(at("/fault/flaky/2?key=" + QString::fromLatin1(key)));
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::RetriesAttribute), 3);
        auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        const Exchange &e = exchange(reply);
        QCOMPARE(e.attempts.size(), 3);
        QCOMPARE(e.attempts[0].status, 503);
        QVERIFY2(
            e.attempts[0].outcome.startsWith(QLatin1String("status 503: retry 1 of 3 in 50 ms")),
            qPrintable(e.attempts[0].outcome));
        QCOMPARE(e.attempts[2].status, 200);
        // POST is not in the retry methods.
        const QByteArray postKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QNetworkRequest post(at("/fault/flaky/1?key=" + QString::fromLatin1(postKey)));
        post.setAttribute(QNetworkRequest::Attribute(HttpClient::RetriesAttribute), 3);
        reply = send(*c, post, "POST", "x");
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 503);
        QCOMPARE(exchange(reply).attempts.size(), 1);
    }

    void oneConnectRetryByDefault()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        auto c = client();
        const auto reply =
            send(*c, QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port))));
        QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
        const Exchange &e = exchange(reply);
        QCOMPARE(e.attempts.size(), 2);
        QVERIFY(e.attempts[0].outcome.startsWith(QLatin1String("connect error: retry 1 of 1")));
        QVERIFY(e.attempts[1].outcome.contains(QLatin1String("budget (1) is spent")));
    }

    void readRetriesOnlyForIdempotentMethods()
    {
        auto c = client();
        QNetworkRequest request(at("/fault/reset"));
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::RetriesAttribute), 1);
        auto reply = send(*c, request);
        QVERIFY(reply->error() != QNetworkReply::NoError);
        QCOMPARE(exchange(reply).attempts.size(), 2);
        reply = send(*c, request, "POST", "x");
        QCOMPARE(exchange(reply).attempts.size(), 1);
        QVERIFY2(exchange(reply).attempts[0].outcome.contains(
                     QLatin1String("POST may have reached the server")),
                 qPrintable(exchange(reply).attempts[0].outcome));
    }

    // A POST whose connection drops mid-response reached the server: it is sent once, on a
    // fresh connection and on a reused one, however generous the retry budgets; a GET may go
    // again (read retries), and every attempt is on record.
    void postDroppedMidResponseIsSentOnce()
    {
        ScriptedServer server([](const QByteArray &request, int) {
            if (request.contains(" /warm "))
                return ScriptedServer::Answer{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"};
            return ScriptedServer::Answer{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart",
                                          true};
        });
        auto c = client();
        RetryPolicy generous;
        generous.connect = 3;
        generous.read = 3;
        c->setRetryPolicy(generous);
        const QUrl drop(server.baseUrl() + "/drop");
        auto reply = send(*c, QNetworkRequest(drop), "POST", "payload");
        QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
        QCOMPARE(exchange(reply).attempts.size(), 1);
        QVERIFY2(exchange(reply).attempts[0].outcome.contains(
                     QLatin1String("POST may have reached the server")),
                 qPrintable(exchange(reply).attempts[0].outcome));
        QCOMPARE(server.requests().size(), 1);

        QCOMPARE(send(*c, QNetworkRequest(QUrl(server.baseUrl() + "/warm")))->error(),
                 QNetworkReply::NoError);
        reply = send(*c, QNetworkRequest(drop), "POST", "payload"); // on the kept-alive one
        QVERIFY(exchange(reply).attempts[0].reused);
        QCOMPARE(exchange(reply).attempts.size(), 1);
        QCOMPARE(server.requests().size(), 3);

        reply = send(*c, QNetworkRequest(drop));
        QCOMPARE(exchange(reply).attempts.size(), 4); // GET: three read retries, on record
        QCOMPARE(server.requests().size(), 7);
    }

    // Proxies.

    void socks5AndConnectTunnelsAreOurs_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QString>("kind");
        QTest::newRow("SOCKS5 http") << int(QNetworkProxy::Socks5Proxy) << false << "socks5";
        QTest::newRow("SOCKS5 https") << int(QNetworkProxy::Socks5Proxy) << true << "socks5";
        QTest::newRow("CONNECT https") << int(QNetworkProxy::HttpProxy) << true << "connect";
    }

    void socks5AndConnectTunnelsAreOurs()
    {
        QFETCH(int, type);
        QFETCH(bool, tls);
        QFETCH(QString, kind);
        TunnelProxy proxy;
        auto c = client();
        // Explicitly set proxies apply to loopback too.
        c->setProxy(QNetworkProxy(QNetworkProxy::ProxyType(type), QStringLiteral("127.0.0.1"),
                                  proxy.port()));
        const QUrl target = at("/get", tls);
        for (int i = 0; i < 2; ++i) {
            const auto reply = send(*c, QNetworkRequest(target));
            QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
            QVERIFY(qobject_cast<EngineReply *>(reply.get()));
            const Attempt &attempt = exchange(reply).attempts.first();
            QCOMPARE(attempt.proxy.section(QLatin1Char(':'), 0, 0), kind == QLatin1String("socks5")
                                                                        ? QStringLiteral("socks5")
                                                                        : QStringLiteral("http"));
            QCOMPARE(attempt.reused, i == 1);    // the tunnel is kept alive like any connection
            QCOMPARE(attempt.timings.dns, -1.0); // the proxy resolves
        }
        QCOMPARE(proxy.tunnels(),
                 QStringList({QStringLiteral("%1 127.0.0.1:%2").arg(kind).arg(target.port())}));
    }

    void plainHttpThroughAnHttpProxyIsQtsJob()
    {
        QTcpServer nobody;
        QVERIFY(nobody.listen(QHostAddress::LocalHost));
        const quint16 port = nobody.serverPort();
        nobody.close();
        auto c = client();
        c->setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), port));
        const auto reply = send(*c, QNetworkRequest(at("/get")));
        QVERIFY(!qobject_cast<EngineReply *>(reply.get()));
        QVERIFY(reply->error() != QNetworkReply::NoError); // nothing listens there
    }

    // Qt's own path.

    void http2PerOriginGoesThroughOurEngine()
    {
        // HTTP/2 is ours now: the origin's choice holds, with a connection id and a stream.
        auto c = client();
        c->setOriginProtocol(m_service.httpUrl().toString(), ProtocolChoice::Http2);
        auto reply = send(*c, QNetworkRequest(at("/get")));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(qobject_cast<EngineReply *>(reply.get()));
        QVERIFY(reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
        QCOMPARE(exchange(reply).attempts.first().streamId, 1);
        // Other origins keep the default (auto: HTTP/1.1 on cleartext).
        reply = send(*c, QNetworkRequest(QUrl(m_other.httpUrl().toString() + "/get")));
        QVERIFY(qobject_cast<EngineReply *>(reply.get()));
        QVERIFY(!reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
    }

    void credentialsOnQtsPathNeverFollowARedirectToAnotherOrigin()
    {
        // Qt's path (plain http through an HTTP proxy, here a scripted server that answers
        // every proxied request itself) copies every header into a redirect, whatever its
        // origin, and cannot be told to drop some: a request with credentials follows
        // same-origin redirects only.
        ScriptedServer proxy([](const QByteArray &request, int) {
            if (request.startsWith("GET http://api.example/away "))
                return ScriptedServer::Answer{"HTTP/1.1 302 Found\r\nLocation: "
                                              "http://elsewhere.example/headers\r\n"
                                              "Content-Length: 0\r\n\r\n"};
            if (request.startsWith("GET http://api.example/same "))
                return ScriptedServer::Answer{"HTTP/1.1 302 Found\r\nLocation: "
                                              "http://api.example/headers\r\n"
                                              "Content-Length: 0\r\n\r\n"};
            return ScriptedServer::Answer{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"};
        });
        auto c = client();
        c->setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port()));
        const auto reached = [&proxy](const QByteArray &line) {
            for (const QByteArray &request : proxy.requests()) {
                if (request.startsWith(line))
                    return request;
            }
            return QByteArray();
        };
        QNetworkRequest request{QUrl(QStringLiteral("http://api.example/away"))};
        request.setRawHeader("X-API-Key", "s3cret");
        const auto crossed = send(*c, request);
        QVERIFY(!qobject_cast<EngineReply *>(crossed.get()));
        QCOMPARE(crossed->error(), QNetworkReply::InsecureRedirectError);
        QVERIFY(reached("GET http://elsewhere.example/").isEmpty());

        QNetworkRequest same{QUrl(QStringLiteral("http://api.example/same"))};
        same.setRawHeader("Authorization", "Bearer s3cret");
        const auto stayed = send(*c, same);
        QCOMPARE(stayed->error(), QNetworkReply::NoError);
        QCOMPARE(requestHeader(reached("GET http://api.example/headers"), "Authorization"),
                 QByteArray("Bearer s3cret"));

        QNetworkRequest plain{QUrl(QStringLiteral("http://api.example/away"))};
        QCOMPARE(send(*c, plain)->error(), QNetworkReply::NoError); // nothing to leak: followed
        QVERIFY(!reached("GET http://elsewhere.example/headers").isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_EngineSemantics)
#include "tst_enginesemantics.moc"
