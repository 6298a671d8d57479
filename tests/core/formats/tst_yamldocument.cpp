// YAML read into the JSON tree the importers use: scalar types as YAML 1.2's core schema
// says, positions for file:line:column, and hostile input (alias bombs, recursive aliases,
// deep nesting) ending in errors instead of crashes.
#include "base/yamldocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mr;

namespace {

QString messages(const QList<Diagnostic> &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out.append(d.toString());
    return out.join(QLatin1Char('\n'));
}

QJsonObject readObject(const QByteArray &yaml)
{
    const YamlDocument document = YamlDocument::parse(yaml, QStringLiteral("f.yaml"));
    if (document.hasErrors())
        qWarning("%s", qPrintable(messages(document.errors())));
    return document.value().toObject();
}

} // namespace

class tst_YamlDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainScalarsFollowTheCoreSchema()
    {
        const QJsonObject o = readObject("a: true\n"
                                         "b: False\n"
                                         "c: 42\n"
                                         "d: -7\n"
                                         "e: 0x1F\n"
                                         "f: 0o17\n"
                                         "g: 1.5\n"
                                         "h: 6.02e23\n"
                                         "i: ~\n"
                                         "j: null\n"
                                         "k:\n"
                                         "l: yes\n"   // YAML 1.1's booleans are text in 1.2
                                         "m: 3.0.3\n" // not a number
                                         "n: .inf\n"  // JSON has no infinity: text
                                         "o: 12345678901234567890\n");
        QCOMPARE(o.value("a"), QJsonValue(true));
        QCOMPARE(o.value("b"), QJsonValue(false));
        QCOMPARE(o.value("c"), QJsonValue(42));
        QCOMPARE(o.value("d"), QJsonValue(-7));
        QCOMPARE(o.value("e"), QJsonValue(31));
        QCOMPARE(o.value("f"), QJsonValue(15));
        QCOMPARE(o.value("g"), QJsonValue(1.5));
        QCOMPARE(o.value("h"), QJsonValue(6.02e23));
        QVERIFY(o.value("i").isNull());
        QVERIFY(o.value("j").isNull());
        QVERIFY(o.contains("k") && o.value("k").isNull());
        QCOMPARE(o.value("l"), QJsonValue("yes"));
        QCOMPARE(o.value("m"), QJsonValue("3.0.3"));
        QCOMPARE(o.value("n"), QJsonValue(".inf"));
        QCOMPARE(o.value("o"), QJsonValue(12345678901234567890.0));
    }

    void quotedAndBlockScalarsStayText()
    {
        const QJsonObject o = readObject("a: \"true\"\n"
                                         "b: '42'\n"
                                         "c: \"null\"\n"
                                         "d: |\n"
                                         "  12\n"
                                         "e: >-\n"
                                         "  folded\n"
                                         "  text\n"
                                         "f: !!str 5\n"
                                         "g: !!int \"7\"\n");
        QCOMPARE(o.value("a"), QJsonValue("true"));
        QCOMPARE(o.value("b"), QJsonValue("42"));
        QCOMPARE(o.value("c"), QJsonValue("null"));
        QCOMPARE(o.value("d"), QJsonValue("12\n"));
        QCOMPARE(o.value("e"), QJsonValue("folded text"));
        QCOMPARE(o.value("f"), QJsonValue("5"));
        QCOMPARE(o.value("g"), QJsonValue(7));
    }

    void mappingsAndSequencesBecomeObjectsAndArrays()
    {
        const QJsonObject o = readObject("list:\n"
                                         "  - 1\n"
                                         "  - {x: a, y: [b, 'c']}\n"
                                         "flow: {k: v}\n"
                                         "empty: []\n");
        const QJsonValue expected = QJsonDocument::fromJson(
                                        R"({"list": [1, {"x": "a", "y": ["b", "c"]}],
                                            "flow": {"k": "v"}, "empty": []})")
                                        .object();
        QCOMPARE(QJsonValue(o), expected);
    }

    void nonStringKeysBecomeTheirText()
    {
        const YamlDocument document =
            YamlDocument::parse("200: ok\ntrue: t\n1.5: f\n~: n\n? [a, b]\n: skipped\n", "f.yaml");
        QVERIFY2(!document.hasErrors(), qPrintable(messages(document.errors())));
        const QJsonObject o = document.value().toObject();
        QCOMPARE(o.value("200"), QJsonValue("ok"));
        QCOMPARE(o.value("true"), QJsonValue("t"));
        QCOMPARE(o.value("1.5"), QJsonValue("f"));
        QCOMPARE(o.value("null"), QJsonValue("n"));
        QCOMPARE(o.size(), 4);
        QCOMPARE(document.warnings().size(), 1);
        QVERIFY(document.warnings().first().toString().startsWith("f.yaml:5:3: "));
    }

    void duplicateKeysAreErrors()
    {
        const YamlDocument document =
            YamlDocument::parse("paths:\n  /a: 1\n  /b: 2\n  /a: 3\n", "f.yaml");
        QVERIFY(document.hasErrors());
        QCOMPARE(document.errors().first().toString(),
                 QStringLiteral("f.yaml:4:3: duplicate key \"/a\" (also at line 2, column 3); "
                                "YAML keys must be unique"));
        QVERIFY(document.value().isNull());
    }

    void positionsAreOneBasedInCharacters()
    {
        const YamlDocument document = YamlDocument::parse("info:\n"
                                                          "  title: x\n"
                                                          "  \"é\": [1, \"ü\", 3]\n"
                                                          "next:\n"
                                                          "other: 1\n",
                                                          "f.yaml");
        QVERIFY(!document.hasErrors());
        const JsonPositions &p = document.positions();
        QCOMPARE(p.at("f", "/info/title", "m").toString(), QStringLiteral("f:2:10: m"));
        // é is two bytes in UTF-8 but one character.
        QCOMPARE(p.at("f", "/info/é", "m").toString(), QStringLiteral("f:3:8: m"));
        QCOMPARE(p.at("f", "/info/é/2", "m").toString(), QStringLiteral("f:3:17: m"));
        // An empty value is where its key is, not on the next line.
        QCOMPARE(p.at("f", "/next", "m").toString(), QStringLiteral("f:4:1: m"));
        // A byte order mark is not a column.
        const YamlDocument bom = YamlDocument::parse("\xef\xbb\xbf"
                                                     "a: 1\n",
                                                     "f.yaml");
        QCOMPARE(bom.positions().at("f", "/a", "m").toString(), QStringLiteral("f:1:4: m"));
    }

    void anchorsAndAliasesAreExpanded()
    {
        const QJsonObject o = readObject("base: &b {x: 1, y: [2]}\n"
                                         "copy: *b\n"
                                         "merged: {z: *b}\n");
        QCOMPARE(o.value("copy"), o.value("base"));
        QCOMPARE(o.value("merged").toObject().value("z").toObject().value("x"), QJsonValue(1));
    }

    void syntaxErrorsHaveTheirPosition()
    {
        const YamlDocument document =
            YamlDocument::parse("a: 1\nb: [1, 2\nc: 3\n", QStringLiteral("broken.yaml"));
        QVERIFY(document.hasErrors());
        const Diagnostic d = document.errors().first();
        QCOMPARE(d.file, QStringLiteral("broken.yaml"));
        QVERIFY2(d.line >= 2 && d.column >= 1, qPrintable(d.toString()));
        QVERIFY(d.message.startsWith("YAML: "));

        const YamlDocument bad = YamlDocument::parse("a: b: c\n", "f.yaml");
        QCOMPARE(bad.errors().first().toString(),
                 QStringLiteral("f.yaml:1:5: YAML: illegal map value"));
        const YamlDocument alias = YamlDocument::parse("a: *nowhere\n", "f.yaml");
        QVERIFY(alias.errors().first().message.contains("anchor"));
    }

    void aliasBombsStopAtTheCap()
    {
        // Nine levels of ten aliases each: 10^9 values if expanded.
        QByteArray yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (int i = 1; i <= 9; ++i) {
            yaml += QByteArray("a") + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [";
            for (int j = 0; j < 10; ++j)
                yaml += (j ? ", *a" : "*a") + QByteArray::number(i - 1);
            yaml += "]\n";
        }
        const YamlDocument document = YamlDocument::parse(yaml, "bomb.yaml");
        QVERIFY(document.hasErrors());
        QVERIFY2(document.errors().first().message.contains("more than 1000000 values"),
                 qPrintable(messages(document.errors())));
        QVERIFY(document.value().isNull());
    }

    void recursiveAliasesAndDeepNestingAreRefused()
    {
        const YamlDocument recursive = YamlDocument::parse("a: &x [1, *x]\n", "f.yaml");
        QVERIFY(recursive.hasErrors());
        QCOMPARE(recursive.errors().first().toString(),
                 QStringLiteral("f.yaml:1:11: an alias refers to the value that contains it; the "
                                "document is not read"));

        const YamlDocument deep = YamlDocument::parse(QByteArray(100000, '['), "f.yaml");
        QVERIFY(deep.hasErrors());
        QVERIFY(deep.errors().first().line >= 1);

        QByteArray indented;
        for (int i = 0; i < 400; ++i)
            indented += QByteArray(i, ' ') + "k:\n";
        const YamlDocument nested = YamlDocument::parse(indented, "f.yaml");
        QVERIFY(nested.hasErrors());
    }

    void oversizedInputIsRefusedBeforeParsing()
    {
        const QByteArray big(YamlDocument::MaxBytes + 1, ' ');
        const YamlDocument document = YamlDocument::parse(big, "big.yaml");
        QVERIFY(document.hasErrors());
        QVERIFY(document.errors().first().message.contains("larger than"));
    }

    void onlyTheFirstDocumentIsRead()
    {
        const YamlDocument document = YamlDocument::parse("a: 1\n---\nb: 2\n", "f.yaml");
        QVERIFY(!document.hasErrors());
        QCOMPARE(document.value().toObject().keys(), QStringList({"a"}));
        QCOMPARE(document.warnings().size(), 1);
        QCOMPARE(document.warnings().first().toString(),
                 QStringLiteral("f.yaml:2:1: warning: only the first of several YAML documents is "
                                "read"));
        // An empty document after the first is nothing to warn about.
        QVERIFY(YamlDocument::parse("a: 1\n---\n", "f.yaml").warnings().isEmpty());
    }

    void customTagsAreReportedAndIgnored()
    {
        const YamlDocument document = YamlDocument::parse("a: !Ref thing\n", "f.yaml");
        QVERIFY(!document.hasErrors());
        QCOMPARE(document.value().toObject().value("a"), QJsonValue("thing"));
        QCOMPARE(document.warnings().size(), 1);
        QVERIFY(
            document.warnings().first().toString().startsWith("f.yaml:1:4: warning: the tag !Ref"));
    }

    void textYamlCppCannotReadIsAnErrorNotAHang()
    {
        // yaml-cpp 0.7's own document loop never ends on these.
        for (const QByteArray &text : {QByteArray(","), QByteArray("{},"), QByteArray("[[]]\n,")}) {
            const YamlDocument document = YamlDocument::parse(text, "f.yaml");
            QVERIFY2(document.hasErrors(), text.constData());
            QVERIFY(document.errors().first().message.startsWith("YAML: "));
        }
        QCOMPARE(YamlDocument::parse("{},", "f.yaml").errors().first().toString(),
                 QStringLiteral("f.yaml:1:3: YAML: unexpected text; the document cannot be read "
                                "from here on"));
    }

    void emptyAndGarbageInputNeverThrow()
    {
        QVERIFY(YamlDocument::parse("", "f.yaml").value().isNull());
        QVERIFY(!YamlDocument::parse("", "f.yaml").hasErrors());
        for (const QByteArray &text :
             {QByteArray("\0\0\0", 3), QByteArray("\xff\xfe"), QByteArray("- [\n- {"),
              QByteArray("&a &b x"), QByteArray("%YAML 9.9\n---\na"),
              QByteArray("'unterminated")}) {
            const YamlDocument document = YamlDocument::parse(text, "f.yaml");
            for (const Diagnostic &d : document.errors())
                QVERIFY2(d.line >= 1 && d.column >= 1, qPrintable(d.toString()));
        }
    }
};

QTEST_GUILESS_MAIN(tst_YamlDocument)
#include "tst_yamldocument.moc"
