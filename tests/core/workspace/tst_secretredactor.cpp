#include "net/attempt.h"
#include "net/exchange.h"
#include "workspace/secretredactor.h"

#include <QTest>
#include <QUrl>

#include <thread>
#include <vector>

using namespace mr;

// SecretRedactor's rules as history, run reports and HAR exports meet them. Its patterns are
// made when it is built (never while masking), its header names told apart without regard to
// case or surrounding whitespace, and what has nothing to mask comes back as it was.
class tst_SecretRedactor : public QObject
{
    Q_OBJECT

    static Exchange exchange()
    {
        Exchange x;
        x.request.url = QUrl(QStringLiteral("http://host/items?api_key=k-123456&page=1"));
        x.request.headers.append("Accept", "application/json");
        x.request.headers.append("AUTHORIZATION", "Bearer tok-abcdef");
        x.request.headers.append(" x-custom-token ", "custom-secret");
        x.request.headers.append("Cookie", "sid=session-0123456789; theme=dark");
        x.responseHeaders.append("Content-Type", "application/json");
        x.responseHeaders.append("set-cookie", "sid=session-9876543210; Path=/; HttpOnly");
        x.responseBody = "{\"echo\":\"tok-abcdef\",\"key\":\"k-123456\",\"n\":1}";
        x.responseBodySize = x.responseBody.size();
        Attempt attempt;
        attempt.requestHead = "GET /items?api_key=k-123456&page=1 HTTP/1.1\r\n"
                              "Host: host\r\n"
                              "Accept: application/json\r\n"
                              "Authorization: Bearer tok-abcdef\r\n"
                              "x-custom-token: custom-secret\r\n"
                              "\r\n";
        x.attempts.append(attempt);
        x.error = QStringLiteral("server said tok-abcdef was wrong");
        return x;
    }

private Q_SLOTS:
    void masksWhatAnExchangeCarries()
    {
        const Exchange x = SecretRedactor().redacted(exchange());
        QCOMPARE(x.request.url.toString(), QStringLiteral("http://host/items?api_key=***&page=1"));
        const QList<HttpHeaders::Field> expected = {
            {"Accept", "application/json"},
            {"AUTHORIZATION", "Bearer ***"},
            {" x-custom-token ", "***"},
            {"Cookie", "sid=***; theme=***"},
        };
        QCOMPARE(x.request.headers.fields(), expected);
        QCOMPARE(x.responseHeaders.value("set-cookie"), QByteArray("sid=***; Path=/; HttpOnly"));
        QCOMPARE(x.responseBody, QByteArray("{\"echo\":\"***\",\"key\":\"***\",\"n\":1}"));
        QCOMPARE(x.responseBodySize, qint64(x.responseBody.size()));
        QCOMPARE(x.attempts.first().requestHead,
                 QByteArray("GET /items?api_key=***&page=1 HTTP/1.1\r\n"
                            "Host: host\r\n"
                            "Accept: application/json\r\n"
                            "Authorization: Bearer ***\r\n"
                            "x-custom-token: ***\r\n"
                            "\r\n"));
        QCOMPARE(x.error, QStringLiteral("server said *** was wrong"));
    }

    void redactedCollectedIsRedacted()
    {
        SecretRedactor secrets;
        secrets.addValue(QStringLiteral("dark"));
        const Exchange original = exchange();
        const Exchange a = secrets.redacted(original);
        const Exchange b = secrets.withSecretsOf(original).redactedCollected(original);
        QCOMPARE(b.request.url, a.request.url);
        QCOMPARE(b.request.headers.fields(), a.request.headers.fields());
        QCOMPARE(b.responseHeaders.fields(), a.responseHeaders.fields());
        QCOMPARE(b.responseBody, a.responseBody);
        QCOMPARE(b.attempts.first().requestHead, a.attempts.first().requestHead);
        QCOMPARE(b.error, a.error);
    }

