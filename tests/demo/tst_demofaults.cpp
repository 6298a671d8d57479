// The demo service's faults over real loopback sockets, as the engine's tests rely on them:
// dropped, closed, truncated and reset answers, slow headers, flaky endpoints, the idle
// timeout, and malformed requests refused with a 4xx.
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

class tst_DemoFaults : public DemoServerFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(startService(&error), qPrintable(error));
    }

    void faultDropClosesWithoutAnswer()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.sendRequest("GET", "/fault/drop"));
        QVERIFY(c.waitForClose());
        QVERIFY(c.pendingBytes().isEmpty());
    }

    void faultCloseAnswersThenCloses()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.sendRequest("GET", "/fault/close"));
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->headers.value("Connection"), QByteArray("close"));
        QVERIFY(c.waitForClose());
    }

    void faultTruncateSendsLessThanPromised()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.sendRequest("GET", "/fault/truncate"));
        QVERIFY(!c.readResponse()); // the body never completes
        QVERIFY(c.waitForClose());
    }

    void faultResetSendsRst()
    {
        // A plain socket tells a reset (ECONNRESET) from a normal close (read returns 0).
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(quint16(m_base.port()));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        const QByteArray request = "GET /fault/reset HTTP/1.1\r\nHost: x\r\n\r\n";
        QCOMPARE(::write(fd, request.constData(), size_t(request.size())), ssize_t(request.size()));
        QByteArray received;
        char buffer[4096];
        ssize_t n = 0;
        int readErrno = 0;
        while (true) {
            n = ::read(fd, buffer, sizeof buffer);
            if (n <= 0) {
                readErrno = errno;
                break;
            }
            received.append(buffer, n);
        }
        ::close(fd);
        QCOMPARE(n, ssize_t(-1));
        QCOMPARE(readErrno, ECONNRESET);
        QVERIFY(received.startsWith("HTTP/1.1 200 OK"));
        const qsizetype headEnd = received.indexOf("\r\n\r\n");
        const qint64 promised = received.mid(received.indexOf("Content-Length: ") + 16)
                                    .split('\r')
                                    .first()
                                    .toLongLong();
        QVERIFY(received.size() - headEnd - 4 < promised);
    }

    void faultSlowHeaders()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(c.sendRequest("GET", "/fault/slow-headers/400"));
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY(timer.elapsed() >= 390);
    }

    void faultFlakyFailsThenSucceeds()
    {
        const QByteArray target =
            "/fault/flaky/2?key=" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        for (int expected : {503, 503, 200, 200}) {
            QVERIFY(c.sendRequest("GET", target));
            const auto r = c.readResponse();
            QVERIFY(r);
            QCOMPARE(r->status, expected);
            if (expected == 503)
                QCOMPARE(r->headers.value("Retry-After"), QByteArray("1"));
        }
    }

    void idleTimeoutClosesIdleConnections()
    {
        DemoServerThread service;
        DemoServer::Options options;
        options.idleTimeoutMs = 150;
        QString error;
        QVERIFY(service.start(options, &error));
        RawHttpConnection c;
        QVERIFY(c.connectTo(service.httpUrl()));
        QVERIFY(c.sendRequest("GET", "/delay/300")); // busy longer than the idle timeout
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY(c.waitForClose(5000));
        // The default service keeps connections open.
        RawHttpConnection kept;
        QVERIFY(kept.connectTo(m_base));
        QVERIFY(kept.sendRequest("GET", "/get"));
        QVERIFY(kept.readResponse());
        QVERIFY(!kept.waitForClose(400));
    }

    void malformedRequestsGet4xxAndClose_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("no version") << QByteArray("GET /get\r\n\r\n") << 400;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nNo colon here\r\n\r\n") << 400;
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
        QTest::newRow("bad length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n") << 400;
        QTest::newRow("two lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            << 400;
        QTest::newRow("length and chunked")
            << QByteArray(
                   "POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
            << 400;
        QTest::newRow("gzip transfer coding")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
        QTest::newRow("bad chunk")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
        QTest::newRow("huge head")
            << "GET / HTTP/1.1\r\nX-Big: " + QByteArray(70000, 'a') + "\r\n\r\n"
            << 431;
    }

    void malformedRequestsGet4xxAndClose()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_base));
        QVERIFY(c.send(request));
        const auto r = c.readResponse();
        QVERIFY2(r, qPrintable(c.lastError()));
        QCOMPARE(r->status, status);
        QCOMPARE(r->headers.value("Connection"), QByteArray("close"));
        QVERIFY(c.waitForClose());
        // The service lives on.
        QCOMPARE(get("/get").status, 200);
    }
};

QTEST_GUILESS_MAIN(tst_DemoFaults)
#include "tst_demofaults.moc"
