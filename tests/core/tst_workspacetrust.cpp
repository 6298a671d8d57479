// Trusted certificates from a workspace's microrequests.json, over real TLS sockets: each on
// the origin it is listed under only; the old bare list is reported and not applied.
#include "demo/demoserverthread.h"
#include "net/httpclient.h"
#include "settings/layeredsettings.h"
#include "testcertificates.h"
#include "workspace/workspacesettings.h"

#include <QCryptographicHash>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_WorkspaceTrust : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    DemoServerThread m_one;
    DemoServerThread m_two; // the same certificate on another origin
    QByteArray m_digest;

    static QNetworkReply::NetworkError getError(HttpClient &client, const QUrl &base)
    {
        QUrl url = base;
        url.setPath(QStringLiteral("/get"));
        std::unique_ptr<QNetworkReply> reply(client.get(QNetworkRequest(url)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        return reply->error();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(TestCertificates::generate(m_dir.path(), &m_certificates, &error),
                 qPrintable(error));
        QVERIFY2(m_one.start(m_certificates.demoOptions(), &error), qPrintable(error));
        QVERIFY2(m_two.start(m_certificates.demoOptions(), &error), qPrintable(error));
        m_digest = QSslCertificate::fromPath(m_certificates.serverCertFile)
                       .first()
                       .digest(QCryptographicHash::Sha256);
    }

    void bareFingerprintListIsReported()
    {
        const QString hex = QString::fromLatin1(m_digest.toHex());
        const QByteArray json =
            "{\n  \"tls\": {\n    \"trusted\": [\"" + hex.toLatin1() + "\"]\n  }\n}\n";
        const WorkspaceSettings settings =
            WorkspaceSettings::parse(json, QStringLiteral("/w/microrequests.json"), "/w");
        QCOMPARE(settings.diagnostics.size(), 1);
        const QString message = settings.diagnostics.first().toString();
        QVERIFY2(message.startsWith(QLatin1String("/w/microrequests.json:3:5: tls.trusted: ")),
                 qPrintable(message));
        // It says what to write instead, with the fingerprint it was given.
        QVERIFY2(message.contains(
                     QStringLiteral("\"trusted\": {\"https://HOST:PORT\": [\"%1\"]}").arg(hex)),
                 qPrintable(message));
        // ...and applies none of it.
        QVERIFY(!settings.values.contains(QStringLiteral("tls.trusted")));
        HttpClient client;
        LayeredSettings layers;
        layers.setWorkspace(settings.values);
        layers.applyTo(client);
        QCOMPARE(getError(client, m_one.httpsUrl()), QNetworkReply::SslHandshakeFailedError);
    }

    void trustedFingerprintIsPerOrigin()
    {
        const QString one = Origin::fromUrl(m_one.httpsUrl()).toString();
        const QByteArray json = "{\"tls\": {\"trusted\": {\"" + one.toLatin1() + "\": [\"" +
                                m_digest.toHex() + "\"]}}}";
        const WorkspaceSettings settings =
            WorkspaceSettings::parse(json, QStringLiteral("/w/microrequests.json"), "/w");
        QVERIFY2(settings.diagnostics.isEmpty(),
                 qPrintable(settings.diagnostics.value(0).toString()));
        HttpClient client;
        LayeredSettings layers;
        layers.setWorkspace(settings.values);
        layers.applyTo(client);
        // Trusted on the origin it names...
        QCOMPARE(getError(client, m_one.httpsUrl()), QNetworkReply::NoError);
        // ...and not on another one serving the very same certificate.
        QCOMPARE(getError(client, m_two.httpsUrl()), QNetworkReply::SslHandshakeFailedError);
    }
};

QTEST_GUILESS_MAIN(tst_WorkspaceTrust)
#include "tst_workspacetrust.moc"