    void nothingToMaskStaysAsItWas()
    {
        SecretRedactor secrets;
        secrets.addValue(QStringLiteral("not-in-there"));
        const QByteArray head = "POST /a?b=c HTTP/1.1\n"
                                "Host:  spaced  \r\n"
                                "X-Plain: value\r\n"
                                "no colon line\r\n"
                                "\r\n";
        Exchange x;
        Attempt attempt;
        attempt.requestHead = head;
        x.attempts.append(attempt);
        x.responseHeaders.append("Server", "nginx");
        x.responseHeaders.append("X-Plain", "  value  ");
        const Exchange redacted = secrets.redacted(x);
        QCOMPARE(redacted.attempts.first().requestHead, head);
        QCOMPARE(redacted.responseHeaders.fields(), x.responseHeaders.fields());
        QCOMPARE(secrets.redactedBytes("plain text"), QByteArray("plain text"));
    }

    void wholeSecretValuesAreMaskedWhereverTheyAre()
    {
        SecretRedactor secrets;
        secrets.addValue(QStringLiteral("abc"));                    // too short inside text
        secrets.addValue(QStringLiteral("gr\u00FC\u00DFe-secret")); // not ASCII
        HttpHeaders headers;
        headers.append("X-One", " abc ");
        headers.append("X-Two", "gr\xC3\xBC\xC3\x9F"
                                "e-secret");
        headers.append("X-Three", "abcd");
        headers.append("X-Four", "say gr\xC3\xBC\xC3\x9F"
                                 "e-secret");
        const QList<HttpHeaders::Field> expected = {
            {"X-One", "***"}, {"X-Two", "***"}, {"X-Three", "abcd"}, {"X-Four", "say ***"}};
        QCOMPARE(secrets.redacted(headers).fields(), expected);
    }

    void addingAValueUpdatesThePatterns()
    {
        SecretRedactor secrets;
        QCOMPARE(secrets.redactedText(QStringLiteral("a s3cret-value")),
                 QStringLiteral("a s3cret-value"));
        QCOMPARE(secrets.longestValue(), qsizetype(0));
        secrets.addValue(QStringLiteral("s3cret value"));
        QCOMPARE(secrets.redactedText(QStringLiteral("a s3cret value, a s3cret%20value")),
                 QStringLiteral("a ***, a ***"));
        QCOMPARE(secrets.longestValue(), qsizetype(QByteArray("s3cret%20value").size()));
        // Longest first: a secret inside another is masked after it.
        secrets.addValue(QStringLiteral("cret"));
        QCOMPARE(secrets.redactedBytes("a s3cret value and a cret"), QByteArray("a *** and a ***"));
    }

    void foundAtEveryPlace()
    {
        // Where a search for the first byte and the rest could go wrong: a start that repeats,
        // the very end, a text shorter than the secret, a near miss.
        SecretRedactor secrets;
        secrets.addValue(QStringLiteral("aaab"));
        QCOMPARE(secrets.redactedBytes("aaaab"), QByteArray("a***"));
        QCOMPARE(secrets.redactedBytes("xaaab"), QByteArray("x***"));
        QCOMPARE(secrets.redactedBytes("aaa"), QByteArray("aaa"));
        QCOMPARE(secrets.redactedBytes("aaac aab"), QByteArray("aaac aab"));
        QCOMPARE(secrets.redactedText(QStringLiteral("aaaab")), QStringLiteral("a***"));
        QCOMPARE(secrets.redactedText(QStringLiteral("aab aaab")), QStringLiteral("aab ***"));
        QCOMPARE(secrets.redactedText(QStringLiteral("aaa")), QStringLiteral("aaa"));
        QCOMPARE(secrets.redactedText(QStringLiteral("aaac")), QStringLiteral("aaac"));
    }

