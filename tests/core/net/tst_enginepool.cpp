// The pool's truth, over loopback against the demo service: what the engine records about
// connections (local port, reuse, index) must match what the server saw, for every limit
// and concurrency. The engine never reads the X-Demo-* headers; only this test does.
#include "demo/demoserverthread.h"
#include "loadandwait.h"
#include "net/enginereply.h"
#include "net/httpclient.h"
#include "runner/loadrunner.h"
#include "sendandwait.h"
#include "testcertificates.h"

#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>
#include <algorithm>

using namespace mr;

class tst_EnginePool : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    DemoServerThread m_service;

    QUrl url(const QString &path, bool tls = false) const
    {
        QUrl u = tls ? m_service.httpsUrl() : m_service.httpUrl();
        const qsizetype query = path.indexOf(QLatin1Char('?'));
        u.setPath(path.left(query));
        if (query >= 0)
            u.setQuery(path.mid(query + 1));
        return u;
    }

    static LoadRunner::Result load(HttpClient &client, const QUrl &url, int n, int c,
                                   const QByteArray &method = "GET", const QByteArray &body = {})
    {
        LoadRunner::Options options;
        options.request.url = url;
        options.request.method = method;
        options.request.body = body;
        options.requests = n;
        options.concurrency = c;
        return loadAndWait(client, options);
    }

    static Exchange fetch(HttpClient &client, const QNetworkRequest &request,
                          const QByteArray &method = "GET", const QByteArray &body = {})
    {
        return takeExchange(client.sendCustomRequest(request, method, body));
    }

    int counter(HttpClient &client, const QByteArray &key)
    {
        const Exchange e = fetch(
            client, QNetworkRequest(url(QStringLiteral("/counter/") + QString::fromLatin1(key))));
        return QJsonDocument::fromJson(e.responseBody).object().value("count").toInt();
    }

    // Every case runs twice: the engine in the test's thread (the command line's way) and
    // in a thread of its own (the window's).
    static HttpClient::EngineThread engineThread()
    {
        QFETCH_GLOBAL(bool, separateThread);
        return separateThread ? HttpClient::EngineThread::Separate
                              : HttpClient::EngineThread::Caller;
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<bool>("separateThread");
        QTest::newRow("caller's thread") << false;
        QTest::newRow("own thread") << true;
    }

    void initTestCase()
    {
        QString error;
        QVERIFY2(TestCertificates::startDemo(m_dir.path(), &m_certificates, &m_service, &error),
                 qPrintable(error));
    }

    void recordsMatchTheServer_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("concurrency");
        for (bool tls : {false, true}) {
            for (int k : {1, 2, 6, 10, 16, 64}) {
                for (int c : {1, k, 2 * k}) {
                    if (c == k && k == 1)
                        continue; // same as C=1
                    QTest::addRow("%s K=%d C=%d", tls ? "https" : "http", k, c) << tls << k << c;
                }
            }
        }
    }

    void recordsMatchTheServer()
    {
        QFETCH(bool, tls);
        QFETCH(int, limit);
        QFETCH(int, concurrency);
        HttpClient client(nullptr, engineThread());
        TlsSettings tlsSettings;
        tlsSettings.caFile = m_certificates.caFile;
        client.setTlsSettings(tlsSettings);
        PoolSettings settings;
        settings.maxPerOrigin = limit;
        client.setPoolSettings(settings);
        // HTTP/1.1's pool: one request per connection at a time (tst_enginehttp2 has
        // HTTP/2's streams).
        client.setDefaultProtocol(ProtocolChoice::Http1);
        QSignalSpy opened(&client, &HttpClient::connectionOpened);

        const int n = 1000;
        const LoadRunner::Result result =
            load(client, url(QStringLiteral("/uuid"), tls), n, concurrency);
        QCOMPARE(result.completed, n);
        QCOMPARE(result.errors, 0);
        const int expected = qMin(limit, concurrency);
        QCOMPARE(result.connectionsOpened, expected);
        QCOMPARE(result.reused, n - expected);
        QTRY_COMPARE(opened.count(), expected);

        QSet<int> serverConnections;
        QHash<int, int> ourSerialFor; // server serial -> our serial
        for (const Exchange &exchange : result.exchanges) {
            QCOMPARE(exchange.attempts.size(), 1);
            const Attempt &attempt = exchange.attempts.first();
            const int serverSerial = exchange.responseHeaders.value("X-Demo-Connection").toInt();
            const int serverIndex =
                exchange.responseHeaders.value("X-Demo-Connection-Request").toInt();
            const int serverPort = exchange.responseHeaders.value("X-Demo-Client-Port").toInt();
            serverConnections.insert(serverSerial);
            QCOMPARE(int(attempt.localPort), serverPort);
            QCOMPARE(attempt.requestIndex, serverIndex);
            QCOMPARE(attempt.reused, serverIndex > 1);
            QVERIFY(attempt.connectionId.endsWith(QLatin1Char('#') +
                                                  QString::number(attempt.connectionSerial)));
            // One of our connections is one of the server's, and the other way round.
            const auto known = ourSerialFor.constFind(serverSerial);
            if (known == ourSerialFor.constEnd())
                ourSerialFor.insert(serverSerial, attempt.connectionSerial);
            else
                QCOMPARE(*known, attempt.connectionSerial);
            if (attempt.reused) {
                QCOMPARE(attempt.timings.dns, -1.0);
                QCOMPARE(attempt.timings.tcp, -1.0);
                QCOMPARE(attempt.timings.tls, -1.0);
            } else {
                QVERIFY(attempt.timings.tcp >= 0);
                QCOMPARE(attempt.timings.tls >= 0, tls);
                QCOMPARE(attempt.timings.dns, -1.0); // an IP literal needs no lookup
            }
            QVERIFY(attempt.timings.send >= 0 && attempt.timings.wait >= 0 &&
                    attempt.timings.receive >= 0);
            // A reused connection still reports the TLS session it carries.
            QCOMPARE(attempt.tlsProtocol.isEmpty(), !tls);
        }
        QCOMPARE(serverConnections.size(), expected);
        QCOMPARE(QSet<int>(ourSerialFor.begin(), ourSerialFor.end()).size(), expected);
    }

    void liveEventsDescribeThePool()
    {
        HttpClient client(nullptr, engineThread());
        PoolSettings settings;
        settings.maxPerOrigin = 3;
        client.setPoolSettings(settings);
        QSignalSpy queued(&client, &HttpClient::requestQueued);
        QSignalSpy started(&client, &HttpClient::requestStarted);
        QSignalSpy finished(&client, &HttpClient::requestFinished);
        QSignalSpy states(&client, &HttpClient::originStateChanged);
        QSignalSpy opened(&client, &HttpClient::connectionOpened);
        const LoadRunner::Result result = load(client, url(QStringLiteral("/delay/20")), 12, 6);
        QCOMPARE(result.completed, 12);
        QTRY_COMPARE(finished.count(), 12);
        // The pool's last word (all three idle) follows the last reply's end across threads.
        QTRY_COMPARE(states.last().first().value<OriginState>().idle, 3);
        QCOMPARE(queued.count(), 12);
        QCOMPARE(started.count(), 12);
        QCOMPARE(opened.count(), 3);
        int maxQueued = 0;
        int maxOpen = 0;
        for (const QVariantList &arguments : states) {
            const OriginState state = arguments.first().value<OriginState>();
            QCOMPARE(state.busy + state.idle, state.open);
            maxQueued = qMax(maxQueued, state.queued);
            maxOpen = qMax(maxOpen, state.open);
        }
        QCOMPARE(maxOpen, 3);
        QCOMPARE(maxQueued, 3); // six in flight, three connections
        const OriginState last = states.last().first().value<OriginState>();
        QCOMPARE(last.open, 3);
        QCOMPARE(last.queued, 0);
        QCOMPARE(opened.first().first().value<ConnectionEvent>().openReason,
                 OpenReason::FirstToOrigin);
        QCOMPARE(opened.last().first().value<ConnectionEvent>().openReason, OpenReason::PoolBusy);
        QVERIFY(started.first().at(1).toString().startsWith(QStringLiteral("127.0.0.1:")));
    }

    void requestsWaitInTheQueueWhenThePoolIsFull()
    {
        HttpClient client(nullptr, engineThread());
        PoolSettings settings;
        settings.maxPerOrigin = 1;
        client.setPoolSettings(settings);
        const LoadRunner::Result result = load(client, url(QStringLiteral("/delay/100")), 2, 2);
        QCOMPARE(result.completed, 2);
        QCOMPARE(result.connectionsOpened, 1);
        const Attempt &second = result.exchanges[1].attempts.first();
        QVERIFY(second.reused);
        QVERIFY2(second.timings.blocked >= 95, qPrintable(QString::number(second.timings.blocked)));
        QVERIFY(result.exchanges[0].attempts.first().timings.blocked < second.timings.blocked);
    }

    void nonBlockingPoolOpensExtrasAndClosesThem()
    {
        HttpClient client(nullptr, engineThread());
        PoolSettings settings;
        settings.maxPerOrigin = 2;
        settings.blockWhenFull = false;
        client.setPoolSettings(settings);
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        const LoadRunner::Result result = load(client, url(QStringLiteral("/delay/50")), 6, 6);
        QCOMPARE(result.completed, 6);
        QCOMPARE(result.connectionsOpened, 6);
        QTRY_COMPARE(closed.count(), 4);
        for (const QVariantList &arguments : closed)
            QCOMPARE(arguments.first().value<ConnectionEvent>().closeReason, CloseReason::PoolFull);
    }

    void keepAliveOffUsesOneConnectionPerRequest()
    {
        HttpClient client(nullptr, engineThread());
        PoolSettings settings;
        settings.maxPerOrigin = 4;
        settings.keepAlive = false;
        client.setPoolSettings(settings);
        QSignalSpy opened(&client, &HttpClient::connectionOpened);
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        const LoadRunner::Result result = load(client, url(QStringLiteral("/headers")), 40, 4);
        QCOMPARE(result.completed, 40);
        QCOMPARE(result.connectionsOpened, 40);
        QCOMPARE(result.reused, 0);
        // Nearest-rank percentiles of the 40 latencies: max is the slowest, p50 the 20th.
        QList<double> sorted = result.latenciesMs;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(result.percentiles({50, 100, 0}),
                 (QList<double>{sorted[19], sorted[39], sorted[0]}));
        QSet<QByteArray> serverConnections;
        for (const Exchange &exchange : result.exchanges) {
            serverConnections.insert(exchange.responseHeaders.value("X-Demo-Connection"));
            QCOMPARE(exchange.request.headers.value("Connection"), QByteArray("close"));
        }
        QCOMPARE(serverConnections.size(), 40);
        QTRY_COMPARE(closed.count(), 40);
        for (const QVariantList &arguments : closed)
            QCOMPARE(arguments.first().value<ConnectionEvent>().closeReason,
                     CloseReason::KeepAliveOff);
        QCOMPARE(opened.last().first().value<ConnectionEvent>().openReason,
                 OpenReason::KeepAliveOff);
    }

    void noReuseAttributeGivesAFreshConnection()
    {
        HttpClient client(nullptr, engineThread());
        QNetworkRequest request(url(QStringLiteral("/get")));
        const Exchange first = fetch(client, request);
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::NoReuseAttribute), true);
        const Exchange second = fetch(client, request);
        QVERIFY(!second.attempts.first().reused);
        QVERIFY(first.responseHeaders.value("X-Demo-Connection") !=
                second.responseHeaders.value("X-Demo-Connection"));
    }

    void idleConnectionsExpire()
    {
        HttpClient client(nullptr, engineThread());
        PoolSettings settings;
        settings.idleExpiryMs = 100;
        client.setPoolSettings(settings);
        QSignalSpy opened(&client, &HttpClient::connectionOpened);
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        fetch(client, QNetworkRequest(url(QStringLiteral("/get"))));
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(closed.first().first().value<ConnectionEvent>().closeReason,
                 CloseReason::IdleExpired);
        const Exchange again = fetch(client, QNetworkRequest(url(QStringLiteral("/get"))));
        QVERIFY(!again.attempts.first().reused);
        QTRY_COMPARE(opened.count(), 2);
        QCOMPARE(opened.last().first().value<ConnectionEvent>().openReason,
                 OpenReason::IdleExpiredPrevious);
    }

    void closeIdleConnections()
    {
        HttpClient client(nullptr, engineThread());
        QSignalSpy opened(&client, &HttpClient::connectionOpened);
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        fetch(client, QNetworkRequest(url(QStringLiteral("/get"))));
        client.closeIdleConnections();
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(closed.first().first().value<ConnectionEvent>().closeReason,
                 CloseReason::ClosedByClient);
        QCOMPARE(closed.first().first().value<ConnectionEvent>().requests, 1);
        fetch(client, QNetworkRequest(url(QStringLiteral("/get"))));
        QTRY_COMPARE(opened.count(), 2);
        QCOMPARE(opened.last().first().value<ConnectionEvent>().openReason,
                 OpenReason::ClosedByClientPrevious);
    }

    void leastRecentlyUsedOriginsAreDropped()
    {
        DemoServerThread second;
        DemoServerThread third;
        QString error;
        QVERIFY(second.start(DemoServer::Options(), &error));
        QVERIFY(third.start(DemoServer::Options(), &error));
        HttpClient client(nullptr, engineThread());
        PoolSettings settings;
        settings.maxHosts = 2;
        client.setPoolSettings(settings);
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        for (const QUrl &base : {m_service.httpUrl(), second.httpUrl(), third.httpUrl()}) {
            QUrl u = base;
            u.setPath(QStringLiteral("/get"));
            QCOMPARE(fetch(client, QNetworkRequest(u)).status, 200);
        }
        QTRY_COMPARE(closed.count(), 1);
        const ConnectionEvent evicted = closed.first().first().value<ConnectionEvent>();
        QCOMPARE(evicted.closeReason, CloseReason::Evicted);
        QCOMPARE(evicted.origin, QStringLiteral("127.0.0.1:%1").arg(m_service.httpUrl().port()));
    }

    void evictionNeverDropsTheOriginInUse()
    {
        DemoServerThread other;
        QString error;
        QVERIFY(other.start(DemoServer::Options(), &error));
        HttpClient client(nullptr, engineThread());
        PoolSettings settings;
        settings.maxHosts = 1;
        client.setPoolSettings(settings);
        std::unique_ptr<QNetworkReply> slow(
            client.get(QNetworkRequest(url(QStringLiteral("/delay/300")))));
        QTest::qWait(50);
        QUrl elsewhere = other.httpUrl();
        elsewhere.setPath(QStringLiteral("/get"));
        const Exchange e = fetch(client, QNetworkRequest(elsewhere));
        QCOMPARE(e.status, 200);
        QSignalSpy finished(slow.get(), &QNetworkReply::finished);
        QVERIFY(slow->isFinished() || finished.wait(5000));
        QCOMPARE(slow->error(), QNetworkReply::NoError);
    }

    void headersThatCouldSmuggleAreRefused_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("CRLF in value") << QByteArray("X-A") << QByteArray("v\r\nInjected: yes");
        QTest::newRow("LF in value") << QByteArray("X-A") << QByteArray("v\nGET / HTTP/1.1");
        QTest::newRow("space in name") << QByteArray("X A") << QByteArray("v");
    }

    void headersThatCouldSmuggleAreRefused()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        HttpClient client(nullptr, engineThread());
        QSignalSpy opened(&client, &HttpClient::connectionOpened);
        QSignalSpy managerFinished(&client, &QNetworkAccessManager::finished);
        QNetworkRequest request(url(QStringLiteral("/get")));
        request.setRawHeader(name, value);
        std::unique_ptr<QNetworkReply> reply(client.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->error(), QNetworkReply::ProtocolInvalidOperationError);
        QVERIFY(reply->errorString().contains(QLatin1String("header")));
        QCOMPARE(managerFinished.count(), 1);
        QTest::qWait(50);
        QCOMPARE(opened.count(), 0); // nothing went on the wire
    }

    void serverClosedIdleConnectionsAreReplaced()
    {
        DemoServerThread service;
        DemoServer::Options options;
        options.idleTimeoutMs = 100;
        QString error;
        QVERIFY(service.start(options, &error));
        HttpClient client(nullptr, engineThread());
        QSignalSpy opened(&client, &HttpClient::connectionOpened);
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        QUrl anything = service.httpUrl();
        anything.setPath(QStringLiteral("/anything"));
        QList<QByteArray> keys;
        for (int i = 0; i < 4; ++i) {
            const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
            keys.append(key);
            QNetworkRequest request(anything);
            request.setRawHeader("X-Request-Key", key);
            const QByteArray method = i % 2 ? "POST" : "GET";
            const Exchange e =
                fetch(client, request, method, i % 2 ? QByteArray("{}") : QByteArray());
            QCOMPARE(e.status, 200);
            QCOMPARE(e.attempts.size(), 1);
            QVERIFY(!e.attempts.first().reused);
            QTest::qWait(300); // the service closes the idle connection meanwhile
        }
        QUrl counter = service.httpUrl();
        for (const QByteArray &key : keys) {
            counter.setPath(QStringLiteral("/counter/") + QString::fromLatin1(key));
            const Exchange e = fetch(client, QNetworkRequest(counter));
            QCOMPARE(QJsonDocument::fromJson(e.responseBody).object().value("count").toInt(), 1);
        }
        QVERIFY(closed.count() >= 4);
        QCOMPARE(closed.first().first().value<ConnectionEvent>().closeReason,
                 CloseReason::ServerClosed);
        QCOMPARE(opened.at(1).first().value<ConnectionEvent>().openReason,
                 OpenReason::ServerClosedPrevious);
    }

    void nothingIsSentTwiceSilently()
    {
        // The service closes a connection 1 ms after each answer, racing the next request:
        // whichever way the race goes, a GET is answered (re-sent at most once, on record)
        // and a POST is never repeated.
        DemoServerThread service;
        DemoServer::Options options;
        options.idleTimeoutMs = 1;
        QString error;
        QVERIFY(service.start(options, &error));
        HttpClient client(nullptr, engineThread());
        QUrl anything = service.httpUrl();
        anything.setPath(QStringLiteral("/anything"));
        struct Sent {
            QByteArray key;
            Exchange exchange;
        };
        QList<Sent> sent;
        for (int i = 0; i < 200; ++i) {
            const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
            QNetworkRequest request(anything);
            request.setRawHeader("X-Request-Key", key);
            const bool post = i % 2;
            QThread::usleep(unsigned(i % 9) * 250); // sweep the moment the server closes
            sent.append(
                {key, fetch(client, request, post ? "POST" : "GET", post ? "x" : QByteArray())});
        }
        int resent = 0, failed = 0, fresh = 0;
        for (const Sent &s : sent) {
            resent += s.exchange.attempts.size() == 2;
            failed += !s.exchange.hasResponse();
            fresh += !s.exchange.attempts.last().reused;
        }
        qInfo("race: %d re-sent, %d POSTs failed, %d on fresh connections", resent, failed, fresh);
        QUrl counter = service.httpUrl();
        HttpClient observer(nullptr, engineThread());
        for (const Sent &s : sent) {
            counter.setPath(QStringLiteral("/counter/") + QString::fromLatin1(s.key));
            const int count =
                QJsonDocument::fromJson(fetch(observer, QNetworkRequest(counter)).responseBody)
                    .object()
                    .value("count")
                    .toInt();
            const bool post = s.exchange.request.method == "POST";
            if (s.exchange.hasResponse()) {
                QCOMPARE(count, 1);
            } else {
                QVERIFY2(post, "a GET must be re-sent and answered");
                QVERIFY(count <= 1);
                QCOMPARE(s.exchange.attempts.size(), 1);
                QVERIFY2(s.exchange.attempts.first().outcome.startsWith(
                             QLatin1String("not re-sent: POST")),
                         qPrintable(s.exchange.attempts.first().outcome + QLatin1String(" | ") +
                                    s.exchange.attempts.first().errorString +
                                    QLatin1String(" | reused=") +
                                    QString::number(s.exchange.attempts.first().reused)));
            }
            if (s.exchange.attempts.size() == 2) {
                QVERIFY(!post);
                QVERIFY(s.exchange.attempts.first().reused);
                QVERIFY(s.exchange.attempts.first().outcome.startsWith(QLatin1String("re-sent")));
                QVERIFY(!s.exchange.attempts.last().reused);
            }
        }
    }

    void reusedConnectionDyingUnderARequest()
    {
        // /fault/drop closes without answering; on a reused connection a GET is re-sent once
        // (on record), a POST is not.
        HttpClient client(nullptr, engineThread());
        QNetworkRequest warm(url(QStringLiteral("/get")));
        QCOMPARE(fetch(client, warm).status, 200);
        const QByteArray getKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QNetworkRequest drop(url(QStringLiteral("/fault/drop")));
        drop.setRawHeader("X-Request-Key", getKey);
        const Exchange get = fetch(client, drop);
        QVERIFY(!get.hasResponse());
        QCOMPARE(get.attempts.size(), 2);
        QVERIFY(get.attempts[0].reused);
        QCOMPARE(get.attempts[0].error, QNetworkReply::RemoteHostClosedError);
        QVERIFY(get.attempts[0].outcome.startsWith(QLatin1String("re-sent")));
        QVERIFY(!get.attempts[1].reused);
        QCOMPARE(counter(client, getKey), 2); // sent twice, and both on record

        QCOMPARE(fetch(client, warm).status, 200);
        const QByteArray postKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        drop.setRawHeader("X-Request-Key", postKey);
        const Exchange post = fetch(client, drop, "POST", "payload");
        QVERIFY(!post.hasResponse());
        QCOMPARE(post.attempts.size(), 1);
        QVERIFY(post.attempts[0].outcome.startsWith(QLatin1String("not re-sent: POST")));
        QCOMPARE(counter(client, postKey), 1);
    }

    void dnsIsTimedForNames()
    {
        if (QHostInfo::fromName(QStringLiteral("localhost")).addresses().isEmpty())
            QSKIP("\"localhost\" does not resolve on this machine (no /etc/hosts entry)");
        HttpClient client(nullptr, engineThread());
        QUrl u = url(QStringLiteral("/get"));
        u.setHost(QStringLiteral("localhost"));
        const Exchange e = fetch(client, QNetworkRequest(u));
        QVERIFY2(e.status == 200, qPrintable(e.error));
        QVERIFY(e.attempts.first().timings.dns >= 0);
        QCOMPARE(e.request.headers.value("Host"),
                 QByteArray("localhost:") + QByteArray::number(u.port()));
    }
};

QTEST_GUILESS_MAIN(tst_EnginePool)
#include "tst_enginepool.moc"
