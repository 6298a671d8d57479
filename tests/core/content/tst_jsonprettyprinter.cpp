#include "content/jsonprettyprinter.h"
#include "demo/democontentroutes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mr;

namespace {

using Fold = JsonPrettyPrinter::FoldRegion;

// Non-empty objects and arrays in a parsed value: each is one fold region.
int containerCount(const QJsonValue &value)
{
    int count = 0;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        count += array.isEmpty() ? 0 : 1;
        for (const QJsonValue &v : array)
            count += containerCount(v);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        count += object.isEmpty() ? 0 : 1;
        for (auto it = object.begin(); it != object.end(); ++it)
            count += containerCount(it.value());
    }
    return count;
}

QJsonValue parsed(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

// Every fold starts on a line ending in { or [ and ends on the line of its closer.
QString checkFolds(const QByteArray &text, const QList<Fold> &folds)
{
    const QList<QByteArray> lines = text.split('\n');
    int previousStart = -1;
    for (const Fold &fold : folds) {
        if (fold.start <= previousStart)
            return QStringLiteral("folds not sorted at %1").arg(fold.start);
        previousStart = fold.start;
        if (fold.start >= fold.end || fold.end >= lines.size())
            return QStringLiteral("bad fold %1-%2").arg(fold.start).arg(fold.end);
        const QByteArray open = lines.at(fold.start);
        const QByteArray close = lines.at(fold.end).trimmed();
        if (!(open.endsWith('{') && close.startsWith('}')) &&
            !(open.endsWith('[') && close.startsWith(']')))
            return QStringLiteral("fold %1-%2 does not match braces").arg(fold.start).arg(fold.end);
        const int indent = int(open.size() - open.trimmed().size());
        const QByteArray closeLine = lines.at(fold.end);
        if (closeLine.size() - closeLine.trimmed().size() != indent)
            return QStringLiteral("fold %1-%2 closes at another indent")
                .arg(fold.start)
                .arg(fold.end);
    }
    return QString();
}

} // namespace

