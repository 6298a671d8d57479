// Chaining requests: NamedResponses and its references ({{login.response.body.$.token}}) as
// VariableExpander, VariableSpans and RequestResolver see them, over pure values and over real
// exchanges with the demo service on loopback.
#include "demo/demoserverthread.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "sendandwait.h"
#include "workspace/namedresponses.h"
#include "workspace/requestresolver.h"
#include "workspace/variableexpander.h"
#include "workspace/variablespans.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

using namespace mr;

namespace {

NamedResponses::Entry jsonEntry(const QByteArray &body)
{
    NamedResponses::Entry entry;
    entry.status = 200;
    entry.response.headers.append("Content-Type", "application/json");
    entry.response.headers.append("X-Session", "s-42");
    entry.response.headers.append("Set-Cookie", "a=1");
    entry.response.headers.append("set-cookie", "b=2");
    entry.response.body = body;
    entry.request.headers.append("Content-Type", "application/json");
    entry.request.body = "{\"user\":\"ada\"}";
    return entry;
}

QString resolved(const NamedResponses &responses, const QString &expression)
{
    QString value;
    QString reason;
    if (responses.resolve(expression, &value, &reason) != NamedResponses::Match::Resolved)
        return QStringLiteral("(unresolved: %1)").arg(reason);
    return value;
}

QString reasonFor(const NamedResponses &responses, const QString &expression)
{
    QString value;
    QString reason;
    if (responses.resolve(expression, &value, &reason) != NamedResponses::Match::Unresolved)
        return QStringLiteral("(not unresolved: %1)").arg(value);
    return reason;
}

} // namespace

