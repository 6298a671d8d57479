// Response framing on the engine's path, over real sockets: the demo service for sizes up to
// 100 MB, and a scripted server for what the demo service never sends (trailers, 1xx,
// close-delimited bodies, malformed responses).
#include "demo/demoserverthread.h"
#include "http/contentdecoder.h"
#include "net/enginereply.h"
#include "net/httpclient.h"
#include "scriptedserver.h"
#include "stackedbomb.h"

#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace mr;

namespace {

ScriptedServer::Answer answer(const QByteArray &bytes, bool closeAfter = false)
{
    return {bytes, closeAfter};
}

} // namespace

class tst_EngineFraming : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;

    static std::unique_ptr<QNetworkReply> send(HttpClient &client, const QUrl &url,
                                               const QByteArray &method = "GET")
    {
        std::unique_ptr<QNetworkReply> reply(
            client.sendCustomRequest(QNetworkRequest(url), method));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(30000);
        return reply;
    }

    static const Exchange &exchangeOf(const std::unique_ptr<QNetworkReply> &reply)
    {
        return qobject_cast<EngineReply *>(reply.get())->exchange();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    void bodiesOfEverySize_data()
    {
        QTest::addColumn<qint64>("size");
        for (qint64 size :
             {qint64(0), qint64(1), qint64(65536), qint64(1000001), qint64(100000000)})
            QTest::addRow("%lld bytes", size) << size;
    }

    void bodiesOfEverySize()
    {
        QFETCH(qint64, size);
        HttpClient client;
        QUrl url = m_service.httpUrl();
        url.setPath(QStringLiteral("/bytes/%1").arg(size));
        const auto reply = send(client, url);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll().size(), size);
        // The connection is still good for the next request.
        url.setPath(QStringLiteral("/get"));
        const auto next = send(client, url);
        QVERIFY(exchangeOf(next).attempts.first().reused);
    }

    void headAndEmptyStatusesKeepTheConnection()
    {
        HttpClient client;
        QUrl url = m_service.httpUrl();
        url.setPath(QStringLiteral("/json/5000"));
        auto reply = send(client, url, "HEAD");
        QCOMPARE(reply->readAll(), QByteArray());
        for (const char *path : {"/status/204", "/status/304", "/get"}) {
            url.setPath(QLatin1String(path));
            reply = send(client, url);
            QVERIFY2(exchangeOf(reply).attempts.first().reused, path);
        }
    }

    void chunkedWithTrailers()
    {
        ScriptedServer server([](const QByteArray &, int) {
            return answer(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
                "5\r\nhello\r\n7\r\n, world\r\n0\r\nX-Checksum: 42\r\n\r\n");
        });
        HttpClient client;
        const auto reply = send(client, QUrl(server.baseUrl() + "/"));
        QCOMPARE(reply->readAll(), QByteArray("hello, world"));
        QCOMPARE(exchangeOf(reply).trailers.value("X-Checksum"), QByteArray("42"));
        send(client, QUrl(server.baseUrl() + "/again"));
        QCOMPARE(server.connections(), 1);
    }

    void closeDelimitedBody()
    {
        ScriptedServer server([](const QByteArray &, int) {
            return answer(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the server closes", true);
        });
        HttpClient client;
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        const auto reply = send(client, QUrl(server.baseUrl() + "/"));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), QByteArray("until the server closes"));
        send(client, QUrl(server.baseUrl() + "/"));
        QCOMPARE(server.connections(), 2); // never reused
    }

    void interimResponsesAreSkipped()
    {
        ScriptedServer server([](const QByteArray &, int) {
            return answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: "
                          "</style.css>\r\n\r\n"
                          "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        });
        HttpClient client;
        const auto reply = send(client, QUrl(server.baseUrl() + "/"), "POST");
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        QCOMPARE(reply->readAll(), QByteArray("ok"));
    }

    void manyHeaders()
    {
        ScriptedServer server([](const QByteArray &, int) {
            QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n";
            for (int i = 0; i < 200; ++i)
                head += "X-Field-" + QByteArray::number(i) + ": " + QByteArray::number(i) + "\r\n";
            return answer(head + "\r\n");
        });
        HttpClient client;
        const auto reply = send(client, QUrl(server.baseUrl() + "/"));
        QCOMPARE(reply->rawHeaderPairs().size(), 201);
        QCOMPARE(reply->rawHeader("X-Field-199"), QByteArray("199"));
    }

    void extraBytesAfterAResponseCloseTheConnection()
    {
        ScriptedServer server([](const QByteArray &, int) {
            return answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokSURPRISE");
        });
        HttpClient client;
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        const auto reply = send(client, QUrl(server.baseUrl() + "/"));
        QCOMPARE(reply->readAll(), QByteArray("ok"));
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(closed.first().first().value<ConnectionEvent>().closeReason, CloseReason::Error);
    }

    void extraBytesNeverReachTheNextRequest()
    {
        int requests = 0;
        ScriptedServer server([&requests](const QByteArray &, int) {
            return answer(++requests == 1
                              ? QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA")
                              : QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"));
        });
        HttpClient client;
        PoolSettings settings;
        settings.maxPerOrigin = 1;
        client.setPoolSettings(settings);
        std::unique_ptr<QNetworkReply> first(
            client.get(QNetworkRequest(QUrl(server.baseUrl() + "/1"))));
        std::unique_ptr<QNetworkReply> second(
            client.get(QNetworkRequest(QUrl(server.baseUrl() + "/2"))));
        QSignalSpy finished(second.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(first->readAll(), QByteArray("ok"));
        QCOMPARE(second->error(), QNetworkReply::NoError);
        QCOMPARE(second->readAll(), QByteArray("next"));
        QCOMPARE(server.connections(), 2);
    }

    // Regression: a response framed by both Transfer-Encoding and Content-Length (a request
    // smuggling signature; RFC 9112 §6.3: chunked wins, the connection must close) left its
    // connection open for the next request.
    void transferEncodingWithContentLengthIsNotReused()
    {
        ScriptedServer server([](const QByteArray &, int) {
            return answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        });
        HttpClient client;
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        const auto first = send(client, QUrl(server.baseUrl() + "/1"));
        QCOMPARE(first->error(), QNetworkReply::NoError);
        QCOMPARE(first->readAll(), QByteArray("hello"));
        const auto second = send(client, QUrl(server.baseUrl() + "/2"));
        QCOMPARE(second->readAll(), QByteArray("hello"));
        QVERIFY(!exchangeOf(second).attempts.first().reused);
        QCOMPARE(server.connections(), 2);
        QVERIFY(closed.count() >= 1);
        QCOMPARE(closed.first().first().value<ConnectionEvent>().closeReason,
                 CloseReason::ConnectionClose);
    }

    // Regression: bytes after a response that has no body (HEAD, 204, 304) — a body the
    // server should not have sent, here shaped like a whole response — must never be read as
    // the next request's response; the connection is closed instead.
    void bodyAfterHeadResponseClosesConnection_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("head");
        const QByteArray smuggled = "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsmuggled";
        QTest::newRow("HEAD") << QByteArray("HEAD")
                              << "HTTP/1.1 200 OK\r\nContent-Length: " +
                                     QByteArray::number(smuggled.size()) + "\r\n\r\n" + smuggled;
        QTest::newRow("204") << QByteArray("GET") << "HTTP/1.1 204 No Content\r\n\r\n" + smuggled;
        QTest::newRow("304") << QByteArray("GET")
                             << "HTTP/1.1 304 Not Modified\r\nContent-Length: " +
                                    QByteArray::number(smuggled.size()) + "\r\n\r\n" + smuggled;
    }

    void bodyAfterHeadResponseClosesConnection()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, head);
        ScriptedServer server([&](const QByteArray &request, int) {
            return answer(request.startsWith("GET /next")
                              ? QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext")
                              : head);
        });
        for (const bool queued : {false, true}) {
            HttpClient client;
            PoolSettings settings;
            settings.maxPerOrigin = 1; // the next request waits for this very connection
            client.setPoolSettings(settings);
            QSignalSpy closed(&client, &HttpClient::connectionClosed);
            std::unique_ptr<QNetworkReply> first(client.sendCustomRequest(
                QNetworkRequest(QUrl(server.baseUrl() + "/first")), method));
            std::unique_ptr<QNetworkReply> next;
            if (queued) // already waiting when the first response ends
                next.reset(client.get(QNetworkRequest(QUrl(server.baseUrl() + "/next"))));
            QSignalSpy firstDone(first.get(), &QNetworkReply::finished);
            QVERIFY(first->isFinished() || firstDone.wait(5000));
            QCOMPARE(first->readAll(), QByteArray());
            if (!next)
                next.reset(client.get(QNetworkRequest(QUrl(server.baseUrl() + "/next"))));
            QSignalSpy nextDone(next.get(), &QNetworkReply::finished);
            QVERIFY(next->isFinished() || nextDone.wait(5000));
            QCOMPARE(next->error(), QNetworkReply::NoError);
            QCOMPARE(next->readAll(), QByteArray("next"));
            QVERIFY(!qobject_cast<EngineReply *>(next.get())->exchange().attempts.first().reused);
            QVERIFY(closed.count() >= 1);
        }
    }

    // The same bytes, arriving after the response, while the connection waits idle.
    void bodyAfterHeadResponseArrivingLaterClosesConnection()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> sockets;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = server.nextPendingConnection();
            sockets.append(socket);
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                const QByteArray request = socket->readAll();
                socket->write(request.startsWith("HEAD")
                                  ? QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n")
                                  : QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"));
            });
        });
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort());
        HttpClient client;
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        const auto first = send(client, QUrl(base + "/first"), "HEAD");
        QCOMPARE(first->error(), QNetworkReply::NoError);
        QCOMPARE(sockets.size(), 1);
        sockets.first()->write("body"); // the body a HEAD response must not have
        QVERIFY(closed.wait(5000));
        QCOMPARE(closed.first().first().value<ConnectionEvent>().closeReason,
                 CloseReason::ServerClosed);
        const auto next = send(client, QUrl(base + "/next"));
        QCOMPARE(next->readAll(), QByteArray("next"));
        QVERIFY(!exchangeOf(next).attempts.first().reused);
        QCOMPARE(sockets.size(), 2);
    }

    void malformedResponses_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<bool>("closeAfter");
        QTest::addColumn<QNetworkReply::NetworkError>("error");
        QTest::addColumn<QString>("message");
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n") << false
                                  << QNetworkReply::ProtocolFailure << "malformed status line";
        QTest::newRow("bad length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\n") << false
            << QNetworkReply::ProtocolFailure << "invalid Content-Length";
        QTest::newRow("bad chunk")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnope\r\n") << false
            << QNetworkReply::ProtocolFailure << "invalid chunk size";
        QTest::newRow("short body")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << true
            << QNetworkReply::RemoteHostClosedError << "after 3 of 10 body bytes";
        QTest::newRow("no answer")
            << QByteArray() << true << QNetworkReply::RemoteHostClosedError << "without responding";
    }

    void malformedResponses()
    {
        QFETCH(QByteArray, response);
        QFETCH(bool, closeAfter);
        QFETCH(QNetworkReply::NetworkError, error);
        QFETCH(QString, message);
        ScriptedServer server(
            [&](const QByteArray &, int) { return answer(response, closeAfter); });
        HttpClient client;
        const auto reply = send(client, QUrl(server.baseUrl() + "/"));
        QCOMPARE(reply->error(), error);
        QVERIFY2(reply->errorString().contains(message), qPrintable(reply->errorString()));
        QCOMPARE(exchangeOf(reply).attempts.size(), 1); // a fresh connection is never re-sent on
    }

    // Regression: "gzip, gzip" and "zstd, zstd" bodies of a few KB decoded to ~1 GB, each
    // coding within its own ratio limit and each holding its whole output in one buffer.
    void stackedCodingBombsAreRefusedOnTheWire_data()
    {
        QTest::addColumn<QByteArray>("coding");
        QTest::newRow("gzip, gzip") << QByteArray("gzip");
        QTest::newRow("zstd, zstd") << QByteArray("zstd");
    }

    void stackedCodingBombsAreRefusedOnTheWire()
    {
        QFETCH(QByteArray, coding);
        const QByteArray bomb = StackedBomb::build(coding, 400); // about 53 MB decoded
        ScriptedServer server([&](const QByteArray &, int) {
            return answer("HTTP/1.1 200 OK\r\nContent-Encoding: " + coding + ", " + coding +
                          "\r\nContent-Length: " + QByteArray::number(bomb.size()) + "\r\n\r\n" +
                          bomb);
        });
        HttpClient client;
        ContentDecoder::resetLargestHeldBytes();
        const auto reply = send(client, QUrl(server.baseUrl() + "/"));
        const qint64 received = reply->readAll().size();
        QCOMPARE(reply->error(), QNetworkReply::UnknownContentError);
        QVERIFY2(reply->errorString().contains(QLatin1String("decompression bomb refused")),
                 qPrintable(reply->errorString()));
        // The ratio check starts past the threshold; pieces of 64 KiB pass between stages.
        const qint64 budget = ContentDecoder::Limits().ratioCheckThreshold + 256 * 1024;
        QVERIFY2(received <= budget, qPrintable(QString::number(received)));
        // Memory stayed bounded inside the decoder too, not only in what reached the reply.
        QVERIFY2(ContentDecoder::largestHeldBytes() <= budget,
                 qPrintable(QString::number(ContentDecoder::largestHeldBytes())));
    }

    void demoFaults()
    {
        HttpClient client;
        QUrl url = m_service.httpUrl();
        url.setPath(QStringLiteral("/fault/truncate"));
        auto reply = send(client, url);
        QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
        QVERIFY(reply->errorString().contains(QLatin1String("body bytes")));
        url.setPath(QStringLiteral("/fault/reset"));
        reply = send(client, url);
        QVERIFY(reply->error() != QNetworkReply::NoError);
        url.setPath(QStringLiteral("/fault/close"));
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        reply = send(client, url);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(closed.first().first().value<ConnectionEvent>().closeReason,
                 CloseReason::ConnectionClose);
    }
};

QTEST_GUILESS_MAIN(tst_EngineFraming)
#include "tst_engineframing.moc"
