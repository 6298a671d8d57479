// Redirects, credentials across origins, cookies and HSTS on the engine's path, against the demo
// service over loopback. Each case would fail without the behaviour it names.
#include "enginefixture.h"
#include "http/httpauthchallenge.h"
#include "net/enginereply.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "scriptedserver.h"
#include "sendandwait.h"
#include "tunnelproxy.h"
#include "workspace/requestauth.h"
#include "workspace/requestresolver.h"

#include <QAuthenticator>
#include <QFileInfo>
#include <QHostInfo>
#include <QHstsPolicy>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace mr;

class tst_EngineRedirects : public EngineFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(startServices(&error), qPrintable(error));
    }

    // Redirects.

    void redirectMethodRules_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("expectedMethod");
        QTest::addColumn<bool>("bodyKept");
        for (int status : {301, 302, 303}) {
            QTest::addRow("%d POST becomes GET", status)
                << status << QByteArray("POST") << "GET" << false;
            QTest::addRow("%d HEAD stays HEAD", status)
                << status << QByteArray("HEAD") << "HEAD" << false;
        }
        for (int status : {307, 308}) {
            QTest::addRow("%d POST stays POST", status)
                << status << QByteArray("POST") << "POST" << true;
            QTest::addRow("%d PUT stays PUT", status)
                << status << QByteArray("PUT") << "PUT" << true;
        }
    }

    void redirectMethodRules()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, method);
        QFETCH(QString, expectedMethod);
        QFETCH(bool, bodyKept);
        auto c = client();
        QNetworkRequest request(
            at(QStringLiteral("/redirect-to?url=/anything/next&status_code=%1").arg(status)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
        const auto reply =
            send(*c, request, method, method == "HEAD" ? QByteArray() : QByteArray("payload"));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        const Exchange &e = exchange(reply);
        QCOMPARE(e.attempts.size(), 2);
        QCOMPARE(e.attempts.first().status, status);
        QCOMPARE(QString::fromLatin1(e.request.method), expectedMethod);
        QCOMPARE(reply->url().path(), QStringLiteral("/anything/next"));
        if (method == "HEAD")
            return;
        const QJsonObject echo = json(reply);
        QCOMPARE(echo.value("method").toString(), expectedMethod);
        QCOMPARE(echo.value("data").toString(), bodyKept ? QStringLiteral("payload") : QString());
        QCOMPARE(echo.value("headers").toObject().contains("Content-Type"), bodyKept);
    }

    void redirectLimit()
    {
        auto c = client();
        auto reply = send(*c, QNetworkRequest(at("/redirect/11")));
        QCOMPARE(reply->error(), QNetworkReply::TooManyRedirectsError);
        QVERIFY(reply->errorString().contains(QLatin1String("more than 10")));
        QCOMPARE(exchange(reply).attempts.size(), 11);
        QNetworkRequest generous(at("/redirect/11"));
        generous.setMaximumRedirectsAllowed(20);
        reply = send(*c, generous);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(exchange(reply).attempts.size(), 12);
        // A loop ends at the limit, too.
        const QString loop = at("/redirect-to?url=").toString() +
                             QUrl::toPercentEncoding(at("/redirect/1").toString());
        reply = send(*c, QNetworkRequest(QUrl(loop)));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }

    void credentialsStayWithTheirOrigin()
    {
        auto c = client();
        const QString target = m_other.httpUrl().toString() + "/headers";
        QNetworkRequest request(
            at("/redirect-to?url=" + QString::fromLatin1(QUrl::toPercentEncoding(target))));
        request.setRawHeader("Authorization", "Bearer secret");
        request.setRawHeader("Cookie", "session=abc");
        request.setRawHeader("Proxy-Authorization", "Basic eDp5");
        request.setRawHeader("X-Harmless", "kept");
        const auto crossed = send(*c, request);
        const QJsonObject headers = json(crossed).value("headers").toObject();
        QVERIFY(!headers.contains("Authorization"));
        QVERIFY(!headers.contains("Cookie"));
        QVERIFY(!headers.contains("Proxy-Authorization"));
        QCOMPARE(headers.value("X-Harmless").toString(), QStringLiteral("kept"));

        QNetworkRequest same(at("/redirect-to?url=/headers"));
        same.setRawHeader("Authorization", "Bearer secret");
        const auto stayed = send(*c, same);
        QCOMPARE(json(stayed).value("headers").toObject().value("Authorization").toString(),
                 QStringLiteral("Bearer secret"));
    }

    // What the demo echoed of a request sent from a .http definition with the Auth tab's key.
    QJsonObject echoOf(const QString &url, const RequestAuth &auth)
    {
        RequestDefinition definition;
        definition.method = QStringLiteral("GET");
        definition.url = url;
        auth.applyTo(&definition);
        const RequestResolver::Result resolved =
            RequestResolver::resolve(definition, VariableExpander(), QString());
        if (!resolved.ok())
            return {};
        auto c = client();
        const Exchange e = sendAndWait(*c, resolved.request);
        return QJsonDocument::fromJson(e.responseBody).object();
    }

    void apiKeyHeaderIsDroppedOnACrossOriginRedirect_data()
    {
        // Any name the Auth tab may be given for a key (it is saved as a plain header, so the
        // name is all there is to go by): API keys, and tokens, secrets and keys by any name.
        QTest::addColumn<QString>("name");
        for (const char *name :
             {"X-API-Key", "X-Access-Token", "Private-Token", "X-Token", "X-Client-Secret", "Key"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void apiKeyHeaderIsDroppedOnACrossOriginRedirect()
    {
        QFETCH(QString, name);
        RequestAuth key;
        key.kind = RequestAuth::Kind::ApiKey;
        key.keyName = name;
        key.keyValue = QStringLiteral("s3cret");
        const QJsonObject crossed =
            echoOf(redirectTo(m_other.httpUrl().toString() + "/anything"), key);
        QVERIFY(crossed.contains(QStringLiteral("headers")));
        QVERIFY2(!hasHeader(crossed, name), QJsonDocument(crossed).toJson().constData());
        const QJsonObject stayed = echoOf(redirectTo(QStringLiteral("/anything")), key);
        QVERIFY2(hasHeader(stayed, name), QJsonDocument(stayed).toJson().constData());
    }

    void apiKeyQueryParamIsDroppedOnACrossOriginRedirect()
    {
        // A server that copies the query into its Location would hand the key to the next
        // host: it is taken out of a cross-origin target.
        RequestAuth key;
        key.kind = RequestAuth::Kind::ApiKey;
        key.where = RequestAuth::Where::Query;
        key.keyName = QStringLiteral("api_key");
        key.keyValue = QStringLiteral("s3cret");
        const QJsonObject crossed = echoOf(
            redirectTo(m_other.httpUrl().toString() + "/anything?api_key=s3cret&page=2"), key);
        const QJsonObject crossedArgs = crossed.value(QStringLiteral("args")).toObject();
        QCOMPARE(crossedArgs.value(QStringLiteral("page")).toString(), QStringLiteral("2"));
        QVERIFY2(!crossedArgs.contains(QStringLiteral("api_key")),
                 QJsonDocument(crossed).toJson().constData());
        const QJsonObject stayed =
            echoOf(redirectTo(QStringLiteral("/anything?api_key=s3cret&page=2")), key);
        QCOMPARE(stayed.value(QStringLiteral("args")).toObject().value(QStringLiteral("api_key")),
                 QJsonValue(QStringLiteral("s3cret")));
    }

    void wellKnownKeyHeadersAreDroppedForQtCallers()
    {
        // A Qt caller that sets an API key header itself gets the same protection, and can
        // name other credential headers with CredentialHeadersAttribute.
        auto c = client();
        QNetworkRequest request(QUrl(redirectTo(m_other.httpUrl().toString() + "/headers")));
        for (const char *name :
             {"X-API-Key", "X-Auth-Token", "Api-Key", "X-Api-Token", "Team-Secret", "X-Harmless"})
            request.setRawHeader(name, "s3cret");
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::CredentialHeadersAttribute),
                             QStringList{QStringLiteral("team-secret")});
        const QJsonObject crossed = json(send(*c, request));
        const QJsonObject headers = crossed.value(QStringLiteral("headers")).toObject();
        QVERIFY2(headers.keys().contains(QStringLiteral("X-Harmless")),
                 QJsonDocument(crossed).toJson().constData());
        for (const char *name :
             {"X-API-Key", "X-Auth-Token", "Api-Key", "X-Api-Token", "Team-Secret"})
            QVERIFY2(!hasHeader(crossed, QString::fromLatin1(name)), name);
    }

    void httpsToHttpIsRefused()
    {
        auto c = client();
        const QString target = at("/get").toString();
        const auto reply =
            send(*c, QNetworkRequest(at("/redirect-to?url=" +
                                            QString::fromLatin1(QUrl::toPercentEncoding(target)),
                                        true)));
        QCOMPARE(reply->error(), QNetworkReply::InsecureRedirectError);
        QVERIFY(reply->errorString().contains(QLatin1String("plain http")));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
        // Allowed when the caller says so.
        QNetworkRequest allowed(
            at("/redirect-to?url=" + QString::fromLatin1(QUrl::toPercentEncoding(target)), true));
        allowed.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::UserVerifiedRedirectPolicy);
        std::unique_ptr<QNetworkReply> verified(c->get(allowed));
        connect(verified.get(), &QNetworkReply::redirected, verified.get(),
                &QNetworkReply::redirectAllowed);
        QSignalSpy finished(verified.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(verified->error(), QNetworkReply::NoError);
        QCOMPARE(verified->url().scheme(), QStringLiteral("http"));
    }

    void manualPolicyGivesTheRedirectBack()
    {
        auto c = client();
        QNetworkRequest request(at("/redirect/2"));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        const auto reply = send(*c, request);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
        QCOMPARE(reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl(),
                 QUrl("/redirect/1"));
        QCOMPARE(exchange(reply).attempts.size(), 1);
    }

    void sameOriginPolicy()
    {
        auto c = client();
        QNetworkRequest request(at(
            "/redirect-to?url=" +
            QString::fromLatin1(QUrl::toPercentEncoding(m_other.httpUrl().toString() + "/get"))));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::SameOriginRedirectPolicy);
        QCOMPARE(send(*c, request)->error(), QNetworkReply::InsecureRedirectError);
    }

    // Cookies.

    void cookiesAreStoredAndSent()
    {
        auto c = client();
        auto reply = send(*c, QNetworkRequest(at("/cookies/set?session=s1&theme=dark")));
        QCOMPARE(json(reply).value("cookies").toObject(),
                 QJsonObject({{"session", "s1"}, {"theme", "dark"}}));
        QCOMPARE(c->cookieJar()->cookiesForUrl(at("/")).size(), 2);
        // The request's own Cookie header wins, name by name.
        QNetworkRequest own(at("/cookies"));
        own.setRawHeader("Cookie", "theme=light; extra=1");
        reply = send(*c, own);
        QCOMPARE(json(reply).value("cookies").toObject(),
                 QJsonObject({{"session", "s1"}, {"theme", "light"}, {"extra", "1"}}));
        // Off per request.
        QNetworkRequest noJar(at("/cookies"));
        noJar.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        QCOMPARE(json(send(*c, noJar)).value("cookies").toObject(), QJsonObject());
        QNetworkRequest noSave(at("/cookies/set?ignored=1"));
        noSave.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        send(*c, noSave);
        QCOMPARE(c->cookieJar()->cookiesForUrl(at("/")).size(), 2);
    }

    // HSTS.

    void strictTransportSecurityUpgradesLaterRequests()
    {
        if (QHostInfo::fromName(QStringLiteral("localhost")).addresses().isEmpty())
            QSKIP("\"localhost\" does not resolve here; HSTS never applies to IP addresses");
        auto c = client();
        c->setStrictTransportSecurityEnabled(true);
        QUrl secure = at("/response-headers?Strict-Transport-Security=max-age%3D60", true);
        secure.setHost(QStringLiteral("localhost")); // HSTS never applies to IP addresses
        auto reply = send(*c, QNetworkRequest(secure));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(c->strictTransportSecurityHosts().size(), 1);
        // http:// to the HTTPS port now goes out as https://.
        const QUrl plain(
            QStringLiteral("http://localhost:%1/get").arg(m_service.httpsUrl().port()));
        reply = send(*c, QNetworkRequest(plain));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->url().scheme(), QStringLiteral("https"));
        // An http response cannot set a policy.
        auto other = client();
        other->setStrictTransportSecurityEnabled(true);
        send(*other,
             QNetworkRequest(at("/response-headers?Strict-Transport-Security=max-age%3D60")));
        QVERIFY(other->strictTransportSecurityHosts().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_EngineRedirects)
#include "tst_engineredirects.moc"
