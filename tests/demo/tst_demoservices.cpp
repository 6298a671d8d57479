// DemoServices: the demo service and its "distant" twin the window starts for the demo
// workspace, over real loopback sockets; HTTPS with the bundled certificate, trusted per
// origin in the client it is applied to and nowhere else.
#include "demo/demoservices.h"
#include "http/servertiming.h"
#include "net/httpclient.h"
#include "net/origin.h"
#include "sendandwait.h"
#include "workspace/demoworkspace.h"
#include "workspace/httpfileparser.h"
#include "workspace/requestresolver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QTest>

using namespace mr;

class tst_DemoServices : public QObject
{
    Q_OBJECT
    DemoServices m_services;

    static QUrl at(QUrl url, const QString &path)
    {
        url.setPath(path);
        return url;
    }

    static HttpRequest get(const QUrl &url)
    {
        HttpRequest request;
        request.url = url;
        return request;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_services.start(&error), qPrintable(error));
        QVERIFY(m_services.isRunning());
        QCOMPARE(m_services.httpUrl().scheme(), QStringLiteral("http"));
        QCOMPARE(m_services.httpsUrl().scheme(), QStringLiteral("https"));
        QCOMPARE(m_services.distantHttpsUrl().scheme(), QStringLiteral("https"));
        QVERIFY(m_services.distantHttpsUrl().port() != m_services.httpsUrl().port());
        // Started twice: still the same services.
        const QUrl before = m_services.httpsUrl();
        QVERIFY(m_services.start(&error));
        QCOMPARE(m_services.httpsUrl(), before);
    }

    void bundledCertificate()
    {
        const QList<QSslCertificate> chain =
            QSslCertificate::fromPath(DemoServices::certificateFile());
        QCOMPARE(chain.size(), 1);
        const QSslCertificate &certificate = chain.first();
        QVERIFY(certificate.isSelfSigned());
        QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);
        QCOMPARE(certificate.publicKey().length(), 256);
        const auto names = certificate.subjectAlternativeNames();
        QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
        QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
        QVERIFY(certificate.expiryDate().date().year() >= 2125);
        QCOMPARE(DemoServices::certificateDigest(), certificate.digest(QCryptographicHash::Sha256));
        QFile key(DemoServices::keyFile());
        QVERIFY(key.open(QIODevice::ReadOnly));
        QVERIFY(key.readAll().startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    void variableOverrides()
    {
        const QHash<QString, QString> overrides = m_services.variableOverrides();
        QCOMPARE(overrides.size(), 3);
        QCOMPARE(overrides.value(DemoWorkspace::baseUrlVariable()),
                 m_services.httpUrl().toString());
        QCOMPARE(overrides.value(DemoWorkspace::secureBaseUrlVariable()),
                 m_services.httpsUrl().toString());
        QCOMPARE(overrides.value(DemoWorkspace::distantBaseUrlVariable()),
                 m_services.distantHttpsUrl().toString());
        QVERIFY(DemoServices().variableOverrides().isEmpty()); // not started
    }

    void trustedClientGetsHttps()
    {
        HttpClient client;
        m_services.trustIn(client);
        const QByteArray digest = DemoServices::certificateDigest();
        QCOMPARE(client.trustedCertificatesFor(Origin::fromUrl(m_services.httpsUrl()).toString()),
                 QList<QByteArray>{digest});
        QCOMPARE(
            client.trustedCertificatesFor(Origin::fromUrl(m_services.distantHttpsUrl()).toString()),
            QList<QByteArray>{digest});
        QVERIFY(client.tlsSettings().trustedByOrigin.isEmpty()); // never globally

        const Exchange exchange = sendAndWait(client, get(at(m_services.httpsUrl(), "/get")));
        QVERIFY2(exchange.error.isEmpty(), qPrintable(exchange.error));
        QCOMPARE(exchange.status, 200);
        QVERIFY(QJsonDocument::fromJson(exchange.responseBody)
                    .object()
                    .value(QStringLiteral("url"))
                    .toString()
                    .startsWith(QLatin1String("https://127.0.0.1:")));
        QCOMPARE(ServerTiming::simulatedLatencyMs(exchange.responseHeaders), -1); // the near one
    }

    void distantServiceSimulatesLatency()
    {
        HttpClient client;
        m_services.trustIn(client);
        const Exchange exchange =
            sendAndWait(client, get(at(m_services.distantHttpsUrl(), "/get")));
        QVERIFY2(exchange.error.isEmpty(), qPrintable(exchange.error));
        QCOMPARE(exchange.status, 200);
        QCOMPARE(ServerTiming::simulatedLatencyMs(exchange.responseHeaders),
                 DemoServices::DistantLatencyMs);
        // A new HTTPS connection waits two round trips (TCP, TLS), then the first byte one.
        QVERIFY2(exchange.durationMs >= 3 * DemoServices::DistantLatencyMs,
                 qPrintable(QString::number(exchange.durationMs)));
        // Reused, only the first byte's.
        const Exchange again = sendAndWait(client, get(at(m_services.distantHttpsUrl(), "/get")));
        QVERIFY(again.finalAttempt() && again.finalAttempt()->reused);
        QVERIFY(again.durationMs >= DemoServices::DistantLatencyMs);
    }

    void untrustedClientGetsTlsError()
    {
        HttpClient client;
        for (const QUrl &url : {m_services.httpsUrl(), m_services.distantHttpsUrl()}) {
            std::unique_ptr<QNetworkReply> reply(client.get(QNetworkRequest(at(url, "/get"))));
            QSignalSpy finished(reply.get(), &QNetworkReply::finished);
            QVERIFY(finished.wait(10000));
            QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
            QVERIFY2(reply->errorString().contains(QLatin1String("is not trusted")),
                     qPrintable(reply->errorString()));
        }
    }

    void trustDoesNotFollowARedirect()
    {
        // Trusted on the near HTTPS origin only; a redirect to the distant one (the same
        // certificate, another origin) must verify as any other origin would.
        HttpClient client;
        client.trustCertificateFor(Origin::fromUrl(m_services.httpsUrl()).toString(),
                                   DemoServices::certificateDigest());
        QUrl redirect = at(m_services.httpsUrl(), "/redirect-to");
        redirect.setQuery(QStringLiteral("url=") +
                          QString::fromLatin1(QUrl::toPercentEncoding(
                              at(m_services.distantHttpsUrl(), "/get").toString())));
        std::unique_ptr<QNetworkReply> reply(client.get(QNetworkRequest(redirect)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(reply->url().port(), m_services.distantHttpsUrl().port());
    }

    void demoRequestsOverHttpsAnswer_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("keep-alive/pool.http")
            << QStringLiteral(":/demo-workspace/keep-alive/pool.http");
        QTest::newRow("basics.http") << QStringLiteral(":/demo-workspace/basics.http");
    }

    void demoRequestsOverHttpsAnswer()
    {
        // Every demo request aimed at the HTTPS services parses, resolves with the window's
        // overrides and is answered with a success through a client trusted by them.
        QFETCH(QString, file);
        const HttpFile parsed = HttpFileParser::parseFile(file);
        QVERIFY(parsed.diagnostics.isEmpty());
        HttpClient client;
        m_services.trustIn(client);
        QHash<QString, QString> variables = m_services.variableOverrides();
        variables.insert(QStringLiteral("user"), QStringLiteral("demo"));
        const VariableExpander expander(variables);
        int overHttps = 0;
        for (const RequestDefinition &definition : parsed.requests) {
            if (!definition.url.contains(QLatin1String("{{secureBaseUrl}}")) &&
                !definition.url.contains(QLatin1String("{{distantBaseUrl}}")))
                continue;
            ++overHttps;
            const RequestResolver::Result resolved = RequestResolver::resolve(definition, expander);
            QVERIFY2(resolved.ok(), qPrintable(resolved.error));
            QVERIFY(resolved.unresolved.isEmpty());
            QCOMPARE(resolved.request.url.scheme(), QStringLiteral("https"));
            const Exchange exchange = sendAndWait(client, resolved.request);
            QVERIFY2(exchange.error.isEmpty(), qPrintable(definition.name + ": " + exchange.error));
            QVERIFY2(exchange.status >= 200 && exchange.status < 300,
                     qPrintable(definition.name + QStringLiteral(": status ") +
                                QString::number(exchange.status)));
        }
        QVERIFY(overHttps > 0);
    }
};

QTEST_GUILESS_MAIN(tst_DemoServices)
#include "tst_demoservices.moc"
