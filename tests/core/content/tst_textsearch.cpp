// TextSearch: the body search box's scan, over small texts and a big one.
#include "content/textsearch.h"

#include <QTest>

using namespace mr;

class tst_TextSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsEveryHitWithLineAndColumn()
    {
        const QByteArray text = "{\n  \"Name\": \"name\",\n  \"other\": \"NAME names\"\n}\n";
        const QList<TextSearch::Hit> hits = TextSearch::find(text, QStringLiteral("name"));
        QCOMPARE(hits.size(), 4);
        QCOMPARE(hits[0].line, 1);
        QCOMPARE(hits[0].column, 3);
        QCOMPARE(hits[0].length, 4);
        QCOMPARE(hits[1].line, 1);
        QCOMPARE(hits[1].column, 11);
        QCOMPARE(hits[2].line, 2);
        QCOMPARE(hits[2].column, 12);
        QCOMPARE(hits[3].column, 17);
    }

    void emptyAndMissingFindNothing()
    {
        QVERIFY(TextSearch::find("abc", QString()).isEmpty());
        QVERIFY(TextSearch::find("abc", QStringLiteral("abcd")).isEmpty());
        QVERIFY(TextSearch::find(QByteArray(), QStringLiteral("a")).isEmpty());
    }

    void nonAsciiIsMatchedByBytes()
    {
        const QByteArray text = QStringLiteral("caf\u00e9\nCAF\u00c9 caf\u00e9").toUtf8();
        const QList<TextSearch::Hit> hits = TextSearch::find(text, QStringLiteral("caf\u00e9"));
        QCOMPARE(hits.size(), 2); // ASCII letters fold, é and É are different bytes
        QCOMPARE(hits[1].line, 1);
        QCOMPARE(hits[1].column, 6);
        QCOMPARE(hits[1].length, 5);
    }

    void overlappingHitsDoNotRepeat()
    {
        QCOMPARE(TextSearch::find("aaaa", QStringLiteral("aa")).size(), 2);
    }

    void limitStopsTheScan()
    {
        QByteArray text;
        for (int i = 0; i < 1000; ++i)
            text += "x\n";
        QCOMPARE(TextSearch::find(text, QStringLiteral("x"), 10).size(), 10);
        const QList<TextSearch::Hit> all = TextSearch::find(text, QStringLiteral("X"));
        QCOMPARE(all.size(), 1000);
        QCOMPARE(all.last().line, 999);
    }

    void bigTextLinesStayRight()
    {
        QByteArray text;
        text.reserve(20 * 1000 * 1000);
        for (int i = 0; i < 500000; ++i)
            text += "    \"id\": " + QByteArray::number(i) + ",\n";
        const QList<TextSearch::Hit> hits = TextSearch::find(text, QStringLiteral("499999"));
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0].line, 499999);
        QCOMPARE(hits[0].column, 10);
    }
};

QTEST_GUILESS_MAIN(tst_TextSearch)
#include "tst_textsearch.moc"
