#include "net/authresponder.h"
#include "net/retrypolicy.h"

#include <QMetaEnum>
#include <QTest>

using namespace mr;

class tst_RetryPolicy : public QObject
{
    Q_OBJECT
    const QDateTime m_now = QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC);

private Q_SLOTS:
    void backoffScheduleMatchesUrllib3()
    {
        // urllib3 with backoff_factor 0.5 s: 0, 1, 2, 4, 8, 16 s, capped by backoff_max.
        RetryPolicy policy;
        policy.backoffFactorMs = 500;
        policy.backoffMaxMs = 10000;
        QList<double> schedule;
        for (int k = 1; k <= 7; ++k)
            schedule.append(policy.backoffMs(k, {}));
        QCOMPARE(schedule, QList<double>({0, 1000, 2000, 4000, 8000, 10000, 10000}));
    }

    void jitterComesFromTheInjectedSource()
    {
        RetryPolicy policy;
        policy.backoffFactorMs = 100;
        policy.backoffJitterMs = 50;
        QCOMPARE(policy.backoffMs(3, [] { return 0.5; }), 400.0 + 25.0);
        QCOMPARE(policy.backoffMs(3, [] { return 0.0; }), 400.0);
    }

    void defaultsRetryOneConnectErrorOnly()
    {
        RetryState state;
        QVERIFY(state.decide(RetryState::Kind::Connect, "POST", 0, {}, m_now, {}).retry);
        const auto second = state.decide(RetryState::Kind::Connect, "GET", 0, {}, m_now, {});
        QVERIFY(!second.retry);
        QVERIFY(second.reason.contains(QLatin1String("budget (1) is spent")));
        RetryState fresh;
        QVERIFY(!fresh.decide(RetryState::Kind::Read, "GET", 0, {}, m_now, {}).retry);
        QVERIFY(!fresh.decide(RetryState::Kind::Status, "GET", 503, {}, m_now, {}).retry);
    }

    void readRetriesOnlyForAllowedMethods()
    {
        RetryPolicy policy;
        policy.read = 2;
        RetryState state(policy);
        const auto post = state.decide(RetryState::Kind::Read, "POST", 0, {}, m_now, {});
        QVERIFY(!post.retry);
        QVERIFY(post.reason.contains(QLatin1String("POST may have reached the server")));
        QVERIFY(state.decide(RetryState::Kind::Read, "GET", 0, {}, m_now, {}).retry);
        QVERIFY(state.decide(RetryState::Kind::Read, "PUT", 0, {}, m_now, {}).retry);
        QVERIFY(!state.decide(RetryState::Kind::Read, "GET", 0, {}, m_now, {}).retry);
    }

    // Regression: Qt's generic errors (NetworkSessionFailedError, TemporaryNetworkFailureError)
    // counted as connect errors wherever they happened, so a POST that failed mid-response was
    // re-sent. Whatever the error, once a byte of the request may have left, only the read
    // budget and its methods apply; before that, a POST may be re-sent.
    void postIsNotResentAfterMidResponseError()
    {
        RetryPolicy generous;
        generous.connect = 5;
        generous.read = 5;
        const QMetaEnum errors = QMetaEnum::fromType<QNetworkReply::NetworkError>();
        int retryable = 0;
        for (int i = 0; i < errors.keyCount(); ++i) {
            const auto error = QNetworkReply::NetworkError(errors.value(i));
            const auto kind = RetryState::kindOf(error, QStringLiteral("it failed"), true);
            if (!kind)
                continue;
            ++retryable;
            RetryState state(generous);
            const auto decision = state.decide(*kind, "POST", 0, {}, m_now, {});
            QVERIFY2(!decision.retry, errors.key(i));
            QVERIFY2(decision.reason.contains(QLatin1String("POST may have reached the server")),
                     errors.key(i));
            RetryState get(generous); // an idempotent method may still be retried
            QVERIFY2(get.decide(*kind, "GET", 0, {}, m_now, {}).retry, errors.key(i));
        }
        QVERIFY(retryable >= 6);
        for (const auto error :
             {QNetworkReply::ConnectionRefusedError, QNetworkReply::HostNotFoundError,
              QNetworkReply::NetworkSessionFailedError,
              QNetworkReply::TemporaryNetworkFailureError}) {
            const auto kind = RetryState::kindOf(error, QString(), false);
            QVERIFY(kind);
            QCOMPARE(*kind, RetryState::Kind::Connect); // nothing left: a POST may go again
        }
        QCOMPARE(*RetryState::kindOf(QNetworkReply::TimeoutError,
                                     QStringLiteral("Connect timeout: no connection"), false),
                 RetryState::Kind::Connect);
    }

    void statusRetriesHonourRetryAfter()
    {
        RetryPolicy policy;
        policy.status = 3;
        policy.retryAfterMaxMs = 5000;
        RetryState state(policy);
        HttpHeaders headers;
        headers.append("Retry-After", "2");
        auto d = state.decide(RetryState::Kind::Status, "GET", 503, headers, m_now, {});
        QVERIFY(d.retry);
        QCOMPARE(d.delayMs, 2000.0);
        headers.set("Retry-After", "3600"); // capped
        QCOMPARE(state.decide(RetryState::Kind::Status, "GET", 429, headers, m_now, {}).delayMs,
                 5000.0);
        headers.set("Retry-After", "Wed, 25 Nov 2026 12:00:03 GMT");
        QCOMPARE(state.decide(RetryState::Kind::Status, "GET", 502, headers, m_now, {}).delayMs,
                 3000.0);
        QVERIFY(!state.decide(RetryState::Kind::Status, "GET", 503, headers, m_now, {}).retry);
        QVERIFY(
            !RetryState(policy).decide(RetryState::Kind::Status, "GET", 500, {}, m_now, {}).retry);
    }

    void totalCapsEveryBudget()
    {
        RetryPolicy policy;
        policy.total = 2;
        policy.connect = 5;
        policy.status = 5;
        RetryState state(policy);
        QVERIFY(state.decide(RetryState::Kind::Connect, "GET", 0, {}, m_now, {}).retry);
        QVERIFY(state.decide(RetryState::Kind::Status, "GET", 503, {}, m_now, {}).retry);
        QVERIFY(!state.decide(RetryState::Kind::Connect, "GET", 0, {}, m_now, {}).retry);
        QCOMPARE(state.retries(), 2);
    }

    void retryAfterParsing()
    {
        QCOMPARE(RetryPolicy::retryAfterMs("120", m_now), std::optional<double>(120000));
        QCOMPARE(RetryPolicy::retryAfterMs("Wed, 25 Nov 2026 11:59:00 GMT", m_now),
                 std::optional<double>(0));
        QVERIFY(!RetryPolicy::retryAfterMs("soon", m_now));
        QVERIFY(!RetryPolicy::retryAfterMs("-5", m_now));
    }

    void digestMatchesRfc7616Example()
    {
        // RFC 7616 §3.9.1 (SHA-256 and MD5 answers for the same challenge).
        HttpAuthChallenge challenge;
        challenge.scheme = "digest";
        challenge.parameters = {{"realm", "http-auth@example.org"},
                                {"qop", "auth, auth-int"},
                                {"nonce", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"},
                                {"opaque", "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"}};
        const QByteArray cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        challenge.parameters.insert("algorithm", "MD5");
        QVERIFY(AuthResponder::digest(challenge, "Mufasa", "Circle of Life", "GET",
                                      "/dir/index.html", cnonce, 1)
                    .contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""));
        challenge.parameters.insert("algorithm", "SHA-256");
        const QByteArray sha = AuthResponder::digest(challenge, "Mufasa", "Circle of Life", "GET",
                                                     "/dir/index.html", cnonce, 1);
        QVERIFY2(
            sha.contains(
                "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""),
            sha.constData());
        QVERIFY(sha.contains("nc=00000001"));
        QVERIFY(sha.contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""));
    }

    void challengesAreParsedAndPicked()
    {
        HttpHeaders headers;
        headers.append("WWW-Authenticate",
                       "Basic realm=\"a, b\", Digest realm=\"x\", nonce=\"n\", qop=\"auth\"");
        headers.append("WWW-Authenticate", "NTLM");
        const QList<HttpAuthChallenge> challenges = HttpAuthChallenge::fromHeaders(headers);
        QCOMPARE(challenges.size(), 3);
        QCOMPARE(challenges[0].scheme, QByteArray("basic"));
        QCOMPARE(challenges[0].parameter("realm"), QByteArray("a, b"));
        QCOMPARE(challenges[1].scheme, QByteArray("digest"));
        QCOMPARE(challenges[1].parameter("nonce"), QByteArray("n"));
        QCOMPARE(AuthResponder::pick(challenges)->scheme, QByteArray("digest"));
        QVERIFY(AuthResponder::unsupportedReason(challenges).isEmpty());
        const QString ntlmOnly = AuthResponder::unsupportedReason({challenges[2]});
        QVERIFY2(ntlmOnly.contains(
                     QLatin1String("NTLM authentication, which Microrequests does not support")),
                 qPrintable(ntlmOnly));
        QCOMPARE(AuthResponder::basic("Aladdin", "open sesame"),
                 QByteArray("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    }
};

QTEST_APPLESS_MAIN(tst_RetryPolicy)
#include "tst_retrypolicy.moc"
