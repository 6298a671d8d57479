#include "net/httpclient.h"
#include "settings/layeredsettings.h"
#include "settings/settingfield.h"
#include "settings/usersettings.h"
#include "testfiles.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"
#include "workspace/workspacesettings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_LayeredSettings : public QObject
{
    Q_OBJECT

    static void write(const QString &path, const QByteArray &text) { test::writeFile(path, text); }

private Q_SLOTS:
    void everyFieldHasAValidDefault()
    {
        for (const SettingField &field : SettingField::all()) {
            QVERIFY2(field.normalized(field.defaultValue).isValid(), qPrintable(field.key));
            QVERIFY(!field.label.isEmpty());
            QCOMPARE(SettingField::find(field.key), &field);
        }
        QVERIFY(!SettingField::find(QStringLiteral("pool.nonsense")));
    }

    void defaultsMatchTheEngines()
    {
        // The built-in column of the settings dialog must say what the engine really does.
        const LayeredSettings layers;
        const PoolSettings pool;
        QCOMPARE(layers.pool().maxPerOrigin, pool.maxPerOrigin);
        QCOMPARE(layers.pool().maxHosts, pool.maxHosts);
        QCOMPARE(layers.pool().idleExpiryMs, pool.idleExpiryMs);
        QCOMPARE(layers.pool().keepAlive, pool.keepAlive);
        const TimeoutSettings timeouts;
        QCOMPARE(layers.timeouts().connectMs, timeouts.connectMs);
        QCOMPARE(layers.timeouts().inactivityMs, timeouts.inactivityMs);
        QCOMPARE(layers.timeouts().totalMs, timeouts.totalMs);
        const RetryPolicy retries;
        QCOMPARE(layers.retries().connect, retries.connect);
        QCOMPARE(layers.retries().statusList, retries.statusList);
        QCOMPARE(layers.retries().retryAfterMaxMs, retries.retryAfterMaxMs);
        QCOMPARE(layers.maxRedirects(), HttpClient().maxRedirects());
        QCOMPARE(layers.fileBodyLimit(), HttpClient().fileBodyLimit());
        QCOMPARE(layers.protocol(), HttpClient().defaultProtocol());
    }

    void eachKeyIsDecidedOnItsOwn()
    {
        LayeredSettings layers;
        layers.setUser({{QStringLiteral("timeouts.connectMs"), 2000},
                        {QStringLiteral("timeouts.inactivityMs"), 5000}});
        const WorkspaceSettings workspace =
            WorkspaceSettings::parse("{\"timeouts\": {\"connectMs\": 700}}",
                                     QStringLiteral("microrequests.json"), QStringLiteral("/w"));
        QVERIFY(workspace.diagnostics.isEmpty());
        layers.setWorkspace(workspace.values);
        QCOMPARE(layers.timeouts().connectMs, 700);
        QCOMPARE(layers.source(QStringLiteral("timeouts.connectMs")),
                 LayeredSettings::Source::Workspace);
        QCOMPARE(layers.timeouts().inactivityMs, 5000); // the workspace did not set it
        QCOMPARE(layers.source(QStringLiteral("timeouts.inactivityMs")),
                 LayeredSettings::Source::User);
        QCOMPARE(layers.timeouts().totalMs, 0);
        QCOMPARE(layers.source(QStringLiteral("timeouts.totalMs")),
                 LayeredSettings::Source::Default);
    }

    void valuesThatDoNotFitAreIgnored()
    {
        LayeredSettings layers;
        layers.setUser({{QStringLiteral("pool.maxPerOrigin"), 9999},
                        {QStringLiteral("pool.keepAlive"), QStringLiteral("perhaps")},
                        {QStringLiteral("retries.statusList"), QStringLiteral("503, teapot")},
                        {QStringLiteral("proxy.type"), QStringLiteral("carrier pigeon")}});
        QCOMPARE(layers.pool().maxPerOrigin, 50);
        QCOMPARE(layers.pool().keepAlive, true);
        QCOMPARE(layers.retries().statusList, RetryPolicy().statusList);
        QCOMPARE(layers.proxy().type(), QNetworkProxy::DefaultProxy);
        QCOMPARE(layers.source(QStringLiteral("pool.maxPerOrigin")),
                 LayeredSettings::Source::Default);
        layers.setUser({{QStringLiteral("retries.statusList"), QStringLiteral("503, 429")}});
        QCOMPARE(layers.retries().statusList, (QList<int>{503, 429}));
    }

    void theHttpVersionIsAChoiceStoredByItsName()
    {
        const SettingField *field = SettingField::find(QStringLiteral("protocol"));
        QVERIFY(field);
        QCOMPARE(field->choices, QStringList({"auto", "http1.1", "http2"}));
        QCOMPARE(field->normalized(QStringLiteral("HTTP2")), QVariant(QStringLiteral("http2")));
        QCOMPARE(field->normalized(QStringLiteral(" 1.1 ")), QVariant(QStringLiteral("http1.1")));
        QCOMPARE(field->normalized(QStringLiteral("auto")), QVariant(QStringLiteral("auto")));
        QVERIFY(!field->normalized(QStringLiteral("http3")).isValid());
        QVERIFY(!field->normalized(QVariantList{QStringLiteral("http2")}).isValid());
        QVERIFY(!field->normalized(QVariant()).isValid());

        LayeredSettings layers;
        QCOMPARE(layers.protocol(), ProtocolChoice::Auto);
        layers.setUser({{QStringLiteral("protocol"), QStringLiteral("http1.1")}});
        QCOMPARE(layers.protocol(), ProtocolChoice::Http1);
        const WorkspaceSettings workspace =
            WorkspaceSettings::parse("{\"protocol\": \"http2\"}",
                                     QStringLiteral("microrequests.json"), QStringLiteral("/w"));
        QVERIFY(workspace.diagnostics.isEmpty());
        QCOMPARE(workspace.protocol, std::optional<ProtocolChoice>(ProtocolChoice::Http2));
        layers.setWorkspace(workspace.values);
        QCOMPARE(layers.protocol(), ProtocolChoice::Http2);
        QCOMPARE(layers.source(QStringLiteral("protocol")), LayeredSettings::Source::Workspace);
        HttpClient client;
        layers.applyTo(client);
        QCOMPARE(client.defaultProtocol(), ProtocolChoice::Http2);
        layers.setWorkspace({});
        layers.applyTo(client);
        QCOMPARE(client.defaultProtocol(), ProtocolChoice::Http1);

        // A value that does not read is ignored: the default stands.
        layers.setUser({{QStringLiteral("protocol"), QStringLiteral("carrier pigeon")}});
        QCOMPARE(layers.protocol(), ProtocolChoice::Auto);
        QCOMPARE(layers.source(QStringLiteral("protocol")), LayeredSettings::Source::Default);
    }

    void aBadHttpVersionInTheWorkspaceIsReported()
    {
        for (const QByteArray &json : {QByteArray("{\n  \"protocol\": \"http3\"\n}"),
                                       QByteArray("{\n  \"protocol\": 2\n}")}) {
            const WorkspaceSettings workspace = WorkspaceSettings::parse(
                json, QStringLiteral("microrequests.json"), QStringLiteral("/w"));
            QCOMPARE(workspace.diagnostics.size(), 1);
            QCOMPARE(workspace.diagnostics.first().toString(),
                     QStringLiteral("microrequests.json:2:3: protocol: expected \"auto\", "
                                    "\"http1.1\" or \"http2\""));
            QVERIFY(!workspace.protocol);
            QVERIFY(!workspace.values.contains(QStringLiteral("protocol")));
        }
    }

    void aHalfFilledProxySendsNothingThroughAProxy()
    {
        LayeredSettings layers;
        layers.setUser({{QStringLiteral("proxy.type"), QStringLiteral("http")}});
        QCOMPARE(layers.proxy().type(), QNetworkProxy::NoProxy);
        layers.setUser({{QStringLiteral("proxy.type"), QStringLiteral("socks5")},
                        {QStringLiteral("proxy.host"), QStringLiteral("10.0.0.1")},
                        {QStringLiteral("proxy.port"), 1080}});
        QCOMPARE(layers.proxy().type(), QNetworkProxy::Socks5Proxy);
        QCOMPARE(layers.proxy().hostName(), QStringLiteral("10.0.0.1"));
        QCOMPARE(layers.proxy().port(), quint16(1080));
    }

    // A workspace that names a proxy host gets none of the user's proxy: not its type (so
    // the host alone changes nothing), and never its user and password.
    void theProxyIsTakenWholeFromOneLayer()
    {
        LayeredSettings layers;
        layers.setUser({{QStringLiteral("proxy.type"), QStringLiteral("http")},
                        {QStringLiteral("proxy.host"), QStringLiteral("10.0.0.1")},
                        {QStringLiteral("proxy.port"), 3128},
                        {QStringLiteral("proxy.user"), QStringLiteral("alice")},
                        {QStringLiteral("proxy.password"), QStringLiteral("corpsecret")}});
        QCOMPARE(layers.proxy().password(), QStringLiteral("corpsecret"));

        layers.setWorkspace({{QStringLiteral("proxy.host"), QStringLiteral("127.0.0.1")},
                             {QStringLiteral("proxy.port"), 18081}});
        QCOMPARE(layers.proxy().type(), QNetworkProxy::DefaultProxy); // the default type
        QVERIFY(layers.proxy().password().isEmpty());

        layers.setWorkspace({{QStringLiteral("proxy.type"), QStringLiteral("http")},
                             {QStringLiteral("proxy.host"), QStringLiteral("127.0.0.1")},
                             {QStringLiteral("proxy.port"), 18081}});
        QCOMPARE(layers.proxy().type(), QNetworkProxy::HttpProxy);
        QCOMPARE(layers.proxy().hostName(), QStringLiteral("127.0.0.1"));
        QVERIFY(layers.proxy().user().isEmpty());
        QVERIFY(layers.proxy().password().isEmpty());

        layers.setWorkspace({{QStringLiteral("timeouts.connectMs"), 2000}}); // no proxy key
        QCOMPARE(layers.proxy().hostName(), QStringLiteral("10.0.0.1"));
        QCOMPARE(layers.proxy().user(), QStringLiteral("alice"));
    }

    void userSettingsRoundTripThroughQSettings()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.ini"));
        {
            QSettings settings(path, QSettings::IniFormat);
            settings.setValue(QStringLiteral("window/geometry"), 1); // not ours: kept
            UserSettings::save(settings, {{QStringLiteral("pool.maxPerOrigin"), 6},
                                          {QStringLiteral("retries.statusList"), QVariantList{503}},
                                          {QStringLiteral("tls.trusted"),
                                           QVariantList{QStringLiteral("https://Example.com ") +
                                                        QString(64, QLatin1Char('A'))}},
                                          {QStringLiteral("protocol"), QStringLiteral("H2")},
                                          {QStringLiteral("not.a.setting"), 1}});
        }
        QSettings settings(path, QSettings::IniFormat);
        const QVariantMap loaded = UserSettings::load(settings);
        QCOMPARE(loaded.size(), 4);
        QCOMPARE(settings.value(QStringLiteral("client/protocol")).toString(),
                 QStringLiteral("http2")); // stored by its name
        QCOMPARE(loaded.value(QStringLiteral("protocol")).toString(), QStringLiteral("http2"));
        QCOMPARE(loaded.value(QStringLiteral("pool.maxPerOrigin")).toInt(), 6);
        QCOMPARE(loaded.value(QStringLiteral("retries.statusList")).toList(), QVariantList{503});
        QCOMPARE(loaded.value(QStringLiteral("tls.trusted")).toList(),
                 QVariantList{QStringLiteral("https://example.com:443 ") +
                              QString(64, QLatin1Char('a'))});
        QVERIFY(settings.contains(QStringLiteral("window/geometry")));
        // A value edited by hand into something unreadable is left out, not guessed at.
        settings.setValue(QStringLiteral("client/protocol"), QStringLiteral("quic"));
        settings.sync();
        QVERIFY(!UserSettings::load(settings).contains(QStringLiteral("protocol")));
        // Saving again replaces, so a field set back to "built-in" is really gone.
        UserSettings::save(settings, {});
        QVERIFY(UserSettings::load(settings).isEmpty());
        QVERIFY(settings.contains(QStringLiteral("window/geometry")));
    }

    void theSessionAppliesTheLayersToTheClient()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("microrequests.json")),
              "{\"pool\": {\"maxPerOrigin\": 3}}");
        write(dir.filePath(QStringLiteral("a.http")), "GET http://127.0.0.1/\n");
        HttpClient client;
        WorkspaceModel model;
        WorkspaceSession session(&model, &client);
        session.setUserSettings({{QStringLiteral("pool.maxPerOrigin"), 8},
                                 {QStringLiteral("timeouts.connectMs"), 1234}});
        QCOMPARE(client.poolSettings().maxPerOrigin, 8);
        QString error;
        QVERIFY2(session.open(dir.path(), &error), qPrintable(error));
        QCOMPARE(client.poolSettings().maxPerOrigin, 3); // the workspace wins
        QCOMPARE(client.timeouts().connectMs, 1234);     // the user's, untouched by it

        // Another workspace without settings leaves nothing of the first behind.
        QTemporaryDir other;
        write(other.filePath(QStringLiteral("b.http")), "GET http://127.0.0.1/\n");
        QVERIFY2(session.open(other.path(), &error), qPrintable(error));
        QCOMPARE(client.poolSettings().maxPerOrigin, 8);
        session.setUserSettings({});
        QCOMPARE(client.poolSettings().maxPerOrigin, 50);
        QCOMPARE(client.timeouts().connectMs, 10000);
    }
};

QTEST_GUILESS_MAIN(tst_LayeredSettings)
#include "tst_layeredsettings.moc"
