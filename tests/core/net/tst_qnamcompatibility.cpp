// Code that only knows QNetworkAccessManager must not notice our engine. Every test here is
// written against the plain QNAM API and runs twice: on Qt's own QNetworkAccessManager and
// on HttpClient, against the demo service over loopback.
#include "demo/demoserverthread.h"
#include "net/enginereply.h"
#include "net/httpclient.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <unistd.h>

using namespace mr;

class tst_QnamCompatibility : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;
    std::unique_ptr<QNetworkAccessManager> m_manager;

    QNetworkRequest request(const QString &pathAndQuery) const
    {
        QNetworkRequest r(QUrl(m_service.httpUrl().toString() + pathAndQuery));
        r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        return r;
    }

    static bool waitFor(QNetworkReply *reply, int ms = 10000)
    {
        if (reply->isFinished())
            return true;
        QSignalSpy finished(reply, &QNetworkReply::finished);
        return finished.wait(ms);
    }

    static QJsonObject json(QNetworkReply *reply)
    {
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<bool>("ours");
        QTest::newRow("QNetworkAccessManager") << false;
        QTest::newRow("HttpClient") << true;
    }

    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    void init()
    {
        QFETCH_GLOBAL(bool, ours);
        m_manager.reset(ours ? new HttpClient : new QNetworkAccessManager);
        m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }

    void cleanup() { m_manager.reset(); }

    void servedByTheEngine()
    {
        QFETCH_GLOBAL(bool, ours);
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/get")));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(qobject_cast<EngineReply *>(reply.get()) != nullptr, ours);
    }

    void getReadsBodyHeadersAndSignals()
    {
        QSignalSpy managerFinished(m_manager.get(), &QNetworkAccessManager::finished);
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/json")));
        QSignalSpy metaData(reply.get(), &QNetworkReply::metaDataChanged);
        QSignalSpy readyRead(reply.get(), &QNetworkReply::readyRead);
        QSignalSpy progress(reply.get(), &QNetworkReply::downloadProgress);
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(managerFinished.count(), 1);
        QCOMPARE(managerFinished.first().first().value<QNetworkReply *>(), reply.get());
        QVERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
                 QByteArray("OK"));
        QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
                 QStringLiteral("application/json"));
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        QVERIFY(length > 0);
        QVERIFY(reply->hasRawHeader("x-demo-connection"));
        QVERIFY(metaData.count() >= 1);
        QVERIFY(readyRead.count() >= 1);
        QVERIFY(progress.count() >= 1);
        QCOMPARE(progress.last().at(0).toLongLong(), length);
        QCOMPARE(reply->bytesAvailable(), length);
        QVERIFY(json(reply.get()).contains("slideshow"));
        QCOMPARE(reply->bytesAvailable(), 0);
    }

    void postPutPatchDeleteHead()
    {
        QNetworkRequest post = request("/post");
        post.setHeader(QNetworkRequest::ContentTypeHeader,
                       QStringLiteral("application/x-www-form-urlencoded"));
        std::unique_ptr<QNetworkReply> reply(m_manager->post(post, QByteArray("a=1&b=two")));
        QSignalSpy upload(reply.get(), &QNetworkReply::uploadProgress);
        QVERIFY(waitFor(reply.get()));
        QJsonObject echo = json(reply.get());
        QCOMPARE(echo.value("form").toObject().value("b").toString(), QStringLiteral("two"));
        QCOMPARE(echo.value("headers").toObject().value("Content-Length").toString(),
                 QStringLiteral("9"));
        QVERIFY(upload.contains(QVariantList{qint64(9), qint64(9)}));

        reply.reset(m_manager->put(request("/put"), QByteArray("text")));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(json(reply.get()).value("data").toString(), QStringLiteral("text"));

        reply.reset(
            m_manager->sendCustomRequest(request("/patch"), "PATCH", QByteArray("{\"x\":1}")));
        QVERIFY(waitFor(reply.get()));
        echo = json(reply.get());
        QCOMPARE(echo.value("method").toString(), QStringLiteral("PATCH"));
        QCOMPARE(echo.value("json").toObject().value("x").toInt(), 1);

        reply.reset(m_manager->deleteResource(request("/delete")));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(json(reply.get()).value("method").toString(), QStringLiteral("DELETE"));

        reply.reset(m_manager->head(request("/json/1000")));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), 1000);
        QCOMPARE(reply->readAll(), QByteArray());
    }

    void sequentialBodyIsReadToItsEnd()
    {
        QProcess producer;
        producer.start(
            QStringLiteral("sh"),
            {QStringLiteral("-c"), QStringLiteral("printf first; sleep 0.2; printf ' second'")});
        QVERIFY(producer.waitForStarted());
        QNetworkRequest post = request("/post");
        post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
        std::unique_ptr<QNetworkReply> reply(m_manager->post(post, &producer));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(json(reply.get()).value("data").toString(), QStringLiteral("first second"));
        producer.waitForFinished();
    }

    void emptyPostSendsContentLengthZero()
    {
        std::unique_ptr<QNetworkReply> reply(m_manager->post(request("/post"), QByteArray()));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(json(reply.get()).value("headers").toObject().value("Content-Length").toString(),
                 QStringLiteral("0"));
    }

    void httpErrorStatuses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QNetworkReply::NetworkError>("error");
        QTest::newRow("400") << 400 << QNetworkReply::ProtocolInvalidOperationError;
        QTest::newRow("403") << 403 << QNetworkReply::ContentAccessDenied;
        QTest::newRow("404") << 404 << QNetworkReply::ContentNotFoundError;
        QTest::newRow("405") << 405 << QNetworkReply::ContentOperationNotPermittedError;
        QTest::newRow("409") << 409 << QNetworkReply::ContentConflictError;
        QTest::newRow("410") << 410 << QNetworkReply::ContentGoneError;
        QTest::newRow("418") << 418 << QNetworkReply::ProtocolInvalidOperationError;
        QTest::newRow("422") << 422 << QNetworkReply::UnknownContentError;
        QTest::newRow("500") << 500 << QNetworkReply::InternalServerError;
        QTest::newRow("501") << 501 << QNetworkReply::OperationNotImplementedError;
        QTest::newRow("502") << 502 << QNetworkReply::UnknownServerError;
        QTest::newRow("503") << 503 << QNetworkReply::ServiceUnavailableError;
    }

    void httpErrorStatuses()
    {
        QFETCH(int, status);
        QFETCH(QNetworkReply::NetworkError, error);
        std::unique_ptr<QNetworkReply> reply(
            m_manager->get(request("/status/" + QString::number(status))));
        QSignalSpy errors(reply.get(), &QNetworkReply::errorOccurred);
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(reply->error(), error);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
        QVERIFY(reply->errorString().contains(QLatin1String("server replied")));
    }

    void redirectIsReportedWithManualPolicy()
    {
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/redirect/2")));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
        QCOMPARE(reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl(),
                 QUrl("/redirect/1"));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }

    void repeatedSetCookieIsJoinedWithNewlines()
    {
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/cookies/set?a=1&b=2")));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(reply->rawHeader("Set-Cookie"), QByteArray("a=1; Path=/\nb=2; Path=/"));
        QCOMPARE(
            reply->header(QNetworkRequest::SetCookieHeader).value<QList<QNetworkCookie>>().size(),
            2);
    }

    void abortCancels()
    {
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/delay/3000")));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QSignalSpy errors(reply.get(), &QNetworkReply::errorOccurred);
        QTest::qWait(50);
        reply->abort();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QVERIFY(reply->isFinished());
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1); // and never again
    }

    void abortOrDeleteRightAway()
    {
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/get")));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        reply->abort();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        delete m_manager->get(request("/get")); // deleted before it ever started
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
    }

    void abortFromASlotEndsEverything()
    {
        QSignalSpy managerFinished(m_manager.get(), &QNetworkAccessManager::finished);
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/uuid")));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        connect(reply.get(), &QNetworkReply::metaDataChanged, reply.get(), &QNetworkReply::abort);
        QTRY_COMPARE(finished.count(), 1);
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(managerFinished.count(), 1);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    }

    void lastProgressNamesTheTotal()
    {
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/stream/3")));
        QSignalSpy progress(reply.get(), &QNetworkReply::downloadProgress);
        QSignalSpy channelFinished(reply.get(), &QNetworkReply::readChannelFinished);
        QList<int> order;
        connect(reply.get(), &QNetworkReply::readChannelFinished, this, [&] { order.append(1); });
        connect(reply.get(), &QNetworkReply::finished, this, [&] { order.append(2); });
        QVERIFY(waitFor(reply.get()));
        const qint64 size = reply->bytesAvailable();
        QVERIFY(size > 0);
        QCOMPARE(progress.last().at(0).toLongLong(), size);
        QCOMPARE(progress.last().at(1).toLongLong(), size);
        QCOMPARE(channelFinished.count(), 1);
        QCOMPARE(order, QList<int>({1, 2}));
    }

    void closingAFinishedReplyKeepsItsData()
    {
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/json")));
        QVERIFY(waitFor(reply.get()));
        reply->close();
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }

    void bodyFromAPipe()
    {
        QFETCH_GLOBAL(bool, ours);
        if (!ours)
            QSKIP("Qt 6.4's own QNAM never finishes a request whose body is a QFile on a pipe");
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        const QByteArray payload = "from a pipe";
        QCOMPARE(::write(fds[1], payload.constData(), size_t(payload.size())),
                 ssize_t(payload.size()));
        ::close(fds[1]);
        QFile pipe;
        QVERIFY(pipe.open(fds[0], QIODevice::ReadOnly, QFileDevice::AutoCloseHandle));
        QVERIFY(pipe.isSequential());
        std::unique_ptr<QNetworkReply> reply(m_manager->post(request("/post"), &pipe));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(json(reply.get()).value("data").toString(), QString::fromLatin1(payload));
    }

    void transferTimeoutCancels()
    {
        QNetworkRequest slow = request("/delay/3000");
        slow.setTransferTimeout(200);
        std::unique_ptr<QNetworkReply> reply(m_manager->get(slow));
        QVERIFY(waitFor(reply.get()));
        // A published difference: QNAM cancels, we say which timeout fired.
        QFETCH_GLOBAL(bool, ours);
        QCOMPARE(reply->error(),
                 ours ? QNetworkReply::TimeoutError : QNetworkReply::OperationCanceledError);
        if (ours)
            QVERIFY(reply->errorString().startsWith(QLatin1String("Inactivity timeout")));
    }

    void managerTransferTimeout()
    {
        m_manager->setTransferTimeout(200);
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/delay/3000")));
        QVERIFY(waitFor(reply.get()));
        QFETCH_GLOBAL(bool, ours);
        QCOMPARE(reply->error(),
                 ours ? QNetworkReply::TimeoutError : QNetworkReply::OperationCanceledError);
    }

    void redirectsFollowedByDefaultPolicy()
    {
        m_manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/redirect/3")));
        QSignalSpy redirected(reply.get(), &QNetworkReply::redirected);
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(redirected.count(), 3);
        QCOMPARE(reply->url().path(), QStringLiteral("/get"));
        QCOMPARE(json(reply.get()).value("url").toString(),
                 m_service.httpUrl().toString() + "/get");
    }

    void cookiesGoThroughTheJar()
    {
        m_manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/cookies/set?flavour=oat")));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(json(reply.get()).value("cookies").toObject().value("flavour").toString(),
                 QStringLiteral("oat"));
        QCOMPARE(m_manager->cookieJar()->cookiesForUrl(m_service.httpUrl()).size(), 1);
    }

    void decodesWhatItAskedFor_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("gzip") << "/gzip";
        QTest::newRow("deflate") << "/deflate";
        QTest::newRow("brotli") << "/brotli";
        QTest::newRow("zstd") << "/zstd";
    }

    void decodesWhatItAskedFor()
    {
        QFETCH(QString, path);
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request(path)));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(!json(reply.get()).isEmpty());
        QVERIFY(!reply->hasRawHeader("Content-Length")); // both drop it after decoding
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        std::unique_ptr<QNetworkReply> reply(m_manager->get(
            QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)))));
        QVERIFY(waitFor(reply.get()));
        QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
    }

    void hostNotFound()
    {
        std::unique_ptr<QNetworkReply> reply(
            m_manager->get(QNetworkRequest(QUrl("http://no-such-host.invalid/"))));
        QVERIFY(waitFor(reply.get(), 30000));
        QCOMPARE(reply->error(), QNetworkReply::HostNotFoundError);
    }

    void autoDeleteReplies()
    {
        m_manager->setAutoDeleteReplies(true);
        QPointer<QNetworkReply> reply = m_manager->get(request("/uuid"));
        QTRY_VERIFY(reply.isNull());
    }

    void streamingBodyArrivesInPieces()
    {
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/stream/10?interval=20")));
        QSignalSpy readyRead(reply.get(), &QNetworkReply::readyRead);
        QVERIFY(waitFor(reply.get()));
        QVERIFY2(readyRead.count() >= 2, qPrintable(QString::number(readyRead.count())));
        QCOMPARE(reply->readAll().count('\n'), 10);
    }

    void largeBody()
    {
        std::unique_ptr<QNetworkReply> reply(m_manager->get(request("/bytes/5000000?seed=3")));
        qint64 read = 0;
        connect(reply.get(), &QNetworkReply::readyRead, this,
                [&] { read += reply->readAll().size(); });
        QVERIFY(waitFor(reply.get()));
        read += reply->readAll().size();
        QCOMPARE(read, 5000000);
    }

    void requestHeadersArriveAsSet()
    {
        QNetworkRequest r = request("/headers");
        r.setRawHeader("X-Custom", "one");
        r.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("compat-test/1"));
        std::unique_ptr<QNetworkReply> reply(m_manager->get(r));
        QVERIFY(waitFor(reply.get()));
        const QJsonObject headers = json(reply.get()).value("headers").toObject();
        QCOMPARE(headers.value("X-Custom").toString(), QStringLiteral("one"));
        QCOMPARE(headers.value("User-Agent").toString(), QStringLiteral("compat-test/1"));
        QCOMPARE(headers.value("Host").toString(), m_service.httpUrl().authority());
    }
};

QTEST_GUILESS_MAIN(tst_QnamCompatibility)
#include "tst_qnamcompatibility.moc"
