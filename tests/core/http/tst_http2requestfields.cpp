#include "http/http2requestfields.h"

#include <QTest>

using namespace mr;

using Fields = QList<Http2RequestFields::Field>;

namespace {

QList<QByteArray> namesOf(const Fields &fields)
{
    QList<QByteArray> names;
    for (const Http2RequestFields::Field &field : fields)
        names.append(field.first);
    return names;
}

QByteArray valueOf(const Fields &fields, const QByteArray &name)
{
    for (const Http2RequestFields::Field &field : fields) {
        if (field.first == name)
            return field.second;
    }
    return "<absent>";
}

} // namespace

class tst_Http2RequestFields : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pseudoHeadersComeFirstInOrder()
    {
        HttpHeaders headers;
        headers.append("Accept", "*/*");
        const Fields fields = Http2RequestFields::build("GET", "https", "example.com:8443",
                                                        "/a?b=1", headers, false, 0);
        QCOMPARE(fields, Fields({{":method", "GET"},
                                 {":scheme", "https"},
                                 {":authority", "example.com:8443"},
                                 {":path", "/a?b=1"},
                                 {"accept", "*/*"}}));
    }

    void emptyPathBecomesSlash()
    {
        const Fields fields = Http2RequestFields::build("GET", "http", "h", "", {}, false, 0);
        QCOMPARE(valueOf(fields, ":path"), QByteArray("/"));
    }

    void namesAreLowerCasedValuesKept()
    {
        HttpHeaders headers;
        headers.append("X-Trace-ID", "AbC");
        headers.append("Content-Type", "Application/JSON");
        const Fields fields = Http2RequestFields::build("GET", "http", "h", "/", headers, false, 0);
        QCOMPARE(valueOf(fields, "x-trace-id"), QByteArray("AbC"));
        QCOMPARE(valueOf(fields, "content-type"), QByteArray("Application/JSON"));
        for (const QByteArray &name : namesOf(fields))
            QCOMPARE(name, name.toLower());
    }

    void repeatedFieldsKeepTheirOrder()
    {
        HttpHeaders headers;
        headers.append("Cookie", "a=1");
        headers.append("X-A", "1");
        headers.append("cookie", "b=2");
        const Fields fields = Http2RequestFields::build("GET", "http", "h", "/", headers, false, 0);
        QCOMPARE(fields.mid(4), Fields({{"cookie", "a=1"}, {"x-a", "1"}, {"cookie", "b=2"}}));
    }

    void connectionSpecificFieldsAreDropped()
    {
        HttpHeaders headers;
        headers.append("Connection", "keep-alive, X-Hop");
        headers.append("Keep-Alive", "timeout=5");
        headers.append("Proxy-Connection", "keep-alive");
        headers.append("Transfer-Encoding", "chunked");
        headers.append("Upgrade", "websocket");
        headers.append("X-Hop", "dropped: listed in Connection");
        headers.append("X-Kept", "1");
        const Fields fields = Http2RequestFields::build("POST", "http", "h", "/", headers, true, 3);
        QCOMPARE(namesOf(fields), QList<QByteArray>({":method", ":scheme", ":authority", ":path",
                                                     "x-kept", "content-length"}));
    }

    void namesListedInAnyConnectionFieldAreDropped()
    {
        HttpHeaders headers;
        headers.append("connection", " x-one ,, ");
        headers.append("CONNECTION", "X-Two");
        headers.append("x-ONE", "1");
        headers.append("X-two", "2");
        headers.append("x-three", "3");
        const Fields fields = Http2RequestFields::build("GET", "http", "h", "/", headers, false, 0);
        QCOMPARE(fields.mid(4), Fields({{"x-three", "3"}}));
        QVERIFY(Http2RequestFields::isConnectionSpecific("Transfer-Encoding"));
        QVERIFY(!Http2RequestFields::isConnectionSpecific("te"));
    }

    void teIsKeptOnlyAsTrailers_data()
    {
        QTest::addColumn<QByteArray>("te");
        QTest::addColumn<QByteArray>("sent");
        QTest::newRow("trailers") << QByteArray("trailers") << QByteArray("trailers");
        QTest::newRow("Trailers, spaced") << QByteArray(" Trailers ") << QByteArray("trailers");
        QTest::newRow("in a list") << QByteArray("gzip, trailers") << QByteArray("trailers");
        QTest::newRow("gzip") << QByteArray("gzip") << QByteArray("<absent>");
        QTest::newRow("empty") << QByteArray("") << QByteArray("<absent>");
    }
    void teIsKeptOnlyAsTrailers()
    {
        QFETCH(QByteArray, te);
        QFETCH(QByteArray, sent);
        HttpHeaders headers;
        headers.append("TE", te);
        const Fields fields = Http2RequestFields::build("GET", "http", "h", "/", headers, false, 0);
        QCOMPARE(valueOf(fields, "te"), sent);
        QVERIFY(namesOf(fields).count("te") <= 1);
    }

    void hostBecomesAuthority()
    {
        HttpHeaders headers;
        headers.append("Host", " api.example:81 ");
        headers.append("Accept", "*/*");
        const Fields fields =
            Http2RequestFields::build("GET", "http", "127.0.0.1:81", "/", headers, false, 0);
        QCOMPARE(valueOf(fields, ":authority"), QByteArray("api.example:81"));
        QVERIFY(!namesOf(fields).contains("host"));
        QCOMPARE(namesOf(fields).count(":authority"), 1);
    }

    void withoutHostTheAuthorityIsTheCallers()
    {
        const Fields fields =
            Http2RequestFields::build("GET", "http", "127.0.0.1:81", "/", {}, false, 0);
        QCOMPARE(valueOf(fields, ":authority"), QByteArray("127.0.0.1:81"));
    }

    void callersPseudoHeadersAreIgnored()
    {
        HttpHeaders headers;
        headers.append(":path", "/evil");
        const Fields fields = Http2RequestFields::build("GET", "http", "h", "/", headers, false, 0);
        QCOMPARE(namesOf(fields).count(":path"), 1);
        QCOMPARE(valueOf(fields, ":path"), QByteArray("/"));
    }

    void contentLengthFollowsTheBody()
    {
        HttpHeaders headers;
        headers.append("Content-Length", "999");
        Fields fields = Http2RequestFields::build("PUT", "http", "h", "/", headers, true, 12);
        QCOMPARE(fields.last(), Http2RequestFields::Field("content-length", "12"));
        QCOMPARE(namesOf(fields).count("content-length"), 1);

        // An empty body still has a length; an unknown size has none; no body has none.
        fields = Http2RequestFields::build("POST", "http", "h", "/", {}, true, 0);
        QCOMPARE(valueOf(fields, "content-length"), QByteArray("0"));
        fields = Http2RequestFields::build("POST", "http", "h", "/", headers, true, -1);
        QCOMPARE(valueOf(fields, "content-length"), QByteArray("<absent>"));
        fields = Http2RequestFields::build("GET", "http", "h", "/", headers, false, 0);
        QCOMPARE(valueOf(fields, "content-length"), QByteArray("<absent>"));
    }

    void transcriptReadsLikeAHead()
    {
        HttpHeaders headers;
        headers.append("Host", "example.com");
        headers.append("Accept", "*/*");
        const Fields fields =
            Http2RequestFields::build("POST", "https", "ignored", "/x?y", headers, true, 5);
        QCOMPARE(Http2RequestFields::transcript(fields), QByteArray("POST /x?y HTTP/2\r\n"
                                                                    "host: example.com\r\n"
                                                                    "accept: */*\r\n"
                                                                    "content-length: 5\r\n"
                                                                    "\r\n"));
    }
};

QTEST_APPLESS_MAIN(tst_Http2RequestFields)
#include "tst_http2requestfields.moc"
