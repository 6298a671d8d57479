// The auth tab's reading and writing of a request's Authorization header or API key, checked
// against what RequestResolver sends.
#include "workspace/requestauth.h"
#include "workspace/requestresolver.h"

#include <QTest>

using namespace mr;

namespace {

RequestDefinition request(const QString &url, const QList<RequestDefinition::Header> &headers)
{
    RequestDefinition r;
    r.url = url;
    r.headers = headers;
    return r;
}

QByteArray sentAuthorization(const RequestDefinition &r)
{
    const RequestResolver::Result result = RequestResolver::resolve(
        r, VariableExpander({{QStringLiteral("user"), QStringLiteral("ada")},
                             {QStringLiteral("pw"), QStringLiteral("s3cret")}}));
    return result.request.headers.value("Authorization");
}

} // namespace

class tst_RequestAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replacingAKeyWhoseNameIsStillBeingTyped()
    {
        // The name "t" is no API key name, so read() sees a plain header: replace() takes
        // out what the editor wrote before writing "to", then "token".
        RequestDefinition r = request(QStringLiteral("http://h/?q=1"), {});
        RequestAuth previous;
        for (const QString &typed :
             {QStringLiteral("t"), QStringLiteral("to"), QStringLiteral("tok")}) {
            RequestAuth key;
            key.kind = RequestAuth::Kind::ApiKey;
            key.keyName = typed;
            key.keyValue = QStringLiteral("v");
            key.replace(previous, &r);
            previous = key;
        }
        QCOMPARE(r.headers.size(), 1);
        QCOMPARE(r.headers.first().name, QStringLiteral("tok"));

        // In the query too, and other params stay.
        RequestDefinition q = request(QStringLiteral("http://h/?q=1"), {});
        previous = RequestAuth();
        for (const QString &typed : {QStringLiteral("k"), QStringLiteral("ke")}) {
            RequestAuth key;
            key.kind = RequestAuth::Kind::ApiKey;
            key.where = RequestAuth::Where::Query;
            key.keyName = typed;
            key.keyValue = QStringLiteral("v");
            key.replace(previous, &q);
            previous = key;
        }
        QCOMPARE(q.url, QStringLiteral("http://h/?q=1&ke=v"));

        // Switching to Bearer removes the key the editor wrote.
        RequestAuth bearer;
        bearer.kind = RequestAuth::Kind::Bearer;
        bearer.token = QStringLiteral("t0");
        bearer.replace(previous, &q);
        QCOMPARE(q.url, QStringLiteral("http://h/?q=1"));
        QCOMPARE(q.headers.size(), 1);
        QCOMPARE(q.headers.first().value, QStringLiteral("Bearer t0"));
    }

    void readsEachKind()
    {
        RequestAuth a = RequestAuth::read(
            request(QStringLiteral("http://h/"),
                    {{QStringLiteral("authorization"), QStringLiteral("Basic ada s3cret"), 0}}));
        QCOMPARE(a.kind, RequestAuth::Kind::Basic);
        QCOMPARE(a.user, QStringLiteral("ada"));
        QCOMPARE(a.password, QStringLiteral("s3cret"));

        a = RequestAuth::read(request(
            QStringLiteral("http://h/"),
            {{QStringLiteral("Authorization"), QStringLiteral("Basic ZGVtbzpzM2NyZXQ="), 0}}));
        QCOMPARE(a.kind, RequestAuth::Kind::Basic);
        QCOMPARE(a.user, QStringLiteral("demo"));
        QCOMPARE(a.password, QStringLiteral("s3cret"));

        a = RequestAuth::read(
            request(QStringLiteral("http://h/"),
                    {{QStringLiteral("Authorization"), QStringLiteral("Bearer {{token}}"), 0}}));
        QCOMPARE(a.kind, RequestAuth::Kind::Bearer);
        QCOMPARE(a.token, QStringLiteral("{{token}}"));

        a = RequestAuth::read(
            request(QStringLiteral("http://h/"),
                    {{QStringLiteral("Authorization"),
                      QStringLiteral("Digest {{$processEnv U}} {{$processEnv P}}"), 0}}));
        QCOMPARE(a.kind, RequestAuth::Kind::Digest);
        QCOMPARE(a.user, QStringLiteral("{{$processEnv U}}"));

        a = RequestAuth::read(request(QStringLiteral("http://h/"),
                                      {{QStringLiteral("X-API-Key"), QStringLiteral("k1"), 0}}));
        QCOMPARE(a.kind, RequestAuth::Kind::ApiKey);
        QCOMPARE(a.where, RequestAuth::Where::Header);
        QCOMPARE(a.keyName, QStringLiteral("X-API-Key"));
        QCOMPARE(a.keyValue, QStringLiteral("k1"));

        a = RequestAuth::read(request(QStringLiteral("http://h/?q=1&api_key={{key}}#f"), {}));
        QCOMPARE(a.kind, RequestAuth::Kind::ApiKey);
        QCOMPARE(a.where, RequestAuth::Where::Query);
        QCOMPARE(a.keyName, QStringLiteral("api_key"));
        QCOMPARE(a.keyValue, QStringLiteral("{{key}}"));

        // "key" alone is too common a name to be taken for auth (the demo's ?key=demo).
        QCOMPARE(RequestAuth::read(request(QStringLiteral("http://h/?key=demo"), {})).kind,
                 RequestAuth::Kind::None);
    }

    void unknownSchemesAreKeptAsWritten()
    {
        RequestDefinition r =
            request(QStringLiteral("http://h/"),
                    {{QStringLiteral("Authorization"), QStringLiteral("Basic {{encoded}}"), 0}});
        const RequestAuth a = RequestAuth::read(r);
        QCOMPARE(a.kind, RequestAuth::Kind::ApiKey);
        QCOMPARE(a.keyName, QStringLiteral("Authorization"));
        QCOMPARE(a.keyValue, QStringLiteral("Basic {{encoded}}"));
        const RequestDefinition before = r;
        a.applyTo(&r);
        QCOMPARE(r.headers, before.headers);
    }

    void unchangedAuthLeavesTheRequestAlone()
    {
        RequestDefinition r = request(
            QStringLiteral("http://h/"),
            {{QStringLiteral("Accept"), QStringLiteral("*/*"), 0},
             {QStringLiteral("Authorization"), QStringLiteral("Basic ZGVtbzpzM2NyZXQ="), 0}});
        RequestAuth::read(r).applyTo(&r);
        QCOMPARE(r.headers[1].value, QStringLiteral("Basic ZGVtbzpzM2NyZXQ="));
    }

    void replacesInPlace()
    {
        RequestDefinition r =
            request(QStringLiteral("http://h/?a=1"),
                    {{QStringLiteral("Accept"), QStringLiteral("*/*"), 0},
                     {QStringLiteral("authorization"), QStringLiteral("Bearer old"), 0},
                     {QStringLiteral("X-Trace"), QStringLiteral("1"), 0}});
        RequestAuth basic;
        basic.kind = RequestAuth::Kind::Basic;
        basic.user = QStringLiteral("{{user}}");
        basic.password = QStringLiteral("{{pw}}");
        basic.applyTo(&r);
        QCOMPARE(r.headers.size(), 3);
        QCOMPARE(r.headers[1].name, QStringLiteral("authorization")); // its spelling kept
        QCOMPARE(r.headers[1].value, QStringLiteral("Basic {{user}} {{pw}}"));
        QCOMPARE(sentAuthorization(r), "Basic " + QByteArray("ada:s3cret").toBase64());
        QCOMPARE(RequestAuth::read(r), basic);

        // To an API key in the query: the header goes, the param comes.
        RequestAuth key;
        key.kind = RequestAuth::Kind::ApiKey;
        key.where = RequestAuth::Where::Query;
        key.keyName = QStringLiteral("apiKey");
        key.keyValue = QStringLiteral("{{k}}");
        key.applyTo(&r);
        QCOMPARE(r.headers.size(), 2);
        QCOMPARE(r.url, QStringLiteral("http://h/?a=1&apiKey={{k}}"));
        QCOMPARE(RequestAuth::read(r), key);

        // Its value changes in place.
        key.keyValue = QStringLiteral("v2");
        r.url = QStringLiteral("http://h/?apiKey=v1&a=1#x");
        key.applyTo(&r);
        QCOMPARE(r.url, QStringLiteral("http://h/?apiKey=v2&a=1#x"));

        // To None: the param goes.
        RequestAuth().applyTo(&r);
        QCOMPARE(r.url, QStringLiteral("http://h/?a=1#x"));
        QCOMPARE(RequestAuth::read(r).kind, RequestAuth::Kind::None);
    }

    void writesWhatTheResolverUnderstands()
    {
        RequestDefinition r = request(QStringLiteral("http://h/"), {});
        RequestAuth a;
        a.kind = RequestAuth::Kind::Basic;
        a.user = QStringLiteral("Ada Lovelace"); // a space: the shorthand cannot hold it
        a.password = QStringLiteral("p w");
        QVERIFY(a.problem().isEmpty());
        a.applyTo(&r);
        QCOMPARE(sentAuthorization(r), "Basic " + QByteArray("Ada Lovelace:p w").toBase64());
        QCOMPARE(RequestAuth::read(r), a);

        a.kind = RequestAuth::Kind::Digest;
        a.user = QStringLiteral("ada");
        a.password = QStringLiteral("p w");
        QVERIFY(!a.problem().isEmpty());
        const RequestDefinition before = r;
        a.applyTo(&r); // cannot be written: nothing changes
        QCOMPARE(r.headers, before.headers);

        a.password = QStringLiteral("pw");
        a.applyTo(&r);
        QCOMPARE(r.headers.size(), 1);
        QCOMPARE(r.headers[0].value, QStringLiteral("Digest ada pw"));
        const RequestResolver::Result sent = RequestResolver::resolve(r, VariableExpander());
        QCOMPARE(sent.request.options.digestUser, QStringLiteral("ada"));
        QCOMPARE(sent.request.options.digestPassword, QStringLiteral("pw"));

        RequestAuth bearer;
        bearer.kind = RequestAuth::Kind::Bearer;
        bearer.token = QStringLiteral("abc.def");
        bearer.applyTo(&r);
        QCOMPARE(sentAuthorization(r), QByteArray("Bearer abc.def"));
        bearer.token = QStringLiteral("a b");
        QVERIFY(!bearer.problem().isEmpty());
    }

    void apiKeyHeaderReplacesAuthorization()
    {
        RequestDefinition r =
            request(QStringLiteral("http://h/"),
                    {{QStringLiteral("Authorization"), QStringLiteral("Bearer t"), 0},
                     {QStringLiteral("Accept"), QStringLiteral("*/*"), 0}});
        RequestAuth key;
        key.kind = RequestAuth::Kind::ApiKey;
        key.keyName = QStringLiteral("X-Api-Key");
        key.keyValue = QStringLiteral("{{key}}");
        key.applyTo(&r);
        QCOMPARE(r.headers.size(), 2);
        QCOMPARE(r.headers[0].name, QStringLiteral("X-Api-Key"));
        QCOMPARE(RequestAuth::read(r), key);
        key.keyName = QStringLiteral("bad name");
        QVERIFY(!key.problem().isEmpty());
    }

    void resolverNamesTheApiKeysAsCredentials()
    {
        // What the engine drops on a redirect to another origin: the key read() finds (here
        // an Authorization value it cannot take apart), and every header or param named like
        // a key. Other headers and params are no credentials.
        const RequestDefinition r =
            request(QStringLiteral("http://h/?q=1&api%5Fkey=k&apiKey={{key}}"),
                    {{QStringLiteral("Authorization"), QStringLiteral("Token abc"), 0},
                     {QStringLiteral("X-Auth-Token"), QStringLiteral("t"), 0},
                     {QStringLiteral("Accept"), QStringLiteral("*/*"), 0}});
        const RequestResolver::Result sent = RequestResolver::resolve(
            r, VariableExpander({{QStringLiteral("key"), QStringLiteral("s3cret")}}));
        QCOMPARE(sent.request.options.credentialHeaders,
                 QStringList({QStringLiteral("Authorization"), QStringLiteral("X-Auth-Token")}));
        QCOMPARE(sent.request.options.credentialQueryItems,
                 QStringList({QStringLiteral("api_key"), QStringLiteral("apiKey")}));
        // prepare() once, for many sends: the same names.
        const RequestResolver::Prepared prepared = RequestResolver::prepare(r);
        const RequestResolver::Result again = RequestResolver::resolve(
            r, VariableExpander({{QStringLiteral("key"), QStringLiteral("s3cret")}}),
            RequestResolver::FileAccess(), &prepared);
        QCOMPARE(again.request.options.credentialHeaders, sent.request.options.credentialHeaders);
        QCOMPARE(again.request.options.credentialQueryItems,
                 sent.request.options.credentialQueryItems);

        // A key under a name read() does not take for an API key is still a credential when
        // its name says so (the Auth tab lets any name be typed).
        RequestAuth key;
        key.kind = RequestAuth::Kind::ApiKey;
        key.where = RequestAuth::Where::Query;
        key.keyName = QStringLiteral("access_token");
        key.keyValue = QStringLiteral("k");
        RequestDefinition plain = request(QStringLiteral("http://h/?page=2"), {});
        key.applyTo(&plain);
        QCOMPARE(RequestResolver::resolve(plain, VariableExpander())
                     .request.options.credentialQueryItems,
                 QStringList{QStringLiteral("access_token")});
    }

    // JetBrains' "Digest user password" with a password that has a space: split as written,
    // then expanded, it is the password; a value that cannot be taken apart is refused,
    // never sent as written (which put the password on the wire in clear).
    void digestPasswordWithSpacesIsNeverSentAsWritten()
    {
        const VariableExpander expander(
            {{QStringLiteral("user"), QStringLiteral("alice")},
             {QStringLiteral("pw"), QStringLiteral("correct horse")},
             {QStringLiteral("both"), QStringLiteral("alice correct horse")}});
        const auto sent = [&expander](const QString &value) {
            return RequestResolver::resolve(
                request(QStringLiteral("http://h/"), {{QStringLiteral("Authorization"), value, 0}}),
                expander);
        };
        const RequestResolver::Result digest = sent(QStringLiteral("Digest {{user}} {{pw}}"));
        QVERIFY2(digest.ok(), qPrintable(digest.error));
        QCOMPARE(digest.request.options.digestUser, QStringLiteral("alice"));
        QCOMPARE(digest.request.options.digestPassword, QStringLiteral("correct horse"));
        QVERIFY(!digest.request.headers.contains("Authorization"));

        const RequestResolver::Result basic = sent(QStringLiteral("Basic {{user}} {{pw}}"));
        QCOMPARE(basic.request.headers.value("Authorization"),
                 "Basic " + QByteArray("alice:correct horse").toBase64());

        for (const QString &value :
             {QStringLiteral("Digest {{both}}"), QStringLiteral("Digest alice correct horse"),
              QStringLiteral("Basic {{both}}"), QStringLiteral("Digest")}) {
            const RequestResolver::Result refused = sent(value);
            QVERIFY2(!refused.ok(), qPrintable(value));
            QVERIFY2(refused.error.contains(QStringLiteral("takes a user name and a password")),
                     qPrintable(refused.error));
            QVERIFY(!refused.request.headers.value("Authorization").contains("horse"));
        }
        // The header's own forms go as written.
        QCOMPARE(sent(QStringLiteral("Basic YWxpY2U6cHc=")).request.headers.value("Authorization"),
                 QByteArray("Basic YWxpY2U6cHc="));
        const QString answer = QStringLiteral("Digest username=\"a\", realm=\"r\", nonce=\"n\", "
                                              "uri=\"/\", response=\"x\"");
        QCOMPARE(sent(answer).request.headers.value("Authorization"), answer.toUtf8());

        // A scheme in a variable is still a shorthand; another scheme written out is none.
        const VariableExpander schemes({{QStringLiteral("scheme"), QStringLiteral("Digest")},
                                        {QStringLiteral("all"), QStringLiteral("Digest a b")},
                                        {QStringLiteral("pw"), QStringLiteral("p w")}});
        const auto sentWith = [&schemes](const QString &value) {
            return RequestResolver::resolve(
                request(QStringLiteral("http://h/"), {{QStringLiteral("Authorization"), value, 0}}),
                schemes);
        };
        QCOMPARE(sentWith(QStringLiteral("{{scheme}} alice secret")).request.options.digestUser,
                 QStringLiteral("alice"));
        QCOMPARE(sentWith(QStringLiteral(" {{all}}")).request.options.digestPassword,
                 QStringLiteral("b"));
        QVERIFY(!sentWith(QStringLiteral("{{scheme}} alice {{pw}}")).ok()); // four words
        QCOMPARE(
            sentWith(QStringLiteral("  Bearer {{pw}}  ")).request.headers.value("Authorization"),
            QByteArray("  Bearer p w  "));
        QVERIFY(sentWith(QStringLiteral("Bearer")).request.options.digestUser.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_RequestAuth)
#include "tst_requestauth.moc"
