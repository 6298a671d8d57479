#include "http/httpheaderparser.h"
#include "http/httpheaders.h"

#include <QTest>

using namespace mr;

class tst_HttpHeaders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lookupsIgnoreCase()
    {
        HttpHeaders h;
        h.append("Content-Type", "text/plain");
        h.append("X-A", "1");
        h.append("x-a", "2");
        QVERIFY(h.contains("content-type"));
        QCOMPARE(h.value("CONTENT-TYPE"), QByteArray("text/plain"));
        QCOMPARE(h.values("X-a"), QList<QByteArray>({"1", "2"}));
        QCOMPARE(h.combinedValue("x-A"), QByteArray("1, 2"));
        QCOMPARE(h.value("missing", "fallback"), QByteArray("fallback"));
    }

    void setReplacesAllKeepingPosition()
    {
        HttpHeaders h;
        h.append("A", "1");
        h.append("B", "2");
        h.append("a", "3");
        h.set("A", "x");
        QCOMPARE(h.size(), 2);
        QCOMPARE(h.fields().first(), HttpHeaders::Field("A", "x"));
        h.set("C", "new");
        QCOMPARE(h.fields().last(), HttpHeaders::Field("C", "new"));
        h.remove("b");
        QVERIFY(!h.contains("B"));
        QCOMPARE(h.toWireFormat(), QByteArray("A: x\r\nC: new\r\n"));
    }

    void tokens()
    {
        HttpHeaders h;
        h.append("Connection", "keep-alive, Upgrade");
        QVERIFY(h.hasToken("connection", "upgrade"));
        QVERIFY(h.hasToken("Connection", "Keep-Alive"));
        QVERIFY(!h.hasToken("Connection", "close"));
    }

    void parserAcceptsValidFields()
    {
        HttpHeaders h;
        QString error;
        QVERIFY(HttpHeaderParser::parse("Host: example.com\r\nX-Empty:\r\nX-Spaces: \t a b \t\r\n",
                                        &h, &error));
        QCOMPARE(h.size(), 3);
        QCOMPARE(h.value("X-Empty"), QByteArray());
        QCOMPARE(h.value("X-Spaces"), QByteArray("a b"));
    }

    void parserRejects_data()
    {
        QTest::addColumn<QByteArray>("block");
        QTest::addColumn<QString>("message");
        QTest::newRow("no colon") << QByteArray("Host example.com\r\n") << "header line 1";
        QTest::newRow("space before colon") << QByteArray("Host : x\r\n") << "invalid header name";
        QTest::newRow("folded") << QByteArray("A: b\r\n  c\r\n") << "folded";
        QTest::newRow("empty name") << QByteArray(": x\r\n") << "header line 1";
        QTest::newRow("NUL in value") << QByteArray("A: b\0c\r\n", 8) << "control character";
    }

    void parserRejects()
    {
        QFETCH(QByteArray, block);
        QFETCH(QString, message);
        HttpHeaders h;
        QString error;
        QVERIFY(!HttpHeaderParser::parse(block, &h, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void parserLimitsFieldCount()
    {
        QByteArray block;
        for (int i = 0; i < 5; ++i)
            block += "X-" + QByteArray::number(i) + ": v\r\n";
        HttpHeaders h;
        QString error;
        HttpHeaderParser::Limits limits;
        limits.maxFields = 4;
        QVERIFY(!HttpHeaderParser::parse(block, &h, &error, limits));
        QVERIFY(error.contains(QLatin1String("more than 4")));
    }
};

QTEST_APPLESS_MAIN(tst_HttpHeaders)
#include "tst_httpheaders.moc"
