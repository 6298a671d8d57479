#include "content/jsonfilter.h"
#include "content/jsonpath.h"
#include "demo/democontentroutes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <thread>
#include <vector>

using namespace mr;

namespace {

const QByteArray Store =
    "{\"store\":{\"book\":["
    "{\"category\":\"reference\",\"author\":\"Nigel Rees\",\"title\":\"Sayings\",\"price\":8.95},"
    "{\"category\":\"fiction\",\"author\":\"Evelyn Waugh\",\"title\":\"Sword\",\"price\":12.99},"
    "{\"category\":\"fiction\",\"author\":\"Herman Melville\",\"title\":\"Moby Dick\","
    "\"isbn\":\"0-553\",\"price\":8.99},"
    "{\"category\":\"fiction\",\"author\":\"Tolkien\",\"title\":\"LOTR\",\"isbn\":\"0-395\","
    "\"price\":22.99}],"
    "\"bicycle\":{\"color\":\"red\",\"price\":19.95}},"
    "\"expensive\":10,\"weird key\":{\"a.b\":1},\"flags\":[true,false,null],"
    "\"caf\\u00e9\":\"escaped key\",\"list\":[0,1,2,3,4,5]}";

QJsonValue parsedValue(const QString &text)
{
    QJsonParseError error{};
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray("{\"v\":") + text.toUtf8() + QByteArray("}"), &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    return document.object().value(QLatin1String("v"));
}

} // namespace

