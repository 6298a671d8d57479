// RequestSender: the one send path of the window, the Runs page and `run`, over real exchanges
// with the demo service on loopback: a chained request resolves its {{name.response…}}
// references from what the same sender remembered, and a request that cannot be resolved is
// not sent and says why.
#include "demo/demoserverthread.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "runner/requestsender.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mr;

class tst_RequestSender : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;

    RequestSender::Context context() const
    {
        RequestSender::Context context;
        context.expander = VariableExpander({{"baseUrl", m_service.httpUrl().toString()}});
        return context;
    }

    static Exchange finish(const RequestSender::Sending &sending)
    {
        if (!sending.sent())
            return {};
        QSignalSpy finished(sending.job, &ExchangeJob::finished);
        if (!sending.job->isFinished())
            finished.wait(10000);
        return sending.job->exchange();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    // The jobs are the caller's: here the sender owns them, so they go with it.
    void chainedRequestResolvesFromTheSendersNamedResponse()
    {
        HttpClient client;
        RequestSender sender(&client);

        RequestDefinition login;
        login.name = QStringLiteral("login");
        login.method = QStringLiteral("POST");
        login.url = QStringLiteral("{{baseUrl}}/anything/login");
        login.headers.append(
            {QStringLiteral("Content-Type"), QStringLiteral("application/json"), 2});
        login.body = QStringLiteral("{\"user\":\"ada\",\"token\":\"tok-9f3\"}");
        const RequestSender::Sending sentLogin = sender.send(login, context(), &sender);
        QVERIFY2(sentLogin.sent(), qPrintable(sentLogin.error));
        QCOMPARE(finish(sentLogin).status, 200);
        QVERIFY(sender.namedResponses().contains(QStringLiteral("login")));

        RequestDefinition next;
        next.method = QStringLiteral("GET");
        next.url = QStringLiteral("{{baseUrl}}/anything/{{login.response.body.$.json.token}}");
        const RequestSender::Sending sentNext = sender.send(next, context(), &sender);
        QVERIFY2(sentNext.sent(), qPrintable(sentNext.error));
        QCOMPARE(sentNext.resolved.request.url.path(), QStringLiteral("/anything/tok-9f3"));
        const Exchange exchange = finish(sentNext);
        QCOMPARE(exchange.status, 200);
        const QJsonObject echoed = QJsonDocument::fromJson(exchange.responseBody).object();
        QVERIFY2(echoed.value("url").toString().endsWith(QStringLiteral("/anything/tok-9f3")),
                 exchange.responseBody.constData());
        // Another sender is another chain: it knows no "login".
        RequestSender other(&client);
        QVERIFY(!other.send(next, context()).sent());
    }

    void resolutionErrorIsReportedWithoutSending()
    {
        HttpClient client;
        RequestSender sender(&client);
        QSignalSpy queued(&client, &HttpClient::requestQueued);

        RequestDefinition request;
        request.method = QStringLiteral("GET");
        request.url = QStringLiteral("{{baseUrl}}/anything/{{login.response.body.$.token}}");
        const RequestSender::Sending sending = sender.send(request, context());
        QVERIFY(!sending.sent());
        QVERIFY(!sending.needsConsent());
        QVERIFY2(sending.error.contains(QStringLiteral("login.response.body.$.token")),
                 qPrintable(sending.error));
        QCOMPARE(sending.error, sending.resolved.error);
        QVERIFY(sending.resolved.reasons.contains(QStringLiteral("login.response.body.$.token")));
        QTest::qWait(50);
        QCOMPARE(queued.count(), 0);
        QVERIFY(sender.namedResponses().names().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_RequestSender)
#include "tst_requestsender.moc"
