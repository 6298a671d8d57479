// Where {{variables}} are in a text and what they stand for (highlighting, hover, completion).
#include "workspace/variablespans.h"

#include <QTest>

using namespace mr;

class tst_VariableSpans : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsSpans()
    {
        const VariableExpander expander({{QStringLiteral("host"), QStringLiteral("{{name}}.io")},
                                         {QStringLiteral("name"), QStringLiteral("example")},
                                         {QStringLiteral("loop"), QStringLiteral("{{nope}}")}});
        const QString text = QStringLiteral(
            "https://{{host}}/{{ missing }}/{{$uuid}}?n={{$randomInt 1 9}}&l={{loop}}&"
            "b={{$bogus}}&r={{$randomInt 9 1}}&open={{x");
        const QList<VariableSpans::Span> spans = VariableSpans::find(text, expander);
        QCOMPARE(spans.size(), 7);
        QCOMPARE(spans[0].start, 8);
        QCOMPARE(spans[0].length, 8);
        QCOMPARE(spans[0].name, QStringLiteral("host"));
        QVERIFY(spans[0].known);
        QCOMPARE(spans[0].value, QStringLiteral("example.io"));

        QCOMPARE(text.mid(spans[1].start, spans[1].length), QStringLiteral("{{ missing }}"));
        QCOMPARE(spans[1].name, QStringLiteral("missing"));
        QVERIFY(!spans[1].known);

        QVERIFY(spans[2].known);
        QVERIFY(spans[2].dynamic);
        QCOMPARE(spans[2].value, QStringLiteral("a new UUID each request"));

        QVERIFY(spans[3].known);
        QVERIFY(spans[3].value.contains(QLatin1String("from 1 to 9")));

        QVERIFY(spans[4].known); // defined, though its own value refers to an unknown one
        QCOMPARE(spans[4].value, QStringLiteral("{{nope}}"));

        QVERIFY(!spans[5].known); // $bogus is no dynamic variable
        QVERIFY(!spans[6].known); // max below min: the expander cannot make one
    }

    void processEnvShowsItsValue()
    {
        qputenv("MR_TEST_SPAN", "here");
        const QList<VariableSpans::Span> spans = VariableSpans::find(
            QStringLiteral("{{$processEnv MR_TEST_SPAN}}{{$processEnv MR_TEST_SPAN_NOT_SET}}"),
            VariableExpander());
        QCOMPARE(spans.size(), 2);
        QVERIFY(spans[0].known);
        QCOMPARE(spans[0].value, QStringLiteral("here"));
        // VariableExpander gives "" for an unset process variable: known, empty.
        QVERIFY(spans[1].known);
    }

    void namesForCompletion()
    {
        const VariableExpander expander({{QStringLiteral("b"), QStringLiteral("1")},
                                         {QStringLiteral("a"), QStringLiteral("2")}});
        const QStringList names = VariableSpans::variableNames(expander);
        QCOMPARE(names.mid(0, 2), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
        QVERIFY(names.contains(QStringLiteral("$uuid")));
        QVERIFY(names.contains(QStringLiteral("$dotenv")));
    }
};

QTEST_GUILESS_MAIN(tst_VariableSpans)
#include "tst_variablespans.moc"
