// Per-request options and the "# @directives" that hold them.
#include "workspace/httpfileparser.h"
#include "workspace/requestoptions.h"

#include <QTest>

using namespace mr;

namespace {

RequestDefinition parsed(const QByteArray &text)
{
    const HttpFile file = HttpFileParser::parse(text, QStringLiteral("x.http"));
    return file.requests.value(0);
}

QStringList directives(const RequestDefinition &r)
{
    QStringList out;
    for (const RequestDefinition::Directive &d : r.directives)
        out.append(d.name + (d.value.isEmpty() ? QString() : QLatin1Char(' ') + d.value));
    return out;
}

} // namespace

class tst_RequestOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsDirectives()
    {
        const RequestOptions o = RequestOptions::read(
            parsed("# @timeout 30\n# @connection-timeout 500 ms\n# @retries 3\n# @no-redirect\n"
                   "# @no-reuse\n# @no-cookie-jar\n# @http2\nGET http://h/\n"));
        QCOMPARE(o.timeoutMs, std::optional<int>(30000));
        QCOMPARE(o.connectTimeoutMs, std::optional<int>(500));
        QCOMPARE(o.retries, std::optional<int>(3));
        QVERIFY(!o.followRedirects);
        QVERIFY(!o.keepAlive);
        QVERIFY(!o.cookieJar);
        QCOMPARE(o.protocol, std::optional<ProtocolChoice>(ProtocolChoice::Http2));
        const RequestOptions none = RequestOptions::read(parsed("GET http://h/\n"));
        QCOMPARE(none, RequestOptions());
    }

    void unchangedOptionsKeepTheirText()
    {
        RequestDefinition r = parsed("# @custom one\n# @timeout 30\n# @no-log\n# @timeout soon\n"
                                     "# @retries x\nGET http://h/\n");
        const QStringList before = directives(r);
        RequestOptions::read(r).applyTo(&r);
        QCOMPARE(directives(r), before);
    }

    void changesOnlyWhatChanged()
    {
        RequestDefinition r =
            parsed("# @custom one\n# @timeout 30\n# @no-log\n# @no-redirect\nGET http://h/\n");
        RequestOptions o = RequestOptions::read(r);
        o.timeoutMs = 1500;
        o.followRedirects = true;
        o.retries = 2;
        o.keepAlive = false;
        o.applyTo(&r);
        QCOMPARE(directives(r),
                 QStringList({QStringLiteral("custom one"), QStringLiteral("timeout 1500 ms"),
                              QStringLiteral("no-log"), QStringLiteral("retries 2"),
                              QStringLiteral("no-reuse")}));
        QCOMPARE(RequestOptions::read(r), o);

        // An unusable value is replaced once the option gets a value; repeats become one.
        r = parsed("# @timeout soon\n# @x\n# @timeout 1 m\nGET http://h/\n");
        o = RequestOptions::read(r);
        QCOMPARE(o.timeoutMs, std::optional<int>(60000));
        o.timeoutMs = 120000;
        o.applyTo(&r);
        QCOMPARE(directives(r), QStringList({QStringLiteral("timeout 2 m"), QStringLiteral("x")}));
        o.timeoutMs.reset();
        o.applyTo(&r);
        QCOMPARE(directives(r), QStringList({QStringLiteral("x")}));
    }

    void protocolFromDirectivesAndTheRequestLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("expected"); // -1: unset
        QTest::newRow("none") << QByteArray("GET http://h/\n") << -1;
        QTest::newRow("@http2") << QByteArray("# @http2\nGET http://h/\n")
                                << int(ProtocolChoice::Http2);
        QTest::newRow("@http1") << QByteArray("# @http1\nGET http://h/\n")
                                << int(ProtocolChoice::Http1);
        QTest::newRow("@http1.1") << QByteArray("# @http1.1\nGET http://h/\n")
                                  << int(ProtocolChoice::Http1);
        QTest::newRow("the last directive counts")
            << QByteArray("# @http2\n# @http1\nGET http://h/\n") << int(ProtocolChoice::Http1);
        QTest::newRow("HTTP/1.1") << QByteArray("GET http://h/ HTTP/1.1\n")
                                  << int(ProtocolChoice::Http1);
        QTest::newRow("HTTP/2") << QByteArray("GET https://h/ HTTP/2\n")
                                << int(ProtocolChoice::Http2);
        QTest::newRow("HTTP/2 (Prior Knowledge)")
            << QByteArray("GET http://h/ HTTP/2 (Prior Knowledge)\n") << int(ProtocolChoice::Http2);
        QTest::newRow("HTTP/1.0 chooses nothing") << QByteArray("GET http://h/ HTTP/1.0\n") << -1;
        QTest::newRow("a directive wins over the request line")
            << QByteArray("# @http1\nGET https://h/ HTTP/2\n") << int(ProtocolChoice::Http1);
        QTest::newRow("either way")
            << QByteArray("# @http2\nGET http://h/ HTTP/1.1\n") << int(ProtocolChoice::Http2);
    }

    void protocolFromDirectivesAndTheRequestLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, expected);
        const HttpFile file = HttpFileParser::parse(text, QStringLiteral("x.http"));
        QVERIFY(file.diagnostics.isEmpty()); // @http1, @http1.1 and @http2 are known
        QCOMPARE(file.requests.size(), 1);
        const std::optional<ProtocolChoice> wanted =
            expected < 0 ? std::nullopt : std::optional<ProtocolChoice>(ProtocolChoice(expected));
        QCOMPARE(file.requests[0].options().protocol, wanted);
        QCOMPARE(RequestOptions::read(file.requests[0]).protocol, wanted);
    }

    void protocolIsWrittenOnlyWhenChanged()
    {
        // Unchanged: "@http1.1" and the request line's version stay as written.
        RequestDefinition r = parsed("# @x\n# @http1.1\nGET http://h/ HTTP/2\n");
        RequestOptions::read(r).applyTo(&r);
        QCOMPARE(directives(r), QStringList({QStringLiteral("x"), QStringLiteral("http1.1")}));
        QCOMPARE(r.httpVersion, QStringLiteral("HTTP/2"));

        // A new choice replaces the protocol directives in the first one's place.
        r = parsed("# @http2\n# @x\n# @http1\nGET http://h/\n");
        RequestOptions o = RequestOptions::read(r);
        QCOMPARE(o.protocol, std::optional<ProtocolChoice>(ProtocolChoice::Http1));
        o.protocol = ProtocolChoice::Http2;
        o.applyTo(&r);
        QCOMPARE(directives(r), QStringList({QStringLiteral("http2"), QStringLiteral("x")}));
        QCOMPARE(RequestOptions::read(r), o);

        // Added at the end when there was none; removed for the default.
        r = parsed("# @no-reuse\nGET http://h/\n");
        o = RequestOptions::read(r);
        o.protocol = ProtocolChoice::Http1;
        o.applyTo(&r);
        QCOMPARE(directives(r), QStringList({QStringLiteral("no-reuse"), QStringLiteral("http1")}));
        o.protocol.reset();
        o.applyTo(&r);
        QCOMPARE(directives(r), QStringList({QStringLiteral("no-reuse")}));
        QCOMPARE(RequestOptions::read(r), o);

        // Auto is the default: no directive says it.
        o.protocol = ProtocolChoice::Auto;
        o.applyTo(&r);
        QCOMPARE(directives(r), QStringList({QStringLiteral("no-reuse")}));
    }

    void protocolAndTheRequestLine()
    {
        // The request line says HTTP/2; a directive overrides it and the line stays.
        RequestDefinition r = parsed("GET https://h/ HTTP/2\n");
        RequestOptions o = RequestOptions::read(r);
        o.protocol = ProtocolChoice::Http1;
        o.applyTo(&r);
        QCOMPARE(directives(r), QStringList({QStringLiteral("http1")}));
        QCOMPARE(r.httpVersion, QStringLiteral("HTTP/2"));
        QCOMPARE(RequestOptions::read(r), o);

        // Back to what the request line says: the directive goes, nothing is added.
        o.protocol = ProtocolChoice::Http2;
        o.applyTo(&r);
        QVERIFY(r.directives.isEmpty());
        QCOMPARE(r.httpVersion, QStringLiteral("HTTP/2"));
        QCOMPARE(RequestOptions::read(r), o);

        // The default: no directive can say it, so the request line's version goes.
        o.protocol.reset();
        o.applyTo(&r);
        QVERIFY(r.directives.isEmpty());
        QVERIFY(r.httpVersion.isEmpty());
        QCOMPARE(RequestOptions::read(r), o);

        // A version that chooses nothing stays.
        r = parsed("# @http2\nGET http://h/ HTTP/1.0\n");
        o = RequestOptions::read(r);
        o.protocol.reset();
        o.applyTo(&r);
        QVERIFY(r.directives.isEmpty());
        QCOMPARE(r.httpVersion, QStringLiteral("HTTP/1.0"));
    }

    void durations()
    {
        for (int ms : {0, 1, 999, 1000, 1500, 30000, 60000, 90000, 3600000}) {
            QCOMPARE(RequestDefinition::parseDurationMs(RequestOptions::durationText(ms)),
                     std::optional<int>(ms));
        }
        QCOMPARE(RequestOptions::durationText(30000), QStringLiteral("30 s"));
    }
};

QTEST_GUILESS_MAIN(tst_RequestOptions)
#include "tst_requestoptions.moc"
