// Connecting to a name with several addresses, as Happy Eyeballs (RFC 8305) says: families
// interleaved, every failure moving on to the next address, a silent address never holding
// the connection, the first to answer winning — over real loopback sockets, with the address
// list given to the engine instead of DNS (PoolSettings::resolve). Order and outcome are read
// from the records, never from the clock.
#include "demo/demoserverthread.h"
#include "net/connectionrace.h"
#include "net/enginereply.h"
#include "net/httpclient.h"
#include "scriptedserver.h"
#include "silentlistener.h"
#include "testcertificates.h"

#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

namespace {

const QHostAddress Refusing2(QStringLiteral("127.0.0.2")); // nothing listens there
const QHostAddress Silent3(QStringLiteral("127.0.0.3"));
const QHostAddress Silent4(QStringLiteral("127.0.0.4"));
const QHostAddress Unreachable(QStringLiteral("224.0.0.1")); // multicast: no TCP route

ScriptedServer::Answer ok(const QByteArray &, int)
{
    return {"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"};
}

} // namespace

class tst_ConnectionRace : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    DemoServerThread m_service;

    // A client that finds "multi.test" (and "localhost") at the given addresses, in order.
    static std::unique_ptr<HttpClient> clientResolving(const QList<QHostAddress> &addresses,
                                                       const QString &host = "multi.test")
    {
        auto client = std::make_unique<HttpClient>();
        PoolSettings settings;
        settings.resolve.insert(host, addresses);
        client->setPoolSettings(settings);
        return client;
    }

    static Exchange fetch(HttpClient &client, const QUrl &url, int connectTimeoutMs = 10000)
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::RetriesAttribute), 0);
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::ConnectTimeoutAttribute),
                             connectTimeoutMs);
        std::unique_ptr<QNetworkReply> reply(client.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(30000);
        return qobject_cast<EngineReply *>(reply.get())->exchange();
    }

    static QString failures(const Exchange &exchange)
    {
        return exchange.attempts.isEmpty()
                   ? QString()
                   : exchange.attempts.first().connectFailures.join(QStringLiteral(" | "));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(TestCertificates::startDemo(m_dir.path(), &m_certificates, &m_service, &error),
                 qPrintable(error));
    }

    void interleavedAlternatesFamilies()
    {
        const QHostAddress a6(QStringLiteral("2001:db8::a")), b6(QStringLiteral("2001:db8::b")),
            c6(QStringLiteral("2001:db8::c"));
        const QHostAddress a4(QStringLiteral("192.0.2.1")), b4(QStringLiteral("192.0.2.2"));
        using List = QList<QHostAddress>;
        QCOMPARE(ConnectionRace::interleaved({a6, b6, c6, a4}), List({a6, a4, b6, c6}));
        QCOMPARE(ConnectionRace::interleaved({a4, b4, a6, b6}), List({a4, a6, b4, b6}));
        QCOMPARE(ConnectionRace::interleaved({a4, a6, b4}), List({a4, a6, b4}));
        QCOMPARE(ConnectionRace::interleaved({}), List());
        QCOMPARE(ConnectionRace::endpoint(a6, 443), QStringLiteral("[2001:db8::a]:443"));
        QCOMPARE(ConnectionRace::endpoint(a4, 80), QStringLiteral("192.0.2.1:80"));
    }

    // The server listens on 127.0.0.1 only: ::1 refuses, and the next address answers.
    void happyEyeballsMovesOnAfterRefused()
    {
        ScriptedServer server(ok);
        auto client = clientResolving({QHostAddress::LocalHostIPv6, QHostAddress::LocalHost});
        const Exchange e =
            fetch(*client, QUrl(QStringLiteral("http://multi.test:%1/").arg(server.port())));
        QVERIFY2(e.status == 200, qPrintable(e.error));
        QCOMPARE(e.attempts.size(), 1);
        QCOMPARE(e.attempts.first().remoteAddress, QStringLiteral("127.0.0.1"));
        QCOMPARE(e.attempts.first().connectFailures.size(), 1);
        QVERIFY2(failures(e).startsWith(QStringLiteral("[::1]:%1 refused").arg(server.port())),
                 qPrintable(failures(e)));
    }

    // Regression: only "refused" moved on; "network unreachable" ended the request.
    void happyEyeballsMovesOnAfterUnreachable()
    {
        ScriptedServer server(ok);
        auto client = clientResolving({Unreachable, QHostAddress::LocalHost});
        const Exchange e =
            fetch(*client, QUrl(QStringLiteral("http://multi.test:%1/").arg(server.port())));
        QVERIFY2(e.status == 200, qPrintable(e.error));
        QCOMPARE(e.attempts.first().remoteAddress, QStringLiteral("127.0.0.1"));
        QVERIFY2(failures(e).startsWith(QStringLiteral("224.0.0.1:%1 ").arg(server.port())),
                 qPrintable(failures(e)));
    }

    // Regression: an address that never answers held the connection until the connect
    // timeout. The next address starts beside it (after 250 ms), and the first to answer wins.
    void happyEyeballsDoesNotWaitForASilentAddress()
    {
        ScriptedServer server(ok);
        SilentListener silent;
        QVERIFY(silent.listen(Silent3, server.port()));
        auto client = clientResolving({Silent3, QHostAddress::LocalHost});
        const Exchange e =
            fetch(*client, QUrl(QStringLiteral("http://multi.test:%1/").arg(server.port())));
        QVERIFY2(e.status == 200, qPrintable(e.error));
        QCOMPARE(e.attempts.size(), 1);
        QCOMPARE(e.attempts.first().remoteAddress, QStringLiteral("127.0.0.1"));
        QCOMPARE(
            failures(e),
            QStringLiteral("127.0.0.3:%1 no answer before 127.0.0.1 answered").arg(server.port()));
        QCOMPARE(server.connections(), 1);
    }

    // IPv6 and IPv4 addresses are tried alternately, from the family of the first.
    void happyEyeballsInterleavesFamilies()
    {
        ScriptedServer server(ok);
        auto client =
            clientResolving({Refusing2, QHostAddress::LocalHost, QHostAddress::LocalHostIPv6});
        const Exchange e =
            fetch(*client, QUrl(QStringLiteral("http://multi.test:%1/").arg(server.port())));
        QVERIFY2(e.status == 200, qPrintable(e.error));
        const QStringList tried = e.attempts.first().connectFailures;
        QCOMPARE(tried.size(), 2);
        QVERIFY2(tried[0].startsWith(QStringLiteral("127.0.0.2:")), qPrintable(tried[0]));
        QVERIFY2(tried[1].startsWith(QStringLiteral("[::1]:")), qPrintable(tried[1]));
        QCOMPARE(e.attempts.first().remoteAddress, QStringLiteral("127.0.0.1"));
    }

    // The connect timeout covers the whole set-up, every address; the error names them.
    void connectTimeoutCoversEveryAddress()
    {
        ScriptedServer server(ok); // only for a free port
        SilentListener silent3;
        SilentListener silent4;
        QVERIFY(silent3.listen(Silent3, server.port()));
        QVERIFY(silent4.listen(Silent4, server.port()));
        auto client = clientResolving({Silent3, Silent4});
        const Exchange e =
            fetch(*client, QUrl(QStringLiteral("http://multi.test:%1/").arg(server.port())), 1000);
        QCOMPARE(e.attempts.size(), 1);
        QCOMPARE(e.attempts.first().error, QNetworkReply::TimeoutError);
        const QString message = e.attempts.first().errorString;
        QVERIFY2(message.startsWith(QLatin1String("Connect timeout")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("127.0.0.3")) &&
                     message.contains(QLatin1String("127.0.0.4")),
                 qPrintable(message));
        QCOMPARE(e.attempts.first().connectFailures.size(), 2);
        QCOMPARE(server.connections(), 0);
    }

    // Every address refused: the error is "refused", and names each address.
    void everyAddressRefused()
    {
        ScriptedServer server(ok); // only for a free port on 127.0.0.1
        const quint16 port = server.port();
        auto client = clientResolving({QHostAddress::LocalHostIPv6, Refusing2});
        const Exchange e = fetch(*client, QUrl(QStringLiteral("http://multi.test:%1/").arg(port)));
        QCOMPARE(e.attempts.first().error, QNetworkReply::ConnectionRefusedError);
        const QString message = e.attempts.first().errorString;
        QVERIFY2(message.startsWith(QLatin1String("Connection refused")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("[::1]")) &&
                     message.contains(QLatin1String("127.0.0.2")),
                 qPrintable(message));
    }

    // The race is of TCP connections; TLS follows on the one that won.
    void happyEyeballsOverTls()
    {
        auto client = clientResolving({QHostAddress::LocalHostIPv6, QHostAddress::LocalHost},
                                      QStringLiteral("localhost"));
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        client->setTlsSettings(tls);
        QUrl url = m_service.httpsUrl();
        url.setHost(QStringLiteral("localhost"));
        url.setPath(QStringLiteral("/get"));
        const Exchange e = fetch(*client, url);
        QVERIFY2(e.status == 200, qPrintable(e.error));
        QCOMPARE(e.attempts.first().remoteAddress, QStringLiteral("127.0.0.1"));
        QVERIFY(!e.attempts.first().tlsProtocol.isEmpty());
        QCOMPARE(e.attempts.first().connectFailures.size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ConnectionRace)
#include "tst_connectionrace.moc"
