#include "workspace/httpfileparser.h"

#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_HttpFileParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsRequestsSeparatedByHashes()
    {
        const QString text = QStringLiteral("@host = example.com\n"
                                            "# A comment before the first request\n"
                                            "### Get a user\n"
                                            "GET https://{{host}}/users/1 HTTP/1.1\n"
                                            "Accept: application/json\n"
                                            "X-Empty:\n"
                                            "\n"
                                            "###\n"
                                            "# @name createUser\n"
                                            "// @no-redirect\n"
                                            "# @timeout 5 s\n"
                                            "POST https://{{host}}/users\n"
                                            "Content-Type: application/json\n"
                                            "\n"
                                            "{\n"
                                            "  \"name\": \"Ada\"\n"
                                            "}\n"
                                            "\n"
                                            "\n"
                                            "### Just a URL\n"
                                            "https://example.com/health\n");
        const HttpFile file = HttpFileParser::parse(text, QStringLiteral("api.http"));
        QVERIFY(file.diagnostics.isEmpty());
        QCOMPARE(file.variables.size(), 1);
        QCOMPARE(file.variables.first(),
                 qMakePair(QStringLiteral("host"), QStringLiteral("example.com")));
        QCOMPARE(file.requests.size(), 3);

        const RequestDefinition &get = file.requests[0];
        QCOMPARE(get.name, QStringLiteral("Get a user"));
        QCOMPARE(get.method, QStringLiteral("GET"));
        QCOMPARE(get.url, QStringLiteral("https://{{host}}/users/1"));
        QCOMPARE(get.httpVersion, QStringLiteral("HTTP/1.1"));
        QCOMPARE(get.headers.size(), 2);
        QCOMPARE(get.headers[0].name, QStringLiteral("Accept"));
        QCOMPARE(get.headers[0].value, QStringLiteral("application/json"));
        QCOMPARE(get.headers[0].line, 5);
        QCOMPARE(get.headers[1].value, QString());
        QCOMPARE(get.requestLine, 4);
        QCOMPARE(get.firstLine, 4);
        QVERIFY(get.body.isEmpty());

        const RequestDefinition &post = file.requests[1];
        QCOMPARE(post.name, QStringLiteral("createUser"));
        QCOMPARE(post.method, QStringLiteral("POST"));
        QCOMPARE(post.body, QStringLiteral("{\n  \"name\": \"Ada\"\n}"));
        QVERIFY(post.hasDirective(QStringLiteral("no-redirect")));
        QCOMPARE(post.directive(QStringLiteral("timeout")), QStringLiteral("5 s"));
        QCOMPARE(post.requestLine, 12);

        const RequestDefinition &health = file.requests[2];
        QCOMPARE(health.method, QStringLiteral("GET"));
        QCOMPARE(health.url, QStringLiteral("https://example.com/health"));
        QCOMPARE(health.displayName(), QStringLiteral("Just a URL"));
    }

    void crlfBomAndQueryContinuation()
    {
        const QString text =
            QString(QChar(0xfeff)) +
            QStringLiteral("GET http://h/search\r\n    ?q=1\r\n    &page=2\r\nA: b\r\n");
        const HttpFile file = HttpFileParser::parse(text, QStringLiteral("x.http"));
        QCOMPARE(file.requests.size(), 1);
        QCOMPARE(file.requests[0].url, QStringLiteral("http://h/search?q=1&page=2"));
        QCOMPARE(file.requests[0].headers.first().value, QStringLiteral("b"));
        QCOMPARE(file.requests[0].displayName(), QStringLiteral("GET http://h/search?q=1&page=2"));
    }

    void responseHandlersAreKeptApart()
    {
        const QString text = QStringLiteral("POST http://h/x\n\nbody\n\n> {%\n client.log(1);\n%}\n"
                                            "<> 2024-01-01T000000.200.json\n");
        const HttpFile file = HttpFileParser::parse(text, QStringLiteral("x.http"));
        QCOMPARE(file.requests.size(), 1);
        QCOMPARE(file.requests[0].body, QStringLiteral("body"));
        QCOMPARE(file.requests[0].responseHandlers,
                 QStringLiteral("> {%\n client.log(1);\n%}\n<> 2024-01-01T000000.200.json"));
    }

    void errorsPointAtLineAndColumn_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("lowercase method")
            << QStringLiteral("### a\n  get http://h/\n")
            << QStringLiteral("bad.http:2:3: expected a request line");
        QTest::newRow("space in URL")
            << QStringLiteral("GET http://h/a b\n")
            << QStringLiteral("bad.http:1:5: expected \"METHOD URL [HTTP/1.1]\"");
        QTest::newRow("words after the version")
            << QStringLiteral("GET http://h/ HTTP/2 (Prior)\n")
            << QStringLiteral("bad.http:1:5: expected \"METHOD URL [HTTP/1.1]\"");
        QTest::newRow("header without colon") << QStringLiteral("GET http://h/\nAccept json\n")
                                              << QStringLiteral("bad.http:2:1: expected a header");
    }

    void errorsPointAtLineAndColumn()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const HttpFile file = HttpFileParser::parse(text, QStringLiteral("bad.http"));
        QCOMPARE(file.diagnostics.size(), 1);
        QVERIFY2(file.diagnostics.first().toString().startsWith(expected),
                 qPrintable(file.diagnostics.first().toString()));
        QVERIFY(file.hasErrors());
    }

    void aBadRequestDoesNotHideTheOthers()
    {
        const QString text =
            QStringLiteral("GET http://h/1\n\n###\nBAD REQUEST LINE HERE\n\n###\nGET http://h/3\n");
        const HttpFile file = HttpFileParser::parse(text, QStringLiteral("x.http"));
        QCOMPARE(file.requests.size(), 2);
        QCOMPARE(file.requests[0].url, QStringLiteral("http://h/1"));
        QCOMPARE(file.requests[1].url, QStringLiteral("http://h/3"));
        QCOMPARE(file.diagnostics.size(), 1);
        QCOMPARE(file.diagnostics.first().line, 4);
    }

    void blocksWithoutRequestsAreIgnored()
    {
        const HttpFile file = HttpFileParser::parse(
            QStringLiteral("### only a comment\n# nothing\n\n###\n"), QStringLiteral("x.http"));
        QVERIFY(file.requests.isEmpty());
        QVERIFY(file.diagnostics.isEmpty());
    }

    void unreadableFileIsADiagnostic()
    {
        QTemporaryDir dir;
        const HttpFile file =
            HttpFileParser::parseFile(dir.filePath(QStringLiteral("missing.http")));
        QCOMPARE(file.diagnostics.size(), 1);
        QVERIFY(file.diagnostics.first().toString().contains(
            QLatin1String("missing.http: cannot read")));
    }
};

QTEST_APPLESS_MAIN(tst_HttpFileParser)
#include "tst_httpfileparser.moc"
