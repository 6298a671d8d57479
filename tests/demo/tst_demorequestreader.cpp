#include "demo/demorequestreader.h"

#include <QTest>

using namespace mr;

class tst_DemoRequestReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsRequestSplitAnywhere()
    {
        const QByteArray input = "\r\nPOST /anything/a%20b?x=1&y=%C3%A9 HTTP/1.1\r\nHost: h\r\n"
                                 "Content-Length: 5\r\n\r\nhelloGET / HTTP/1.0\r\n\r\n";
        for (qsizetype split = 1; split < input.size(); ++split) {
            DemoRequestReader reader;
            QByteArray buffer = input.left(split);
            DemoRequestReader::Status status = reader.read(&buffer);
            buffer += input.mid(split);
            if (status != DemoRequestReader::Status::Ready) {
                QCOMPARE(status, DemoRequestReader::Status::NeedMore);
                status = reader.read(&buffer);
            }
            QVERIFY2(status == DemoRequestReader::Status::Ready,
                     qPrintable(QString::number(split)));
            const DemoRequest request = reader.takeRequest();
            QCOMPARE(request.method, QByteArray("POST"));
            QCOMPARE(request.path, QStringLiteral("/anything/a b"));
            QCOMPARE(request.query.queryItemValue("y", QUrl::FullyDecoded), QString::fromUtf8("é"));
            QCOMPARE(request.body, QByteArray("hello"));
            QVERIFY(request.wantsKeepAlive());
            // The next request is still in the buffer.
            QCOMPARE(reader.read(&buffer), DemoRequestReader::Status::Ready);
            const DemoRequest next = reader.takeRequest();
            QCOMPARE(next.minorVersion, 0);
            QVERIFY(!next.wantsKeepAlive());
            QVERIFY(buffer.isEmpty());
        }
    }

    void absoluteFormTarget()
    {
        DemoRequestReader reader;
        QByteArray buffer = "GET http://example.com/p?q=1 HTTP/1.1\r\n\r\n";
        QCOMPARE(reader.read(&buffer), DemoRequestReader::Status::Ready);
        const DemoRequest request = reader.takeRequest();
        QCOMPARE(request.path, QStringLiteral("/p"));
        QCOMPARE(request.query.queryItemValue("q"), QStringLiteral("1"));
    }

    void enforcesLimits()
    {
        DemoRequestReader::Limits limits;
        limits.maxBodyBytes = 10;
        limits.maxHeadBytes = 100;
        {
            DemoRequestReader reader(limits);
            QByteArray buffer = "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n";
            QCOMPARE(reader.read(&buffer), DemoRequestReader::Status::Error);
            QCOMPARE(reader.errorStatus(), 413);
        }
        {
            DemoRequestReader reader(limits);
            QByteArray buffer = "GET / HTTP/1.1\r\nX: " + QByteArray(200, 'a');
            QCOMPARE(reader.read(&buffer), DemoRequestReader::Status::Error);
            QCOMPARE(reader.errorStatus(), 431);
        }
        {
            DemoRequestReader reader(limits);
            QByteArray buffer = "POST / HTTP/1.1\r\nTransfer-Encoding: "
                                "chunked\r\n\r\nb\r\n0123456789a\r\n0\r\n\r\n";
            QCOMPARE(reader.read(&buffer), DemoRequestReader::Status::Error);
            QCOMPARE(reader.errorStatus(), 413);
        }
    }

    void continueIsExpectedOnlyBeforeTheBody()
    {
        DemoRequestReader reader;
        QByteArray buffer = "PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
        QCOMPARE(reader.read(&buffer), DemoRequestReader::Status::NeedMore);
        QVERIFY(reader.takeContinueExpected());
        QVERIFY(!reader.takeContinueExpected());
        buffer = "ok";
        QCOMPARE(reader.read(&buffer), DemoRequestReader::Status::Ready);
        QCOMPARE(reader.takeRequest().body, QByteArray("ok"));
    }
};

QTEST_APPLESS_MAIN(tst_DemoRequestReader)
#include "tst_demorequestreader.moc"
