// Authentication on the engine's path: Basic from the URL, Digest (RFC 7616) answered on the
// same connection and never downgraded, schemes we do not speak named. Against the demo service
// and scripted servers over loopback.
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

class tst_EngineAuth : public EngineFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(startServices(&error), qPrintable(error));
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
        // Plain http through an HTTP proxy goes through Qt's path, which cannot tell which
        // scheme a challenge asks for: Digest credentials are not handed to it, so nothing can
        // answer as Basic. (The scripted server plays the proxy and answers itself.)
        ScriptedServer server([](const QByteArray &, int) {
            return ScriptedServer::Answer{"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic "
                                          "realm=\"x\"\r\nContent-Length: 0\r\n\r\n"};
        });
        auto c = client();
        c->setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), server.port()));
        HttpRequest request = withDigestCredentials(QStringLiteral("http://api.example/"));
        const Exchange e = sendAndWait(*c, request);
        QCOMPARE(e.status, 401);
        QVERIFY(e.path != Exchange::Path::Pool);
        QVERIFY(!server.requests().isEmpty());
        for (const QByteArray &sent : server.requests())
            QVERIFY2(requestHeader(sent, "Authorization").isEmpty(), sent.constData());
    }
};

QTEST_GUILESS_MAIN(tst_EngineAuth)
#include "tst_engineauth.moc"
