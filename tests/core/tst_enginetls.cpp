// HTTPS on the engine's own path: verification on by default, a CA file, a per-host trust
// exception, ignoreSslErrors() as QNAM offers it, and specific messages for untrusted,
// expired and wrong-host certificates.
#include "demo/demoserverthread.h"
#include "net/enginereply.h"
#include "net/httpclient.h"
#include "testcertificates.h"

#include <QCryptographicHash>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_EngineTls : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    DemoServerThread m_valid;
    DemoServerThread m_expired;
    DemoServerThread m_wrongHost;

    bool startWith(DemoServerThread &service, const QString &cert, const QString &key)
    {
        DemoServer::Options options;
        options.tlsPort = 0;
        options.certFile = cert;
        options.keyFile = key;
        QString error;
        return service.start(options, &error);
    }

    static QUrl at(const DemoServerThread &service, const QString &path)
    {
        QUrl url = service.httpsUrl();
        url.setPath(path);
        return url;
    }

    static std::unique_ptr<QNetworkReply> get(HttpClient &client, const QNetworkRequest &request)
    {
        std::unique_ptr<QNetworkReply> reply(client.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        return reply;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(TestCertificates::generate(m_dir.path(), &m_certificates, &error),
                 qPrintable(error));
        QVERIFY(startWith(m_valid, m_certificates.serverCertFile, m_certificates.serverKeyFile));
        QString cert, key;
        QVERIFY2(m_certificates.issue("expired", "IP:127.0.0.1", -1, &cert, &key, &error),
                 qPrintable(error));
        QVERIFY(startWith(m_expired, cert, key));
        QVERIFY2(m_certificates.issue("elsewhere", "DNS:example.com", 2, &cert, &key, &error),
                 qPrintable(error));
        QVERIFY(startWith(m_wrongHost, cert, key));
    }

    void trustedThroughTheCaFile()
    {
        HttpClient client;
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        client.setTlsSettings(tls);
        std::unique_ptr<QNetworkReply> first(client.get(QNetworkRequest(at(m_valid, "/get"))));
        QSignalSpy encrypted(first.get(), &QNetworkReply::encrypted);
        QSignalSpy finished(first.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(first->error(), QNetworkReply::NoError);
        QCOMPARE(encrypted.count(), 1);
        QCOMPARE(
            first->sslConfiguration().peerCertificate().subjectInfo(QSslCertificate::CommonName),
            QStringList{"127.0.0.1"});
        QVERIFY(first->attribute(QNetworkRequest::ConnectionEncryptedAttribute).toBool());
        const Attempt attempt = qobject_cast<EngineReply *>(first.get())->attempts().first();
        QVERIFY(attempt.tlsProtocol.startsWith(QLatin1String("TLS")));
        QVERIFY(!attempt.tlsCipher.isEmpty());
        QVERIFY(attempt.timings.tls >= 0);

        const auto second = get(client, QNetworkRequest(at(m_valid, "/get")));
        QCOMPARE(second->error(), QNetworkReply::NoError);
        QVERIFY(qobject_cast<EngineReply *>(second.get())->attempts().first().reused);
    }

    void untrustedByDefault()
    {
        HttpClient client;
        std::unique_ptr<QNetworkReply> reply(client.get(QNetworkRequest(at(m_valid, "/get"))));
        QSignalSpy sslErrors(reply.get(), &QNetworkReply::sslErrors);
        QSignalSpy managerSslErrors(&client, &QNetworkAccessManager::sslErrors);
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
        QVERIFY2(reply->errorString().contains(QLatin1String("is not trusted")),
                 qPrintable(reply->errorString()));
        QVERIFY(reply->errorString().contains(QLatin1String("Microrequests Test CA")));
        QCOMPARE(sslErrors.count(), 1);
        QCOMPARE(managerSslErrors.count(), 1);
    }

    void ignoreSslErrorsInTheSlot()
    {
        HttpClient client;
        connect(&client, &QNetworkAccessManager::sslErrors, this,
                [](QNetworkReply *reply, const QList<QSslError> &) { reply->ignoreSslErrors(); });
        const auto reply = get(client, QNetworkRequest(at(m_valid, "/get")));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    }

    void trustExceptionForOneCertificate()
    {
        HttpClient client;
        TlsSettings tls;
        tls.trustedCertificates = {QSslCertificate::fromPath(m_certificates.serverCertFile)
                                       .first()
                                       .digest(QCryptographicHash::Sha256)};
        client.setTlsSettings(tls);
        QCOMPARE(get(client, QNetworkRequest(at(m_valid, "/get")))->error(),
                 QNetworkReply::NoError);
        // The exception names that certificate only.
        QCOMPARE(get(client, QNetworkRequest(at(m_expired, "/get")))->error(),
                 QNetworkReply::SslHandshakeFailedError);
    }

    void expiredCertificate()
    {
        HttpClient client;
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        client.setTlsSettings(tls);
        const auto reply = get(client, QNetworkRequest(at(m_expired, "/get")));
        QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
        QVERIFY2(reply->errorString().contains(QLatin1String("expired on")),
                 qPrintable(reply->errorString()));
    }

    void wrongHostCertificate()
    {
        HttpClient client;
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        client.setTlsSettings(tls);
        const auto reply = get(client, QNetworkRequest(at(m_wrongHost, "/get")));
        QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
        QVERIFY2(reply->errorString().contains(QLatin1String("is for example.com, not 127.0.0.1")),
                 qPrintable(reply->errorString()));
    }

    void verificationIsNeverSharedThroughThePool()
    {
        // A connection made with a request's own CA must not serve a request without it.
        HttpClient client;
        QNetworkRequest withCa(at(m_valid, "/get"));
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificates(m_certificates.caFile);
        withCa.setSslConfiguration(configuration);
        QCOMPARE(get(client, withCa)->error(), QNetworkReply::NoError);
        QCOMPARE(get(client, QNetworkRequest(at(m_valid, "/get")))->error(),
                 QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(get(client, withCa)->error(), QNetworkReply::NoError);
    }
};

QTEST_GUILESS_MAIN(tst_EngineTls)
#include "tst_enginetls.moc"
