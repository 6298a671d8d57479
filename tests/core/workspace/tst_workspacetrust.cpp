// Trust in a workspace's own files: what in microrequests.json and the environment files
// changes whom requests trust or where they go (proxy, CA, fingerprints, client
// certificates, verification off), listed with file:line:column; nothing of it applied
// until the user trusts that workspace, the answer remembered per folder and asked again
// when that content changes; trusted fingerprints per origin, over real TLS sockets.
#include "demo/demoserverthread.h"
#include "net/httpclient.h"
#include "settings/layeredsettings.h"
#include "settings/trustedworkspaces.h"
#include "testcertificates.h"
#include "workspace/demoworkspace.h"
#include "workspace/workspace.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"
#include "workspace/workspacesettings.h"
#include "workspace/workspacetrust.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

namespace {

// A session over a client and model of its own, its trust answers kept in an INI file.
struct TrustSession {
    explicit TrustSession(const QString &answersFile)
        : answers(answersFile, QSettings::IniFormat)
        , session(&model, &client)
    {
        session.setTrustSettings(&answers);
    }
    // Opens the workspace and answers "trust it?" for it.
    void openAnswering(const QString &root, bool trusted)
    {
        QString error;
        QVERIFY2(session.open(root, &error), qPrintable(error));
        session.setTrusted(trusted);
    }

    QSettings answers;
    HttpClient client;
    WorkspaceModel model;
    WorkspaceSession session;
};

} // namespace

