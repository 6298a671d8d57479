// HTTP/2 on the engine's own path, against the demo service (h2c prior knowledge on its HTTP
// port, ALPN h2 on its TLS port) over loopback: what our record says (connection, stream,
// streams in flight) is compared with what the server saw (X-Demo-Connection,
// X-Demo-Stream), and each fault ends in a specific error or a safe re-send.
#include "enginefixture.h"
#include "localports.h"
#include "net/enginereply.h"
#include "net/httpclient.h"
#include "scriptedserver.h"
#include "sendandwait.h"
#include "silentlistener.h"
#include "tunnelproxy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace mr;

namespace {

HttpRequest get(const QUrl &url)
{
    HttpRequest request;
    request.method = "GET";
    request.url = url;
    return request;
}

int headerInt(const Exchange &e, const char *name)
{
    return e.responseHeaders.value(name).toInt();
}

} // namespace

class tst_EngineHttp2 : public EngineFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(startServices(&error), qPrintable(error));
    }

    void priorKnowledgeOnCleartext()
    {
        auto c = client();
        HttpRequest request = get(at("/get"));
        request.options.protocol = ProtocolChoice::Http2;
        const Exchange e = sendAndWait(*c, request);
        QVERIFY2(e.isComplete(), qPrintable(e.error));
        QCOMPARE(e.path, Exchange::Path::Pool); // ours, with a connection id
        QCOMPARE(e.httpVersion, QByteArray("HTTP/2"));
        QCOMPARE(e.attempts.size(), 1);
        const Attempt &a = e.attempts.first();
        QVERIFY(!a.connectionId.isEmpty());
        QCOMPARE(a.streamId, headerInt(e, "X-Demo-Stream"));
        QCOMPARE(a.streamId, 1);
        QCOMPARE(a.streamsInFlight, 1);
        QCOMPARE(a.httpVersion, QByteArray("HTTP/2"));
        QVERIFY2(a.connectionLabel().contains(QStringLiteral("h2 stream 1")),
                 qPrintable(a.connectionLabel()));
        // The request as sent reads as HTTP/2 fields, lower-case, with no Connection header.
        QVERIFY2(e.attempts.first().requestHead.startsWith("GET /get HTTP/2\r\n"),
                 e.attempts.first().requestHead.constData());
    }

    void alpnChoosesHttp2ByDefaultOnTls()
    {
        auto c = client();
        QCOMPARE(c->defaultProtocol(), ProtocolChoice::Auto);
        const Exchange e = sendAndWait(*c, get(at("/get", true)));
        QVERIFY2(e.isComplete(), qPrintable(e.error));
        QCOMPARE(e.httpVersion, QByteArray("HTTP/2"));
        QCOMPARE(e.attempts.first().streamId, headerInt(e, "X-Demo-Stream"));
        QVERIFY(!e.attempts.first().tlsProtocol.isEmpty());
        // The same connection carries the next request, on the next stream.
        const Exchange next = sendAndWait(*c, get(at("/get", true)));
        QVERIFY2(next.isComplete(), qPrintable(next.error));
        QCOMPARE(next.attempts.first().connectionId, e.attempts.first().connectionId);
        QCOMPARE(next.attempts.first().streamId, 3);
        QVERIFY(next.attempts.first().reused);
        QCOMPARE(headerInt(next, "X-Demo-Connection"), headerInt(e, "X-Demo-Connection"));
    }

    void http1StaysHttp1WhenAsked()
    {
        auto c = client();
        HttpRequest request = get(at("/get", true));
        request.options.protocol = ProtocolChoice::Http1;
        const Exchange e = sendAndWait(*c, request);
        QVERIFY2(e.isComplete(), qPrintable(e.error));
        QCOMPARE(e.httpVersion, QByteArray("HTTP/1.1"));
        QCOMPARE(e.attempts.first().streamId, 0);
        QVERIFY(!e.responseHeaders.contains("X-Demo-Stream"));
        // And a client whose default is HTTP/1.1.
        c->setDefaultProtocol(ProtocolChoice::Http1);
        const Exchange d = sendAndWait(*c, get(at("/get", true)));
        QCOMPARE(d.httpVersion, QByteArray("HTTP/1.1"));
        // Cleartext in auto is HTTP/1.1: no Upgrade is offered.
        c->setDefaultProtocol(ProtocolChoice::Auto);
        const Exchange plain = sendAndWait(*c, get(at("/get")));
        QCOMPARE(plain.httpVersion, QByteArray("HTTP/1.1"));
    }

    void manyStreamsShareOneConnection()
    {
        auto c = client();
        c->setDefaultProtocol(ProtocolChoice::Http2);
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 12; ++i) {
            HttpRequest request = get(at(QStringLiteral("/delay/200?n=%1").arg(i)));
            replies.append(c->sendRaw(request));
        }
        QSet<QString> connections;
        QSet<int> serverConnections;
        QSet<int> streams;
        int peak = 0;
        for (QNetworkReply *reply : replies) {
            const Exchange e = takeExchange(reply);
            QVERIFY2(e.isComplete(), qPrintable(e.error));
            QCOMPARE(e.httpVersion, QByteArray("HTTP/2"));
            const Attempt &a = e.attempts.first();
            connections.insert(a.connectionId);
            serverConnections.insert(headerInt(e, "X-Demo-Connection"));
            QCOMPARE(a.streamId, headerInt(e, "X-Demo-Stream"));
            streams.insert(a.streamId);
            peak = qMax(peak, a.streamsInFlight);
        }
        QCOMPARE(connections.size(), 1);
        QCOMPARE(serverConnections.size(), 1);
        QCOMPARE(streams.size(), 12);
        // The first waits for the server's SETTINGS; then the rest go at once.
        QVERIFY2(peak >= 6, qPrintable(QString::number(peak)));
    }

    void theServersStreamLimitBlocksTheRest()
    {
        DemoServer::Options options = m_certificates.demoOptions();
        options.h2MaxConcurrentStreams = 2;
        DemoServerThread limited;
        QString error;
        QVERIFY2(limited.start(options, &error), qPrintable(error));
        const auto run = [&](int perOrigin, QSet<int> *serverConnections, int *peak, int *blocked) {
            auto c = client();
            c->setDefaultProtocol(ProtocolChoice::Http2);
            PoolSettings pool = c->poolSettings();
            pool.maxPerOrigin = perOrigin;
            c->setPoolSettings(pool);
            QList<QNetworkReply *> replies;
            for (int i = 0; i < 6; ++i)
                replies.append(c->sendRaw(get(QUrl(limited.httpUrl().toString() + "/delay/150"))));
            for (QNetworkReply *reply : replies) {
                const Exchange e = takeExchange(reply);
                QVERIFY2(e.isComplete(), qPrintable(e.error));
                serverConnections->insert(headerInt(e, "X-Demo-Connection"));
                *peak = qMax(*peak, e.attempts.first().streamsInFlight);
                if (e.attempts.first().timings.blocked >= 100)
                    ++*blocked;
            }
        };
        // One connection allowed: two streams at a time, the others wait for a slot.
        QSet<int> one;
        int peak = 0;
        int blocked = 0;
        run(1, &one, &peak, &blocked);
        QCOMPARE(one.size(), 1);
        QCOMPARE(peak, 2);
        QVERIFY2(blocked >= 3, qPrintable(QString::number(blocked)));
        // Six allowed: a second and a third connection once the streams of those open are taken.
        QSet<int> three;
        peak = 0;
        blocked = 0;
        run(6, &three, &peak, &blocked);
        QCOMPARE(three.size(), 3);
        QCOMPARE(peak, 2);
    }

    void aServerThatLowersItsLimitMidConnectionIsHeeded()
    {
        auto c = client();
        c->setDefaultProtocol(ProtocolChoice::Http2);
        PoolSettings pool = c->poolSettings();
        pool.maxPerOrigin = 1;
        c->setPoolSettings(pool);
        const Exchange lowered = sendAndWait(*c, get(at("/h2/settings?max-streams=1")));
        QVERIFY2(lowered.isComplete(), qPrintable(lowered.error));
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 4; ++i)
            replies.append(c->sendRaw(get(at("/delay/50"))));
        int peak = 0;
        for (QNetworkReply *reply : replies) {
            const Exchange e = takeExchange(reply);
            QVERIFY2(e.isComplete(), qPrintable(e.error));
            QCOMPARE(headerInt(e, "X-Demo-Connection"), headerInt(lowered, "X-Demo-Connection"));
            peak = qMax(peak, e.attempts.first().streamsInFlight);
        }
        QCOMPARE(peak, 1); // one stream at a time on that connection from then on
    }

    void bodiesGoBothWays()
    {
        auto c = client();
        c->setDefaultProtocol(ProtocolChoice::Http2);
        HttpRequest post;
        post.method = "POST";
        post.url = at("/anything");
        post.headers.append("Content-Type", "text/plain");
        post.body = QByteArray(300 * 1024, 'x'); // more than the first windows
        const Exchange e = sendAndWait(*c, post);
        QVERIFY2(e.isComplete(), qPrintable(e.error));
        const QJsonObject echo = QJsonDocument::fromJson(e.responseBody).object();
        QCOMPARE(echo.value(QStringLiteral("data")).toString().size(), post.body.size());
        // A large, compressed response is decoded as it streams.
        const Exchange big = sendAndWait(*c, get(at("/gzip")));
        QVERIFY2(big.isComplete(), qPrintable(big.error));
        QCOMPARE(QJsonDocument::fromJson(big.responseBody).object().value("gzipped").toBool(),
                 true);
        const Exchange bytes = sendAndWait(*c, get(at("/bytes/2000000")));
        QVERIFY2(bytes.isComplete(), qPrintable(bytes.error));
        QCOMPARE(bytes.responseBodySize, qint64(2000000));
    }

    void refusedStreamIsResent()
    {
        auto c = client();
        HttpRequest request;
        request.method = "POST"; // not idempotent: re-sent because the server did not process it
        request.url = at("/h2/refuse?key=post-once&times=1");
        request.options.protocol = ProtocolChoice::Http2;
        const Exchange e = sendAndWait(*c, request);
        QVERIFY2(e.isComplete(), qPrintable(e.error));
        QCOMPARE(e.attempts.size(), 2);
        QVERIFY2(e.attempts.first().errorString.contains(QStringLiteral("REFUSED_STREAM")),
                 qPrintable(e.attempts.first().errorString));
        QVERIFY2(e.attempts.first().outcome.startsWith(QStringLiteral("re-sent")),
                 qPrintable(e.attempts.first().outcome));
        QCOMPARE(QJsonDocument::fromJson(e.responseBody).object().value("call").toInt(), 2);
    }

    void refusedForeverEndsAfterAFewTries()
    {
        auto c = client();
        HttpRequest request = get(at("/h2/refuse?key=always&times=1000"));
        request.options.protocol = ProtocolChoice::Http2;
        const Exchange e = sendAndWait(*c, request);
        QVERIFY(!e.isComplete());
        QVERIFY2(e.error.contains(QStringLiteral("REFUSED_STREAM")), qPrintable(e.error));
        QCOMPARE(e.attempts.size(), 5); // the connection answered nothing else meanwhile
    }

    void abortingTheRequestAConnectionOpensForClosesIt()
    {
        // The first request leaves while its connection is still connecting: the connection
        // goes with it, and the next request opens its own (and times out on its own terms).
        SilentListener silent;
        const int port = LocalPorts::freePort();
        QVERIFY(silent.listen(QHostAddress::LocalHost, quint16(port)));
        auto c = client();
        c->setDefaultProtocol(ProtocolChoice::Http2);
        QSignalSpy opened(c.get(), &HttpClient::connectionOpened);
        QSignalSpy closed(c.get(), &HttpClient::connectionClosed);
        HttpRequest request = get(QUrl(QStringLiteral("https://127.0.0.1:%1/get").arg(port)));
        QNetworkReply *first = c->sendRaw(request);
        QTRY_COMPARE(opened.count(), 1);
        first->abort();
        QTRY_COMPARE(closed.count(), 1);
        delete first;
        request.options.connectTimeoutMs = 200;
        const Exchange second = sendAndWait(*c, request);
        QVERIFY(!second.isComplete());
        QVERIFY2(second.error.contains(QStringLiteral("imed out")) ||
                     second.error.contains(QStringLiteral("timeout")),
                 qPrintable(second.error));
        QVERIFY(opened.count() >= 2); // its own (and the retry of a connect error)
    }

    void resetStreamEndsOneRequest()
    {
        auto c = client();
        c->setDefaultProtocol(ProtocolChoice::Http2);
        QNetworkReply *slow = c->sendRaw(get(at("/delay/300")));
        const Exchange reset = sendAndWait(*c, get(at("/h2/reset?code=2")));
        QVERIFY(!reset.isComplete());
        QVERIFY2(
            reset.error.contains(QStringLiteral("the server reset the stream: INTERNAL_ERROR")),
            qPrintable(reset.error));
        QCOMPARE(reset.attempts.size(), 1); // may have been processed: not re-sent
        // The other stream on that connection finishes.
        const Exchange other = takeExchange(slow);
        QVERIFY2(other.isComplete(), qPrintable(other.error));
        QCOMPARE(other.attempts.first().connectionId, reset.attempts.first().connectionId);
    }

    void goawayResendsWhatTheServerDidNotProcess()
    {
        auto c = client();
        c->setDefaultProtocol(ProtocolChoice::Http2);
        // Stream 1 asks for the GOAWAY; streams above it go out with it and are refused.
        QNetworkReply *first = c->sendRaw(get(at("/h2/goaway")));
        QTest::qWait(50);
        QList<QNetworkReply *> after;
        for (int i = 0; i < 3; ++i)
            after.append(c->sendRaw(get(at("/get"))));
        const Exchange g = takeExchange(first);
        QVERIFY2(g.isComplete(), qPrintable(g.error));
        for (QNetworkReply *reply : after) {
            const Exchange e = takeExchange(reply);
            QVERIFY2(e.isComplete(), qPrintable(e.error));
        }
        // A new connection carries what comes next.
        const Exchange next = sendAndWait(*c, get(at("/get")));
        QVERIFY2(next.isComplete(), qPrintable(next.error));
        QVERIFY(headerInt(next, "X-Demo-Connection") != headerInt(g, "X-Demo-Connection"));
    }

    void http2ToAnHttp1ServerSaysSo()
    {
        DemoServer::Options options;
        options.http2 = false;
        DemoServerThread h1only;
        QString error;
        QVERIFY2(h1only.start(options, &error), qPrintable(error));
        auto c = client();
        HttpRequest request = get(QUrl(h1only.httpUrl().toString() + "/get"));
        request.options.protocol = ProtocolChoice::Http2;
        const Exchange e = sendAndWait(*c, request);
        QVERIFY(!e.isComplete());
        QVERIFY2(e.error.contains(QStringLiteral("HTTP/1.1, not HTTP/2")),
                 qPrintable(e.error + QLatin1Char(' ') + e.attempts.value(0).errorString));
    }

    void aServerThatNeverSendsSettingsIsNamed()
    {
        DemoServer::Options options;
        options.h2SendSettings = false;
        DemoServerThread silent;
        QString error;
        QVERIFY2(silent.start(options, &error), qPrintable(error));
        auto c = client();
        HttpRequest request = get(QUrl(silent.httpUrl().toString() + "/get"));
        request.options.protocol = ProtocolChoice::Http2;
        request.options.connectTimeoutMs = 300;
        const Exchange e = sendAndWait(*c, request);
        QVERIFY(!e.isComplete());
        QVERIFY2(e.error.contains(QStringLiteral("sent no SETTINGS within 300 ms")),
                 qPrintable(e.error + QLatin1Char(' ') + e.attempts.value(0).errorString));
    }

    void alpnWithoutH2FailsWhenHttp2IsRequired()
    {
        DemoServer::Options options = m_certificates.demoOptions();
        options.http2 = false;
        DemoServerThread h1only;
        QString error;
        QVERIFY2(h1only.start(options, &error), qPrintable(error));
        auto c = client();
        const QUrl url(h1only.httpsUrl().toString() + "/get");
        // Auto falls back to HTTP/1.1 …
        const Exchange fallback = sendAndWait(*c, get(url));
        QVERIFY2(fallback.isComplete(), qPrintable(fallback.error));
        QCOMPARE(fallback.httpVersion, QByteArray("HTTP/1.1"));
        // … HTTP/2 only says why not.
        HttpRequest request = get(url);
        request.options.protocol = ProtocolChoice::Http2;
        const Exchange e = sendAndWait(*c, request);
        QVERIFY(!e.isComplete());
        QVERIFY2(e.error.contains(QStringLiteral("ALPN chose http/1.1")) ||
                     e.error.contains(QStringLiteral("HTTP/2 only was offered")),
                 qPrintable(e.error));
    }

    void throughATunnelAlpnStillChooses()
    {
        // An HTTP proxy's CONNECT tunnel, then TLS and ALPN inside it; SOCKS5 alike.
        for (const auto type : {QNetworkProxy::HttpProxy, QNetworkProxy::Socks5Proxy}) {
            TunnelProxy proxy;
            auto c = client();
            c->setProxy(QNetworkProxy(type, QStringLiteral("127.0.0.1"), proxy.port()));
            const Exchange e = sendAndWait(*c, get(at("/get", true)));
            QVERIFY2(e.isComplete(), qPrintable(e.error));
            QCOMPARE(e.httpVersion, QByteArray("HTTP/2"));
            QVERIFY(!e.attempts.first().proxy.isEmpty());
            const Exchange next = sendAndWait(*c, get(at("/get", true)));
            QCOMPARE(next.attempts.first().streamId, 3); // the same tunnel, the next stream
            QCOMPARE(proxy.tunnels().size(), 1);
        }
    }

    void qtApiSeesHttp2()
    {
        auto c = client();
        QNetworkRequest request(at("/get", true));
        auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(qobject_cast<EngineReply *>(reply.get()));
        QVERIFY(reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
        // Http2AllowedAttribute false keeps it on HTTP/1.1.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        reply = send(*c, request);
        QVERIFY(!reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
        QCOMPARE(exchange(reply).httpVersion, QByteArray("HTTP/1.1"));
    }
};

QTEST_MAIN(tst_EngineHttp2)
#include "tst_enginehttp2.moc"
