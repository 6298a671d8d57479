// HTTP semantics on the engine's path, against the demo service over loopback: redirects,
// cookies, authentication, content decoding, timeouts, retries and HSTS. Each case would
// fail without the behaviour it names.
#include "demo/demoserverthread.h"
#include "http/httpauthchallenge.h"
#include "net/enginereply.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "scriptedserver.h"
#include "sendandwait.h"
#include "testcertificates.h"
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

class tst_EngineSemantics : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    DemoServerThread m_service; // HTTP and HTTPS
    DemoServerThread m_other;   // another origin

    QUrl at(const QString &pathAndQuery, bool tls = false) const
    {
        return QUrl((tls ? m_service.httpsUrl() : m_service.httpUrl()).toString() + pathAndQuery);
    }

    static std::unique_ptr<QNetworkReply> send(HttpClient &client, QNetworkRequest request,
                                               const QByteArray &method = "GET",
                                               const QByteArray &body = {})
    {
        std::unique_ptr<QNetworkReply> reply(client.sendCustomRequest(request, method, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        return reply;
    }

    static QJsonObject json(const std::unique_ptr<QNetworkReply> &reply)
    {
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    static const Exchange &exchange(const std::unique_ptr<QNetworkReply> &reply)
    {
        return qobject_cast<EngineReply *>(reply.get())->exchange();
    }

    std::unique_ptr<HttpClient> client()
    {
        auto c = std::make_unique<HttpClient>();
        TlsSettings tls;
        tls.caFile = m_certificates.caFile;
        c->setTlsSettings(tls);
        return c;
    }

    // The value of a header in a raw request a ScriptedServer received; empty when absent.
    static QByteArray requestHeader(const QByteArray &request, const QByteArray &name)
    {
        const QList<QByteArray> lines = request.left(request.indexOf("\r\n\r\n")).split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

    // The parameters of a raw request's "Authorization: Digest …"; empty without one.
    static QHash<QByteArray, QByteArray> digestAnswer(const QByteArray &request)
    {
        const QByteArray value = requestHeader(request, "Authorization");
        return value.startsWith("Digest ") ? HttpAuthChallenge::parseParameters(value.mid(7))
                                           : QHash<QByteArray, QByteArray>();
    }

    static QByteArray digestChallenge(const QByteArray &nonce, const QByteArray &more = {})
    {
        return "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"" +
               nonce + "\", qop=\"auth\"" + more + "\r\nContent-Length: 0\r\n\r\n";
    }

    static QByteArray ok() { return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"; }

    // What RequestResolver makes of "Authorization: Digest ada pw".
    static HttpRequest withDigestCredentials(const QString &url)
    {
        HttpRequest request;
        request.url = QUrl(url);
        request.options.digestUser = QStringLiteral("ada");
        request.options.digestPassword = QStringLiteral("pw");
        return request;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(TestCertificates::generate(m_dir.path(), &m_certificates, &error),
                 qPrintable(error));
        QVERIFY2(m_service.start(m_certificates.demoOptions(), &error), qPrintable(error));
        QVERIFY2(m_other.start(DemoServer::Options(), &error), qPrintable(error));
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

    static bool hasHeader(const QJsonObject &echo, const QString &name)
    {
        const QJsonObject headers = echo.value(QStringLiteral("headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            if (it.key().compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }

    QString redirectTo(const QString &target) const
    {
        return at("/redirect-to?url=" + QString::fromLatin1(QUrl::toPercentEncoding(target)))
            .toString();
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

    // Authentication.

    void basicFromTheUrl()
    {
        auto c = client();
        QUrl url = at("/basic-auth/ada/pw");
        url.setUserName(QStringLiteral("ada"));
        url.setPassword(QStringLiteral("pw"));
        const auto reply = send(*c, QNetworkRequest(url));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(exchange(reply).attempts.size(), 1); // sent at once, no challenge needed
        QVERIFY(exchange(reply).request.url.userInfo().isEmpty()); // never kept in the record
    }

    void digestAnsweredOnTheSameConnection_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::newRow("MD5") << "MD5";
        QTest::newRow("SHA-256") << "SHA-256";
    }

    void digestAnsweredOnTheSameConnection()
    {
        QFETCH(QString, algorithm);
        auto c = client();
        QNetworkRequest request(at("/digest-auth/auth/ada/pw/" + algorithm));
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::CredentialsAttribute),
                             QStringList{QStringLiteral("ada"), QStringLiteral("pw")});
        const auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(json(reply).value("user").toString(), QStringLiteral("ada"));
        const Exchange &e = exchange(reply);
        QCOMPARE(e.attempts.size(), 2);
        QCOMPARE(e.attempts[0].status, 401);
        QVERIFY(e.attempts[0].outcome.contains(QLatin1String("Digest")));
        QVERIFY(e.attempts[1].reused);
        QCOMPARE(e.attempts[1].connectionSerial, e.attempts[0].connectionSerial);
        QVERIFY(e.request.headers.value("Authorization").startsWith("Digest "));
    }

    void authenticationRequiredAsksOnce()
    {
        auto c = client();
        int asked = 0;
        connect(c.get(), &QNetworkAccessManager::authenticationRequired, this,
                [&](QNetworkReply *, QAuthenticator *authenticator) {
                    ++asked;
                    authenticator->setUser(QStringLiteral("ada"));
                    authenticator->setPassword(QStringLiteral("pw"));
                });
        auto reply = send(*c, QNetworkRequest(at("/digest-auth/auth/ada/pw")));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(asked, 1);
        reply = send(*c, QNetworkRequest(at("/basic-auth/ada/other")));
        QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
        QCOMPARE(asked, 2);
    }

    void ntlmIsNamedAsUnsupported()
    {
        ScriptedServer server([](const QByteArray &, int) {
            return ScriptedServer::Answer{
                "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: NTLM\r\n"
                "WWW-Authenticate: Negotiate\r\nContent-Length: 0\r\n\r\n"};
        });
        auto c = client();
        const auto reply = send(*c, QNetworkRequest(QUrl(server.baseUrl() + "/")));
        QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
        QVERIFY2(
            reply->errorString().contains(QLatin1String("NTLM or NEGOTIATE authentication, which "
                                                        "Microrequests does not support")),
            qPrintable(reply->errorString()));
    }

    void digestIsNeverDowngradedToBasic()
    {
        ScriptedServer server([](const QByteArray &, int) {
            return ScriptedServer::Answer{"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic "
                                          "realm=\"x\"\r\nContent-Length: 0\r\n\r\n"};
        });
        auto c = client();
        const Exchange e = sendAndWait(*c, withDigestCredentials(server.baseUrl() + "/"));
        QVERIFY(!server.requests().isEmpty());
        for (const QByteArray &request : server.requests())
            QVERIFY2(requestHeader(request, "Authorization").isEmpty(), request.constData());
        QCOMPARE(e.status, 401);
        QVERIFY2(e.error.contains(QLatin1String("asks for Basic")) &&
                     e.error.contains(QLatin1String("for Digest")),
                 qPrintable(e.error));
    }

    void basicCredentialsNeverAnswerDigest()
    {
        // The URL's user info is Basic, as in curl: sent at once, never as a Digest answer.
        ScriptedServer server(
            [](const QByteArray &, int) { return ScriptedServer::Answer{digestChallenge("n1")}; });
        auto c = client();
        QUrl url(server.baseUrl() + "/");
        url.setUserName(QStringLiteral("ada"));
        url.setPassword(QStringLiteral("pw"));
        const auto reply = send(*c, QNetworkRequest(url));
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(requestHeader(server.requests()[0], "Authorization").startsWith("Basic "));
        QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
        QVERIFY2(reply->errorString().contains(QLatin1String("asks for Digest")) &&
                     reply->errorString().contains(QLatin1String("for Basic")),
                 qPrintable(reply->errorString()));
    }

    void staleDigestNonceIsAnsweredWithTheNewNonce()
    {
        ScriptedServer server([](const QByteArray &request, int) {
            const QByteArray nonce = digestAnswer(request).value("nonce");
            if (nonce.isEmpty())
                return ScriptedServer::Answer{digestChallenge("n1")};
            if (nonce == "n1")
                return ScriptedServer::Answer{digestChallenge("n2", ", stale=true")};
            return ScriptedServer::Answer{ok()};
        });
        auto c = client();
        const Exchange e = sendAndWait(*c, withDigestCredentials(server.baseUrl() + "/"));
        QCOMPARE(e.status, 200);
        QCOMPARE(server.requests().size(), 3);
        const auto last = digestAnswer(server.requests()[2]);
        QCOMPARE(last.value("nonce"), QByteArray("n2"));
        QCOMPARE(last.value("nc"), QByteArray("00000001")); // the first use of the new nonce
        QVERIFY(last.value("cnonce") != digestAnswer(server.requests()[1]).value("cnonce"));
    }

    void staleDigestChallengesEndAfterAFewAnswers()
    {
        int nonce = 0;
        ScriptedServer server([&nonce](const QByteArray &, int) {
            return ScriptedServer::Answer{
                digestChallenge("n" + QByteArray::number(++nonce), ", stale=true")};
        });
        auto c = client();
        const Exchange e = sendAndWait(*c, withDigestCredentials(server.baseUrl() + "/"));
        QCOMPARE(e.status, 401);
        QVERIFY2(server.requests().size() <= 4, QByteArray::number(server.requests().size()));
    }

    void digestRetryComputesAFreshAnswer()
    {
        // The answer's connection closes before any response byte: the GET is re-sent, but
        // never with the same nc and cnonce (a server would take it for a replay).
        ScriptedServer server([](const QByteArray &request, int index) {
            if (digestAnswer(request).isEmpty())
                return ScriptedServer::Answer{digestChallenge("n1")};
            if (index == 2) // the answer, on the challenge's kept-alive connection
                return ScriptedServer::Answer{{}, true};
            return ScriptedServer::Answer{ok()};
        });
        auto c = client();
        const Exchange e = sendAndWait(*c, withDigestCredentials(server.baseUrl() + "/"));
        QCOMPARE(e.status, 200);
        QCOMPARE(server.requests().size(), 3);
        const auto first = digestAnswer(server.requests()[1]);
        const auto again = digestAnswer(server.requests()[2]);
        QCOMPARE(again.value("nonce"), QByteArray("n1"));
        QVERIFY(again.value("nc") != first.value("nc"));
        QVERIFY(again.value("cnonce") != first.value("cnonce"));
        QCOMPARE(e.attempts.size(), 3); // the re-send is on record
    }

    void digestAnswerIsDroppedOnARedirect()
    {
        // A Digest answer names its URI: the next hop answers its own challenge instead.
        ScriptedServer server([](const QByteArray &request, int) {
            const QByteArray target = request.split(' ').value(1);
            const auto answer = digestAnswer(request);
            if (answer.isEmpty())
                return ScriptedServer::Answer{digestChallenge(target == "/a" ? "na" : "nb")};
            if (answer.value("uri") != target)
                return ScriptedServer::Answer{"HTTP/1.1 400 Bad Request\r\n"
                                              "Content-Length: 0\r\n\r\n"};
            if (target == "/a")
                return ScriptedServer::Answer{"HTTP/1.1 302 Found\r\nLocation: /b\r\n"
                                              "Content-Length: 0\r\n\r\n"};
            return ScriptedServer::Answer{ok()};
        });
        auto c = client();
        const Exchange e = sendAndWait(*c, withDigestCredentials(server.baseUrl() + "/a"));
        QCOMPARE(e.status, 200);
        QCOMPARE(server.requests().size(), 4);
        QVERIFY2(requestHeader(server.requests()[2], "Authorization").isEmpty(),
                 server.requests()[2].constData());
        QCOMPARE(digestAnswer(server.requests()[3]).value("nonce"), QByteArray("nb"));
    }

    void authenticationRequiredIsToldTheScheme()
    {
        auto c = client();
        QStringList asked;
        connect(c.get(), &QNetworkAccessManager::authenticationRequired, this,
                [&](QNetworkReply *, QAuthenticator *authenticator) {
                    asked.append(authenticator->option(QStringLiteral("scheme")).toString() +
                                 QLatin1Char(' ') +
                                 authenticator->option(QStringLiteral("realm")).toString());
                    authenticator->setUser(QStringLiteral("ada"));
                    authenticator->setPassword(QStringLiteral("pw"));
                });
        QCOMPARE(send(*c, QNetworkRequest(at("/digest-auth/auth/ada/pw")))->error(),
                 QNetworkReply::NoError);
        QCOMPARE(send(*c, QNetworkRequest(at("/basic-auth/ada/pw")))->error(),
                 QNetworkReply::NoError);
        QCOMPARE(asked.size(), 2);
        QVERIFY2(asked[0].startsWith(QLatin1String("Digest ")), qPrintable(asked[0]));
        QVERIFY2(asked[1].startsWith(QLatin1String("Basic ")), qPrintable(asked[1]));
        QVERIFY2(asked[0].size() > 7, qPrintable(asked[0])); // and the realm
    }

    void digestCredentialsNeverReachQtsPathAsBasic()
    {
        // # @http2 goes through Qt's path, which cannot tell which scheme a challenge asks
        // for: Digest credentials are not handed to it, so nothing can answer as Basic.
        ScriptedServer server([](const QByteArray &, int) {
            return ScriptedServer::Answer{"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic "
                                          "realm=\"x\"\r\nContent-Length: 0\r\n\r\n"};
        });
        auto c = client();
        HttpRequest request = withDigestCredentials(server.baseUrl() + "/");
        request.options.http2 = true;
        const Exchange e = sendAndWait(*c, request);
        QCOMPARE(e.status, 401);
        QVERIFY(e.path != Exchange::Path::Pool);
        QVERIFY(!server.requests().isEmpty());
        for (const QByteArray &sent : server.requests())
            QVERIFY2(requestHeader(sent, "Authorization").isEmpty(), sent.constData());
    }

    // Decoding.

    void decodingAndWhatWasAsked()
    {
        auto c = client();
        auto reply = send(*c, QNetworkRequest(at("/headers")));
        QCOMPARE(json(reply).value("headers").toObject().value("Accept-Encoding").toString(),
                 QStringLiteral("gzip, deflate, br, zstd"));
        QNetworkRequest own(at("/gzip"));
        own.setRawHeader("Accept-Encoding", "gzip");
        reply = send(*c, own);
        const QByteArray raw = reply->readAll();
        QCOMPARE(raw.left(2), QByteArray("\x1f\x8b")); // still gzip: the caller asked for it
        QVERIFY(reply->hasRawHeader("Content-Length"));
    }

    void bombsAreRefused_data()
    {
        QTest::addColumn<QString>("coding");
        for (const char *coding : {"gzip", "deflate", "br", "zstd"})
            QTest::newRow(coding) << QString::fromLatin1(coding);
    }

    void bombsAreRefused()
    {
        QFETCH(QString, coding);
        auto c = client();
        const auto reply = send(*c, QNetworkRequest(at("/bomb/" + coding)));
        QCOMPARE(reply->error(), QNetworkReply::UnknownContentError);
        QVERIFY2(reply->errorString().contains(QLatin1String("decompression bomb refused")),
                 qPrintable(reply->errorString()));
        QVERIFY(reply->readAll().size() < 32 * 1024 * 1024);
        // The connection that carried it is not used again; the next request is fine.
        QCOMPARE(send(*c, QNetworkRequest(at("/get")))->error(), QNetworkReply::NoError);
    }

    // Large bodies.

    void largeBodiesGoToAFile()
    {
        auto inMemory = client();
        const auto reference = send(*inMemory, QNetworkRequest(at("/bytes/5000000?seed=9")));
        const QByteArray expected = reference->readAll();
        QCOMPARE(expected.size(), 5000000);
        auto c = client();
        c->setBodyMemoryLimit(1024 * 1024);
        const auto reply = send(*c, QNetworkRequest(at("/bytes/5000000?seed=9")));
        const Exchange &e = exchange(reply);
        QVERIFY(e.responseBody.isEmpty());
        QCOMPARE(e.responseBodySize, 5000000);
        QVERIFY(!e.responseBodyFile.isEmpty());
        QCOMPARE(QFileInfo(e.responseBodyFile).size(), 5000000);
        QCOMPARE(reply->bytesAvailable(), 5000000);
        QCOMPARE(reply->read(10), expected.left(10));
        QCOMPARE(reply->readAll(), expected.mid(10));
        const QString path = e.responseBodyFile;
        QVERIFY(QFile::exists(path));
        const_cast<std::unique_ptr<QNetworkReply> &>(reply).reset();
        QVERIFY(!QFile::exists(path)); // removed with its reply
    }

    void hugeBodyKeepsMemoryFlat()
    {
        const qint64 size = qEnvironmentVariableIntValue("MR_BIG_BODY_BYTES") > 0
                                ? qEnvironmentVariableIntValue("MR_BIG_BODY_BYTES")
                                : qint64(1) << 30;
        auto residentMb = [] {
            QFile status(QStringLiteral("/proc/self/status"));
            if (!status.open(QIODevice::ReadOnly))
                return qint64(0);
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmRSS:"))
                    return line.mid(6).trimmed().split(' ').first().toLongLong() / 1024;
            }
            return qint64(0);
        };
        auto c = client();
        const qint64 before = residentMb();
        qint64 peak = before;
        qint64 received = 0;
        std::unique_ptr<QNetworkReply> reply(
            c->get(QNetworkRequest(at(QStringLiteral("/bytes/%1").arg(size)))));
        connect(reply.get(), &QNetworkReply::readyRead, this, [&] {
            received += reply->readAll().size(); // a reader that keeps nothing
            peak = qMax(peak, residentMb());
        });
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(300000));
        received += reply->readAll().size();
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(received, size);
        qInfo("%lld MB received; resident memory grew by %lld MB", size >> 20, peak - before);
#ifdef __SANITIZE_ADDRESS__
        return; // AddressSanitizer keeps freed memory in quarantine: resident size says nothing
#endif
        QVERIFY2(peak - before < 300,
                 qPrintable(QStringLiteral("resident memory grew by %1 MB").arg(peak - before)));
    }

    // Timeouts.

    void inactivityTimeout()
    {
        auto c = client();
        QNetworkRequest request(at("/delay/3000"));
        request.setTransferTimeout(200);
        const auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::TimeoutError);
        QVERIFY(reply->errorString().startsWith(
            QLatin1String("Inactivity timeout: no data for 200 ms")));
    }

    void totalTimeoutCoversEveryHop()
    {
        auto c = client();
        QNetworkRequest request(at("/fault/slow-headers/2000")); // bytes keep trickling in
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::TotalTimeoutAttribute), 300);
        const auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::TimeoutError);
        QVERIFY(reply->errorString().startsWith(QLatin1String("Total timeout")));
    }

    void connectTimeout()
    {
        // A listener that never speaks TLS: the handshake never completes.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        auto c = client();
        QNetworkRequest request(
            QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(silent.serverPort())));
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::ConnectTimeoutAttribute), 200);
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::RetriesAttribute), 0);
        const auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::TimeoutError);
        QVERIFY2(reply->errorString().startsWith(QLatin1String("Connect timeout")),
                 qPrintable(reply->errorString()));
    }

    // Retries.

    void statusRetriesHonourRetryAfter()
    {
        auto c = client();
        RetryPolicy policy;
        policy.retryAfterMaxMs = 50; // the service says 1 s; the cap keeps the test short
        c->setRetryPolicy(policy);
        const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QNetworkRequest request(at("/fault/flaky/2?key=" + QString::fromLatin1(key)));
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::RetriesAttribute), 3);
        auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        const Exchange &e = exchange(reply);
        QCOMPARE(e.attempts.size(), 3);
        QCOMPARE(e.attempts[0].status, 503);
        QVERIFY2(
            e.attempts[0].outcome.startsWith(QLatin1String("status 503: retry 1 of 3 in 50 ms")),
            qPrintable(e.attempts[0].outcome));
        QCOMPARE(e.attempts[2].status, 200);
        // POST is not in the retry methods.
        const QByteArray postKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QNetworkRequest post(at("/fault/flaky/1?key=" + QString::fromLatin1(postKey)));
        post.setAttribute(QNetworkRequest::Attribute(HttpClient::RetriesAttribute), 3);
        reply = send(*c, post, "POST", "x");
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 503);
        QCOMPARE(exchange(reply).attempts.size(), 1);
    }

    void oneConnectRetryByDefault()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        auto c = client();
        const auto reply =
            send(*c, QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port))));
        QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
        const Exchange &e = exchange(reply);
        QCOMPARE(e.attempts.size(), 2);
        QVERIFY(e.attempts[0].outcome.startsWith(QLatin1String("connect error: retry 1 of 1")));
        QVERIFY(e.attempts[1].outcome.contains(QLatin1String("budget (1) is spent")));
    }

    void readRetriesOnlyForIdempotentMethods()
    {
        auto c = client();
        QNetworkRequest request(at("/fault/reset"));
        request.setAttribute(QNetworkRequest::Attribute(HttpClient::RetriesAttribute), 1);
        auto reply = send(*c, request);
        QVERIFY(reply->error() != QNetworkReply::NoError);
        QCOMPARE(exchange(reply).attempts.size(), 2);
        reply = send(*c, request, "POST", "x");
        QCOMPARE(exchange(reply).attempts.size(), 1);
        QVERIFY2(exchange(reply).attempts[0].outcome.contains(
                     QLatin1String("POST may have reached the server")),
                 qPrintable(exchange(reply).attempts[0].outcome));
    }

    // A POST whose connection drops mid-response reached the server: it is sent once, on a
    // fresh connection and on a reused one, however generous the retry budgets; a GET may go
    // again (read retries), and every attempt is on record.
    void postDroppedMidResponseIsSentOnce()
    {
        ScriptedServer server([](const QByteArray &request, int) {
            if (request.contains(" /warm "))
                return ScriptedServer::Answer{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"};
            return ScriptedServer::Answer{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart",
                                          true};
        });
        auto c = client();
        RetryPolicy generous;
        generous.connect = 3;
        generous.read = 3;
        c->setRetryPolicy(generous);
        const QUrl drop(server.baseUrl() + "/drop");
        auto reply = send(*c, QNetworkRequest(drop), "POST", "payload");
        QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
        QCOMPARE(exchange(reply).attempts.size(), 1);
        QVERIFY2(exchange(reply).attempts[0].outcome.contains(
                     QLatin1String("POST may have reached the server")),
                 qPrintable(exchange(reply).attempts[0].outcome));
        QCOMPARE(server.requests().size(), 1);

        QCOMPARE(send(*c, QNetworkRequest(QUrl(server.baseUrl() + "/warm")))->error(),
                 QNetworkReply::NoError);
        reply = send(*c, QNetworkRequest(drop), "POST", "payload"); // on the kept-alive one
        QVERIFY(exchange(reply).attempts[0].reused);
        QCOMPARE(exchange(reply).attempts.size(), 1);
        QCOMPARE(server.requests().size(), 3);

        reply = send(*c, QNetworkRequest(drop));
        QCOMPARE(exchange(reply).attempts.size(), 4); // GET: three read retries, on record
        QCOMPARE(server.requests().size(), 7);
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

    // Proxies.

    void socks5AndConnectTunnelsAreOurs_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QString>("kind");
        QTest::newRow("SOCKS5 http") << int(QNetworkProxy::Socks5Proxy) << false << "socks5";
        QTest::newRow("SOCKS5 https") << int(QNetworkProxy::Socks5Proxy) << true << "socks5";
        QTest::newRow("CONNECT https") << int(QNetworkProxy::HttpProxy) << true << "connect";
    }

    void socks5AndConnectTunnelsAreOurs()
    {
        QFETCH(int, type);
        QFETCH(bool, tls);
        QFETCH(QString, kind);
        TunnelProxy proxy;
        auto c = client();
        // Explicitly set proxies apply to loopback too.
        c->setProxy(QNetworkProxy(QNetworkProxy::ProxyType(type), QStringLiteral("127.0.0.1"),
                                  proxy.port()));
        const QUrl target = at("/get", tls);
        for (int i = 0; i < 2; ++i) {
            const auto reply = send(*c, QNetworkRequest(target));
            QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
            QVERIFY(qobject_cast<EngineReply *>(reply.get()));
            const Attempt &attempt = exchange(reply).attempts.first();
            QCOMPARE(attempt.proxy.section(QLatin1Char(':'), 0, 0), kind == QLatin1String("socks5")
                                                                        ? QStringLiteral("socks5")
                                                                        : QStringLiteral("http"));
            QCOMPARE(attempt.reused, i == 1);    // the tunnel is kept alive like any connection
            QCOMPARE(attempt.timings.dns, -1.0); // the proxy resolves
        }
        QCOMPARE(proxy.tunnels(),
                 QStringList({QStringLiteral("%1 127.0.0.1:%2").arg(kind).arg(target.port())}));
    }

    void plainHttpThroughAnHttpProxyIsQtsJob()
    {
        QTcpServer nobody;
        QVERIFY(nobody.listen(QHostAddress::LocalHost));
        const quint16 port = nobody.serverPort();
        nobody.close();
        auto c = client();
        c->setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), port));
        const auto reply = send(*c, QNetworkRequest(at("/get")));
        QVERIFY(!qobject_cast<EngineReply *>(reply.get()));
        QVERIFY(reply->error() != QNetworkReply::NoError); // nothing listens there
    }

    // Qt's own path.

    void http2PerOriginGoesThroughQtsPath()
    {
        auto c = client();
        c->setHttp2Enabled(m_service.httpsUrl().toString(), true);
        QNetworkRequest request(at("/get", true));
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificates(m_certificates.caFile);
        request.setSslConfiguration(configuration);
        auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(!qobject_cast<EngineReply *>(reply.get()));
        // Other origins stay on the pool.
        reply = send(*c, QNetworkRequest(at("/get")));
        QVERIFY(qobject_cast<EngineReply *>(reply.get()));
        // And the app's record says which path carried it.
        HttpRequest plain;
        plain.url = at("/get", true);
        std::unique_ptr<ExchangeJob> job(c->send(plain));
        QSignalSpy done(job.get(), &ExchangeJob::finished);
        QVERIFY(done.wait(10000));
        QVERIFY(job->exchange().pathLabel().startsWith(QLatin1String("HTTP/2")) ||
                job->exchange().pathLabel().startsWith(QLatin1String("Qt's")));
        QVERIFY(job->exchange().attempts.isEmpty());
    }

    void credentialsOnQtsPathNeverFollowARedirectToAnotherOrigin()
    {
        // Qt's path copies every header into a redirect, whatever its origin, and cannot be
        // told to drop some: a request with credentials follows same-origin redirects only.
        auto c = client();
        const QString elsewhere = redirectTo(m_other.httpUrl().toString() + "/headers");
        QNetworkRequest request{QUrl(elsewhere)};
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true); // Qt's path
        request.setRawHeader("X-API-Key", "s3cret");
        const auto crossed = send(*c, request);
        QVERIFY(!qobject_cast<EngineReply *>(crossed.get()));
        const QJsonObject echo = json(crossed);
        QVERIFY2(!hasHeader(echo, QStringLiteral("X-API-Key")),
                 QJsonDocument(echo).toJson().constData());
        QCOMPARE(crossed->error(), QNetworkReply::InsecureRedirectError);

        QNetworkRequest same{QUrl(redirectTo(QStringLiteral("/headers")))};
        same.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
        same.setRawHeader("Authorization", "Bearer s3cret");
        const auto stayed = send(*c, same);
        QCOMPARE(stayed->error(), QNetworkReply::NoError);
        QCOMPARE(json(stayed).value("headers").toObject().value("Authorization").toString(),
                 QStringLiteral("Bearer s3cret"));

        QNetworkRequest plain{QUrl(elsewhere)}; // nothing to leak: followed as Qt does
        plain.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
        QCOMPARE(send(*c, plain)->error(), QNetworkReply::NoError);
    }

    void http2RequestsGoThroughQtsPath()
    {
        auto c = client();
        QNetworkRequest request(at("/get", true));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificates(m_certificates.caFile);
        request.setSslConfiguration(configuration);
        const auto reply = send(*c, request);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(!qobject_cast<EngineReply *>(reply.get()));
    }
};

QTEST_GUILESS_MAIN(tst_EngineSemantics)
#include "tst_enginesemantics.moc"
