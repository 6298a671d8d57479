// Core's own sends (HttpClient::send: the HttpRequest goes to the engine as it is) and the
// same request through the QNetworkAccessManager API (its options as HttpClient's attributes,
// decoded by createRequest) put the same bytes on the wire, hop by hop.
#include "http/httprequest.h"
#include "net/httpclient.h"
#include "scriptedserver.h"
#include "sendandwait.h"

#include <QBuffer>
#include <QNetworkReply>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

Q_DECLARE_METATYPE(mr::HttpRequest)

using namespace mr;

namespace {

// /redirect answers 302 to /final, /elsewhere to another origin (localhost for 127.0.0.1)
// with a credential in the query; everything else 200, with a cookie.
ScriptedServer::Answer answer(const QByteArray &request, quint16 port)
{
    const QByteArray target = request.mid(request.indexOf(' ') + 1);
    if (target.startsWith("/redirect "))
        return {"HTTP/1.1 302 Found\r\nLocation: /final\r\nContent-Length: 0\r\n\r\n"};
    if (target.startsWith("/elsewhere "))
        return {"HTTP/1.1 302 Found\r\nLocation: http://localhost:" + QByteArray::number(port) +
                "/final?api_key=1&b=2\r\nContent-Length: 0\r\n\r\n"};
    return {"HTTP/1.1 200 OK\r\nSet-Cookie: seen=1\r\nContent-Length: 0\r\n\r\n"};
}

struct Server : ScriptedServer {
    Server()
        : ScriptedServer([this](const QByteArray &request, int) { return answer(request, port()); })
    {}
};

// The request as Qt code would give it: the # @directives as the attributes the engine reads.
QNetworkRequest asAttributes(const HttpRequest &request)
{
    QNetworkRequest networkRequest(request.url);
    for (const auto &field : request.headers.fields())
        networkRequest.setRawHeader(field.first, field.second);
    const SendOptions &options = request.options;
    const auto set = [&](HttpClient::Attribute code, const QVariant &value) {
        networkRequest.setAttribute(QNetworkRequest::Attribute(code), value);
    };
    if (options.followRedirects == std::optional<bool>(false))
        networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                    QNetworkRequest::ManualRedirectPolicy);
    if (options.useCookieJar == std::optional<bool>(false)) {
        networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute,
                                    QNetworkRequest::Manual);
        networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute,
                                    QNetworkRequest::Manual);
    }
    if (options.timeoutMs)
        networkRequest.setTransferTimeout(*options.timeoutMs);
    if (options.connectTimeoutMs)
        set(HttpClient::ConnectTimeoutAttribute, *options.connectTimeoutMs);
    if (options.retries)
        set(HttpClient::RetriesAttribute, *options.retries);
    if (options.noReuse)
        set(HttpClient::NoReuseAttribute, true);
    if (!options.digestUser.isEmpty())
        set(HttpClient::CredentialsAttribute,
            QStringList{options.digestUser, options.digestPassword});
    if (!options.credentialHeaders.isEmpty())
        set(HttpClient::CredentialHeadersAttribute, options.credentialHeaders);
    if (!options.credentialQueryItems.isEmpty())
        set(HttpClient::CredentialQueryItemsAttribute, options.credentialQueryItems);
    return networkRequest;
}

// What the server received from two sends of the request on a fresh client (the second
// shows the cookie the first one stored).
QList<QByteArray> viaSend(ScriptedServer &server, const HttpRequest &request)
{
    const qsizetype before = server.requests().size();
    HttpRequest aimed = request;
    aimed.url.setPort(server.port());
    HttpClient client;
    for (int i = 0; i < 2; ++i) {
        const Exchange exchange = sendAndWait(client, aimed);
        if (exchange.status == 0)
            qWarning("no answer: %s", qPrintable(exchange.error));
    }
    return server.requests().mid(before);
}

