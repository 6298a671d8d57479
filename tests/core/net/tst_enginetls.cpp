// HTTPS on the engine's own path: verification on by default, a CA file, a per-host trust
// exception, a trust for one origin only, ignoreSslErrors() as QNAM offers it, specific
// messages for untrusted, expired and wrong-host certificates, and adoptSettings().
#include "demo/demoserverthread.h"
#include "http/httprequest.h"
#include "net/enginereply.h"
#include "net/httpclient.h"
#include "testcertificates.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHstsPolicy>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
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
    QString m_expiredCertFile;
    QString m_wrongHostCertFile;

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
        m_expiredCertFile = cert;
        QVERIFY2(m_certificates.issue("elsewhere", "DNS:example.com", 2, &cert, &key, &error),
                 qPrintable(error));
        QVERIFY(startWith(m_wrongHost, cert, key));
        m_wrongHostCertFile = cert;
    }

    // The CA file is read when the settings are set: a CA written into it later (a pull
    // into a trusted workspace) is not trusted until the settings are set again, which in
    // the window goes through the workspace trust question.
    void caFileIsReadWhenTheSettingsAreSet()
    {
        QTemporaryDir dir;
        const QString caFile = dir.filePath("ca.pem");
        const auto write = [&caFile](const QByteArray &pem) {
            QFile file(caFile);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(pem);
        };
        QFile realCa(m_certificates.caFile);
        QVERIFY(realCa.open(QIODevice::ReadOnly));
        const QByteArray trustedPem = realCa.readAll();
        QFile otherCert(m_wrongHostCertFile); // a certificate that signs nothing here
        QVERIFY(otherCert.open(QIODevice::ReadOnly));
        write(otherCert.readAll());

        HttpClient client;
        TlsSettings tls;
        tls.caFile = caFile;
        client.setTlsSettings(tls);
        write(trustedPem); // after the settings were set
        QCOMPARE(get(client, QNetworkRequest(at(m_valid, "/get")))->error(),
                 QNetworkReply::SslHandshakeFailedError);

        client.setTlsSettings(tls); // set again: read again
        QCOMPARE(get(client, QNetworkRequest(at(m_valid, "/get")))->error(),
                 QNetworkReply::NoError);
        HttpClient adopted;
        write(QByteArray()); // what a client adopts is what was read, not the file now
        adopted.adoptSettings(client);
        QCOMPARE(get(adopted, QNetworkRequest(at(m_valid, "/get")))->error(),
                 QNetworkReply::NoError);
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
        QVERIFY(!attempt.certificateChain.isEmpty());
        QVERIFY(attempt.certificateChain.first().startsWith(QString::fromUtf8("CN=127.0.0.1 · ")));
        // ALPN chose HTTP/2 (auto, the default): the head as its fields read.
        QVERIFY2(attempt.requestHead.startsWith("GET /get HTTP/2\r\n"),
                 attempt.requestHead.constData());

        const auto second = get(client, QNetworkRequest(at(m_valid, "/get")));
        QCOMPARE(second->error(), QNetworkReply::NoError);
        const Attempt reused = qobject_cast<EngineReply *>(second.get())->attempts().first();
        QVERIFY(reused.reused);
        // The window's Raw tab shows the session a reused connection still carries.
        QCOMPARE(reused.tlsProtocol, attempt.tlsProtocol);
        QCOMPARE(reused.certificateChain, attempt.certificateChain);
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

    // Core's own sends (run, the window) skip QNAM's entry; the manager still hears of
    // their TLS errors, once, and `run --insecure` ignores them from its slot.
    void ownSendsReportTlsToTheManager()
    {
        HttpClient client;
        HttpRequest request;
        request.url = at(m_valid, QStringLiteral("/get"));
        QSignalSpy managerSslErrors(&client, &QNetworkAccessManager::sslErrors);
        std::unique_ptr<QNetworkReply> refused(client.sendRaw(request));
        QSignalSpy refusedDone(refused.get(), &QNetworkReply::finished);
        QVERIFY(refused->isFinished() || refusedDone.wait(10000));
        QCOMPARE(refused->error(), QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(managerSslErrors.count(), 1);
        QCOMPARE(managerSslErrors.first().first().value<QNetworkReply *>(), refused.get());

        connect(&client, &QNetworkAccessManager::sslErrors, this,
                [](QNetworkReply *reply, const QList<QSslError> &) { reply->ignoreSslErrors(); });
        QSignalSpy managerEncrypted(&client, &QNetworkAccessManager::encrypted);
        std::unique_ptr<QNetworkReply> ignored(client.sendRaw(request));
        QSignalSpy ignoredDone(ignored.get(), &QNetworkReply::finished);
        QVERIFY(ignored->isFinished() || ignoredDone.wait(10000));
        QCOMPARE(ignored->error(), QNetworkReply::NoError);
        QCOMPARE(ignored->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(managerEncrypted.count(), 1);
    }

    void ignoredErrorsAreNotShared()
    {
        // One request chooses to ignore certificate errors; the next one did not choose that
        // and must not ride on its connection.
        HttpClient client;
        bool ignoreOnce = true;
        connect(&client, &QNetworkAccessManager::sslErrors, this,
                [&](QNetworkReply *reply, const QList<QSslError> &) {
                    if (std::exchange(ignoreOnce, false))
                        reply->ignoreSslErrors();
                });
        QSignalSpy closed(&client, &HttpClient::connectionClosed);
        QCOMPARE(get(client, QNetworkRequest(at(m_valid, "/get")))->error(),
                 QNetworkReply::NoError);
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(closed.first().first().value<ConnectionEvent>().closeReason,
                 CloseReason::NotShareable);
        QCOMPARE(get(client, QNetworkRequest(at(m_valid, "/get")))->error(),
                 QNetworkReply::SslHandshakeFailedError);
    }

    void trustExceptionForOneCertificate()
    {
        HttpClient client;
        TlsSettings tls;
        const QByteArray digest = QSslCertificate::fromPath(m_certificates.serverCertFile)
                                      .first()
                                      .digest(QCryptographicHash::Sha256);
        // Trusted on both origins: what the exception names is the certificate.
        tls.trustedByOrigin.insert(Origin::fromUrl(m_valid.httpsUrl()).toString(), {digest});
        tls.trustedByOrigin.insert(Origin::fromUrl(m_expired.httpsUrl()).toString(), {digest});
        client.setTlsSettings(tls);
        QCOMPARE(get(client, QNetworkRequest(at(m_valid, "/get")))->error(),
                 QNetworkReply::NoError);
        // The exception names that certificate only.
        QCOMPARE(get(client, QNetworkRequest(at(m_expired, "/get")))->error(),
                 QNetworkReply::SslHandshakeFailedError);
    }

    void trustForOneOriginOnly()
    {
        // The same certificate served on another port: trusted on the first origin only.
        DemoServerThread samePairElsewhere;
        QVERIFY(startWith(samePairElsewhere, m_certificates.serverCertFile,
                          m_certificates.serverKeyFile));
        const QByteArray digest = QSslCertificate::fromPath(m_certificates.serverCertFile)
                                      .first()
                                      .digest(QCryptographicHash::Sha256);
        const QString origin = Origin::fromUrl(m_valid.httpsUrl()).toString();
        HttpClient client;
        client.trustCertificateFor(origin, digest);
        QCOMPARE(client.trustedCertificatesFor(origin), QList<QByteArray>{digest});
        QVERIFY(
            client.trustedCertificatesFor(Origin::fromUrl(samePairElsewhere.httpsUrl()).toString())
                .isEmpty());
        QVERIFY(client.tlsSettings().trustedByOrigin.isEmpty());

        QCOMPARE(get(client, QNetworkRequest(at(m_valid, "/get")))->error(),
                 QNetworkReply::NoError);
        const auto elsewhere = get(client, QNetworkRequest(at(samePairElsewhere, "/get")));
        QCOMPARE(elsewhere->error(), QNetworkReply::SslHandshakeFailedError);
        QVERIFY2(elsewhere->errorString().contains(QLatin1String("is not trusted")),
                 qPrintable(elsewhere->errorString()));

        // Settings re-applied (a settings dialog, microrequests.json) keep the trust; a
        // fresh connection proves it is still applied.
        client.setTlsSettings(TlsSettings());
        QNetworkRequest fresh(at(m_valid, "/get"));
        fresh.setAttribute(QNetworkRequest::Attribute(HttpClient::NoReuseAttribute), true);
        const auto again = get(client, fresh);
        QCOMPARE(again->error(), QNetworkReply::NoError);
        QVERIFY(!qobject_cast<EngineReply *>(again.get())->attempts().first().reused);
    }

    void trustForAnOriginRefusesBadInput()
    {
        HttpClient client;
        const QByteArray digest(32, 'x');
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("needs an https origin.*got "
                                                               "\"http://127.0.0.1:80\"")));
        client.trustCertificateFor(QStringLiteral("http://127.0.0.1:80"), digest);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("5 bytes")));
        client.trustCertificateFor(QStringLiteral("https://127.0.0.1:8443"), "short");
        QVERIFY(client.trustedCertificatesFor(QStringLiteral("http://127.0.0.1:80")).isEmpty());
        QVERIFY(client.trustedCertificatesFor(QStringLiteral("https://127.0.0.1:8443")).isEmpty());
        // The same origin however it is spelled; the default port included.
        client.trustCertificateFor(QStringLiteral("HTTPS://LocalHost/"), digest);
        QCOMPARE(client.trustedCertificatesFor(QStringLiteral("https://localhost:443")),
                 QList<QByteArray>{digest});
    }

    void adoptSettingsCopiesEverythingConfigurable()
    {
        HttpClient configured;
        PoolSettings pool;
        pool.maxHosts = 7;
        pool.maxPerOrigin = 3;
        pool.blockWhenFull = false;
        pool.idleExpiryMs = 1234;
        pool.keepAlive = false;
        configured.setPoolSettings(pool);
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        configured.setTlsSettings(tls);
        const QByteArray digest =
            QSslCertificate::fromPath(m_expiredCertFile).first().digest(QCryptographicHash::Sha256);
        const QString origin = Origin::fromUrl(m_expired.httpsUrl()).toString();
        configured.trustCertificateFor(origin, digest);
        TimeoutSettings timeouts;
        timeouts.connectMs = 111;
        timeouts.inactivityMs = 222;
        timeouts.totalMs = 333;
        configured.setTimeouts(timeouts);
        RetryPolicy retries;
        retries.connect = 4;
        retries.status = 2;
        retries.backoffFactorMs = 50;
        configured.setRetryPolicy(retries);
        configured.setMaxRedirects(3);
        configured.setOriginProtocol(QStringLiteral("https://example.com"), ProtocolChoice::Http2);
        configured.setDefaultProtocol(ProtocolChoice::Http1);
        configured.setBodyMemoryLimit(4096);
        configured.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        configured.setTransferTimeout(5555);
        configured.setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
        configured.setStrictTransportSecurityEnabled(true);
        configured.addStrictTransportSecurityHosts(
            {QHstsPolicy(QDateTime::currentDateTimeUtc().addDays(1), QHstsPolicy::PolicyFlags(),
                         QStringLiteral("example.com"))});

        HttpClient adopted;
        adopted.adoptSettings(configured);
        QCOMPARE(adopted.poolSettings().maxHosts, 7);
        QCOMPARE(adopted.poolSettings().maxPerOrigin, 3);
        QCOMPARE(adopted.poolSettings().blockWhenFull, false);
        QCOMPARE(adopted.poolSettings().idleExpiryMs, 1234);
        QCOMPARE(adopted.poolSettings().keepAlive, false);
        QCOMPARE(adopted.tlsSettings().caFile, m_certificates.caFile);
        QCOMPARE(adopted.trustedCertificatesFor(origin), QList<QByteArray>{digest});
        QCOMPARE(adopted.timeouts().connectMs, 111);
        QCOMPARE(adopted.timeouts().inactivityMs, 222);
        QCOMPARE(adopted.timeouts().totalMs, 333);
        QCOMPARE(adopted.retryPolicy().connect, 4);
        QCOMPARE(adopted.retryPolicy().status, 2);
        QCOMPARE(adopted.retryPolicy().backoffFactorMs, 50.0);
        QCOMPARE(adopted.maxRedirects(), 3);
        QCOMPARE(adopted.protocolFor(QUrl(QStringLiteral("https://example.com/x")), std::nullopt),
                 ProtocolChoice::Http2);
        QCOMPARE(adopted.protocolFor(QUrl(QStringLiteral("https://other.example/x")), std::nullopt),
                 ProtocolChoice::Http1);
        QCOMPARE(adopted.protocolFor(QUrl(QStringLiteral("https://example.com/x")),
                                     ProtocolChoice::Auto),
                 ProtocolChoice::Auto);
        QCOMPARE(adopted.bodyMemoryLimit(), qint64(4096));
        QCOMPARE(adopted.proxy().type(), QNetworkProxy::NoProxy);
        QCOMPARE(adopted.transferTimeout(), 5555);
        QCOMPARE(adopted.redirectPolicy(), QNetworkRequest::SameOriginRedirectPolicy);
        QVERIFY(adopted.isStrictTransportSecurityEnabled());
        QCOMPARE(adopted.strictTransportSecurityHosts().size(), 1);
        QCOMPARE(adopted.strictTransportSecurityHosts().first().host(),
                 QStringLiteral("example.com"));

        // And it sends as the configured one does: the CA file verifies one server...
        QCOMPARE(get(adopted, QNetworkRequest(at(m_valid, "/get")))->error(),
                 QNetworkReply::NoError);
        // ...and the per-origin trust lets through the expired certificate on its origin.
        QCOMPARE(get(adopted, QNetworkRequest(at(m_expired, "/get")))->error(),
                 QNetworkReply::NoError);
        // A client that adopted nothing refuses both.
        HttpClient plain;
        QCOMPARE(get(plain, QNetworkRequest(at(m_valid, "/get")))->error(),
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

    void trustedFingerprintNeverCancelsHostnameMismatch()
    {
        // A certificate for example.com, trusted by its digest on the origin that serves it:
        // the trust answers "who signed it", never "is it for this host".
        const QByteArray digest = QSslCertificate::fromPath(m_wrongHostCertFile)
                                      .first()
                                      .digest(QCryptographicHash::Sha256);
        const QString origin = Origin::fromUrl(m_wrongHost.httpsUrl()).toString();
        HttpClient client;
        client.trustCertificateFor(origin, digest);
        const auto reply = get(client, QNetworkRequest(at(m_wrongHost, "/get")));
        QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
        QVERIFY2(reply->errorString().contains(QLatin1String("is for example.com, not 127.0.0.1")),
                 qPrintable(reply->errorString()));

        // The same through the settings' per-origin list, with the CA trusted as well.
        HttpClient configured;
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        tls.trustedByOrigin.insert(origin, {digest});
        configured.setTlsSettings(tls);
        QCOMPARE(get(configured, QNetworkRequest(at(m_wrongHost, "/get")))->error(),
                 QNetworkReply::SslHandshakeFailedError);
    }

    void clientCertificate()
    {
        // A TLS server in this thread that insists on a client certificate from the test CA
        // and answers with the name on it.
        QString clientCert, clientKey, error;
        QVERIFY2(m_certificates.issue("client", "DNS:client.test", 2, &clientCert, &clientKey,
                                      &error, "clientAuth"),
                 qPrintable(error));
        QSslServer server;
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificateChain(
            QSslCertificate::fromPath(m_certificates.serverCertFile));
        QFile keyFile(m_certificates.serverKeyFile);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        configuration.setCaCertificates(m_certificates.caCertificates());
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        server.setSslConfiguration(configuration);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::pendingConnectionAvailable, this, [&server] {
            auto *socket = static_cast<QSslSocket *>(server.nextPendingConnection());
            connect(socket, &QSslSocket::readyRead, socket, [socket] {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                const QByteArray name = socket->peerCertificate()
                                            .subjectInfo(QSslCertificate::CommonName)
                                            .value(0)
                                            .toUtf8();
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: " +
                              QByteArray::number(name.size()) + "\r\n\r\n" + name);
            });
        });
        const QUrl url(QStringLiteral("https://127.0.0.1:%1/").arg(server.serverPort()));

        HttpClient client;
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        tls.clientCertificateFile = clientCert;
        tls.clientKeyFile = clientKey;
        client.setTlsSettings(tls);
        const auto reply = get(client, QNetworkRequest(url));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), QByteArray("client"));

        HttpClient anonymous;
        tls.clientCertificateFile.clear();
        tls.clientKeyFile.clear();
        anonymous.setTlsSettings(tls);
        QVERIFY(get(anonymous, QNetworkRequest(url))->error() != QNetworkReply::NoError);
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
