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
        // Tokens are whole items, trimmed of spaces and tabs, in any field of that name.
        h.append("connection", "\tclose ,");
        QVERIFY(h.hasToken("Connection", "close"));
        QVERIFY(!h.hasToken("Connection", "clos"));
        QVERIFY(!h.hasToken("Connectio", "close"));
        QVERIFY(HttpHeaders::sameName("Content-LENGTH", "content-length"));
        QVERIFY(!HttpHeaders::sameName("Content-Length", "Content-Lengt"));
        QVERIFY(!HttpHeaders::sameName("a", "\x81")); // ASCII case only
    }

    void contentLengthAgreesOrIsRejected_data()
    {
        QTest::addColumn<QList<QByteArray>>("values");
        QTest::addColumn<qint64>("expected"); // -2: rejected
        QTest::newRow("absent") << QList<QByteArray>{} << qint64(-1);
        QTest::newRow("one") << QList<QByteArray>{"42"} << qint64(42);
        QTest::newRow("spaces") << QList<QByteArray>{" 7 "} << qint64(7);
        QTest::newRow("list that agrees") << QList<QByteArray>{"5, 5", "5"} << qint64(5);
        QTest::newRow("disagree") << QList<QByteArray>{"5", "6"} << qint64(-2);
        QTest::newRow("list that disagrees") << QList<QByteArray>{"5,6"} << qint64(-2);
        QTest::newRow("empty item") << QList<QByteArray>{"5,"} << qint64(-2);
        QTest::newRow("empty") << QList<QByteArray>{""} << qint64(-2);
        QTest::newRow("sign") << QList<QByteArray>{"+5"} << qint64(-2);
        QTest::newRow("19 digits") << QList<QByteArray>{"1000000000000000000"} << qint64(-2);
        QTest::newRow("18 digits")
            << QList<QByteArray>{"999999999999999999"} << qint64(999999999999999999);
    }

    void contentLengthAgreesOrIsRejected()
    {
        QFETCH(QList<QByteArray>, values);
        QFETCH(qint64, expected);
        HttpHeaders h;
        h.append("Date", "x");
        for (const QByteArray &value : values)
            h.append("content-Length", value);
        const std::optional<qint64> length = HttpHeaderParser::contentLength(h);
        QCOMPARE(length.value_or(-2), expected);
    }

    void lineEndsAreFoundWhereTheyAre()
    {
        QCOMPARE(HttpHeaderParser::indexOfCrLf("ab\r\ncd", 0), 2);
        QCOMPARE(HttpHeaderParser::indexOfCrLf("a\nb\r\r\n", 0), 4); // a bare LF is not one
        QCOMPARE(HttpHeaderParser::indexOfCrLf("\r\nx\r\n", 1), 3);
        QCOMPARE(HttpHeaderParser::indexOfCrLf("\r\n", 0), 0);
        QCOMPARE(HttpHeaderParser::indexOfCrLf("\n\r", 0), -1);
        QCOMPARE(HttpHeaderParser::indexOfCrLf("", 0), -1);
        QCOMPARE(HttpHeaderParser::indexOfBlankLine("H\r\nA: 1\r\n\r\nbody", 0), 7);
        QCOMPARE(HttpHeaderParser::indexOfBlankLine("\r\n\r\n", 0), 0);
        QCOMPARE(HttpHeaderParser::indexOfBlankLine("\r\n\n\r\n\r\r\n\r\n", 0), 6);
        QCOMPARE(HttpHeaderParser::indexOfBlankLine("x\r\n\r\n", 2), -1); // starts before
        QCOMPARE(HttpHeaderParser::indexOfBlankLine("x\r\n\r\n", 1), 1);
        QCOMPARE(HttpHeaderParser::indexOfBlankLine("\r\n\r", 0), -1);
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
