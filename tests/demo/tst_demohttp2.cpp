// The demo service's HTTP/2, with Debian's nghttp and curl as clients over real sockets:
// h2c by prior knowledge, h2 by ALPN over TLS, the truth headers per stream, the /h2/ faults
// and the settings the tests of our engine rely on, and HTTP/1.1 still on the same ports.
#include "demo/demoserverthread.h"
#include "http/httpheaders.h"
#include "testcertificates.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace mr;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    Run run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out";
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// One answer as `curl -i` prints it.
struct CurlAnswer {
    QByteArray statusLine;
    HttpHeaders headers;
    QByteArray body;

    int status() const { return statusLine.split(' ').value(1).toInt(); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

CurlAnswer parseCurl(const QByteArray &output)
{
    CurlAnswer answer;
    const qsizetype end = output.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = output.left(end).split('\n');
    answer.statusLine = lines.value(0).trimmed();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            answer.headers.append(line.left(colon), line.mid(colon + 1).trimmed());
    }
    answer.body = end < 0 ? QByteArray() : output.mid(end + 4);
    return answer;
}

// The response fields `nghttp -v` printed, per stream: "recv (stream_id=13) name: value".
std::map<int, HttpHeaders> nghttpStreams(const QByteArray &verbose)
{
    static const QRegularExpression field(
        QStringLiteral(R"(recv \(stream_id=(\d+)\) (:?[^:\s]+): (.*))"));
    std::map<int, HttpHeaders> streams;
    auto it = field.globalMatch(QString::fromUtf8(verbose));
    while (it.hasNext()) {
        const auto match = it.next();
        streams[match.captured(1).toInt()].append(match.captured(2).toUtf8(),
                                                  match.captured(3).trimmed().toUtf8());
    }
    return streams;
}

} // namespace

