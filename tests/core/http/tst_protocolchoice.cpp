#include "http/protocolchoice.h"

#include <QTest>

using namespace mr;

class tst_ProtocolChoice : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesReadBack()
    {
        for (ProtocolChoice choice :
             {ProtocolChoice::Auto, ProtocolChoice::Http1, ProtocolChoice::Http2})
            QCOMPARE(parseProtocolChoice(protocolChoiceName(choice)), choice);
        QCOMPARE(protocolChoiceName(ProtocolChoice::Auto), QByteArray("auto"));
        QCOMPARE(protocolChoiceName(ProtocolChoice::Http1), QByteArray("http1.1"));
        QCOMPARE(protocolChoiceName(ProtocolChoice::Http2), QByteArray("http2"));
    }

    void acceptsEverySpelling_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("choice");
        QTest::newRow("auto") << QByteArray("auto") << int(ProtocolChoice::Auto);
        QTest::newRow("AUTO") << QByteArray("AUTO") << int(ProtocolChoice::Auto);
        QTest::newRow("http1.1") << QByteArray("http1.1") << int(ProtocolChoice::Http1);
        QTest::newRow("http1") << QByteArray("http1") << int(ProtocolChoice::Http1);
        QTest::newRow("1.1") << QByteArray("1.1") << int(ProtocolChoice::Http1);
        QTest::newRow("HTTP1.1 spaced") << QByteArray(" HTTP1.1 ") << int(ProtocolChoice::Http1);
        QTest::newRow("http2") << QByteArray("http2") << int(ProtocolChoice::Http2);
        QTest::newRow("h2") << QByteArray("h2") << int(ProtocolChoice::Http2);
        QTest::newRow("2") << QByteArray("2") << int(ProtocolChoice::Http2);
        QTest::newRow("H2") << QByteArray("H2") << int(ProtocolChoice::Http2);
    }
    void acceptsEverySpelling()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, choice);
        const std::optional<ProtocolChoice> parsed = parseProtocolChoice(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(int(*parsed), choice);
    }

    void refusesTheRest()
    {
        for (const char *text : {"", "http", "h1", "http3", "3", "h2c", "1", "auto2", "http/2"})
            QVERIFY2(!parseProtocolChoice(text).has_value(), text);
    }
};

QTEST_APPLESS_MAIN(tst_ProtocolChoice)
#include "tst_protocolchoice.moc"