class tst_JsonFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonPath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("child") << "$.store.book[0].title"
                               << "[\"Sayings\"]";
        QTest::newRow("brackets") << "$['store'][\"bicycle\"]['color']"
                                  << "[\"red\"]";
        QTest::newRow("negative index") << "$.store.book[-1].title"
                                        << "[\"LOTR\"]";
        QTest::newRow("out of range") << "$.store.book[9].title"
                                      << "[]";
        QTest::newRow("wildcard") << "$.store.book[*].author"
                                  << "[\"Nigel Rees\",\"Evelyn Waugh\",\"Herman Melville\","
                                     "\"Tolkien\"]";
        QTest::newRow("dot wildcard") << "$.store.bicycle.*"
                                      << "[\"red\",19.95]";
        QTest::newRow("recursive") << "$..price"
                                   << "[8.95,12.99,8.99,22.99,19.95]";
        QTest::newRow("recursive then index") << "$..book[2].title"
                                              << "[\"Moby Dick\"]";
        QTest::newRow("recursive bracket") << "$..['color']"
                                           << "[\"red\"]";
        QTest::newRow("union") << "$.store.book[0,2].title"
                               << "[\"Sayings\",\"Moby Dick\"]";
        QTest::newRow("name union") << "$.store.bicycle['price','color']"
                                    << "[19.95,\"red\"]";
        QTest::newRow("slice") << "$.list[1:3]"
                               << "[1,2]";
        QTest::newRow("open slice") << "$.list[:2]"
                                    << "[0,1]";
        QTest::newRow("negative slice") << "$.list[-2:]"
                                        << "[4,5]";
        QTest::newRow("step") << "$.list[::2]"
                              << "[0,2,4]";
        QTest::newRow("reverse") << "$.list[::-1]"
                                 << "[5,4,3,2,1,0]";
        QTest::newRow("less than") << "$.store.book[?(@.price < 10)].title"
                                   << "[\"Sayings\",\"Moby Dick\"]";
        QTest::newRow("greater or equal") << "$..book[?(@.price >= 22.99)].title"
                                          << "[\"LOTR\"]";
        QTest::newRow("string equal") << "$.store.book[?(@.category == 'fiction')].author"
                                      << "[\"Evelyn Waugh\",\"Herman Melville\",\"Tolkien\"]";
        QTest::newRow("double quotes") << "$.store.book[?(@.author == \"Tolkien\")].price"
                                       << "[22.99]";
        QTest::newRow("not equal") << "$.store.book[?(@.category != 'fiction')].title"
                                   << "[\"Sayings\"]";
        QTest::newRow("string order") << "$.store.book[?(@.title > 'S')].title"
                                      << "[\"Sayings\",\"Sword\"]";
        QTest::newRow("exists") << "$.store.book[?(@.isbn)].title"
                                << "[\"Moby Dick\",\"LOTR\"]";
        QTest::newRow("true") << "$.flags[?(@ == true)]"
                              << "[true]";
        QTest::newRow("null") << "$.flags[?(@ == null)]"
                              << "[null]";
        QTest::newRow("not false") << "$.flags[?(@ != false)]"
                                   << "[true,null]";
        QTest::newRow("number vs string") << "$.list[?(@ == '1')]"
                                          << "[]";
        QTest::newRow("on object values") << "$.store.bicycle[?(@ == 'red')]"
                                          << "[\"red\"]";
        QTest::newRow("quoted dots") << "$['weird key']['a.b']"
                                     << "[1]";
        QTest::newRow("escaped key") << QString::fromUtf8("$.caf\xC3\xA9") << "[\"escaped key\"]";
        QTest::newRow("missing") << "$.nothing.here"
                                 << "[]";
        QTest::newRow("root") << "$.expensive"
                              << "[10]";
    }
    void jsonPath()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QCOMPARE(JsonFilter::languageOf(path), JsonFilter::Language::JsonPath);
        const JsonFilter::Result result = JsonFilter::run(path, Store);
        QVERIFY2(result.ok, qPrintable(result.error));
        const QJsonValue want = parsedValue(expected);
        QVERIFY(want.isArray());
        QCOMPARE(parsedValue(result.text), want);
        QCOMPARE(result.count, int(want.toArray().size()));
    }

    void jsonPathRootAndLayout()
    {
        const JsonFilter::Result result = JsonFilter::run(QStringLiteral("$"), "{\"a\":[1]}");
        QVERIFY(result.ok);
        QCOMPARE(result.text, QStringLiteral("[\n  {\n    \"a\": [\n      1\n    ]\n  }\n]"));
        QCOMPARE(result.folds, QList<JsonPrettyPrinter::FoldRegion>({{0, 6}, {1, 5}, {2, 4}}));
        const JsonFilter::Result none = JsonFilter::run(QStringLiteral("$.b"), "{\"a\":[1]}");
        QVERIFY(none.ok);
        QCOMPARE(none.text, QStringLiteral("[]"));
        QCOMPARE(none.count, 0);
    }

    void jsonPathErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("unclosed") << "$.store.book[0" << 15 << "expected ']' to close the brackets";
        QTest::newRow("single equals")
            << "$.store.book[?(@.price = 10)]" << 24 << "use '==' to compare";
        QTest::newRow("dangling dots")
            << "$.." << 4 << "expected a member name, '*' or '[' after '..'";
        QTest::newRow("dangling dot") << "$.a." << 5 << "expected a member name or '*' after '.'";
        QTest::newRow("no dot") << "$store" << 2 << "expected '.', '..' or '['";
        QTest::newRow("unclosed quote")
            << "$['a" << 3 << "the quoted name starting here is never closed";
        QTest::newRow("zero step") << "$[1:2:0]" << 7 << "a slice step must be a non-zero number";
        QTest::newRow("filter without @")
            << "$[?(price > 1)]" << 5 << "a filter starts with '@', the element being tested";
        QTest::newRow("bad literal") << "$[?(@.a == yes)]" << 12
                                     << "expected a value to compare with: a number, a quoted "
                                        "string, true, false or null";
        QTest::newRow("empty brackets") << "$[]" << 3
                                        << "expected a quoted name, an index, a slice, '*' or "
                                           "'?(' in the brackets";
        QTest::newRow("unclosed filter")
            << "$[?(@.a == 1]" << 13 << "expected ')' to close the filter";
    }
    void jsonPathErrors()
    {
        QFETCH(QString, path);
        QFETCH(int, column);
        QFETCH(QString, message);
        JsonPath::Error error;
        QVERIFY(!JsonPath::compile(path, &error));
        QCOMPARE(error.message, message);
        QCOMPARE(error.column, column);
        const JsonFilter::Result result = JsonFilter::run(path, Store);
        QVERIFY(!result.ok);
        QCOMPARE(result.error, QStringLiteral("JSONPath column %1: %2").arg(column).arg(message));
    }

    void invalidBody()
    {
        for (const QString &expression : {QStringLiteral("$.a"), QStringLiteral(".a")}) {
            const JsonFilter::Result result = JsonFilter::run(expression, "{\n  \"a\": 1,\n}");
            QVERIFY(!result.ok);
            QCOMPARE(result.error, QStringLiteral("The body is not valid JSON at line 3, column 1: "
                                                  "expected a member name in double quotes"));
        }
    }

    void jqOutputs()
    {
        QCOMPARE(JsonFilter::languageOf(QStringLiteral(".store.book[] | .title")),
                 JsonFilter::Language::Jq);
        const JsonFilter::Result titles =
            JsonFilter::run(QStringLiteral(".store.book[] | .title"), Store);
        QVERIFY2(titles.ok, qPrintable(titles.error));
        QCOMPARE(titles.text, QStringLiteral("\"Sayings\"\n\"Sword\"\n\"Moby Dick\"\n\"LOTR\""));
        QCOMPARE(titles.count, 4);
        QVERIFY(titles.folds.isEmpty());

        const JsonFilter::Result bicycle = JsonFilter::run(QStringLiteral(".store.bicycle"), Store);
        QVERIFY2(bicycle.ok, qPrintable(bicycle.error));
        QCOMPARE(bicycle.text, QStringLiteral("{\n  \"color\": \"red\",\n  \"price\": 19.95\n}"));
        QCOMPARE(bicycle.folds, QList<JsonPrettyPrinter::FoldRegion>({{0, 3}}));

        const JsonFilter::Result math =
            JsonFilter::run(QStringLiteral(".expensive * 2, [.list[] | select(. > 3)]"), Store);
        QVERIFY2(math.ok, qPrintable(math.error));
        QCOMPARE(math.text, QStringLiteral("20\n[\n  4,\n  5\n]"));
        QCOMPARE(math.folds, QList<JsonPrettyPrinter::FoldRegion>({{1, 4}}));

        const JsonFilter::Result unicode =
            JsonFilter::run(QStringLiteral(".name"), "{\"name\":\"caf\xC3\xA9 \xF0\x9F\x98\x80\"}");
        QVERIFY(unicode.ok);
        QCOMPARE(unicode.text, QString::fromUtf8("\"caf\xC3\xA9 \xF0\x9F\x98\x80\""));

        const JsonFilter::Result empty = JsonFilter::run(QStringLiteral("empty"), Store);
        QVERIFY(empty.ok);
        QCOMPARE(empty.text, QString());
        QCOMPARE(empty.count, 0);

        const JsonFilter::Result identity = JsonFilter::run(QStringLiteral(" "), "[1]");
        QVERIFY(identity.ok);
        QCOMPARE(identity.text, QStringLiteral("[\n  1\n]"));

        const JsonFilter::Result halted = JsonFilter::run(QStringLiteral("1, halt"), Store);
        QVERIFY(halted.ok);
        QCOMPARE(halted.count, 1);
    }

    void jqCompileErrors_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("error");
        QTest::newRow("syntax") << ".store.book["
                                << "jq: syntax error, unexpected $end";
        QTest::newRow("undefined") << "foo(1)"
                                   << "jq: foo/1 is not defined";
    }
    void jqCompileErrors()
    {
        QFETCH(QString, program);
        QFETCH(QString, error);
        const JsonFilter::Result result = JsonFilter::run(program, Store);
        QVERIFY(!result.ok);
        QCOMPARE(result.error, error);
        QVERIFY(result.text.isEmpty());
    }

    void jqRuntimeErrors()
    {
        const JsonFilter::Result index =
            JsonFilter::run(QStringLiteral(".store.book[0].title | .x"), Store);
        QVERIFY(!index.ok);
        QCOMPARE(index.error, QStringLiteral("jq: Cannot index string with string \"x\""));

        // The outputs before the error are kept.
        const JsonFilter::Result partial = JsonFilter::run(
            QStringLiteral(".flags[] | if . == null then error(\"boom\") else . end"), Store);
        QVERIFY(!partial.ok);
        QCOMPARE(partial.error, QStringLiteral("jq: boom"));
        QCOMPARE(partial.count, 2);
        QCOMPARE(partial.text, QStringLiteral("true\nfalse"));

        const JsonFilter::Result object =
            JsonFilter::run(QStringLiteral("error({\"a\":1})"), Store);
        QVERIFY(!object.ok);
        QCOMPARE(object.error, QStringLiteral("jq: {\"a\":1} (not a string)"));

        const JsonFilter::Result halted =
            JsonFilter::run(QStringLiteral("\"bye\\n\" | halt_error"), Store);
        QVERIFY(!halted.ok);
        QCOMPARE(halted.error, QStringLiteral("jq: bye"));
    }

    void jqRunsInParallel()
    {
        // Each run has its own jq_state; several at once must not interfere.
        std::vector<std::thread> threads;
        std::vector<QString> texts(4);
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([i, &texts] {
                for (int round = 0; round < 20; ++round)
                    texts[size_t(i)] =
                        JsonFilter::run(QStringLiteral("[.store.book[].price | . * %1]").arg(i + 1),
                                        Store)
                            .text;
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(parsedValue(texts[1]), parsedValue(QStringLiteral("[17.9,25.98,17.98,45.98]")));
    }

    void largeBody()
    {
        const DemoResponse response = DemoContentRoutes::generatedJson(5 * 1000 * 1000);
        const QByteArray body = response.generator(0, response.generatedLength);
        const JsonFilter::Result count = JsonFilter::run(QStringLiteral(".items | length"), body);
        QVERIFY2(count.ok, qPrintable(count.error));
        const int items = count.text.toInt();
        QVERIFY(items > 30000);

        const JsonFilter::Result ids = JsonFilter::run(QStringLiteral("$..id"), body);
        QVERIFY(ids.ok);
        QCOMPARE(ids.count, items);
        const JsonFilter::Result last = JsonFilter::run(QStringLiteral("$.items[-1].name"), body);
        QCOMPARE(last.text,
                 QStringLiteral("[\n  \"item-%1\"\n]")
                     .arg(QString::number(items - 1).rightJustified(10, QLatin1Char('0'))));
        const JsonFilter::Result filtered =
            JsonFilter::run(QStringLiteral("$.items[?(@.id < 3)].id"), body);
        QCOMPARE(filtered.text, QStringLiteral("[\n  0,\n  1,\n  2\n]"));
    }

    void cancelledJsonPath()
    {
        const DemoResponse response = DemoContentRoutes::generatedJson(2 * 1000 * 1000);
        const QByteArray body = response.generator(0, response.generatedLength);
        std::atomic_bool cancel{true};
        const JsonFilter::Result result =
            JsonFilter::run(QStringLiteral("$..tags[*]"), body, &cancel);
        QVERIFY(!result.ok);
        QVERIFY(result.cancelled);
        const JsonFilter::Result jq = JsonFilter::run(QStringLiteral(".items[].id"), body, &cancel);
        QVERIFY(jq.cancelled);
    }
};

QTEST_APPLESS_MAIN(tst_JsonFilter)
#include "tst_jsonfilter.moc"
