#include "http/chunkeddecoder.h"

#include <QTest>

using namespace mr;

class tst_ChunkedDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodesWholeBody()
    {
        ChunkedDecoder decoder;
        QByteArray out;
        const QByteArray input =
            "4\r\nWiki\r\n6;name=v\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\n\r\nNEXT";
        const qsizetype used = decoder.feed(input, &out);
        QVERIFY(decoder.isDone());
        QCOMPARE(out, QByteArray("Wikipedia in \r\n\r\nchunks."));
        QCOMPARE(input.mid(used), QByteArray("NEXT")); // what follows stays with the caller
        QCOMPARE(decoder.decodedBytes(), out.size());
    }

    void decodesByteByByte()
    {
        ChunkedDecoder decoder;
        QByteArray out;
        const QByteArray input =
            "3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-Sum: 42\r\nX-B: c\r\n\r\n";
        for (qsizetype i = 0; i < input.size(); ++i) {
            QVERIFY(!decoder.isDone());
            QCOMPARE(decoder.feed(input.mid(i, 1), &out), 1);
        }
        QVERIFY(decoder.isDone());
        QCOMPARE(out, QByteArray("abc0123456789abcdef"));
        QCOMPARE(decoder.trailers().value("X-Sum"), QByteArray("42"));
        QCOMPARE(decoder.trailers().size(), 2);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("bad size") << QByteArray("zz\r\n");
        QTest::newRow("negative size") << QByteArray("-1\r\n");
        QTest::newRow("empty size") << QByteArray("\r\n");
        QTest::newRow("huge size") << QByteArray("ffffffffffffffffff\r\n");
        QTest::newRow("missing CRLF after data") << QByteArray("1\r\naXX\r\n");
        QTest::newRow("bad trailer") << QByteArray("0\r\nno colon\r\n\r\n");
        QTest::newRow("endless size line") << QByteArray(5000, '1');
    }

    void rejects()
    {
        QFETCH(QByteArray, input);
        ChunkedDecoder decoder;
        QByteArray out;
        decoder.feed(input, &out);
        QVERIFY(decoder.hasError());
        QVERIFY(!decoder.errorString().isEmpty());
        // An error is final.
        decoder.feed("0\r\n\r\n", &out);
        QVERIFY(decoder.hasError());
    }
};

QTEST_APPLESS_MAIN(tst_ChunkedDecoder)
#include "tst_chunkeddecoder.moc"
