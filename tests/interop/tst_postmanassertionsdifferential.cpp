// The proof that our Postman export checks `??` assertions as `microrequests run` does: one
// .http file of requests against the demo service, with assertions that pass and that fail
// (status, headers, JSONPath and property paths, the whole body, duration, every operator,
// digests), run by our binary with the JSON reporter, then exported by our binary
// (`export --format postman`) and run by the pinned newman (`-r json`). Every request must pass
// or fail alike in both, test by test, and as this test expects.
#include "assertionverdict.h"
#include "demo/demoserverthread.h"
#include "npmpeer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <iterator>

namespace {

using Verdict = mr::AssertionVerdict;

struct Case {
    const char *name;
    bool passes;
    const char *block;
};

// Normal string literals: moc does not read raw ones in test sources. {{helloSha256}} and
// {{helloMd5}} are file variables the test computes (so Postman expands them at run time).
const Case cases[] = {
    {"status-ok", true, "GET {{base}}/get\n\n?? status == 200\n"},
    {"status-not-found", false, "GET {{base}}/status/404\n\n?? status == 200\n"},
    {"status-range", true,
     "GET {{base}}/status/201\n\n?? status >= 200\n?? status < 300\n?? status != 200\n"
     "?? status > 200\n?? status <= 201\n"},
    {"status-is-no-word", false, "GET {{base}}/get\n\n?? status == ok\n?? status >= ok\n"},
    {"status-from-a-variable", true, "GET {{base}}/status/201\n\n?? status == {{created}}\n"},
    {"header-json", true,
     "GET {{base}}/json\n\n?? header content-type includes json\n"
     "?? header Content-Type startsWith application/\n"
     "?? header content-type matches ^application/json\n"},
    {"header-html-is-not-json", false,
     "GET {{base}}/html\n\n?? header content-type includes json\n"},
    {"header-echoed", true,
     "GET {{base}}/response-headers?X-Team=core\n\n?? header x-team == core\n"
     "?? header x-team endsWith re\n?? header x-team contains or\n?? header x-team != edge\n"
     "?? header x-team exists\n?? header x-team isString\n?? header x-team > cora\n"},
    {"header-repeated", true,
     "GET {{base}}/response-headers?X-Pair=a&X-Pair=b\n\n?? header x-pair == a, b\n"},
    {"header-missing", false, "GET {{base}}/get\n\n?? header x-never-sent exists\n"},
    {"header-missing-is-false", true, "GET {{base}}/get\n\n?? header x-never-sent isFalse\n"},
    {"body-values", true,
     "POST {{base}}/post\nContent-Type: application/json\n\n"
     "{\"id\": 7, \"name\": \"Ada\", \"tags\": [\"a\", \"b\"], \"active\": false, \"score\": "
     "2.5, \"nested\": {\"list\": [{\"k\": \"v\"}]}, \"obj\": {\"a\": 1, \"b\": [true]}}\n\n"
     "?? body $.json.id == 7\n?? body json.name == {{user}}\n?? body $.json.score > 2\n"
     "?? body $.json.score <= 2.5\n?? body $.json.tags isArray\n?? body $.json.tags[1] == b\n"
     "?? body $.json.active isFalse\n?? body $.json.id isNumber\n?? body $.json.name isString\n"
     "?? body $.json.active isBoolean\n?? body $.json.name startsWith A\n"
     "?? body $.json['name'] endsWith da\n?? body $.json.tags includes a\n"
     "?? body $.json.nested.list[0].k == v\n?? body $.json.obj == {\"b\": [true], \"a\": 1}\n"
     "?? body $.json.id < 10\n?? body $.json.active == false\n?? body $.json.id != 8\n"
     "?? body $.json.score startsWith 2.\n?? body $.json.active == 0\n?? body $.json.tags == "
     "[\"a\", \"b\"]\n"},
    {"body-wrong-value", false,
     "POST {{base}}/post\nContent-Type: application/json\n\n{\"id\": 7}\n\n"
     "?? body $.json.id == 8\n"},
    {"body-array-lacks-item", false,
     "POST {{base}}/post\nContent-Type: application/json\n\n{\"tags\": [1, 2]}\n\n"
     "?? body $.json.tags includes 2\n?? body $.json.tags includes 3\n"},
    {"body-field-missing", false, "GET {{base}}/get\n\n?? body missing exists\n"},
    {"body-deep-field-missing", false, "GET {{base}}/get\n\n?? body $.a.b[3].c == 1\n"},
    {"body-not-json-has-no-fields", true,
     "GET {{base}}/html\n\n?? body $.title isFalse\n?? body includes html\n"},
    {"body-not-json-lacks-a-field", false, "GET {{base}}/html\n\n?? body $.title exists\n"},
    {"body-echo", true,
     "GET {{base}}/anything/items/42?page=2\n\n?? body url matches /items/42\\?page=2$\n"
     "?? body method == GET\n?? body args.page == 2\n?? body url endsWith page=2\n"
     "?? body $.args.page >= 2\n"},
    {"body-string-is-not-a-number", false,
     "POST {{base}}/post\nContent-Type: application/json\n\n{\"n\": \"3\"}\n\n"
     "?? body $.json.n isString\n?? body $.json.n isNumber\n?? body $.json.n < 4\n"},
    {"body-true-is-not-false", false,
     "POST {{base}}/post\nContent-Type: application/json\n\n{\"ok\": true}\n\n"
     "?? body $.json.ok isTrue\n?? body $.json.ok isFalse\n"},
    {"whole-body", true,
     "POST {{base}}/anything\nContent-Type: text/plain\n\nhello world\n\n"
     "?? body includes hello world\n?? body startsWith {\n?? body matches \"data\"\n"},
    {"whole-body-lacks", false, "GET {{base}}/get\n\n?? body includes no such text\n"},
    {"digests", true,
     "POST {{base}}/post\nContent-Type: application/json\n\n{\"word\": \"hello\"}\n\n"
     "?? body $.json.word sha256 {{helloSha256}}\n?? body $.json.word md5 {{helloMd5}}\n"},
    {"digest-wrong", false,
     "POST {{base}}/post\nContent-Type: application/json\n\n{\"word\": \"bye\"}\n\n"
     "?? body $.json.word sha256 {{helloSha256}}\n"},
    {"duration-generous", true, "GET {{base}}/get\n\n?? duration < 60000\n"},
    {"duration-impossible", false, "GET {{base}}/get\n\n?? duration < 0\n"},
    {"duration-of-a-delay", true, "GET {{base}}/delay/200\n\n?? duration > 100\n"},
    {"one-of-two-fails", false,
     "GET {{base}}/status/500\n\n?? status == 500\n?? header content-type includes xml\n"},
    {"no-assertions", true, "GET {{base}}/uuid\n"},
};

// Ours only: exported without its `?? connection` line, which newman cannot check (the
// connection is reused: the run keeps the earlier requests' connection alive).
const char *const connectionCase = "connection-is-ours";
const char *const connectionBlock = "GET {{base}}/get\n\n?? status == 200\n?? connection reused\n";

} // namespace