class tst_DemoHttp2 : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestCertificates m_certificates;
    DemoServerThread m_service;
    QString m_curl;
    QString m_nghttp;

    QString http(const QString &pathAndQuery) const
    {
        return m_service.httpUrl(pathAndQuery).toString();
    }
    QString https(const QString &pathAndQuery) const
    {
        return m_service.httpsUrl().resolved(QUrl(pathAndQuery)).toString();
    }
    CurlAnswer curl(QStringList arguments)
    {
        arguments.prepend(QStringLiteral("-sS"));
        arguments.prepend(QStringLiteral("-i"));
        arguments << QStringLiteral("--cacert") << m_certificates.caFile;
        const Run run = runTool(m_curl, arguments);
        if (run.exitCode != 0)
            qWarning("curl %s: %s", qPrintable(arguments.join(' ')), run.err.constData());
        return parseCurl(run.out);
    }
    Run nghttp(QStringList arguments)
    {
        arguments.prepend(QStringLiteral("-nv"));
        return runTool(m_nghttp, arguments);
    }
    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
        m_nghttp = QStandardPaths::findExecutable(QStringLiteral("nghttp"));
        if (m_curl.isEmpty() || m_nghttp.isEmpty())
            QSKIP("needs curl and nghttp (Debian: curl, nghttp2-client; scripts/setup-debian)");
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(TestCertificates::startDemo(m_dir.path(), &m_certificates, &m_service, &error),
                 qPrintable(error));
    }

    void h2cByPriorKnowledge()
    {
        const CurlAnswer a = curl({QStringLiteral("--http2-prior-knowledge"), http("/get?x=1")});
        QCOMPARE(a.statusLine, QByteArray("HTTP/2 200"));
        QCOMPARE(a.headers.value("x-demo-stream"), QByteArray("1"));
        QVERIFY(a.headers.value("x-demo-connection").toInt() > 0);
        QCOMPARE(a.headers.value("x-demo-connection-request"), QByteArray("1"));
        QVERIFY(a.headers.value("x-demo-client-port").toInt() > 0);
        QCOMPARE(a.headers.value("content-length").toInt(), a.body.size());
        for (const auto &field : a.headers.fields())
            QCOMPARE(field.first, field.first.toLower());
        const QJsonObject json = a.json();
        QCOMPARE(json.value("url").toString(), http("/get?x=1"));
        QCOMPARE(json.value("args").toObject().value("x").toString(), QStringLiteral("1"));
        QCOMPARE(json.value("connection").toObject().value("stream").toInt(), 1);
        // :authority stands for Host, so routes see the origin the client asked for.
        QCOMPARE(json.value("headers").toObject().value("host").toString(),
                 QStringLiteral("127.0.0.1:%1").arg(m_service.httpUrl().port()));
    }

    void h2OverTlsByAlpn()
    {
        const CurlAnswer a = curl({QStringLiteral("--http2"), https("/get")});
        QCOMPARE(a.statusLine, QByteArray("HTTP/2 200"));
        QCOMPARE(a.headers.value("x-demo-stream"), QByteArray("1"));
        QVERIFY(a.json().value("url").toString().startsWith(QLatin1String("https://127.0.0.1:")));
    }

    void postBodiesAreEchoed()
    {
        const QByteArray body = "name=demo&kind=h2";
        for (const QString &url : {http("/post"), https("/post")}) {
            const CurlAnswer a =
                curl({QStringLiteral("--http2-prior-knowledge"), QStringLiteral("--http2"),
                      QStringLiteral("-H"), QStringLiteral("Content-Type: text/plain"),
                      QStringLiteral("--data-binary"), QString::fromLatin1(body), url});
            QCOMPARE(a.status(), 200);
            QCOMPARE(a.json().value("data").toString(), QString::fromLatin1(body));
            QCOMPARE(a.json().value("method").toString(), QStringLiteral("POST"));
        }
    }

    void largeBodiesBothWays()
    {
        QByteArray upload(3 * 1024 * 1024 + 7, Qt::Uninitialized);
        for (qsizetype i = 0; i < upload.size(); ++i)
            upload[i] = char('a' + i % 26);
        const QString file = writeFile(QStringLiteral("upload.txt"), upload);
        QVERIFY(!file.isEmpty());
        const CurlAnswer echoed =
            curl({QStringLiteral("--http2-prior-knowledge"), QStringLiteral("-H"),
                  QStringLiteral("Content-Type: text/plain"), QStringLiteral("--data-binary"),
                  QLatin1Char('@') + file, http("/anything")});
        QCOMPARE(echoed.status(), 200);
        QCOMPARE(echoed.json().value("data").toString().size(), upload.size());
        QVERIFY(echoed.headers.value("x-demo-request-frames").toInt() > 1);

        const CurlAnswer download = curl({QStringLiteral("--http2"), https("/bytes/5000000")});
        QCOMPARE(download.status(), 200);
        QCOMPARE(download.body.size(), 5000000);
        QCOMPARE(download.headers.value("content-length"), QByteArray("5000000"));
    }

    void headersAndOtherRoutes()
    {
        const CurlAnswer custom = curl(
            {QStringLiteral("--http2-prior-knowledge"), http("/response-headers?X-Custom=abc")});
        QCOMPARE(custom.headers.value("x-custom"), QByteArray("abc"));

        const CurlAnswer head =
            curl({QStringLiteral("--http2-prior-knowledge"), QStringLiteral("-I"), http("/get")});
        QCOMPARE(head.status(), 200);
        QVERIFY(head.body.isEmpty());

        const CurlAnswer missing =
            curl({QStringLiteral("--http2-prior-knowledge"), http("/status/404")});
        QCOMPARE(missing.statusLine, QByteArray("HTTP/2 404"));

        const CurlAnswer lines =
            curl({QStringLiteral("--http2-prior-knowledge"), http("/stream/3?interval=5")});
        QCOMPARE(lines.status(), 200);
        QCOMPARE(lines.body.count('\n'), 3);

        const CurlAnswer gzip =
            curl({QStringLiteral("--http2"), QStringLiteral("--compressed"), https("/gzip")});
        QCOMPARE(gzip.status(), 200);
        QCOMPARE(gzip.json().value("gzipped").toBool(), true);
    }

    void manyStreamsShareOneConnection()
    {
        QStringList urls;
        for (int i = 0; i < 5; ++i)
            urls << http(QStringLiteral("/get?i=%1").arg(i));
        const Run run = nghttp(urls);
        QCOMPARE(run.exitCode, 0);
        const auto streams = nghttpStreams(run.out);
        QCOMPARE(int(streams.size()), 5);
        QSet<QByteArray> connections;
        QSet<int> indexes;
        for (const auto &[id, fields] : streams) {
            QCOMPARE(fields.value(":status"), QByteArray("200"));
            QCOMPARE(fields.value("x-demo-stream").toInt(), id);
            connections.insert(fields.value("x-demo-connection"));
            indexes.insert(fields.value("x-demo-connection-request").toInt());
        }
        QCOMPARE(connections.size(), 1);
        QCOMPARE(indexes, (QSet<int>{1, 2, 3, 4, 5}));
    }

    void resetRoute()
    {
        const Run run = nghttp({http("/h2/reset?code=8")});
        QVERIFY2(run.out.contains("recv RST_STREAM"), run.out.constData());
        QVERIFY2(run.out.contains("error_code=CANCEL(0x08)"), run.out.constData());
        const Run internal = nghttp({http("/h2/reset")});
        QVERIFY2(internal.out.contains("error_code=INTERNAL_ERROR(0x02)"),
                 internal.out.constData());
    }

    void refuseRouteCountsPerKey()
    {
        const QString url = http("/h2/refuse?key=tst-refuse&times=2");
        for (int i = 0; i < 2; ++i) {
            const Run run = nghttp({url});
            QVERIFY2(run.out.contains("error_code=REFUSED_STREAM(0x07)"), run.out.constData());
        }
        const Run served = nghttp({url});
        QVERIFY2(!served.out.contains("RST_STREAM"), served.out.constData());
        const auto streams = nghttpStreams(served.out);
        QCOMPARE(int(streams.size()), 1);
        QCOMPARE(streams.begin()->second.value(":status"), QByteArray("200"));
    }

    void goawayRouteNamesItsStreamTheLast()
    {
        const Run run = nghttp({http("/h2/goaway")});
        QCOMPARE(run.exitCode, 0);
        const auto streams = nghttpStreams(run.out);
        QCOMPARE(int(streams.size()), 1);
        const int id = streams.begin()->first;
        QCOMPARE(streams.begin()->second.value(":status"), QByteArray("200"));
        QVERIFY2(run.out.contains("recv GOAWAY"), run.out.constData());
        QVERIFY2(
            run.out.contains(
                QStringLiteral("last_stream_id=%1, error_code=NO_ERROR(0x00)").arg(id).toLatin1()),
            run.out.constData());
    }

    void settingsRouteLowersMaxStreams()
    {
        const Run run = nghttp({http("/h2/settings?max-streams=3")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("[SETTINGS_MAX_CONCURRENT_STREAMS(0x03):100]"),
                 run.out.constData());
        QVERIFY2(run.out.contains("[SETTINGS_MAX_CONCURRENT_STREAMS(0x03):3]"),
                 run.out.constData());
    }

    void http2RoutesRefuseHttp1()
    {
        for (const QString &path :
             {QStringLiteral("/h2/reset"), QStringLiteral("/h2/refuse?key=h1&times=1"),
              QStringLiteral("/h2/goaway"), QStringLiteral("/h2/settings?max-streams=1")}) {
            const CurlAnswer a = curl({QStringLiteral("--http1.1"), http(path)});
            QCOMPARE(a.status(), 400);
            QVERIFY2(a.json().value("error").toString().startsWith(QLatin1String("HTTP/2 only")),
                     a.body.constData());
        }
    }

    void http1StillServedOnBothPorts()
    {
        for (const QString &url : {http("/get"), https("/get")}) {
            const CurlAnswer a = curl({QStringLiteral("--http1.1"), url});
            QCOMPARE(a.statusLine, QByteArray("HTTP/1.1 200 OK"));
            QVERIFY(a.headers.value("X-Demo-Connection").toInt() > 0);
            QVERIFY(!a.headers.contains("X-Demo-Stream"));
        }
        // A request line starting like the preface is still HTTP/1.1's to answer.
        const CurlAnswer p = curl({QStringLiteral("--http1.1"), QStringLiteral("-X"),
                                   QStringLiteral("PRI"), http("/anything")});
        QCOMPARE(p.statusLine, QByteArray("HTTP/1.1 200 OK"));
    }

    void optionsShapeTheSession()
    {
        DemoServer::Options options = m_certificates.demoOptions();
        options.h2MaxConcurrentStreams = 7;
        options.h2InitialWindowSize = 1;
        DemoServerThread tight;
        QString error;
        QVERIFY2(tight.start(options, &error), qPrintable(error));
        // A client may send up to the default window (65,535) before our SETTINGS arrive:
        // the 300 bytes past it crawl.
        const QString file = writeFile(QStringLiteral("window.txt"), QByteArray(65535 + 300, 'x'));
        const Run run = nghttp({QStringLiteral("-d"), file, tight.httpUrl("/post").toString()});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("[SETTINGS_MAX_CONCURRENT_STREAMS(0x03):7]"),
                 run.out.constData());
        QVERIFY2(run.out.contains("[SETTINGS_INITIAL_WINDOW_SIZE(0x04):1]"), run.out.constData());
        const auto streams = nghttpStreams(run.out);
        QVERIFY2(streams.size() == 1,
                 (run.out.right(3000) + run.err + QByteArray::number(run.exitCode)).constData());
        // A 1-byte window: a DATA frame for each of those bytes.
        const int frames = streams.begin()->second.value("x-demo-request-frames").toInt();
        QVERIFY2(frames >= 300, qPrintable(QString::number(frames)));
    }

    void faultsOfHttp1AnswerTheHttp2Way()
    {
        // Connection: close becomes a GOAWAY after the answer.
        const Run close = nghttp({http("/fault/close")});
        QVERIFY2(close.out.contains("recv GOAWAY"), close.out.constData());
        const auto streams = nghttpStreams(close.out);
        QCOMPARE(int(streams.size()), 1);
        QCOMPARE(streams.begin()->second.value(":status"), QByteArray("200"));
        // A reset still breaks the whole connection, half-way through the body.
        const Run reset =
            runTool(m_curl, {QStringLiteral("-sS"), QStringLiteral("--http2-prior-knowledge"),
                             http("/fault/reset")});
        QVERIFY2(reset.exitCode != 0, reset.out.constData());
    }

    void qtsOwnClientTakesHttp2ByAlpn()
    {
        // What risk 10 of the plan is about: Qt's path asks for h2, and now gets it.
        QNetworkAccessManager manager;
        QNetworkRequest request(m_service.httpsUrl().resolved(QUrl(QStringLiteral("/get"))));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificates(m_certificates.caCertificates());
        request.setSslConfiguration(configuration);
        std::unique_ptr<QNetworkReply> reply(manager.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
        QVERIFY(!reply->rawHeader("x-demo-stream").isEmpty());
    }

    void settingsCanBeWithheld()
    {
        // For a client's settings timeout: the connection is HTTP/2 but never says so.
        DemoServer::Options options;
        options.h2SendSettings = false;
        DemoServerThread silent;
        QString error;
        QVERIFY2(silent.start(options, &error), qPrintable(error));
        const Run run =
            runTool(m_nghttp, {QStringLiteral("-nv"), QStringLiteral("-t"), QStringLiteral("300ms"),
                               silent.httpUrl("/get").toString()});
        QVERIFY2(run.out.contains("send HEADERS"), run.out.constData());
        QVERIFY2(!run.out.contains("recv "), run.out.constData());
    }

    void http2CanBeTurnedOff()
    {
        DemoServer::Options options = m_certificates.demoOptions();
        options.http2 = false;
        DemoServerThread h1only;
        QString error;
        QVERIFY2(h1only.start(options, &error), qPrintable(error));
        const QString url = h1only.httpsUrl().resolved(QUrl(QStringLiteral("/get"))).toString();
        const CurlAnswer a = curl({QStringLiteral("--http2"), url});
        QCOMPARE(a.statusLine, QByteArray("HTTP/1.1 200 OK"));
    }
};

QTEST_GUILESS_MAIN(tst_DemoHttp2)
#include "tst_demohttp2.moc"