    void queriesMaskedPairByPair()
    {
        // What split('&') and join('&') gave: empty pairs, a trailing '&', encoded values,
        // '+' read both ways, a name that is a credential, a value that is a whole secret.
        SecretRedactor secrets;
        secrets.addValue(QStringLiteral("s3cr et"));
        secrets.addValue(QStringLiteral("tok"));
        const auto query = [&secrets](const char *text) {
            QUrl url(QStringLiteral("http://h/p"));
            url.setQuery(QString::fromLatin1(text), QUrl::TolerantMode);
            return secrets.redacted(url).query(QUrl::FullyEncoded);
        };
        QCOMPARE(query("a=1&&b=2&"), QStringLiteral("a=1&&b=2&"));
        QCOMPARE(query("a=1&api_key=x&b="), QStringLiteral("a=1&api_key=***&b="));
        QCOMPARE(query("x=tok&y=toke"), QStringLiteral("x=***&y=toke"));
        QCOMPARE(query("x=s3cr+et&y=s3cr%20et"), QStringLiteral("x=***&y=***"));
        QCOMPARE(query("x=s3cr%2Bet&password=&t=tok"),
                 QStringLiteral("x=s3cr%2Bet&password=&t=***"));
        QCOMPARE(query("=tok&tok"), QStringLiteral("=***&tok"));
    }

    void aHeadLineUnlikeTheRequestsHeaderIsReadOnItsOwn()
    {
        // The head's lines are matched with the request's headers to skip work; one that
        // differs (the engine's Digest answer, a value changed on the way) is still read.
        Exchange x;
        x.request.url = QUrl(QStringLiteral("http://host/"));
        x.request.headers.append("Accept", "*/*");
        x.request.headers.append("X-Token", "first-secret-1");
        x.request.headers.append("X-Note", "plain");
        x.responseBody = "second-secret-2 first-secret-1";
        x.responseBodySize = x.responseBody.size();
        Attempt attempt;
        attempt.requestHead = "GET / HTTP/1.1\r\n"
                              "Accept: */*\r\n"
                              "X-Token: second-secret-2\r\n"
                              "Authorization: Digest response=\"digest-answer-77\"\r\n"
                              "X-Note: plain\r\n"
                              "\r\n";
        x.attempts.append(attempt);
        const Exchange r = SecretRedactor().redacted(x);
        QCOMPARE(r.responseBody, QByteArray("*** ***"));
        QCOMPARE(r.attempts[0].requestHead, QByteArray("GET / HTTP/1.1\r\n"
                                                       "Accept: */*\r\n"
                                                       "X-Token: ***\r\n"
                                                       "Authorization: Digest ***\r\n"
                                                       "X-Note: plain\r\n"
                                                       "\r\n"));
        QCOMPARE(r.request.headers.value("X-Token"), QByteArray("***"));
    }

    void disabledChangesNothing()
    {
        const SecretRedactor secrets = SecretRedactor::disabled();
        const Exchange original = exchange();
        const Exchange x = secrets.redacted(original);
        QCOMPARE(x.request.headers.fields(), original.request.headers.fields());
        QCOMPARE(x.attempts.first().requestHead, original.attempts.first().requestHead);
        QCOMPARE(secrets.withSecretsOf(original).redactedCollected(original).responseBody,
                 original.responseBody);
    }

    // Nothing is made while masking, so one const redactor may mask in several threads.
    void aConstRedactorIsSharedBetweenThreads()
    {
        SecretRedactor built;
        built.addValue(QStringLiteral("shared-secret"));
        const SecretRedactor secrets = built.withSecretsOf(exchange());
        const QByteArray expected = secrets.redactedBytes("x shared-secret tok-abcdef y");
        QCOMPARE(expected, QByteArray("x *** *** y"));
        std::vector<std::thread> threads;
        std::vector<int> wrong(4, 0);
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&secrets, &expected, &wrong, t] {
                for (int i = 0; i < 500; ++i) {
                    if (secrets.redactedBytes("x shared-secret tok-abcdef y") != expected ||
                        secrets.redacted(exchange()).responseBody !=
                            "{\"echo\":\"***\",\"key\":\"***\",\"n\":1}")
                        ++wrong[size_t(t)];
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(wrong, std::vector<int>(4, 0));
    }
};

QTEST_APPLESS_MAIN(tst_SecretRedactor)
#include "tst_secretredactor.moc"
