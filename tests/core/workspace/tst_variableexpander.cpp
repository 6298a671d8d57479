#include "bodybytes.h"
#include "workspace/requestresolver.h"
#include "workspace/variableexpander.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace mr;

class tst_VariableExpander : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void expandsNestedVariables()
    {
        const VariableExpander expander({{"host", "example.com"}, {"base", "https://{{host}}/v1"}});
        const auto result = expander.expand("{{base}}/users/{{ id }}?x={{host}}");
        QCOMPARE(result.text,
                 QStringLiteral("https://example.com/v1/users/{{ id }}?x=example.com"));
        QCOMPARE(result.unresolved, QStringList({"id"}));
    }

    void selfReferenceStops()
    {
        const VariableExpander expander({{"a", "x{{a}}"}});
        const auto result = expander.expand("{{a}}");
        QVERIFY(result.text.startsWith(QLatin1String("xxxx")));
        QCOMPARE(result.unresolved, QStringList({"a"}));
    }

    void dynamicVariables()
    {
        qputenv("MR_TEST_VALUE", "from-env");
        const VariableExpander expander;
        QVERIFY(!QUuid::fromString(expander.expand("{{$uuid}}").text).isNull());
        bool ok = false;
        expander.expand("{{$timestamp}}").text.toLongLong(&ok);
        QVERIFY(ok);
        const int n = expander.expand("{{$randomInt 5 7}}").text.toInt(&ok);
        QVERIFY(ok && n >= 5 && n < 7);
        QCOMPARE(expander.expand("{{$processEnv MR_TEST_VALUE}}").text, QStringLiteral("from-env"));
        QCOMPARE(expander.expand("{{$nope}}").unresolved, QStringList({"$nope"}));
    }

    void fixedTextsReferToVariablesOnly()
    {
        const VariableExpander expander({{"host", "example.com"},
                                         {"base", "https://{{host}}/v1"},
                                         {"id", "{{$uuid}}"},
                                         {"token", "{{login.response.body.$.token}}"},
                                         {"loop", "x{{loop}}"}});
        QVERIFY(expander.isFixed(QString()));
        QVERIFY(expander.isFixed("plain {{ text"));
        QVERIFY(expander.isFixed("{{base}}/users/{{ host }}"));
        QVERIFY(expander.isFixed("{{loop}}"));          // stays unresolved the same way every time
        QVERIFY(!expander.isFixed("{{base}}/{{id}}"));  // a new uuid each time
        QVERIFY(!expander.isFixed("{{$timestamp}}"));   // generated
        QVERIFY(!expander.isFixed("Bearer {{token}}")); // a named response's
        QVERIFY(!expander.isFixed("{{undefined}}"));    // may be a response's later
        QCOMPARE(expander.expand(QString()).text, QString());
        QVERIFY(expander.expand(QStringLiteral("")).text.isNull()); // as before: no text, null
    }

    void resolvingAgainParsesTheSame()
    {
        // URLs are kept by their text: a second resolve gives what the first gave, errors too.
        RequestDefinition good;
        good.method = "GET";
        good.url = "{{base}}/a?b=c%20d";
        RequestDefinition bad = good;
        bad.url = "{{base}}/a?b=c d";
        const VariableExpander expander({{"base", "example.com"}});
        for (int i = 0; i < 2; ++i) {
            const auto ok = RequestResolver::resolve(good, expander);
            QVERIFY2(ok.ok(), qPrintable(ok.error));
            QCOMPARE(ok.request.url.toEncoded(), QByteArray("http://example.com/a?b=c%20d"));
            const auto refused = RequestResolver::resolve(bad, expander);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error.contains(QStringLiteral("is not a valid URL")),
                     qPrintable(refused.error));
        }
    }

    void unterminatedBracesStayAsWritten()
    {
        const VariableExpander expander({{"a", "1"}});
        QCOMPARE(expander.expand("{{a}} {{b").text, QStringLiteral("1 {{b"));
    }

    void resolverBuildsARequest()
    {
        RequestDefinition definition;
        definition.method = "POST";
        definition.url = "{{base}}/items";
        definition.headers = {{"Authorization", "Bearer {{token}}", 2}};
        definition.body = R"({"n": "{{n}}"})";
        const VariableExpander expander({{"base", "127.0.0.1:8080"}, {"token", "t"}, {"n", "7"}});
        const auto result = RequestResolver::resolve(definition, expander);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.request.method, QByteArray("POST"));
        QCOMPARE(result.request.url, QUrl("http://127.0.0.1:8080/items"));
        QCOMPARE(result.request.headers.value("authorization"), QByteArray("Bearer t"));
        QCOMPARE(result.request.body, QByteArray(R"({"n": "7"})"));
    }

    void resolverReadsBodyFilesAndShorthands()
    {
        QTemporaryDir dir;
        QFile data(dir.filePath("data.json"));
        QVERIFY(data.open(QIODevice::WriteOnly));
        data.write("{\"from\": \"file\"}");
        data.close();
        RequestDefinition upload;
        upload.method = "POST";
        upload.url = "http://h/upload";
        upload.headers = {{"Content-Type", "multipart/form-data; boundary=B", 2},
                          {"Authorization", "Basic {{user}} s3cret", 3}};
        upload.body = "--B\nContent-Disposition: form-data; name=\"f\"; "
                      "filename=\"data.json\"\n\n< ./data.json\n--B--";
        upload.directives = {{"no-redirect", "", 1}, {"timeout", "2 s", 1}, {"retries", "2", 1}};
        const auto result =
            RequestResolver::resolve(upload, VariableExpander({{"user", "ada"}}), dir.path());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(
            bodyBytes(result.request),
            QByteArray(
                "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"data.json\"\r\n\r\n"
                "{\"from\": \"file\"}\r\n--B--"));
        QCOMPARE(result.request.headers.value("Authorization"),
                 "Basic " + QByteArray("ada:s3cret").toBase64());
        QCOMPARE(result.request.options.followRedirects, std::optional<bool>(false));
        QCOMPARE(result.request.options.timeoutMs, std::optional<int>(2000));
        QCOMPARE(result.request.options.retries, std::optional<int>(2));

        RequestDefinition whole;
        whole.method = "PUT";
        whole.url = "http://h/";
        whole.headers = {{"Authorization", "Digest ada pw", 2}};
        whole.body = "< data.json";
        const auto plain = RequestResolver::resolve(whole, VariableExpander(), dir.path());
        QCOMPARE(bodyBytes(plain.request), QByteArray("{\"from\": \"file\"}"));
        QVERIFY(!plain.request.headers.contains("Authorization")); // answered on challenge
        QCOMPARE(plain.request.options.digestUser, QStringLiteral("ada"));

        whole.body = "< missing.bin";
        const auto missing = RequestResolver::resolve(whole, VariableExpander(), dir.path());
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error.contains(QLatin1String("body line 1: cannot read")),
                 qPrintable(missing.error));

        RequestDefinition socket;
        socket.method = "WEBSOCKET";
        socket.url = "ws://h/chat";
        QVERIFY(RequestResolver::resolve(socket, VariableExpander())
                    .error.contains(QLatin1String("WebSocket")));
    }

    void dotenvIsReadFromTheFilesFolder()
    {
        QTemporaryDir dir;
        QFile env(dir.filePath(".env"));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("# secrets\nAPI_KEY=\"k-123\"\nEMPTY=\n");
        env.close();
        VariableExpander expander;
        expander.setDotenvFolder(dir.path());
        QCOMPARE(expander.expand("{{$dotenv API_KEY}}").text, QStringLiteral("k-123"));
        QCOMPARE(expander.expand("{{$dotenv MISSING}}").unresolved,
                 QStringList({"$dotenv MISSING"}));
    }

    void resolverExplainsWhatIsWrong_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::newRow("undefined variable") << "{{missing}}/x"
                                            << "undefined variables: missing";
        QTest::newRow("no host") << "http:///path"
                                 << "not a valid URL";
        QTest::newRow("other scheme") << "ftp://h/file"
                                      << "only http:// and https://";
    }

    void resolverExplainsWhatIsWrong()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        RequestDefinition definition;
        definition.url = url;
        const auto result = RequestResolver::resolve(definition, VariableExpander());
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(message), qPrintable(result.error));
    }
};

QTEST_APPLESS_MAIN(tst_VariableExpander)
#include "tst_variableexpander.moc"