class tst_WorkspaceTrust : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    DemoServerThread m_one;
    DemoServerThread m_two; // the same certificate on another origin
    QByteArray m_digest;

    static void write(const QString &path, const QByteArray &text)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }

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

    void collectorListsEveryTrustChange()
    {
        QTemporaryDir dir;
        const QString hex = QString(64, QLatin1Char('a'));
        // (No raw string: moc reads "//" in one as a comment.)
        write(
            dir.filePath("microrequests.json"),
            "{\n"
            "  \"timeouts\": {\"connectMs\": 500},\n"
            "  \"proxy\": {\"type\": \"http\", \"host\": \"10.0.0.1\", \"port\": 3128, "
            "\"user\": \"u\", \"password\": \"p\"},\n"
            "  \"tls\": {\"caFile\": \"certs/ca.pem\",\n"
            "          \"clientCertificate\": \"certs/me.pem\", \"clientKey\": \"certs/me.key\",\n"
            "          \"trusted\": {\"https://api.example.com:8443\": [\"" +
                hex.toLatin1() + "\"]}}\n}");
        write(dir.filePath("certs/ca.pem"), "x");
        write(dir.filePath("http-client.env.json"), R"({
  "dev": {
    "host": "dev.example.com",
    "SSLConfiguration": {"verifyHostCertificate": false}
  },
  "prod": {"SSLConfiguration": {"verifyHostCertificate": true}}
})");
        write(dir.filePath("http-client.private.env.json"), R"({
  "dev": {"SSLConfiguration": {"clientCertificate": {"path": "dev.pem"},
                               "clientCertificateKey": "dev.key"}}
})");
        const Workspace workspace = Workspace::load(dir.path());
        QVERIFY2(workspace.diagnostics().isEmpty(),
                 qPrintable(workspace.diagnostics().value(0).toString()));
        const WorkspaceTrust trust = WorkspaceTrust::collect(workspace);
        QStringList listed;
        for (const WorkspaceTrust::Change &change : trust.changes())
            listed.append(change.location() + QLatin1Char(' ') + change.what());
        // Every value (never the proxy's password), where it is written, in file order; a
        // timeout changes no trust, nor does verification left on.
        QCOMPARE(listed,
                 QStringList({
                     "microrequests.json:3:12 proxy http://u@10.0.0.1:3128",
                     "microrequests.json:4:21 CA certs/ca.pem",
                     "microrequests.json:5:32 client certificate certs/me.pem",
                     "microrequests.json:5:61 client key certs/me.key",
                     "microrequests.json:6:55 trusted certificate " + hex +
                         " on https://api.example.com:8443",
                     "http-client.env.json:4:51 certificate verification off (environment dev)",
                     "http-client.private.env.json:2:53 client certificate dev.pem (environment "
                     "dev)",
                     "http-client.private.env.json:3:56 client key dev.key (environment dev)",
                 }));
        // What `run --env prod` applies, in one line.
        QCOMPARE(trust.forEnvironment(QStringLiteral("prod")).summary(),
                 "from microrequests.json: proxy http://u@10.0.0.1:3128, CA certs/ca.pem, client "
                 "certificate certs/me.pem, client key certs/me.key, trusted certificate " +
                     hex + " on https://api.example.com:8443");
        QVERIFY(trust.forEnvironment(QStringLiteral("dev"))
                    .summary()
                    .endsWith("; from http-client.env.json: certificate verification off "
                              "(environment dev); from "
                              "http-client.private.env.json: client certificate dev.pem "
                              "(environment dev), client "
                              "key dev.key (environment dev)"));
        // The environment's own values, resolved against the workspace.
        const EnvironmentTls dev = workspace.environments().tls(QStringLiteral("dev"));
        QCOMPARE(dev.clientCertificate, dir.filePath("dev.pem"));
        QCOMPARE(dev.clientKey, dir.filePath("dev.key"));
        QCOMPARE(dev.verifyHostCertificate, std::optional<bool>(false));
        // ...and not a variable.
        QVERIFY(!workspace.environments().variables("dev").contains("SSLConfiguration"));

        // Untrusted, the workspace's layer keeps only what changes no trust.
        QCOMPARE(WorkspaceTrust::withoutTrustChanges(workspace.settings().values).keys(),
                 QStringList{"timeouts.connectMs"});
    }

    void environmentSslConfigurationMistakesAreReported()
    {
        EnvironmentSet set;
        set.addFile(QStringLiteral("/w/http-client.env.json"), R"({
  "dev": {"SSLConfiguration": {"verifyHostCertificate": "no", "clientCertificate": {"path": "a.p12", "format": "PKCS12"},
                               "hasCertificatePassphrase": true}},
  "qa": {"SSLConfiguration": "off"}
})");
        QStringList messages;
        for (const Diagnostic &d : set.diagnostics())
            messages.append(d.toString());
        messages.sort();
        QCOMPARE(messages,
                 QStringList({
                     "/w/http-client.env.json:2:57: SSLConfiguration: verifyHostCertificate: "
                     "expected true or false",
                     "/w/http-client.env.json:2:84: SSLConfiguration: clientCertificate: expected "
                     "the path of a PEM file",
                     "/w/http-client.env.json:3:60: warning: SSLConfiguration: a key with a "
                     "passphrase is not supported; give an unencrypted PEM key",
                     "/w/http-client.env.json:4:30: SSLConfiguration: expected an object such as "
                     "{\"verifyHostCertificate\": false, \"clientCertificate\": \"cert.pem\"}",
                 }));
        QVERIFY(set.tls(QStringLiteral("dev")).isEmpty()); // nothing wrong is applied
    }

    void digestFollowsWhatNotWhere()
    {
        const auto digestOf = [](const QByteArray &json) {
            QTemporaryDir dir;
            write(dir.filePath("microrequests.json"), json);
            return WorkspaceTrust::collect(Workspace::load(dir.path())).digest();
        };
        const QByteArray proxy =
            digestOf(R"({"proxy": {"type": "http", "host": "10.0.0.1", "port": 3128}})");
        // Moved and reformatted, with other settings around it: the same.
        QCOMPARE(digestOf("{\n  \"timeouts\": {\"connectMs\": 5},\n  \"proxy\": {\"port\": 3128,\n"
                          "    \"host\": \"10.0.0.1\", \"type\": \"http\"}\n}"),
                 proxy);
        // Another port: another answer is needed.
        QVERIFY(digestOf(R"({"proxy": {"type": "http", "host": "10.0.0.1", "port": 3129}})") !=
                proxy);
        QVERIFY(digestOf("{}") != proxy);
    }

    // Trust in a CA file is trust in what it holds: a pull that rewrites it asks again.
    void rewrittenCaFileAsksAgain()
    {
        QTemporaryDir dir;
        const auto write = [&dir](const QString &name, const QByteArray &bytes) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(bytes);
        };
        write(QStringLiteral("microrequests.json"), R"({"tls": {"caFile": "certs/ca.pem"}})");
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("certs")));
        write(QStringLiteral("certs/ca.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        const QByteArray before = WorkspaceTrust::collect(Workspace::load(dir.path())).digest();
        write(QStringLiteral("certs/ca.pem"), "-----BEGIN CERTIFICATE-----\nBBBB\n");
        const QByteArray after = WorkspaceTrust::collect(Workspace::load(dir.path())).digest();
        QVERIFY(after != before);
        // The same bytes: the same answer holds.
        QCOMPARE(WorkspaceTrust::collect(Workspace::load(dir.path())).digest(), after);
    }

    void clonedWorkspaceProxyNeedsTrust()
    {
        QTemporaryDir dir;
        write(dir.filePath("microrequests.json"),
              R"({"proxy": {"type": "http", "host": "10.0.0.1", "port": 3128}})");
        write(dir.filePath("api.http"), "GET http://example.com/\n");
        TrustSession trusting(dir.filePath("user.ini"));
        HttpClient &client = trusting.client;
        WorkspaceSession &session = trusting.session;
        QSignalSpy trustChanged(&session, &WorkspaceSession::trustChanged);
        QString error;
        QVERIFY2(session.open(dir.path(), &error), qPrintable(error));
        // Opened, not trusted yet: requests go where they would without the file.
        QCOMPARE(client.proxy().type(), QNetworkProxy::DefaultProxy);
        QVERIFY(session.isTrustUndecided());
        QVERIFY(!session.isTrusted());
        QCOMPARE(trustChanged.count(), 1);
        QCOMPARE(session.trust().changes().size(), 1);
        // The settings dialog does not say the workspace sets what it does not apply.
        QCOMPARE(session.settings().source(QStringLiteral("proxy.host")),
                 LayeredSettings::Source::Default);

        session.setTrusted(true);
        QCOMPARE(client.proxy().type(), QNetworkProxy::HttpProxy);
        QCOMPARE(client.proxy().hostName(), QStringLiteral("10.0.0.1"));
        QCOMPARE(client.proxy().port(), quint16(3128));
        QVERIFY(!session.isTrustUndecided());

        // Remembered for the folder: the next session applies it without asking.
        {
            HttpClient again;
            WorkspaceModel model2;
            WorkspaceSession next(&model2, &again);
            next.setTrustSettings(&trusting.answers);
            QVERIFY(next.open(dir.path(), &error));
            QVERIFY(next.isTrusted());
            QVERIFY(!next.isTrustUndecided());
            QCOMPARE(again.proxy().hostName(), QStringLiteral("10.0.0.1"));
        }

        // A pull changes the proxy: not applied, asked again.
        write(dir.filePath("microrequests.json"),
              R"({"proxy": {"type": "http", "host": "203.0.113.9", "port": 8080}})");
        session.reload();
        QVERIFY(session.isTrustUndecided());
        QCOMPARE(client.proxy().type(), QNetworkProxy::DefaultProxy);
        QCOMPARE(trustChanged.count(), 3);
    }

    void distrustIsRememberedAndAppliesNothing()
    {
        QTemporaryDir dir;
        write(dir.filePath("microrequests.json"),
              R"({"proxy": {"type": "socks5", "host": "10.0.0.1", "port": 1080},
                  "pool": {"maxPerOrigin": 3}})");
        TrustSession trusting(dir.filePath("user.ini"));
        HttpClient &client = trusting.client;
        trusting.openAnswering(dir.path(), false);
        QString error;
        QCOMPARE(client.proxy().type(), QNetworkProxy::DefaultProxy);
        QCOMPARE(client.poolSettings().maxPerOrigin, 3); // what changes no trust applies

        HttpClient again;
        WorkspaceModel model2;
        WorkspaceSession next(&model2, &again);
        next.setTrustSettings(&trusting.answers);
        QVERIFY(next.open(dir.path(), &error));
        QVERIFY(!next.isTrusted());
        QVERIFY(!next.isTrustUndecided()); // answered: the window shows its bar, no question
        QCOMPARE(again.proxy().type(), QNetworkProxy::DefaultProxy);
        // Another folder (a second clone) is another question.
        QTemporaryDir clone;
        QVERIFY(
            QFile::copy(dir.filePath("microrequests.json"), clone.filePath("microrequests.json")));
        QVERIFY(next.open(clone.path(), &error));
        QVERIFY(next.isTrustUndecided());
    }

    void theWindowsOwnEditKeepsTrust()
    {
        QTemporaryDir dir;
        write(dir.filePath("http-client.env.json"),
              R"({"dev": {"SSLConfiguration": {"verifyHostCertificate": false}}})");
        HttpClient client;
        WorkspaceModel model;
        WorkspaceSession session(&model, &client);
        QString error;
        QVERIFY(session.open(dir.path(), &error));
        QVERIFY(session.isTrustUndecided());
        session.setTrusted(true);
        // The environment editor wrote the file: the user's own act, no question.
        write(dir.filePath("http-client.env.json"),
              R"({"dev": {"SSLConfiguration": {"verifyHostCertificate": false}},
                  "qa": {"SSLConfiguration": {"verifyHostCertificate": false}}})");
        session.reloadAfterOwnEdit();
        QVERIFY(session.isTrusted());
        QVERIFY(!session.isTrustUndecided());
        QCOMPARE(session.trust().changes().size(), 2);
        // Another program's edit of the same kind asks.
        write(dir.filePath("http-client.env.json"),
              R"({"dev": {"SSLConfiguration": {"verifyHostCertificate": false}}})");
        session.reload();
        QVERIFY(session.isTrustUndecided());
    }

    // The environment editor's reload trusts what the editor wrote, not a microrequests.json
    // that a pull changed at the same moment.
    void aPullDuringTheWindowsOwnEditIsAskedAbout()
    {
        QTemporaryDir dir;
        write(dir.filePath("microrequests.json"),
              R"({"proxy": {"type": "http", "host": "10.0.0.1", "port": 3128}})");
        TrustSession trusting(dir.filePath("user.ini"));
        HttpClient &client = trusting.client;
        WorkspaceSession &session = trusting.session;
        trusting.openAnswering(dir.path(), true);
        write(dir.filePath("http-client.env.json"), R"({"dev": {"host": "a"}})"); // the editor
        write(dir.filePath("microrequests.json"), // and, meanwhile, a pull
              R"({"proxy": {"type": "http", "host": "10.6.6.6", "port": 3128}})");
        session.reloadAfterOwnEdit();
        QVERIFY(!session.isTrusted());
        QVERIFY(session.isTrustUndecided());
        QCOMPARE(client.proxy().type(), QNetworkProxy::DefaultProxy);
    }

    // A CA file rewritten while the workspace is open (the watcher sees only the workspace's
    // own files) is asked about when the settings are next applied, not read silently.
    void caFileRewrittenWhileOpenIsAskedAbout()
    {
        QTemporaryDir dir;
        write(dir.filePath("microrequests.json"), R"({"tls": {"caFile": "ca.pem"}})");
        QFile::copy(m_certificates.caFile, dir.filePath("ca.pem"));
        write(dir.filePath("http-client.env.json"), R"({"dev": {}, "qa": {}})");
        TrustSession trusting(dir.filePath("user.ini"));
        HttpClient &client = trusting.client;
        WorkspaceSession &session = trusting.session;
        trusting.openAnswering(dir.path(), true);
        session.setEnvironment(QStringLiteral("dev")); // nothing changed: still trusted
        QVERIFY(session.isTrusted());
        write(dir.filePath("ca.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        QSignalSpy trustChanged(&session, &WorkspaceSession::trustChanged);
        session.setEnvironment(QStringLiteral("qa"));
        QVERIFY(!session.isTrusted());
        QVERIFY(session.isTrustUndecided());
        QCOMPARE(trustChanged.count(), 1);
        QVERIFY(client.tlsSettings().caFile.isEmpty());
    }

    void environmentVerificationOffAppliesOnlyOnceTrusted()
    {
        // JetBrains' verifyHostCertificate: false, over real TLS against a certificate from a
        // CA nobody trusts here.
        QTemporaryDir dir;
        write(dir.filePath("http-client.env.json"),
              R"({"dev": {"SSLConfiguration": {"verifyHostCertificate": false}}, "prod": {}})");
        HttpClient client;
        WorkspaceModel model;
        WorkspaceSession session(&model, &client);
        QString error;
        QVERIFY(session.open(dir.path(), &error));
        session.setEnvironment(QStringLiteral("dev"));
        QCOMPARE(getError(client, m_one.httpsUrl()), QNetworkReply::SslHandshakeFailedError);
        session.setTrusted(true);
        QCOMPARE(getError(client, m_one.httpsUrl()), QNetworkReply::NoError);
        // Another environment does not turn verification off.
        session.setEnvironment(QStringLiteral("prod"));
        QCOMPARE(getError(client, m_two.httpsUrl()), QNetworkReply::SslHandshakeFailedError);
    }

    void aWorkspaceThatChangesNoTrustNeedsNoAnswer()
    {
        // The bundled demo workspace among them: it opens with no question.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(DemoWorkspace::install(dir.path(), &error), qPrintable(error));
        HttpClient client;
        WorkspaceModel model;
        WorkspaceSession session(&model, &client);
        QVERIFY(session.open(dir.path(), &error));
        QVERIFY(session.trust().isEmpty());
        QVERIFY(session.isTrusted());
        QVERIFY(!session.isTrustUndecided());
    }

    void answersAreKeptByCanonicalPath()
    {
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("real")));
        QVERIFY(QFile::link(dir.filePath("real"), dir.filePath("link")));
        QSettings settings(dir.filePath("user.ini"), QSettings::IniFormat);
        TrustedWorkspaces answers(&settings);
        answers.remember(dir.filePath("link"), "d1", true);
        QCOMPARE(answers.answer(dir.filePath("real"), "d1"), TrustedWorkspaces::Answer::Trusted);
        QCOMPARE(answers.answer(dir.filePath("real") + "/", "d2"), TrustedWorkspaces::Answer::None);
        answers.remember(dir.filePath("real"), "d2", false);
        QCOMPARE(TrustedWorkspaces(&settings).answer(dir.filePath("link"), "d3"),
                 TrustedWorkspaces::Answer::NotTrusted);
        QCOMPARE(settings.beginReadArray("trust/workspaces"), 1); // one entry per folder
        settings.endArray();
    }
};

QTEST_GUILESS_MAIN(tst_WorkspaceTrust)
#include "tst_workspacetrust.moc"