class tst_Chaining : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;

    QUrl url(const QString &pathAndQuery) const
    {
        return m_service.httpUrl().resolved(QUrl(pathAndQuery));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    void parsesRestClientReferences_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("isReference");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("response");
        QTest::addColumn<bool>("body");
        QTest::addColumn<QString>("path");
        QTest::newRow("json path")
            << "login.response.body.$.token" << true << "login" << true << true << "$.token";
        QTest::newRow("whole body")
            << "login.response.body.*" << true << "login" << true << true << "*";
        QTest::newRow("header") << "get-user.response.headers.X-Trace" << true << "get-user" << true
                                << false << "X-Trace";
        QTest::newRow("request body")
            << "login.request.body.$.user" << true << "login" << false << true << "$.user";
        QTest::newRow("request header")
            << "login.request.headers.Accept" << true << "login" << false << false << "Accept";
        QTest::newRow("no path") << "login.response.body" << true << "login" << true << true << "";
        QTest::newRow("plain variable") << "baseUrl" << false << "" << true << true << "";
        QTest::newRow("dotted variable") << "api.host" << false << "" << true << true << "";
        QTest::newRow("other part") << "login.response.status" << false << "" << true << true << "";
        QTest::newRow("longer word")
            << "login.response.bodyText" << false << "" << true << true << "";
        QTest::newRow("dynamic") << "$uuid" << false << "" << true << true << "";
    }

    void parsesRestClientReferences()
    {
        QFETCH(QString, expression);
        QFETCH(bool, isReference);
        NamedResponses::Reference reference;
        QCOMPARE(NamedResponses::parse(expression, &reference), isReference);
        if (!isReference)
            return;
        QTEST(reference.name, "name");
        QTEST(reference.response, "response");
        QTEST(reference.body, "body");
        QTEST(reference.path, "path");
    }

    void resolvesBodiesAndHeaders()
    {
        NamedResponses responses;
        responses.remember(
            QStringLiteral("login"),
            jsonEntry("{\"token\":\"t-1\",\"user\":{\"id\":7,\"roles\":[\"a\",\"b\"]},"
                      "\"quote\":\"say \\\"hi\\\"\"}"));
        QCOMPARE(resolved(responses, "login.response.body.$.token"), QStringLiteral("t-1"));
        QCOMPARE(resolved(responses, "login.response.body.$.user.id"), QStringLiteral("7"));
        QCOMPARE(resolved(responses, "login.response.body.$.user.roles[1]"), QStringLiteral("b"));
        QCOMPARE(resolved(responses, "login.response.body.$.user.roles"),
                 QStringLiteral("[\"a\",\"b\"]"));
        QCOMPARE(resolved(responses, "login.response.body.$.quote"), QStringLiteral("say \"hi\""));
        QCOMPARE(resolved(responses, "login.response.body.$..id"), QStringLiteral("7"));
        QVERIFY(resolved(responses, "login.response.body.*").startsWith("{\"token\":\"t-1\""));
        // Header names match whatever their case; repeated headers are joined.
        QCOMPARE(resolved(responses, "login.response.headers.x-session"), QStringLiteral("s-42"));
        QCOMPARE(resolved(responses, "login.response.headers.SET-COOKIE"),
                 QStringLiteral("a=1, b=2"));
        QCOMPARE(resolved(responses, "login.request.body.$.user"), QStringLiteral("ada"));
        QCOMPARE(resolved(responses, "login.request.headers.content-type"),
                 QStringLiteral("application/json"));
    }

    void unresolvedReferencesSayWhy_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not sent") << "other.response.body.$.id"
                                  << "other has not been sent yet: send the request named other "
                                     "first";
        QTest::newRow("no match") << "login.response.body.$.missing"
                                  << "$.missing matches nothing in login's response body";
        QTest::newRow("no header") << "login.response.headers.X-Nope"
                                   << "login's response has no header X-Nope";
        QTest::newRow("no path") << "login.response.body"
                                 << "say which part of login's response body: .* for all of "
                                    "it, or a JSONPath such as .$.id";
        QTest::newRow("xpath") << "login.response.body.//token"
                               << "\"//token\" is not a JSONPath (it starts with $, as in $.id); "
                                  "XPath for XML bodies is not supported";
        QTest::newRow("bad path") << "login.response.body.$.a["
                                  << "JSONPath $.a[: column 5: expected a name, an index, '*' or "
                                     "a filter after '['";
    }

    void unresolvedReferencesSayWhy()
    {
        QFETCH(QString, expression);
        QFETCH(QString, reason);
        NamedResponses responses;
        responses.remember(QStringLiteral("login"), jsonEntry("{\"token\":\"t-1\"}"));
        const QString actual = reasonFor(responses, expression);
        if (QTest::currentDataTag() == QLatin1String("bad path")) {
            // The compiler's own wording; what matters is where it points.
            QVERIFY2(actual.startsWith("JSONPath $.a[: column "), qPrintable(actual));
            return;
        }
        QCOMPARE(actual, reason);
    }

    void bodiesThatAreNotJsonSaySo()
    {
        NamedResponses responses;
        NamedResponses::Entry html;
        html.status = 200;
        html.response.body = "<html>hi</html>";
        responses.remember(QStringLiteral("page"), html);
        const QString reason = reasonFor(responses, "page.response.body.$.x");
        QVERIFY2(reason.startsWith("page's response body is not JSON (line 1, column 1"),
                 qPrintable(reason));
        QCOMPARE(resolved(responses, "page.response.body.*"), QStringLiteral("<html>hi</html>"));

        NamedResponses::Entry failed;
        failed.error = QStringLiteral("connection refused");
        responses.remember(QStringLiteral("down"), failed);
        QCOMPARE(reasonFor(responses, "down.response.body.*"),
                 QStringLiteral("down got no response the last time it was sent (connection "
                                "refused): send it again"));
    }

    void aLargeBodyInAFileIsReadBackOrRefused()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("{\"id\":\"from-file\"}");
        file.flush();
        Exchange exchange;
        exchange.status = 200;
        exchange.responseBodyFile = file.fileName();
        exchange.responseBodySize = file.size();
        NamedResponses responses;
        responses.remember(QStringLiteral("big"), exchange);
        QCOMPARE(resolved(responses, "big.response.body.$.id"), QStringLiteral("from-file"));

        exchange.responseBodySize = NamedResponses::MaxBodySize + 1;
        responses.remember(QStringLiteral("huge"), exchange);
        const QString reason = reasonFor(responses, "huge.response.body.*");
        QVERIFY2(reason.startsWith("huge's response body (") &&
                     reason.endsWith(") is too large to use in other requests"),
                 qPrintable(reason));
        // Its headers are still there to use.
        exchange.responseHeaders.append("Location", "/items/9");
        responses.remember(QStringLiteral("huge"), exchange);
        QCOMPARE(resolved(responses, "huge.response.headers.location"), QStringLiteral("/items/9"));
    }

    void expanderSpansAndResolverAgree()
    {
        NamedResponses responses;
        responses.remember(QStringLiteral("login"), jsonEntry("{\"token\":\"t-1\"}"));
        VariableExpander expander({{"host", "example.com"}});
        expander.setNamedResponses(responses);

        const VariableExpander::Result result = expander.expand(
            "https://{{host}}/{{login.response.body.$.token}}/{{login.response.body.$.nope}}"
            "/{{other.response.headers.X}}/{{unknown}}");
        QCOMPARE(result.text, QStringLiteral("https://example.com/t-1/"
                                             "{{login.response.body.$.nope}}/"
                                             "{{other.response.headers.X}}/{{unknown}}"));
        QCOMPARE(result.unresolved, QStringList({"login.response.body.$.nope",
                                                 "other.response.headers.X", "unknown"}));
        QCOMPARE(result.reasons.value("login.response.body.$.nope"),
                 QStringLiteral("$.nope matches nothing in login's response body"));
        QVERIFY(result.reasons.value("other.response.headers.X").startsWith("other has not been"));
        QVERIFY(!result.reasons.contains("unknown")); // a plain variable: the usual message

        const QList<VariableSpans::Span> spans = VariableSpans::find(
            "{{login.response.body.$.token}} {{login.response.body.$.nope}} {{host}} {{unknown}}",
            expander);
        QCOMPARE(spans.size(), 4);
        QVERIFY(spans[0].known && spans[0].reference);
        QCOMPARE(spans[0].value, QStringLiteral("t-1"));
        QVERIFY(!spans[1].known && spans[1].reference);
        QCOMPARE(spans[1].reason, result.reasons.value("login.response.body.$.nope"));
        QVERIFY(spans[2].known && !spans[2].reference);
        QVERIFY(!spans[3].known && !spans[3].reference && spans[3].reason.isEmpty());

        // A variable of that very name wins, as everywhere else.
        VariableExpander shadowed({{"login.response.body.$.token", "mine"}});
        shadowed.setNamedResponses(responses);
        QCOMPARE(shadowed.expand("{{login.response.body.$.token}}").text, QStringLiteral("mine"));
    }

    void resolverRefusesToSendUnresolvedReferences()
    {
        NamedResponses responses;
        responses.remember(QStringLiteral("login"), jsonEntry("{\"token\":\"t-1\"}"));
        VariableExpander expander;
        expander.setNamedResponses(responses);
        RequestDefinition request;
        request.method = QStringLiteral("POST");
        request.url = QStringLiteral("http://example.com/items");
        request.headers.append({QStringLiteral("Authorization"),
                                QStringLiteral("Bearer {{login.response.body.$.token}}"), 2});
        request.headers.append(
            {QStringLiteral("X-Id"), QStringLiteral("{{create.response.body.$.id}}"), 3});
        request.body = QStringLiteral("{\"t\":\"{{login.response.body.$.nope}}\"}");
        const RequestResolver::Result result = RequestResolver::resolve(request, expander);
        QVERIFY(!result.ok());
        QCOMPARE(result.error,
                 QStringLiteral("{{create.response.body.$.id}}: create has not been sent yet: "
                                "send the request named create first\n"
                                "{{login.response.body.$.nope}}: $.nope matches nothing in "
                                "login's response body"));

        request.headers.removeLast();
        request.body = QStringLiteral("{\"t\":\"{{login.response.body.$.token}}\"}");
        const RequestResolver::Result fine = RequestResolver::resolve(request, expander);
        QVERIFY2(fine.ok(), qPrintable(fine.error));
        QCOMPARE(fine.request.headers.value("Authorization"), QByteArray("Bearer t-1"));
        QCOMPARE(fine.request.body, QByteArray("{\"t\":\"t-1\"}"));
    }

    void chainsRealExchangesWithTheDemoService()
    {
        HttpClient client;
        NamedResponses responses;

        // "login": the demo echoes the JSON it got under "json", and a header we ask for.
        HttpRequest login;
        login.method = "POST";
        login.url = url("/anything/login");
        login.headers.append("Content-Type", "application/json");
        login.body = "{\"user\":\"ada\",\"token\":\"tok-9f3\"}";
        const Exchange loginExchange = sendAndWait(client, login);
        QCOMPARE(loginExchange.status, 200);
        responses.remember(QStringLiteral("login"), loginExchange);

        HttpRequest headers;
        headers.url = url("/response-headers?X-Session=s-77&Location=%2Fitems%2F5");
        const Exchange headersExchange = sendAndWait(client, headers);
        QCOMPARE(headersExchange.status, 200);
        responses.remember(QStringLiteral("session"), headersExchange);

        QCOMPARE(resolved(responses, "login.response.body.$.json.token"),
                 QStringLiteral("tok-9f3"));
        QCOMPARE(resolved(responses, "login.request.body.$.user"), QStringLiteral("ada"));
        QCOMPARE(resolved(responses, "login.response.headers.content-type"),
                 QString::fromLatin1(loginExchange.responseHeaders.value("Content-Type")));
        QCOMPARE(resolved(responses, "session.response.headers.x-session"), QStringLiteral("s-77"));

        // The next request uses them and the service receives the values.
        VariableExpander expander({{"baseUrl", m_service.httpUrl().toString()}});
        expander.setNamedResponses(responses);
        RequestDefinition next;
        next.method = QStringLiteral("POST");
        next.url = QStringLiteral("{{baseUrl}}/anything{{session.response.headers.Location}}");
        next.headers.append({QStringLiteral("Authorization"),
                             QStringLiteral("Bearer {{login.response.body.$.json.token}}"), 2});
        next.headers.append(
            {QStringLiteral("Content-Type"), QStringLiteral("application/json"), 3});
        next.body = QStringLiteral("{\"session\":\"{{session.response.headers.X-Session}}\"}");
        const RequestResolver::Result resolvedNext = RequestResolver::resolve(next, expander);
        QVERIFY2(resolvedNext.ok(), qPrintable(resolvedNext.error));
        const Exchange nextExchange = sendAndWait(client, resolvedNext.request);
        QCOMPARE(nextExchange.status, 200);
        const QJsonObject echo = QJsonDocument::fromJson(nextExchange.responseBody).object();
        QCOMPARE(echo.value("headers").toObject().value("Authorization").toString(),
                 QStringLiteral("Bearer tok-9f3"));
        QCOMPARE(echo.value("json").toObject().value("session").toString(), QStringLiteral("s-77"));
        QVERIFY2(echo.value("url").toString().endsWith("/anything/items/5"),
                 qPrintable(echo.value("url").toString()));
    }
};

QTEST_GUILESS_MAIN(tst_Chaining)
#include "tst_chaining.moc"
