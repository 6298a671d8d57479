// HttpClient and ExchangeJob against the demo service over loopback.
#include "content/bodyformatter.h"
#include "demo/demoserverthread.h"
#include "net/exchangejob.h"
#include "net/exchangetranscript.h"
#include "net/httpclient.h"
#include "sendandwait.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace mr;

class tst_HttpClient : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;

    QUrl url(const QString &path) const { return m_service.httpUrl(path); }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    void cookiesSetOnARedirectAreListed()
    {
        HttpClient client;
        HttpRequest request;
        request.url = url("/cookies/set");
        request.url.setQuery(QStringLiteral("flavour=oat&size=big"));
        const Exchange exchange = sendAndWait(client, request);
        QCOMPARE(exchange.status, 200); // the 302 was followed to /cookies
        QVERIFY(exchange.responseHeaders.values("Set-Cookie").isEmpty());
        const QList<QNetworkCookie> cookies = exchange.cookiesSet();
        QCOMPARE(cookies.size(), 2);
        QCOMPARE(cookies.at(0).name(), QByteArray("flavour"));
        QCOMPARE(cookies.at(0).value(), QByteArray("oat"));
        QCOMPARE(cookies.at(0).domain(), QStringLiteral("127.0.0.1"));
        QVERIFY(!cookies.at(0).path().isEmpty());

        QTemporaryDir dir;
        QString error;
        QVERIFY2(exchange.saveBody(dir.filePath(QStringLiteral("body.json")), &error),
                 qPrintable(error));
        QFile saved(dir.filePath(QStringLiteral("body.json")));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), exchange.responseBody);
        QVERIFY(!exchange.saveBody(dir.filePath(QStringLiteral("missing/body.json")), &error));
        QVERIFY(error.contains(QLatin1String("missing/body.json")));
    }

    void transcriptShowsEveryHopAsWritten()
    {
        HttpClient client;
        HttpRequest request;
        request.url = url("/redirect/2");
        request.headers.append("X-Trace", "t1");
        const Exchange exchange = sendAndWait(client, request);
        QCOMPARE(exchange.status, 200);
        QCOMPARE(exchange.attempts.size(), 3); // two redirect hops, then the answer
        const QString text = ExchangeTranscript::text(exchange);
        QVERIFY2(text.contains(QLatin1String("* Attempt 1 on ")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("GET /redirect/2 HTTP/1.1\nHost: 127.0.0.1:")));
        QVERIFY(text.contains(QLatin1String("X-Trace: t1\n")));
        QVERIFY(text.contains(QLatin1String("* redirected (302) to ")));
        QVERIFY(text.contains(QLatin1String("* Attempt 3 on ")));
        // The second and third hops reuse the first connection.
        QVERIFY(text.contains(QString::fromUtf8("(#1 reused \u00b7 3rd request)")));
        QVERIFY(text.contains(QStringLiteral("* Remote 127.0.0.1 port %1, local port ")
                                  .arg(m_service.httpUrl().port())));
        QVERIFY(text.contains(QLatin1String("\nHTTP/1.1 200 OK\n")));
        QVERIFY(text.contains(QLatin1String("* Phases: blocked ")));

        request.url = url("/status/404");
        const QString notFound = ExchangeTranscript::text(sendAndWait(client, request));
        QVERIFY2(notFound.contains(QLatin1String("HTTP/1.1 404 Not Found\n")),
                 qPrintable(notFound));

        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(port));
        const QString refused = ExchangeTranscript::text(sendAndWait(client, request));
        QVERIFY2(refused.contains(QLatin1String("* No response: Connection refused")),
                 qPrintable(refused));
    }

    void sendsMethodHeadersAndBody()
    {
        HttpClient client;
        HttpRequest request;
        request.method = "PATCH";
        request.url = url("/anything/x");
        request.headers.append("X-Test", "1");
        request.headers.append("Content-Type", "application/json");
        request.body = R"({"a":1})";
        const Exchange exchange = sendAndWait(client, request);
        QCOMPARE(exchange.status, 200);
        QCOMPARE(exchange.reasonPhrase, QByteArray("OK"));
        QVERIFY(exchange.error.isEmpty());
        QVERIFY(exchange.durationMs > 0);
        QVERIFY(exchange.startedAt.isValid());
        const QJsonObject json = QJsonDocument::fromJson(exchange.responseBody).object();
        QCOMPARE(json.value("method").toString(), QStringLiteral("PATCH"));
        QCOMPARE(json.value("headers").toObject().value("X-Test").toString(), QStringLiteral("1"));
        QCOMPARE(json.value("json").toObject().value("a").toInt(), 1);
        QCOMPARE(exchange.responseHeaders.value("content-type"), QByteArray("application/json"));
        QVERIFY(exchange.responseHeaders.contains("X-Demo-Connection"));
    }

    void httpErrorsAreResponses()
    {
        HttpClient client;
        HttpRequest request;
        request.url = url("/status/503");
        const Exchange exchange = sendAndWait(client, request);
        QCOMPARE(exchange.status, 503);
        QVERIFY(exchange.hasResponse());
        QVERIFY(exchange.error.isEmpty());
    }

    void redirectsAreFollowedHopByHop()
    {
        HttpClient client;
        HttpRequest request;
        request.url = url("/redirect/2");
        const Exchange exchange = sendAndWait(client, request);
        QCOMPARE(exchange.status, 200);
        QCOMPARE(exchange.request.url.path(), QStringLiteral("/get"));
        QCOMPARE(exchange.attempts.size(), 3);
        QCOMPARE(exchange.attempts[0].status, 302);
        QVERIFY(exchange.attempts[0].outcome.startsWith(QLatin1String("redirected (302) to ")));
        QVERIFY(exchange.attempts[1].reused); // same origin: the same connection carries on
        QCOMPARE(exchange.attempts[2].status, 200);
    }

    void directivesReachTheEngine()
    {
        HttpClient client;
        HttpRequest request;
        request.url = url("/redirect/1");
        request.options.followRedirects = false;
        QCOMPARE(sendAndWait(client, request).status, 302);

        request.url = url("/cookies/set");
        request.url.setQuery(QStringLiteral("c=1"));
        request.options = SendOptions();
        request.options.useCookieJar = false;
        QCOMPARE(sendAndWait(client, request).status,
                 200); // redirected to /cookies, which saw none
        QCOMPARE(client.cookieJar()->cookiesForUrl(url("/")).size(), 0);

        request.url = url("/delay/2000");
        request.options = SendOptions();
        request.options.timeoutMs = 150;
        QVERIFY(sendAndWait(client, request).error.contains(QLatin1String("Timed out")));

        request.url = url("/digest-auth/auth/ada/pw/SHA-256");
        request.options = SendOptions();
        request.options.digestUser = "ada";
        request.options.digestPassword = "pw";
        const Exchange digest = sendAndWait(client, request);
        QCOMPARE(digest.status, 200);
        QCOMPARE(digest.attempts.size(), 2);

        request.url = url("/get");
        request.options = SendOptions();
        request.options.noReuse = true;
        const Exchange first = sendAndWait(client, request);
        const Exchange second = sendAndWait(client, request);
        QVERIFY(!second.attempts.first().reused);
        QVERIFY(first.responseHeaders.value("X-Demo-Connection") !=
                second.responseHeaders.value("X-Demo-Connection"));
    }

    void refusedConnectionIsExplained()
    {
        QTcpServer probe; // find a port nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        HttpClient client;
        HttpRequest request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
        const Exchange exchange = sendAndWait(client, request);
        QVERIFY(!exchange.hasResponse());
        QVERIFY2(exchange.error.startsWith(QLatin1String("Connection refused")),
                 qPrintable(exchange.error));
        QVERIFY(exchange.error.contains(QString::number(port)));
        QVERIFY(!exchange.hint.isEmpty());
    }

    void cancelEndsTheJob()
    {
        HttpClient client;
        HttpRequest request;
        request.url = url("/delay/5000");
        std::unique_ptr<ExchangeJob> job(client.send(request));
        QSignalSpy finished(job.get(), &ExchangeJob::finished);
        QTest::qWait(50);
        job->cancel();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(job->isFinished());
        QCOMPARE(job->exchange().error, QStringLiteral("Cancelled."));
    }

    // No GUI here: the engine runs in the client's thread, with no thread of its own, in the
    // main thread and in any other; asked for, it gets one.
    void theEngineRunsWhereTheClientIsUnlessAsked()
    {
        HttpClient here;
        QVERIFY(!here.hasEngineThread());
        HttpClient separate(nullptr, HttpClient::EngineThread::Separate);
        QVERIFY(separate.hasEngineThread());

        QThread worker;
        worker.start();
        QObject context;
        context.moveToThread(&worker);
        bool workerClientHasThread = true;
        int status = 0;
        bool deliveredInWorker = false;
        QMetaObject::invokeMethod(
            &context,
            [&] {
                HttpClient client;
                workerClientHasThread = client.hasEngineThread();
                QNetworkReply *reply = client.get(QNetworkRequest(url("/status/201")));
                QEventLoop loop;
                connect(reply, &QNetworkReply::finished, &loop, [&] {
                    deliveredInWorker = QThread::currentThread() == &worker;
                    loop.quit();
                });
                loop.exec();
                status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            },
            Qt::BlockingQueuedConnection);
        worker.quit();
        worker.wait();
        QVERIFY(!workerClientHasThread);
        QVERIFY(deliveredInWorker);
        QCOMPARE(status, 201);
    }

    // Replies hear from the engine from the top of the event loop, never from inside its
    // socket handlers: a slot may delete the client itself, in both threadings.
    void aSlotMayDeleteTheClient_data()
    {
        QTest::addColumn<bool>("separate");
        QTest::newRow("caller's thread") << false;
        QTest::newRow("own thread") << true;
    }

    void aSlotMayDeleteTheClient()
    {
        QFETCH(bool, separate);
        auto *client = new HttpClient(nullptr, separate ? HttpClient::EngineThread::Separate
                                                        : HttpClient::EngineThread::Caller);
        QNetworkReply *first = client->get(QNetworkRequest(url("/status/200")));
        client->get(QNetworkRequest(url("/delay/2000"))); // still in flight when it goes
        QPointer<HttpClient> alive(client);
        connect(first, &QNetworkReply::finished, client, [client] { delete client; });
        QTRY_VERIFY(alive.isNull());
    }

    void bodyFormatterPrettyPrintsJson()
    {
        const auto json =
            BodyFormatter::format(R"({"a":[1,2]})", "application/json; charset=utf-8");
        QCOMPARE(json.kind, BodyFormatter::Kind::Json);
        QCOMPARE(json.text, QStringLiteral("{\n  \"a\": [\n    1,\n    2\n  ]\n}"));
        QCOMPARE(json.folds.size(), 2);
        const auto broken = BodyFormatter::format("{oops", "application/json");
        QCOMPARE(broken.kind, BodyFormatter::Kind::Text);
        QVERIFY(broken.note.contains(QLatin1String("Not valid JSON")));
        QCOMPARE(BodyFormatter::format(QByteArray("\x00\x01", 2), "").kind,
                 BodyFormatter::Kind::Binary);
        QCOMPARE(BodyFormatter::format("plain", "text/plain").text, QStringLiteral("plain"));
        QCOMPARE(BodyFormatter::format("", "").kind, BodyFormatter::Kind::Empty);
        QCOMPARE(BodyFormatter::sizeText(999), QStringLiteral("999 B"));
        QCOMPARE(BodyFormatter::sizeText(1500), QStringLiteral("1.5 kB"));
        QCOMPARE(BodyFormatter::sizeText(2500000), QStringLiteral("2.5 MB"));
    }
};

QTEST_GUILESS_MAIN(tst_HttpClient)
#include "tst_httpclient.moc"
