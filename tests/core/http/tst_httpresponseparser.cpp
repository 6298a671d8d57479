#include "http/httpresponseparser.h"

#include <QTest>

using namespace mr;

namespace {

struct Parsed {
    HttpResponseParser parser;
    QList<HttpResponseHead> informational;
    QByteArray body;
    bool headReady = false;
    bool complete = false;
    qsizetype used = 0;
};

// Feeds the input in pieces of `step` bytes (0: all at once), then the close when asked.
void run(Parsed &p, const QByteArray &input, qsizetype step, bool closeAfter)
{
    const qsizetype chunk = step > 0 ? step : qMax<qsizetype>(1, input.size());
    for (qsizetype i = 0; i < input.size() && !p.parser.isComplete() && !p.parser.hasError();
         i += chunk) {
        HttpResponseParser::Output out;
        p.used +=
            p.parser.feed(QByteArrayView(input).sliced(i, qMin(chunk, input.size() - i)), &out);
        p.informational += out.informational;
        p.body += out.body;
        p.headReady = p.headReady || out.headReady;
        p.complete = p.complete || out.complete;
    }
    if (closeAfter && !p.parser.isComplete() && !p.parser.hasError()) {
        HttpResponseParser::Output out;
        p.parser.finishOnClose(&out);
        p.complete = p.complete || out.complete;
    }
}

} // namespace

class tst_HttpResponseParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void framing_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("head");
        QTest::addColumn<bool>("closeAfter");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("keepAlive");
        QTest::addColumn<int>("leftover");
        QTest::newRow("content-length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloNEXT") << false << false
            << 200 << QByteArray("hello") << true << 4;
        QTest::newRow("chunked with trailers")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n")
            << false << false << 200 << QByteArray("abcde") << true << 0;
        QTest::newRow("close-delimited")
            << QByteArray("HTTP/1.1 200 OK\r\n\r\nuntil the end") << false << true << 200
            << QByteArray("until the end") << false << 0;
        QTest::newRow("HEAD ignores Content-Length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n") << true << false << 200
            << QByteArray() << true << 0;
        QTest::newRow("204") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false << false
                             << 204 << QByteArray() << true << 0;
        QTest::newRow("304") << QByteArray(
                                    "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n")
                             << false << false << 304 << QByteArray() << true << 0;
        QTest::newRow("1xx then 200")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: "
                          "</a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            << false << false << 200 << QByteArray("ok") << true << 0;
        QTest::newRow("empty body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                                    << false << false << 200 << QByteArray() << true << 0;
        QTest::newRow("Connection: close")
            << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx")
            << false << false << 200 << QByteArray("x") << false << 0;
        QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx")
                                  << false << false << 200 << QByteArray("x") << false << 0;
        QTest::newRow("HTTP/1.0 keep-alive")
            << QByteArray("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx")
            << false << false << 200 << QByteArray("x") << true << 0;
        QTest::newRow("no reason phrase") << QByteArray("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n")
                                          << false << false << 404 << QByteArray() << true << 0;
        QTest::newRow("transfer-encoding beats length, and closes")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n")
            << false << false << 200 << QByteArray("z") << false << 0;
        QTest::newRow("stray CRLF before status")
            << QByteArray("\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\ny") << false << false
            << 200 << QByteArray("y") << true << 0;
    }

    void framing()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, head);
        QFETCH(bool, closeAfter);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, keepAlive);
        QFETCH(int, leftover);
        for (qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
            Parsed p;
            p.parser.setHeadRequest(head);
            run(p, input, step, closeAfter);
            QVERIFY2(p.parser.isComplete(), qPrintable(p.parser.errorString()));
            QVERIFY(p.headReady && p.complete);
            QCOMPARE(p.parser.head().status, status);
            QCOMPARE(p.body, body);
            QCOMPARE(p.parser.keepAlive(), keepAlive);
            QCOMPARE(input.size() - p.used, qsizetype(leftover));
        }
    }

    void detailsAreKept()
    {
        Parsed p;
        run(p,
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created Now\r\nA: 1\r\na: "
            "2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Check: done\r\n\r\n",
            0, false);
        QCOMPARE(p.informational.size(), 1);
        QCOMPARE(p.informational.first().status, 100);
        QCOMPARE(p.parser.head().reasonPhrase, QByteArray("Created Now"));
        QCOMPARE(p.parser.head().headers.values("a"), QList<QByteArray>({"1", "2"}));
        QCOMPARE(p.parser.trailers().value("X-Check"), QByteArray("done"));
        QCOMPARE(p.parser.contentLength(), -1);
    }

    void manyHeaders()
    {
        QByteArray input = "HTTP/1.1 200 OK\r\n";
        for (int i = 0; i < 200; ++i)
            input +=
                "X-Header-" + QByteArray::number(i) + ": value " + QByteArray::number(i) + "\r\n";
        input += "Content-Length: 0\r\n\r\n";
        Parsed p;
        run(p, input, 13, false);
        QVERIFY(p.parser.isComplete());
        QCOMPARE(p.parser.head().headers.size(), 201);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("closeAfter");
        QTest::addColumn<QString>("message");
        QTest::newRow("garbage") << QByteArray("<html>oops</html>\r\n\r\n") << false
                                 << "malformed status line";
        QTest::newRow("HTTP/2 preface") << QByteArray("HTTP/2 200\r\n\r\n") << false << "HTTP/2";
        QTest::newRow("bad status code")
            << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << false << "malformed status line";
        QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")
                                    << false << "invalid Content-Length";
        QTest::newRow("conflicting lengths")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            << false << "invalid Content-Length";
        QTest::newRow("bad header") << QByteArray("HTTP/1.1 200 OK\r\nno colon\r\n\r\n") << false
                                    << "malformed response header";
        QTest::newRow("bad chunk")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n") << false
            << "invalid chunk size";
        QTest::newRow("101") << QByteArray("HTTP/1.1 101 Switching Protocols\r\n\r\n") << false
                             << "switched protocols";
        QTest::newRow("truncated body")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << true
            << "after 3 of 10 body bytes";
        QTest::newRow("truncated chunks")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab") << true
            << "before the last chunk";
        QTest::newRow("no response") << QByteArray() << true << "without responding";
        QTest::newRow("truncated head")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-") << true << "middle of the response head";
        QTest::newRow("huge head")
            << "HTTP/1.1 200 OK\r\nX: " + QByteArray(300 * 1024, 'a') << false << "too large";
    }

    void errors()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, closeAfter);
        QFETCH(QString, message);
        Parsed p;
        run(p, input, 0, closeAfter);
        QVERIFY(p.parser.hasError());
        QVERIFY2(p.parser.errorString().contains(message), qPrintable(p.parser.errorString()));
        QVERIFY(!p.parser.keepAlive());
    }
};

QTEST_APPLESS_MAIN(tst_HttpResponseParser)
#include "tst_httpresponseparser.moc"
