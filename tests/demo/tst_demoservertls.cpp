// HTTPS on the demo service, with a CA and certificate made by openssl for this run.
#include "demo/demoserverthread.h"
#include "rawhttpconnection.h"
#include "testcertificates.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_DemoServerTls : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    DemoServerThread m_service;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(TestCertificates::startDemo(m_dir.path(), &m_certificates, &m_service, &error),
                 qPrintable(error));
        QCOMPARE(m_service.httpsUrl().scheme(), QStringLiteral("https"));
        QVERIFY(m_service.httpsUrl().port() > 0);
        QVERIFY(m_service.httpsUrl().port() != m_service.httpUrl().port());
    }

    void servesHttpsWithGroundTruth()
    {
        RawHttpConnection c;
        QVERIFY2(c.connectEncrypted(m_service.httpsUrl(), m_certificates.caCertificates()),
                 qPrintable(c.lastError()));
        int serial = 0;
        for (int i = 1; i <= 2; ++i) {
            QVERIFY(c.sendRequest("GET", "/get"));
            const auto r = c.readResponse();
            QVERIFY2(r, qPrintable(c.lastError()));
            QCOMPARE(r->status, 200);
            const QJsonObject json = QJsonDocument::fromJson(r->body).object();
            QVERIFY(json.value("url").toString().startsWith(QLatin1String("https://127.0.0.1:")));
            QCOMPARE(r->headers.value("X-Demo-Client-Port").toInt(), int(c.localPort()));
            QCOMPARE(r->headers.value("X-Demo-Connection-Request").toInt(), i);
            if (i == 1)
                serial = r->headers.value("X-Demo-Connection").toInt();
            QCOMPARE(r->headers.value("X-Demo-Connection").toInt(), serial);
        }
    }

    void untrustedCertificateIsRefusedByDefault()
    {
        RawHttpConnection c;
        QVERIFY(!c.connectEncrypted(m_service.httpsUrl(), {}));
        QVERIFY(!c.lastError().isEmpty());
    }

    void plainHttpStillServed()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_service.httpUrl()));
        QVERIFY(c.sendRequest("GET", "/get"));
        const auto r = c.readResponse();
        QVERIFY(r);
        QVERIFY(QJsonDocument::fromJson(r->body).object().value("url").toString().startsWith(
            QLatin1String("http://127.0.0.1:")));
    }

    void badCertificateFilesAreReported()
    {
        DemoServer::Options options;
        options.tlsPort = 0;
        options.certFile = m_dir.filePath(QStringLiteral("missing.pem"));
        options.keyFile = m_certificates.serverKeyFile;
        DemoServerThread service;
        QString error;
        QVERIFY(!service.start(options, &error));
        QVERIFY2(error.contains(QLatin1String("missing.pem")), qPrintable(error));

        options.certFile = m_certificates.serverCertFile;
        options.keyFile = m_certificates.serverCertFile; // a certificate is not a key
        QVERIFY(!service.start(options, &error));
        QVERIFY2(error.contains(QLatin1String("private key")), qPrintable(error));
    }

    void takenPortIsReported()
    {
        DemoServer::Options options;
        options.port = quint16(m_service.httpUrl().port());
        DemoServerThread service;
        QString error;
        QVERIFY(!service.start(options, &error));
        QVERIFY2(error.contains(QLatin1String("cannot listen")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_DemoServerTls)
#include "tst_demoservertls.moc"
