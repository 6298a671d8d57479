#include "net/origin.h"
#include "net/requestwriter.h"

#include <QTest>

using namespace mr;

class tst_RequestWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostHeader_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<QString>("origin");
        QTest::newRow("default http port")
            << QUrl("http://Example.COM/x") << QByteArray("example.com") << "example.com:80";
        QTest::newRow("other port")
            << QUrl("http://127.0.0.1:8080/") << QByteArray("127.0.0.1:8080") << "127.0.0.1:8080";
        QTest::newRow("https default")
            << QUrl("https://api.test/") << QByteArray("api.test") << "https://api.test:443";
        QTest::newRow("IPv6 literal")
            << QUrl("http://[::1]:8080/") << QByteArray("[::1]:8080") << "[::1]:8080";
        QTest::newRow("IDN") << QUrl("http://bücher.example/")
                             << QByteArray("xn--bcher-kva.example") << "xn--bcher-kva.example:80";
    }

    void hostHeader()
    {
        QFETCH(QUrl, url);
        QFETCH(QByteArray, host);
        QFETCH(QString, origin);
        QCOMPARE(Origin::fromUrl(url).hostHeader(), host);
        QCOMPARE(Origin::fromUrl(url).toString(), origin);
    }

    void requestHead()
    {
        TransferRequest request;
        request.method = "POST";
        request.url = QUrl("http://127.0.0.1:9/path/a%20b?q=1&r=%2F#fragment");
        request.origin = Origin::fromUrl(request.url);
        request.headers.append("Content-Type", "application/json");
        request.headers.append("Content-Length", "999"); // the engine owns framing
        request.headers.append("Connection", "keep-alive");
        request.body = "{}";
        request.hasBody = true;
        QCOMPARE(RequestWriter::head(request, true),
                 QByteArray("POST /path/a%20b?q=1&r=%2F HTTP/1.1\r\nHost: 127.0.0.1:9\r\n"
                            "Content-Type: application/json\r\nConnection: keep-alive\r\n"
                            "Content-Length: 2\r\n\r\n"));
        QCOMPARE(RequestWriter::head(request, false),
                 QByteArray("POST /path/a%20b?q=1&r=%2F HTTP/1.1\r\nHost: 127.0.0.1:9\r\n"
                            "Content-Type: application/json\r\nContent-Length: 2\r\n"
                            "Connection: close\r\n\r\n"));
        request.url = QUrl("http://h");
        request.method = "GET";
        request.hasBody = false;
        request.headers = HttpHeaders();
        request.headers.append("Host", "override.test");
        QCOMPARE(RequestWriter::head(request, true),
                 QByteArray("GET / HTTP/1.1\r\nHost: override.test\r\n\r\n"));
        QCOMPARE(RequestWriter::target(QUrl("http://h?x=1")), QByteArray("/?x=1"));
    }
};

QTEST_APPLESS_MAIN(tst_RequestWriter)
#include "tst_requestwriter.moc"
