// The params table's view of a URL: split and joined back exactly, {{variables}} intact.
#include "workspace/urlquery.h"

#include <QTest>

using namespace mr;

class tst_UrlQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsExactly_data()
    {
        QTest::addColumn<QString>("url");
        for (const char *url : {"https://example.com",
                                "https://example.com/a?",
                                "https://example.com/a?#",
                                "https://example.com/a#frag",
                                "https://example.com/a#",
                                "/a?x=1#frag?y=2",
                                "{{baseUrl}}/get?city=Lisbon&lang=en",
                                "http://h/?q=caf%C3%A9&x=a%26b",
                                "http://h/?flag&a=1&flag",
                                "http://h/?a=1&&b=2&",
                                "http://h/?a=1&a=2&a=",
                                "http://h/?{{name}}={{value}}&k={{$randomInt 1 5}}",
                                "http://h/?u={{a&b=c#d}}",
                                "http://h/?e=a=b=c",
                                "http://h/?=x",
                                "not a url at all?%%%",
                                "?",
                                "#",
                                "",
                                "http://h/p?q=ü&r=€"}) {
            QTest::newRow(url) << QString::fromUtf8(url);
        }
    }

    void roundTripsExactly()
    {
        QFETCH(QString, url);
        QCOMPARE(UrlQuery::split(url).join(), url);
    }

    void splitsIntoParts()
    {
        const UrlQuery q =
            UrlQuery::split(QStringLiteral("{{api}}/u?{{k}}={{v}}&flag&a=b=c&a=%20#top"));
        QCOMPARE(q.base, QStringLiteral("{{api}}/u"));
        QCOMPARE(q.fragment, QStringLiteral("top"));
        QVERIFY(q.hasFragment);
        QCOMPARE(q.params.size(), 4);
        QCOMPARE(q.params[0].name, QStringLiteral("{{k}}"));
        QCOMPARE(q.params[0].value, QStringLiteral("{{v}}"));
        QCOMPARE(q.params[1].name, QStringLiteral("flag"));
        QVERIFY(!q.params[1].hasValue);
        QCOMPARE(q.params[2].value, QStringLiteral("b=c"));
        QCOMPARE(q.params[3].value, QStringLiteral("%20")); // not decoded
    }

    void variablesAreNeverCut()
    {
        const UrlQuery q = UrlQuery::split(QStringLiteral("http://h/{{a?b}}?x={{c&d#e}}"));
        QCOMPARE(q.base, QStringLiteral("http://h/{{a?b}}"));
        QCOMPARE(q.params.size(), 1);
        QCOMPARE(q.params[0].value, QStringLiteral("{{c&d#e}}"));
        QVERIFY(!q.hasFragment);
    }

    void onlyQuestionMark()
    {
        UrlQuery q = UrlQuery::split(QStringLiteral("http://h/?"));
        QVERIFY(q.emptyQuery);
        QVERIFY(q.params.isEmpty());
        q.params.append({QStringLiteral("a"), QStringLiteral("1"), true, true});
        QCOMPARE(q.join(), QStringLiteral("http://h/?a=1"));
    }

    void removingAllParamsRemovesTheQuestionMark()
    {
        UrlQuery q = UrlQuery::split(QStringLiteral("http://h/?a=1#f"));
        q.params.clear();
        QCOMPARE(q.join(), QStringLiteral("http://h/#f"));
    }

    void editedTextIsEscapedOnlyWhereItWouldBreakTheUrl()
    {
        UrlQuery q = UrlQuery::split(QStringLiteral("http://h/"));
        q.params.append({QStringLiteral("a=b"), QStringLiteral("x&y #z={{v w}}"), true, true});
        q.params.append({QStringLiteral("ü"), QStringLiteral("%41"), true, true});
        const QString url = q.join();
        QCOMPARE(url, QStringLiteral("http://h/?a%3Db=x%26y%20%23z={{v w}}&ü=%41"));
        const UrlQuery back = UrlQuery::split(url);
        QCOMPARE(back.params.size(), 2);
        QCOMPARE(back.params[0].value, QStringLiteral("x%26y%20%23z={{v w}}"));
    }

    void disabledParamsStayInMemoryOnly()
    {
        UrlQuery q = UrlQuery::split(QStringLiteral("http://h/?a=1&b=2&c=3"));
        q.params[1].enabled = false;
        const QString url = q.join();
        QCOMPARE(url, QStringLiteral("http://h/?a=1&c=3"));
        // The editor re-reads the URL it wrote: the disabled param comes back in place.
        UrlQuery again = UrlQuery::split(url);
        again.keepDisabledFrom(q);
        QCOMPARE(again, q);
        // All disabled: no "?".
        for (UrlQuery::Param &p : q.params)
            p.enabled = false;
        QCOMPARE(q.join(), QStringLiteral("http://h/"));
    }

    void formBodiesKeepSpacesAndHashes()
    {
        const QString body = QStringLiteral("color=#fff&name=Ada Lovelace");
        const QList<UrlQuery::Param> params = UrlQuery::splitQuery(body);
        QCOMPARE(params.size(), 2);
        QCOMPARE(UrlQuery::joinQuery(params, true), body);
        QCOMPARE(
            UrlQuery::joinQuery({{QStringLiteral("a"), QStringLiteral("1&2\n"), true, true}}, true),
            QStringLiteral("a=1%262%0A"));
    }
};

QTEST_GUILESS_MAIN(tst_UrlQuery)
#include "tst_urlquery.moc"