class tst_JsonPrettyPrinter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactLayout()
    {
        const auto result =
            JsonPrettyPrinter::print("{\"a\":[1,2],\"b\":{},\"c\":[ ],\"d\":{\"e\":null}}");
        QVERIFY(result.ok);
        QCOMPARE(result.utf8, QByteArray("{\n"
                                         "  \"a\": [\n"
                                         "    1,\n"
                                         "    2\n"
                                         "  ],\n"
                                         "  \"b\": {},\n"
                                         "  \"c\": [],\n"
                                         "  \"d\": {\n"
                                         "    \"e\": null\n"
                                         "  }\n"
                                         "}"));
        QCOMPARE(result.folds, QList<Fold>({{0, 10}, {1, 4}, {7, 9}}));
        QCOMPARE(result.lineCount, 11);
    }

    void scalarsAndEmpties_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("output");
        QTest::newRow("empty object") << QByteArray(" { } ") << QByteArray("{}");
        QTest::newRow("empty array") << QByteArray("[\n]") << QByteArray("[]");
        QTest::newRow("string") << QByteArray("\"a\\u00e9\\n\\\"\"")
                                << QByteArray("\"a\\u00e9\\n\\\"\"");
        QTest::newRow("number") << QByteArray("-12.5e+3") << QByteArray("-12.5e+3");
        QTest::newRow("zero") << QByteArray("0") << QByteArray("0");
        QTest::newRow("literals") << QByteArray("[true,false,null]")
                                  << QByteArray("[\n  true,\n  false,\n  null\n]");
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF[]") << QByteArray("[]");
        QTest::newRow("nested empties") << QByteArray("[[],{}]") << QByteArray("[\n  [],\n  {}\n]");
    }
    void scalarsAndEmpties()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, output);
        const auto result = JsonPrettyPrinter::print(input);
        QVERIFY2(result.ok, qPrintable(result.error.text()));
        QCOMPARE(result.utf8, output);
    }

    void sameValuesAsQJsonDocument_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("sample") << QByteArray(
            "{\"slideshow\":{\"author\":\"Yours Truly\",\"slides\":[{\"title\":\"Wake up\","
            "\"type\":\"all\"},{\"items\":[\"Why <em>WonderWidgets</em>\",\"Who\"],"
            "\"title\":\"Overview\"}],\"title\":\"Sample\"}}");
        QTest::newRow("unicode") << QByteArray(
            "{\"k\\u00e9y\":\"caf\xC3\xA9 \xE2\x82\xAC "
            "\xF0\x9F\x98\x80\",\"\xE6\x97\xA5\":[\"\\ud83d\\ude00\"]}");
        QTest::newRow("numbers") << QByteArray("[0,-0,1.5,-2e10,3E-2,123456789012,0.000001]");
        QTest::newRow("escapes") << QByteArray("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]");
        QTest::newRow("already indented")
            << QByteArray("{\n    \"a\" : [ 1 , { \"b\" : [ ] } ]\n}\n");
        QTest::newRow("deep mix") << QByteArray("[[[{\"a\":[{\"b\":[[1],[2,[3,{}]]]}]}]]]");
    }
    void sameValuesAsQJsonDocument()
    {
        QFETCH(QByteArray, input);
        const auto result = JsonPrettyPrinter::print(input);
        QVERIFY2(result.ok, qPrintable(result.error.text()));
        const QJsonValue expected = parsed(input);
        QVERIFY(!expected.isUndefined());
        QCOMPARE(parsed(result.utf8), expected);
        const QString foldProblem = checkFolds(result.utf8, result.folds);
        QVERIFY2(foldProblem.isEmpty(), qPrintable(foldProblem));
        QCOMPARE(result.folds.size(), containerCount(expected));
        QCOMPARE(result.lineCount, int(result.utf8.count('\n')) + 1);

        // The UTF-16 output is the same text, decoded.
        JsonPrettyPrinter::Options options;
        options.output = JsonPrettyPrinter::Output::Utf16;
        const auto text = JsonPrettyPrinter::print(input, options);
        QVERIFY(text.ok);
        QCOMPARE(text.text, QString::fromUtf8(result.utf8));
        QCOMPARE(text.folds, result.folds);

        QVERIFY(!JsonPrettyPrinter::validate(input).isError());
    }

    void keepsMemberOrderAndNumberSpelling()
    {
        const auto result = JsonPrettyPrinter::print("{\"z\":1.50,\"a\":1e2}");
        QVERIFY(result.ok);
        QCOMPARE(result.utf8, QByteArray("{\n  \"z\": 1.50,\n  \"a\": 1e2\n}"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing comma")
            << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << 3 << 3
            << QStringLiteral("expected ',' or '}' after an object member");
        QTest::newRow("array separator")
            << QByteArray("[1 2]") << 1 << 4
            << QStringLiteral("expected ',' or ']' after an array element");
        QTest::newRow("unclosed array")
            << QByteArray("[1,2") << 1 << 5 << QStringLiteral("the body ends inside an array");
        QTest::newRow("unclosed object")
            << QByteArray("{\"a\":1") << 1 << 7 << QStringLiteral("the body ends inside an object");
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << 1 << 6
                                       << QStringLiteral("expected ':' after the member name");
        QTest::newRow("unquoted key") << QByteArray("{a:1}") << 1 << 2
                                      << QStringLiteral("expected a member name in double quotes");
        QTest::newRow("trailing comma")
            << QByteArray("[1,]") << 1 << 4
            << QStringLiteral("expected a value (object, array, string, "
                              "number, true, false or null)");
        QTest::newRow("leading zero") << QByteArray("[01]") << 1 << 3
                                      << QStringLiteral("a number cannot have a leading zero");
        QTest::newRow("bare minus")
            << QByteArray("-") << 1 << 2 << QStringLiteral("expected a digit in the number");
        QTest::newRow("bad escape") << QByteArray("[\"a\\x\"]") << 1 << 4
                                    << QStringLiteral("unknown escape in a string (use \\\" \\\\ "
                                                      "\\/ \\b \\f \\n \\r \\t or \\uXXXX)");
        QTest::newRow("short unicode escape")
            << QByteArray("\"\\u12\"") << 1 << 2
            << QStringLiteral("'\\u' must be followed by four hex digits");
        QTest::newRow("columns count characters")
            << QByteArray("[\"\xC3\xA9\xE2\x82\xAC\", x]") << 1 << 8
            << QStringLiteral("expected a value (object, array, string, number, true, false or "
                              "null)");
        QTest::newRow("text after") << QByteArray("[1] 2") << 1 << 5
                                    << QStringLiteral("unexpected text after the JSON value");
        QTest::newRow("empty") << QByteArray("  ") << 1 << 3
                               << QStringLiteral(
                                      "expected a JSON value, found the end of the body");
        QTest::newRow("invalid utf8")
            << QByteArray("[\"a\xFF\"]") << 1 << 4 << QStringLiteral("invalid UTF-8 in a string");
        QTest::newRow("overlong utf8") << QByteArray("[\"\xC0\xAF\"]") << 1 << 3
                                       << QStringLiteral("invalid UTF-8 in a string");
        QTest::newRow("raw newline in string")
            << QByteArray("[\"a\nb\"]") << 1 << 4
            << QStringLiteral("control character U+000A in a string must be escaped");
        QTest::newRow("unclosed string")
            << QByteArray("{\"a\": \"abc") << 1 << 7
            << QStringLiteral("the string starting here is never closed");
        QTest::newRow("bad literal") << QByteArray("[tru]") << 1 << 2
                                     << QStringLiteral("expected a value (object, array, string, "
                                                       "number, true, false or null)");
        QTest::newRow("crlf lines") << QByteArray("{\r\n\"a\":1,\r\n}") << 3 << 1
                                    << QStringLiteral("expected a member name in double quotes");
    }
    void errors()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const auto result = JsonPrettyPrinter::print(input);
        QVERIFY(!result.ok);
        QVERIFY(!result.cancelled);
        QVERIFY(result.utf8.isEmpty());
        QCOMPARE(result.error.message, message);
        QCOMPARE(result.error.line, line);
        QCOMPARE(result.error.column, column);
        QCOMPARE(result.error.text(),
                 QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message));
        const auto checked = JsonPrettyPrinter::validate(input);
        QCOMPARE(checked.offset, result.error.offset);
    }

    void deepNestingIsAnErrorNotACrash()
    {
        JsonPrettyPrinter::Options options;
        options.maxDepth = 300;
        const QByteArray atLimit = QByteArray(300, '[') + QByteArray(300, ']');
        const auto ok = JsonPrettyPrinter::print(atLimit, options);
        QVERIFY2(ok.ok, qPrintable(ok.error.text()));
        QCOMPARE(ok.folds.size(), 299); // the innermost [] is empty: one line
        QCOMPARE(ok.folds.first(), Fold({0, 2 * 299}));
        QCOMPARE(ok.folds.last(), Fold({298, 300}));
        QVERIFY(!JsonPrettyPrinter::print(QByteArray(301, '[') + QByteArray(301, ']'), options).ok);

        const int limit = JsonPrettyPrinter::Options().maxDepth;
        QCOMPARE(limit, 10000);
        const QByteArray tooDeep = QByteArray(100000, '[') + QByteArray(100000, ']');
        const auto result = JsonPrettyPrinter::print(tooDeep);
        QVERIFY(!result.ok);
        QCOMPARE(result.error.message, QStringLiteral("nesting deeper than %1 levels").arg(limit));
        QCOMPARE(result.error.column, limit + 1);
        QCOMPARE(JsonPrettyPrinter::validate(tooDeep).offset, qint64(limit));

        // 10,000 levels are valid, but indenting them would take ~200 MB for a 20 kB body.
        const QByteArray deepest = QByteArray(limit, '[') + QByteArray(limit, ']');
        QVERIFY(!JsonPrettyPrinter::validate(deepest).isError());
        const auto tooLarge = JsonPrettyPrinter::print(deepest);
        QVERIFY(!tooLarge.ok);
        QVERIFY(tooLarge.error.message.contains(QStringLiteral("too large")));
    }

    void outputLimitStopsRunawayIndentation()
    {
        JsonPrettyPrinter::Options options;
        options.maxOutputSize = 100;
        const auto result =
            JsonPrettyPrinter::print(QByteArray(60, '[') + QByteArray(60, ']'), options);
        QVERIFY(!result.ok);
        QVERIFY(result.error.message.contains(QStringLiteral("too large")));
    }

    void sequences()
    {
        JsonPrettyPrinter::Options options;
        options.allowSequence = true;
        const auto result = JsonPrettyPrinter::print("{\"a\":1}\n{\"b\":[]}\n", options);
        QVERIFY2(result.ok, qPrintable(result.error.text()));
        QCOMPARE(result.utf8, QByteArray("{\n  \"a\": 1\n}\n{\n  \"b\": []\n}"));
        QCOMPARE(result.folds, QList<Fold>({{0, 2}, {3, 5}}));
        QVERIFY(!JsonPrettyPrinter::print("{\"a\":1}\n{\"b\":[]}\n").ok);
    }

    void cancelledBeforeTheEnd()
    {
        const DemoResponse response = DemoContentRoutes::generatedJson(4 << 20);
        const QByteArray body = response.generator(0, response.generatedLength);
        std::atomic_bool cancel{true};
        JsonPrettyPrinter::Options options;
        options.cancel = &cancel;
        const auto result = JsonPrettyPrinter::print(body, options);
        QVERIFY(!result.ok);
        QVERIFY(result.cancelled);
        QVERIFY(!result.error.isError());
        QVERIFY(result.utf8.isEmpty());
    }

    void largeGeneratedDocument()
    {
        // The demo service's /json/{bytes}, about 20 MB.
        const qint64 size = 20 * 1000 * 1000;
        const DemoResponse response = DemoContentRoutes::generatedJson(size);
        const QByteArray body = response.generator(0, response.generatedLength);
        QCOMPARE(body.size(), size);
        const auto result = JsonPrettyPrinter::print(body);
        QVERIFY2(result.ok, qPrintable(result.error.text()));

        QJsonParseError error{};
        const QJsonDocument original = QJsonDocument::fromJson(body, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonDocument printed = QJsonDocument::fromJson(result.utf8, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(printed, original);
        const qint64 itemCount = original.object().value(QLatin1String("items")).toArray().size();
        QVERIFY(itemCount > 150000);
        // The root, the items array, and per item its object and its tags array.
        QCOMPARE(result.folds.size(), 2 + 2 * itemCount);
        const QString foldProblem = checkFolds(result.utf8, result.folds);
        QVERIFY2(foldProblem.isEmpty(), qPrintable(foldProblem));
        QCOMPARE(result.lineCount, int(result.utf8.count('\n')) + 1);

        // Memory: text and folds stay well under 5x the body.
        const qint64 footprint =
            result.utf8.size() + qint64(result.folds.size()) * qint64(sizeof(Fold));
        QVERIFY2(footprint < 3 * size, qPrintable(QString::number(footprint)));
        JsonPrettyPrinter::Options options;
        options.output = JsonPrettyPrinter::Output::Utf16;
        const auto text = JsonPrettyPrinter::print(body, options);
        QVERIFY(text.ok);
        QVERIFY(text.text.size() == result.utf8.size()); // all ASCII
        QVERIFY(text.text.size() * 2 + qint64(text.folds.size()) * 8 < 4 * size);
    }
};

QTEST_APPLESS_MAIN(tst_JsonPrettyPrinter)
#include "tst_jsonprettyprinter.moc"