class tst_PostmanAssertionsDifferential : public QObject
{
    Q_OBJECT
private:
    mr::DemoServerThread m_demo;
    QTemporaryDir m_folder;
    QString m_newman;
    QString m_binary;
    int m_connectionLine = 0; // of "?? connection reused" in api.http

    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
    }

    // Runs a program in the workspace folder; *output and *errors get what it printed. False
    // when it did not finish normally.
    bool runTool(const QString &program, const QStringList &arguments, int *exitCode,
                 QByteArray *errors = nullptr)
    {
        QProcess process;
        process.setWorkingDirectory(m_folder.path());
        process.start(program, arguments);
        if (!process.waitForFinished(180000) || process.exitStatus() != QProcess::NormalExit) {
            process.kill();
            process.waitForFinished();
            qWarning() << program << "did not finish:" << process.readAllStandardError();
            return false;
        }
        *exitCode = process.exitCode();
        if (errors)
            *errors = process.readAllStandardError();
        return true;
    }

    // Our verdicts by request name, from `microrequests run --reporter json=FILE`.
    QHash<QString, Verdict> runOurs(int *exitCode)
    {
        const QString report = m_folder.filePath(QStringLiteral("ours.json"));
        QFile::remove(report); // never read an earlier run's report
        runTool(m_binary,
                {QStringLiteral("run"), QStringLiteral("api.http"), QStringLiteral("--env"),
                 QStringLiteral("dev"), QStringLiteral("--reporter"),
                 QStringLiteral("json=") + report},
                exitCode);
        return Verdict::fromRunReport(report);
    }

    // newman's verdicts by request name, from its JSON report: a request passed when it got a
    // response and none of its tests failed.
    QHash<QString, Verdict> runNewman(const QString &collection, int *exitCode)
    {
        const QString report = m_folder.filePath(QStringLiteral("newman.json"));
        QFile::remove(report);
        runTool(m_newman,
                {QStringLiteral("run"), collection, QStringLiteral("--working-dir"),
                 m_folder.path(), QStringLiteral("--timeout-request"), QStringLiteral("20000"),
                 QStringLiteral("-r"), QStringLiteral("json"),
                 QStringLiteral("--reporter-json-export"), report},
                exitCode);
        QFile file(report);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QHash<QString, Verdict> verdicts;
        const QJsonArray executions = QJsonDocument::fromJson(file.readAll())
                                          .object()[QStringLiteral("run")]
                                          .toObject()[QStringLiteral("executions")]
                                          .toArray();
        for (const QJsonValue &execution : executions) {
            Verdict verdict;
            verdict.passed = execution[QStringLiteral("response")].isObject() &&
                             !execution[QStringLiteral("requestError")].isObject();
            for (const QJsonValue &test : execution[QStringLiteral("assertions")].toArray()) {
                const bool failed = test[QStringLiteral("error")].isObject();
                if (failed) {
                    verdict.passed = false;
                    verdict.errors.append(
                        test[QStringLiteral("assertion")].toString() + QStringLiteral(": ") +
                        test[QStringLiteral("error")][QStringLiteral("name")].toString() +
                        QStringLiteral(": ") +
                        test[QStringLiteral("error")][QStringLiteral("message")].toString());
                }
                verdict.outcomes.append(failed ? QStringLiteral("failed")
                                               : QStringLiteral("passed"));
            }
            verdicts.insert(execution[QStringLiteral("item")][QStringLiteral("name")].toString(),
                            verdict);
        }
        return verdicts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Without Node there is no newman to compare with; with it, a missing newman is the
        // set-up's fault and fails.
        const mr::NpmPeer peer = mr::NpmPeer::find(QStringLiteral("newman"), true);
        if (peer.status == mr::NpmPeer::Status::NoNode)
            QSKIP(qPrintable(peer.message));
        if (peer.status == mr::NpmPeer::Status::Missing)
            QFAIL(qPrintable(peer.message));
        m_newman = peer.path;
        m_binary = qEnvironmentVariable("MR_BINARY",
                                        QCoreApplication::applicationDirPath() + "/microrequests");
        QVERIFY2(QFile::exists(m_binary), qPrintable(m_binary));
        QVERIFY(m_folder.isValid());
        // newman sometimes waits for its kept-alive connections to close before it exits.
        mr::DemoServer::Options options;
        options.idleTimeoutMs = 1000;
        QString error;
        QVERIFY2(m_demo.start(options, &error), qPrintable(error));

        const auto base64Digest = [](QCryptographicHash::Algorithm algorithm) {
            return QCryptographicHash::hash("hello", algorithm).toBase64();
        };
        QByteArray text = "@user = Ada\n@created = 201\n@helloSha256 = " +
                          base64Digest(QCryptographicHash::Sha256) +
                          "\n@helloMd5 = " + base64Digest(QCryptographicHash::Md5) + "\n\n";
        for (const Case &c : cases)
            text += QByteArray("### ") + c.name + "\n" + c.block + "\n";
        text += QByteArray("### ") + connectionCase + "\n";
        m_connectionLine = int(text.count('\n')) + 4; // the block's fourth line
        text += QByteArray(connectionBlock) + "\n";
        writeFile(m_folder.filePath(QStringLiteral("api.http")), text);
        const QString base = m_demo.httpUrl().toString(QUrl::StripTrailingSlash);
        writeFile(m_folder.filePath(QStringLiteral("http-client.env.json")),
                  QStringLiteral("{\"dev\": {\"base\": \"%1\"}}").arg(base).toUtf8());
    }

    void eachRequestPassesOrFailsAsInNewman()
    {
        int ourExit = -1;
        const QHash<QString, Verdict> ours = runOurs(&ourExit);

        int exportExit = -1;
        QByteArray warnings;
        const QString collection = m_folder.filePath(QStringLiteral("api.postman_collection.json"));
        QVERIFY(
            runTool(m_binary,
                    {QStringLiteral("export"), QStringLiteral("api.http"),
                     QStringLiteral("--format"), QStringLiteral("postman"), QStringLiteral("--env"),
                     QStringLiteral("dev"), QStringLiteral("--output"), collection},
                    &exportExit, &warnings));
        QCOMPARE(exportExit, 0);
        // The one assertion left out is named with its place and the reason.
        const QString expectedWarning =
            QStringLiteral("api.http:%1:4: %2: \"connection reused\" is not exported")
                .arg(m_connectionLine)
                .arg(QLatin1String(connectionCase));
        QVERIFY2(QString::fromUtf8(warnings).contains(expectedWarning),
                 qPrintable(QString::fromUtf8(warnings)));
        QVERIFY2(!warnings.contains("response handler"), warnings.constData());

        int theirExit = -1;
        const QHash<QString, Verdict> theirs = runNewman(collection, &theirExit);
        const int expected = int(std::size(cases)) + 1;
        QCOMPARE(ours.size(), expected);
        QCOMPARE(theirs.size(), expected);

        QStringList differences;
        for (const Case &c : cases) {
            const QString name = QString::fromLatin1(c.name);
            const Verdict mine = ours.value(name);
            const Verdict newman = theirs.value(name);
            // Each case's expected verdict: agreeing cannot mean "both wrong alike".
            if (mine.passed != c.passes)
                differences.append(
                    QStringLiteral("%1: microrequests says %2, this test expects "
                                   "it to %3")
                        .arg(name, mine.describe(),
                             c.passes ? QStringLiteral("pass") : QStringLiteral("fail")));
            else if (mine.passed != newman.passed || mine.outcomes != newman.outcomes)
                differences.append(QStringLiteral("%1: microrequests %2, newman %3 %4")
                                       .arg(name, mine.describe(), newman.describe(),
                                            newman.errors.join(QStringLiteral("; "))));
        }
        // The connection check is ours alone: newman runs the status test only.
        const Verdict mine = ours.value(QLatin1String(connectionCase));
        const Verdict newman = theirs.value(QLatin1String(connectionCase));
        if (mine.outcomes != QStringList({QStringLiteral("passed"), QStringLiteral("passed")}) ||
            newman.outcomes != QStringList({QStringLiteral("passed")}))
            differences.append(
                QStringLiteral("%1: microrequests %2, newman %3")
                    .arg(QLatin1String(connectionCase), mine.describe(), newman.describe()));
        // A test fails on its check, never because the exported script is broken JavaScript
        // (a TypeError or ReferenceError would fail it too, and agree by accident).
        for (const Verdict &verdict : theirs) {
            for (const QString &error : verdict.errors) {
                if (!error.contains(QLatin1String(": AssertionError: ")))
                    differences.append(QStringLiteral("newman: %1").arg(error));
            }
        }
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
        // A failed assertion is a failed run in both.
        QCOMPARE(ourExit, 1);
        QCOMPARE(theirExit, 1);
    }
};

QTEST_GUILESS_MAIN(tst_PostmanAssertionsDifferential)
#include "tst_postmanassertionsdifferential.moc"
