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
        QVERIFY(o.http2);
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