QList<QByteArray> viaAttributes(ScriptedServer &server, const HttpRequest &request,
                                QIODevice *body = nullptr)
{
    const qsizetype before = server.requests().size();
    QNetworkRequest networkRequest = asAttributes(request);
    QUrl url = networkRequest.url();
    url.setPort(server.port());
    networkRequest.setUrl(url);
    HttpClient client;
    for (int i = 0; i < 2; ++i) {
        QNetworkReply *reply = nullptr;
        if (body) {
            body->seek(0);
            reply = client.sendCustomRequest(networkRequest, request.method, body);
        } else if (request.body.isEmpty() && request.method != "POST" && request.method != "PUT" &&
                   request.method != "PATCH") {
            reply = client.sendCustomRequest(networkRequest, request.method);
        } else {
            reply = client.sendCustomRequest(networkRequest, request.method, request.body);
        }
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000))
            qWarning("no answer");
        delete reply;
    }
    return server.requests().mid(before);
}

// Sees what reaches createRequest.
class RecordingClient : public HttpClient
{
public:
    QList<QNetworkRequest> created;

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        created.append(request);
        return HttpClient::createRequest(operation, request, outgoingData);
    }
};

} // namespace

class tst_SendPaths : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameWireRequest_data()
    {
        QTest::addColumn<HttpRequest>("request");
        QTest::addColumn<int>("hops"); // requests on the wire per send
        const QUrl base(QStringLiteral("http://127.0.0.1:1"));
        HttpRequest get;
        get.url = base.resolved(QUrl(QStringLiteral("/get?a=1")));
        get.headers.append("Accept", "application/json");
        QTest::newRow("GET") << get << 1;

        HttpRequest own = get;
        own.headers.append("User-Agent", "mine");
        own.headers.append("Accept-Encoding", "identity");
        own.headers.append("Cookie", "own=1");
        QTest::newRow("own defaults") << own << 1;

        HttpRequest userInfo = get;
        userInfo.url.setUserInfo(QStringLiteral("ann:secret"));
        QTest::newRow("URL user info") << userInfo << 1;

        HttpRequest digest = userInfo;
        digest.options.digestUser = QStringLiteral("bob");
        digest.options.digestPassword = QStringLiteral("pw");
        QTest::newRow("digest credentials") << digest << 1;

        HttpRequest post;
        post.method = "POST";
        post.url = base.resolved(QUrl(QStringLiteral("/post")));
        post.headers.append("Content-Type", "application/json");
        post.body = R"({"a":1})";
        QTest::newRow("POST") << post << 1;

        HttpRequest emptyPost = post;
        emptyPost.body.clear();
        QTest::newRow("empty POST") << emptyPost << 1;

        HttpRequest emptyDelete = get;
        emptyDelete.method = "DELETE";
        QTest::newRow("DELETE without body") << emptyDelete << 1;

        HttpRequest redirect = get;
        redirect.url = base.resolved(QUrl(QStringLiteral("/redirect")));
        redirect.headers.append("X-Api-Key", "k");
        QTest::newRow("redirect") << redirect << 2;

        HttpRequest elsewhere = redirect;
        elsewhere.url = base.resolved(QUrl(QStringLiteral("/elsewhere")));
        elsewhere.headers.append("X-Token", "t");
        elsewhere.headers.append("Authorization", "Bearer b");
        elsewhere.options.credentialHeaders = QStringList{QStringLiteral("X-Token")};
        elsewhere.options.credentialQueryItems = QStringList{QStringLiteral("api_key")};
        QTest::newRow("redirect to another origin") << elsewhere << 2;

        HttpRequest manual = redirect;
        manual.options.followRedirects = false;
        QTest::newRow("no redirect") << manual << 1;

        HttpRequest noJar = get;
        noJar.options.useCookieJar = false;
        QTest::newRow("no cookie jar") << noJar << 1;

        HttpRequest noReuse = get;
        noReuse.options.noReuse = true;
        noReuse.options.retries = 2;
        noReuse.options.timeoutMs = 5000;
        noReuse.options.connectTimeoutMs = 3000;
        QTest::newRow("no reuse, retries, timeouts") << noReuse << 1;
    }

    void sameWireRequest()
    {
        QFETCH(HttpRequest, request);
        QFETCH(int, hops);
        Server server;
        const QList<QByteArray> sent = viaSend(server, request);
        const QList<QByteArray> decoded = viaAttributes(server, request);
        QCOMPARE(sent.size(), 2 * hops);
        QCOMPARE(sent, decoded);
    }

    // A name written twice goes out twice, in order (as curl sends repeated -H); Qt's API
    // holds one value per name, so there the last one wins, as QNetworkRequest says.
    void repeatedHeadersAllGoOut()
    {
        Server server;
        HttpRequest repeated;
        repeated.url = QUrl(QStringLiteral("http://127.0.0.1:1/get"));
        repeated.headers.append("X-Twice", "first");
        repeated.headers.append("X-Other", "o");
        repeated.headers.append("x-twice", "second");
        const QByteArray sent = viaSend(server, repeated).value(0);
        const qsizetype first = sent.indexOf("\r\nX-Twice: first\r\n");
        const qsizetype other = sent.indexOf("\r\nX-Other: o\r\n");
        const qsizetype second = sent.indexOf("\r\nx-twice: second\r\n");
        QVERIFY2(first > 0 && other > first && second > other, sent.constData());
        const QByteArray viaQt = viaAttributes(server, repeated).value(0);
        QVERIFY2(!viaQt.contains("X-Twice: first") && viaQt.contains("second\r\n"),
                 viaQt.constData());
    }

    // Core's own sends go straight to the engine: not through QNAM's entry (createRequest),
    // so nothing is encoded as attributes, yet the manager still reports each reply once.
    void ownSendsSkipQnamsEntry()
    {
        Server server;
        HttpRequest request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/get").arg(server.port()));
        request.headers.append("X-Token", "t");
        request.options.retries = 3;
        request.options.noReuse = true;
        request.options.credentialHeaders = QStringList{QStringLiteral("X-Token")};
        RecordingClient client;
        QSignalSpy managerFinished(&client, &QNetworkAccessManager::finished);
        const Exchange exchange = sendAndWait(client, request);
        QCOMPARE(exchange.status, 200);
        QCOMPARE(exchange.path, Exchange::Path::Pool);
        QCOMPARE(client.created.size(), 0);
        QCOMPARE(managerFinished.size(), 1);
        // What the options asked for still happened.
        QVERIFY(server.requests().value(0).contains("\r\nX-Token: t\r\n"));
        QVERIFY(server.requests().value(0).contains("\r\nConnection: close\r\n"));
    }

    // As QNAM's slots, the first connected, would: the manager's finished() comes before the
    // reply's own, and with auto-delete on the reply goes after its slots have run.
    void ownRepliesReportToTheManagerFirstAndAutoDelete()
    {
        Server server;
        HttpRequest request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/get").arg(server.port()));
        HttpClient client;
        client.setAutoDeleteReplies(true);
        QStringList order;
        connect(&client, &QNetworkAccessManager::finished, this,
                [&order](QNetworkReply *) { order.append(QStringLiteral("manager")); });
        QNetworkReply *reply = client.sendRaw(request);
        const QPointer<QNetworkReply> alive(reply);
        connect(reply, &QNetworkReply::finished, this, [&order, reply] {
            order.append(
                QStringLiteral("reply %1")
                    .arg(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()));
        });
        QTRY_COMPARE_WITH_TIMEOUT(
            order, (QStringList{QStringLiteral("manager"), QStringLiteral("reply 200")}), 10000);
        QTRY_VERIFY(alive.isNull());
    }

    void sameWireRequestForAStreamedBody()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("streamed from a file");
        file.flush();
        HttpRequest request;
        request.method = "PUT";
        request.url = QUrl(QStringLiteral("http://127.0.0.1:1/put"));
        request.bodyParts = {BodyPart::fromFile(file.fileName(), 0, file.size())};
        request.body = "< " + file.fileName().toUtf8();
        Server server;
        const QList<QByteArray> sent = viaSend(server, request);
        QFile again(file.fileName());
        QVERIFY(again.open(QIODevice::ReadOnly));
        const QList<QByteArray> decoded = viaAttributes(server, request, &again);
        QCOMPARE(sent.size(), 2);
        QVERIFY(sent.first().endsWith("\r\n\r\nstreamed from a file"));
        QCOMPARE(sent, decoded);
    }
};

QTEST_GUILESS_MAIN(tst_SendPaths)
#include "tst_sendpaths.moc"
