// The demo service over real loopback sockets: every endpoint, the X-Demo-* ground truth
// under keep-alive, the faults, and malformed input.
#include "demoserverfixture.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>
#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
using namespace mr;

namespace {

QJsonObject jsonOf(const RawHttpConnection::Response &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QByteArray digestHash(const QByteArray &data, const QByteArray &algorithm)
{
    const auto a = algorithm == "SHA-256" ? QCryptographicHash::Sha256 : QCryptographicHash::Md5;
    return QCryptographicHash::hash(data, a).toHex();
}

QByteArray challengeParameter(const QByteArray &challenge, const QByteArray &name)
{
    const qsizetype start = challenge.indexOf(name + "=");
    if (start < 0)
        return {};
    qsizetype pos = start + name.size() + 1;
    const bool quoted = challenge[pos] == '"';
    if (quoted)
        ++pos;
    qsizetype end = pos;
    while (end < challenge.size() && challenge[end] != (quoted ? '"' : ','))
        ++end;
    return challenge.mid(pos, end - pos);
}

} // namespace

class tst_DemoServer : public DemoServerFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(startService(&error), qPrintable(error));
        QCOMPARE(m_base.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(m_base.port() > 0);
    }

    void getEchoesTheRequest()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.sendRequest("GET", "/get?a=1&a=2&city=Lisbon%20Centre", "X-Custom: yes\r\n"));
        const auto response = c.readResponse();
        QVERIFY2(response, qPrintable(c.lastError()));
        QCOMPARE(response->status, 200);
        QCOMPARE(response->headers.value("Content-Type"), QByteArray("application/json"));
        const QJsonObject json = jsonOf(*response);
        for (const char *key : {"method", "url", "args", "headers", "origin", "data", "json",
                                "form", "files", "connection"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        QCOMPARE(json.value("method").toString(), QStringLiteral("GET"));
        QCOMPARE(json.value("url").toString(),
                 m_base.toString() + QStringLiteral("/get?a=1&a=2&city=Lisbon%20Centre"));
        QCOMPARE(json.value("args").toObject().value("a").toArray(),
                 QJsonArray({QStringLiteral("1"), QStringLiteral("2")}));
        QCOMPARE(json.value("args").toObject().value("city").toString(),
                 QStringLiteral("Lisbon Centre"));
        QCOMPARE(json.value("headers").toObject().value("X-Custom").toString(),
                 QStringLiteral("yes"));
        QCOMPARE(json.value("origin").toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(json.value("connection").toObject().value("client_port").toInt(),
                 int(c.localPort()));
    }

    void groundTruthUnderKeepAlive()
    {
        RawHttpConnection first;
        QVERIFY(first.connectTo(m_base));
        int serial = 0;
        for (int i = 1; i <= 3; ++i) {
            QVERIFY(first.sendRequest("GET", "/get"));
            const auto r = first.readResponse();
            QVERIFY(r);
            if (i == 1)
                serial = r->headers.value("X-Demo-Connection").toInt();
            QVERIFY(serial > 0);
            QCOMPARE(r->headers.value("X-Demo-Connection").toInt(), serial);
            QCOMPARE(r->headers.value("X-Demo-Connection-Request").toInt(), i);
            QCOMPARE(r->headers.value("X-Demo-Client-Port").toInt(), int(first.localPort()));
            const QJsonObject connection = jsonOf(*r).value("connection").toObject();
            QCOMPARE(connection.value("serial").toInt(), serial);
            QCOMPARE(connection.value("request").toInt(), i);
        }
        RawHttpConnection second;
        QVERIFY(second.connectTo(m_base));
        QVERIFY(second.sendRequest("GET", "/uuid"));
        const auto r = second.readResponse();
        QVERIFY(r);
        QVERIFY(r->headers.value("X-Demo-Connection").toInt() > serial);
        QCOMPARE(r->headers.value("X-Demo-Connection-Request").toInt(), 1);
        QCOMPARE(r->headers.value("X-Demo-Client-Port").toInt(), int(second.localPort()));
        QVERIFY(second.localPort() != first.localPort());
    }

    void pipelinedRequestsAnswerInOrder()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        const QByteArray host = "Host: x\r\n";
        QVERIFY(c.send("GET /anything/one HTTP/1.1\r\n" + host +
                       "\r\nGET /anything/two HTTP/1.1\r\n" + host + "\r\n"));
        const auto one = c.readResponse();
        const auto two = c.readResponse();
        QVERIFY(one && two);
        QCOMPARE(jsonOf(*one).value("url").toString(), QStringLiteral("http://x/anything/one"));
        QCOMPARE(jsonOf(*two).value("url").toString(), QStringLiteral("http://x/anything/two"));
        QCOMPARE(two->headers.value("X-Demo-Connection-Request"), QByteArray("2"));
    }

    void bodiesAreEchoed_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("expected");
        QTest::newRow("json") << QByteArray("application/json") << QByteArray(R"({"n": 7})")
                              << "json" << QJsonValue(QJsonObject{{"n", 7}});
        QTest::newRow("text") << QByteArray("text/plain") << QByteArray("héllo") << "data"
                              << QJsonValue(QString::fromUtf8("héllo"));
        QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded")
                              << QByteArray("name=Ada+Lovelace&lang=en") << "form"
                              << QJsonValue(QJsonObject{{"name", "Ada Lovelace"}, {"lang", "en"}});
        QTest::newRow("binary") << QByteArray("application/octet-stream")
                                << QByteArray("\x00\xff", 2) << "data"
                                << QJsonValue(
                                       QStringLiteral("data:application/octet-stream;base64,AP8="));
        const QByteArray multipart =
            "--XyZ\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\n"
            "value\r\n--XyZ\r\nContent-Disposition: form-data; name=\"up\"; "
            "filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nfile "
            "text\r\n--XyZ--\r\n";
        QTest::newRow("multipart form")
            << QByteArray("multipart/form-data; boundary=XyZ") << multipart << "form"
            << QJsonValue(QJsonObject{{"field", "value"}});
        QTest::newRow("multipart files")
            << QByteArray("multipart/form-data; boundary=XyZ") << multipart << "files"
            << QJsonValue(QJsonObject{{"up", "file text"}});
    }

    void bodiesAreEchoed()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, key);
        QFETCH(QJsonValue, expected);
        for (const QByteArray &method :
             {QByteArray("POST"), QByteArray("PUT"), QByteArray("PATCH")}) {
            RawHttpConnection c;
            QVERIFY(c.connectTo(m_base));
            QVERIFY(c.sendRequest(method, "/anything/x", "Content-Type: " + contentType + "\r\n",
                                  body));
            const auto r = c.readResponse();
            QVERIFY(r);
            QCOMPARE(r->status, 200);
            QCOMPARE(jsonOf(*r).value("method").toString(), QString::fromLatin1(method));
            QCOMPARE(jsonOf(*r).value(key), expected);
        }
    }

    void methodRoutesCheckTheMethod()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.sendRequest("POST", "/get", {}, "x"));
        auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 405);
        QCOMPARE(r->headers.value("Allow"), QByteArray("GET, HEAD"));
        QVERIFY(c.sendRequest("DELETE", "/delete"));
        r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(jsonOf(*r).value("method").toString(), QStringLiteral("DELETE"));
    }

    void headHasNoBody()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.sendRequest("HEAD", "/json/1000"));
        const auto head = c.readResponse(true);
        QVERIFY(head);
        QCOMPARE(head->headers.value("Content-Length"), QByteArray("1000"));
        // Were body bytes sent, they would be read as the next response's status line.
        QVERIFY(c.sendRequest("GET", "/uuid"));
        const auto next = c.readResponse();
        QVERIFY(next);
        QCOMPARE(next->status, 200);
        QCOMPARE(next->headers.value("X-Demo-Connection-Request"), QByteArray("2"));
    }

    void statusCodes_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("200") << QByteArray("/status/200") << 200 << QByteArray("Content-Length")
                             << QByteArray("0");
        QTest::newRow("201") << QByteArray("/status/201") << 201 << QByteArray() << QByteArray();
        QTest::newRow("204") << QByteArray("/status/204") << 204 << QByteArray() << QByteArray();
        QTest::newRow("302") << QByteArray("/status/302") << 302 << QByteArray("Location")
                             << QByteArray("/redirect/1");
        QTest::newRow("401") << QByteArray("/status/401") << 401 << QByteArray("WWW-Authenticate")
                             << QByteArray(R"(Basic realm="Fake Realm")");
        QTest::newRow("418") << QByteArray("/status/418") << 418 << QByteArray("Content-Type")
                             << QByteArray("text/plain");
        QTest::newRow("503") << QByteArray("/status/503") << 503 << QByteArray() << QByteArray();
        QTest::newRow("too low") << QByteArray("/status/99") << 400 << QByteArray() << QByteArray();
        QTest::newRow("too high") << QByteArray("/status/600") << 400 << QByteArray()
                                  << QByteArray();
        QTest::newRow("not a number")
            << QByteArray("/status/abc") << 400 << QByteArray() << QByteArray();
        QTest::newRow("unknown path")
            << QByteArray("/nowhere") << 404 << QByteArray() << QByteArray();
    }

    void statusCodes()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        const auto r = get(target);
        QCOMPARE(r.status, status);
        if (!header.isEmpty())
            QCOMPARE(r.headers.value(header), value);
        if (status == 204)
            QVERIFY(!r.headers.contains("Content-Length"));
    }

    void delayWaitsAtLeastThatLong()
    {
        QElapsedTimer timer;
        timer.start();
        const auto r = get("/delay/200");
        QCOMPARE(r.status, 200);
        QVERIFY(timer.elapsed() >= 190); // a lower bound only: slow machines are slower
        QCOMPARE(get("/delay/70000").status, 400);
    }

    void bytesAreSizedAndSeeded()
    {
        const auto a = get("/bytes/1000?seed=7");
        const auto b = get("/bytes/1000?seed=7");
        const auto c = get("/bytes/1000?seed=8");
        QCOMPARE(a.body.size(), 1000);
        QCOMPARE(a.headers.value("Content-Type"), QByteArray("application/octet-stream"));
        QCOMPARE(a.body, b.body);
        QVERIFY(a.body != c.body);
        const auto big = get("/bytes/20000000");
        QCOMPARE(big.body.size(), 20000000);
        QCOMPARE(get("/bytes/-1").status, 400);
    }

    void streamIsChunkedJsonLines()
    {
        const auto r = get("/stream/5");
        QCOMPARE(r.status, 200);
        QVERIFY(r.chunked);
        const QList<QByteArray> lines = r.body.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(QJsonDocument::fromJson(lines[i]).object().value("id").toInt(), i);
        QCOMPARE(get("/stream/0").body, QByteArray());
    }

    void generatedJsonHasExactSize_data()
    {
        QTest::addColumn<int>("size");
        for (int size : {35, 36, 128, 200, 1000, 4097, 100000, 3000000})
            QTest::addRow("%d", size) << size;
    }

    void generatedJsonHasExactSize()
    {
        QFETCH(int, size);
        const auto r = get("/json/" + QByteArray::number(size));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.size(), size);
        QJsonParseError error{};
        QJsonDocument::fromJson(r.body, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }

    void sampleContent()
    {
        QVERIFY(QJsonDocument::fromJson(get("/json").body).object().contains("slideshow"));
        QVERIFY(get("/html").body.contains("<h1>"));
        QVERIFY(get("/xml").body.startsWith("<?xml"));
        QCOMPARE(get("/json/10").status, 400);
        QVERIFY(!QUuid::fromString(jsonOf(get("/uuid")).value("uuid").toString()).isNull());
        QCOMPARE(jsonOf(get("/headers", "X-A: b\r\n"))
                     .value("headers")
                     .toObject()
                     .value("X-A")
                     .toString(),
                 QStringLiteral("b"));
        QCOMPARE(
            jsonOf(get("/user-agent", "User-Agent: tester/1\r\n")).value("user-agent").toString(),
            QStringLiteral("tester/1"));
    }

    void contentEncodings_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("coding");
        QTest::addColumn<QString>("flag");
        QTest::newRow("gzip") << "/gzip" << QByteArray("gzip") << "gzipped";
        QTest::newRow("deflate") << "/deflate" << QByteArray("deflate") << "deflated";
        QTest::newRow("brotli") << "/brotli" << QByteArray("br") << "brotli";
        QTest::newRow("zstd") << "/zstd" << QByteArray("zstd") << "zstd";
    }

    void contentEncodings()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, coding);
        QFETCH(QString, flag);
        const auto raw = get(path.toLatin1());
        QCOMPARE(raw.headers.value("Content-Encoding"), coding);
        QVERIFY(!raw.body.trimmed().startsWith('{')); // really encoded
        // Qt's own decoders (zlib, brotli, zstd in Debian's build) read it back.
        QNetworkAccessManager manager;
        QUrl url = m_base;
        url.setPath(path);
        QNetworkReply *reply = manager.get(QNetworkRequest(url));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(json.value(flag).toBool(), true);
        QCOMPARE(json.value("method").toString(), QStringLiteral("GET"));
        delete reply;
    }

    void redirects()
    {
        auto r = get("/redirect/3");
        QCOMPARE(r.status, 302);
        QCOMPARE(r.headers.value("Location"), QByteArray("/redirect/2"));
        QCOMPARE(get("/redirect/1").headers.value("Location"), QByteArray("/get"));
        r = get("/redirect/2?absolute=true");
        QCOMPARE(r.headers.value("Location"),
                 m_base.toString().toUtf8() + "/redirect/1?absolute=true");
        QCOMPARE(get("/absolute-redirect/1").headers.value("Location"),
                 m_base.toString().toUtf8() + "/get");
        QCOMPARE(get("/relative-redirect/2").headers.value("Location"),
                 QByteArray("/relative-redirect/1"));
        r = get("/redirect-to?url=http%3A%2F%2Fexample.com%2Fx%3Fy%3D1&status_code=307");
        QCOMPARE(r.status, 307);
        QCOMPARE(r.headers.value("Location"), QByteArray("http://example.com/x?y=1"));
        QCOMPARE(get("/redirect-to?url=/get").status, 302);
        QCOMPARE(get("/redirect-to?url=/get&status_code=200").status, 400);
        QCOMPARE(get("/redirect/0").status, 400);
    }

    void basicAndBearerAuth()
    {
        const QByteArray good = "Authorization: Basic " + QByteArray("ada:pw").toBase64() + "\r\n";
        const QByteArray bad = "Authorization: Basic " + QByteArray("ada:nope").toBase64() + "\r\n";
        auto r = get("/basic-auth/ada/pw", good);
        QCOMPARE(r.status, 200);
        QCOMPARE(jsonOf(r).value("user").toString(), QStringLiteral("ada"));
        QCOMPARE(jsonOf(r).value("authenticated").toBool(), true);
        r = get("/basic-auth/ada/pw", bad);
        QCOMPARE(r.status, 401);
        QVERIFY(r.headers.value("WWW-Authenticate").startsWith("Basic"));
        QCOMPARE(get("/hidden-basic-auth/ada/pw", bad).status, 404);
        QCOMPARE(get("/hidden-basic-auth/ada/pw", good).status, 200);
        r = get("/bearer", "Authorization: Bearer t0k3n\r\n");
        QCOMPARE(r.status, 200);
        QCOMPARE(jsonOf(r).value("token").toString(), QStringLiteral("t0k3n"));
        r = get("/bearer");
        QCOMPARE(r.status, 401);
        QCOMPARE(r.headers.value("WWW-Authenticate"), QByteArray("Bearer"));
    }

    void digestAuth_data()
    {
        QTest::addColumn<QByteArray>("qop");
        QTest::addColumn<QByteArray>("algorithm");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<int>("status");
        QTest::newRow("MD5 auth") << QByteArray("auth") << QByteArray("MD5") << QByteArray("pw")
                                  << 200;
        QTest::newRow("SHA-256 auth")
            << QByteArray("auth") << QByteArray("SHA-256") << QByteArray("pw") << 200;
        QTest::newRow("MD5 auth-int")
            << QByteArray("auth-int") << QByteArray("MD5") << QByteArray("pw") << 200;
        QTest::newRow("wrong password")
            << QByteArray("auth") << QByteArray("MD5") << QByteArray("no") << 401;
    }

    void digestAuth()
    {
        QFETCH(QByteArray, qop);
        QFETCH(QByteArray, algorithm);
        QFETCH(QByteArray, password);
        QFETCH(int, status);
        const QByteArray uri = "/digest-auth/" + qop + "/ada/pw/" + algorithm;
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.sendRequest("GET", uri));
        const auto challenge = c.readResponse();
        QVERIFY(challenge);
        QCOMPARE(challenge->status, 401);
        const QByteArray header = challenge->headers.value("WWW-Authenticate");
        QVERIFY(header.startsWith("Digest "));
        const QByteArray realm = challengeParameter(header, "realm");
        const QByteArray nonce = challengeParameter(header, "nonce");
        QCOMPARE(challengeParameter(header, "algorithm"), algorithm);
        QVERIFY(!nonce.isEmpty());
        const QByteArray cnonce = "0a4f113b";
        const QByteArray nc = "00000001";
        const QByteArray ha1 = digestHash("ada:" + realm + ":" + password, algorithm);
        QByteArray a2 = "GET:" + uri;
        if (qop == "auth-int")
            a2 += ":" + digestHash({}, algorithm);
        const QByteArray response = digestHash(ha1 + ':' + nonce + ':' + nc + ':' + cnonce + ':' +
                                                   qop + ':' + digestHash(a2, algorithm),
                                               algorithm);
        const QByteArray authorization =
            "Authorization: Digest username=\"ada\", realm=\"" + realm + "\", nonce=\"" + nonce +
            "\", uri=\"" + uri + "\", algorithm=" + algorithm + ", qop=" + qop + ", nc=" + nc +
            ", cnonce=\"" + cnonce + "\", response=\"" + response + "\"\r\n";
        QVERIFY(c.sendRequest("GET", uri, authorization));
        const auto answer = c.readResponse();
        QVERIFY(answer);
        QCOMPARE(answer->status, status);
        if (status == 200)
            QCOMPARE(jsonOf(*answer).value("user").toString(), QStringLiteral("ada"));
    }

    void cookies()
    {
        auto r = get("/cookies/set?session=abc&theme=dark");
        QCOMPARE(r.status, 302);
        QCOMPARE(r.headers.value("Location"), QByteArray("/cookies"));
        QCOMPARE(r.headers.values("Set-Cookie"),
                 QList<QByteArray>({"session=abc; Path=/", "theme=dark; Path=/"}));
        r = get("/cookies", "Cookie: session=abc; theme=dark\r\n");
        QCOMPARE(jsonOf(r).value("cookies").toObject(),
                 QJsonObject({{"session", "abc"}, {"theme", "dark"}}));
        r = get("/cookies/delete?session");
        QVERIFY(r.headers.value("Set-Cookie").startsWith("session=; Expires=Thu, 01 Jan 1970"));
    }

    void counterCountsRequestKeys()
    {
        const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(get("/anything", "X-Request-Key: " + key + "\r\n").status, 200);
        QCOMPARE(jsonOf(get("/counter/" + key)).value("count").toInt(), 3);
        QCOMPARE(jsonOf(get("/counter/never-used")).value("count").toInt(), 0);
    }

    void chunkedRequestBody()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.send("POST /anything HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n"));
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(jsonOf(*r).value("data").toString(), QStringLiteral("hello, world"));
        QCOMPARE(jsonOf(*r).value("headers").toObject().value("X-Trailer").toString(),
                 QStringLiteral("t"));
    }

    void expectContinue()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.send(
            "POST /post HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
        QVERIFY(c.socket()->waitForReadyRead(5000));
        QCOMPARE(c.socket()->readAll(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        QVERIFY(c.send("ping"));
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(jsonOf(*r).value("data").toString(), QStringLiteral("ping"));
    }

    void http10ClosesUnlessKeepAlive()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.send("GET /get HTTP/1.0\r\n\r\n"));
        auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->headers.value("Connection"), QByteArray("close"));
        QVERIFY(c.waitForClose());

        RawHttpConnection kept;
        QVERIFY(kept.connectTo(m_base));
        QVERIFY(kept.send("GET /get HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        r = kept.readResponse();
        QVERIFY(r);
        QCOMPARE(r->headers.value("Connection"), QByteArray("keep-alive"));
        QVERIFY(kept.send("GET /get HTTP/1.1\r\nConnection: close\r\n\r\n"));
        r = kept.readResponse();
        QVERIFY(r);
        QCOMPARE(r->headers.value("X-Demo-Connection-Request"), QByteArray("2"));
        QVERIFY(kept.waitForClose());
    }

    void indexListsEndpoints()
    {
        const QJsonObject index = jsonOf(get("/"));
        QVERIFY(index.value("endpoints").toArray().contains(QStringLiteral("/get")));
    }
};

QTEST_GUILESS_MAIN(tst_DemoServer)
#include "tst_demoserver.moc"
