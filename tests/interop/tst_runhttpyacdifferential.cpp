// The proof that `microrequests run` checks httpyac's `??` assertions as httpyac does: one
// workspace of requests against the demo service, with assertions that pass and that fail
// (status, headers, JSONPath and property paths, duration, the operators), run by our binary
// with the JSON reporter and by the pinned httpyac (`send --all --json`); every request must
// pass or fail alike in both, assertion by assertion, and as this test expects.
#include "assertionverdict.h"
#include "demo/demoserverthread.h"
#include "npmpeer.h"

#include <QCoreApplication>
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

// Each request's name, whether it must pass, and its block in the workspace below. `ours`
// marks the one known difference: JSONPath (`$.…`) after `?? body` is our extension; httpyac
// 6.16.7 reads what follows `body` as JavaScript property access on the parsed body
// (`(response.parsedBody || response.body).$.id`), which throws, so there every such
// assertion fails with "Cannot read properties of undefined".
struct Case {
    const char *name;
    bool passes;
    const char *block;
    bool ours = false; // uses JSONPath: passes here as `passes` says, fails in httpyac
};

// Normal string literals: moc does not read raw ones in test sources.
const Case cases[] = {
    {"status-ok", true, "GET {{base}}/get\n\n?? status == 200\n"},
    {"status-not-found", false, "GET {{base}}/status/404\n\n?? status == 200\n"},
    {"status-range", true,
     "GET {{base}}/status/201\n\n?? status >= 200\n?? status < 300\n?? status != 200\n"},
    {"header-json", true,
     "GET {{base}}/json\n\n?? header content-type includes json\n"
     "?? header Content-Type startsWith application/\n"},
    {"header-html-is-not-json", false,
     "GET {{base}}/html\n\n?? header content-type includes json\n"},
    {"header-echoed", true,
     "GET {{base}}/response-headers?X-Team=core\n\n?? header x-team == core\n"
     "?? header x-team endsWith re\n?? header x-team contains or\n"},
    {"header-missing", false, "GET {{base}}/get\n\n?? header x-never-sent exists\n"},
    {"body-values", true,
     "POST {{base}}/post\nContent-Type: application/json\n\n"
     "{\"id\": 7, \"name\": \"Ada\", \"tags\": [\"a\", \"b\"], \"active\": false, \"score\": "
     "2.5}\n\n"
     "?? body json.id == 7\n?? body json.name == {{user}}\n?? body json.score > 2\n"
     "?? body json.score <= 2.5\n?? body json.tags isArray\n?? body json.tags[1] == b\n"
     "?? body json.active isFalse\n?? body json.id isNumber\n?? body json.name isString\n"
     "?? body json.active isBoolean\n?? body json.name startsWith A\n"},
    {"body-wrong-value", false,
     "POST {{base}}/post\nContent-Type: application/json\n\n{\"id\": 7}\n\n"
     "?? body json.id == 8\n"},
    {"body-field-missing", false, "GET {{base}}/get\n\n?? body missing exists\n"},
    {"body-matches", true,
     "GET {{base}}/anything/items/42?page=2\n\n?? body url matches /items/42\\?page=2$\n"
     "?? body method == GET\n?? body args.page == 2\n?? body url endsWith page=2\n"},
    {"body-string-is-not-a-number", false,
     "POST {{base}}/post\nContent-Type: application/json\n\n{\"n\": \"3\"}\n\n"
     "?? body json.n isString\n?? body json.n isNumber\n"},
    {"body-true-is-not-false", false,
     "POST {{base}}/post\nContent-Type: application/json\n\n{\"ok\": true}\n\n"
     "?? body json.ok isTrue\n?? body json.ok isFalse\n"},
    {"duration-generous", true, "GET {{base}}/get\n\n?? duration < 60000\n"},
    {"duration-impossible", false, "GET {{base}}/get\n\n?? duration < 0\n"},
    {"duration-of-a-delay", true, "GET {{base}}/delay/200\n\n?? duration > 100\n"},
    {"one-of-two-fails", false,
     "GET {{base}}/status/500\n\n?? status == 500\n?? header content-type includes xml\n"},
    {"no-assertions", true, "GET {{base}}/uuid\n"},
    {"jsonpath-is-ours", true,
     "POST {{base}}/post\nContent-Type: application/json\n\n{\"id\": 7}\n\n"
     "?? status == 200\n?? body $.json.id == 7\n",
     true},
};

} // namespace

class tst_RunHttpyacDifferential : public QObject
{
    Q_OBJECT
private:
    mr::DemoServerThread m_demo;
    QTemporaryDir m_folder;
    QString m_httpyac;
    QString m_binary;

    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
    }

    // Runs a program in the workspace folder; its standard output, or an empty array and a
    // warning when it did not finish normally.
    static QByteArray runTool(const QString &program, const QStringList &arguments,
                              const QString &folder, int *exitCode)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("CI"), QStringLiteral("true"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), folder + QStringLiteral("/config"));
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(folder);
        process.start(program, arguments);
        if (!process.waitForFinished(180000) || process.exitStatus() != QProcess::NormalExit) {
            process.kill();
            process.waitForFinished();
            qWarning() << program << "did not finish:" << process.readAllStandardError();
            return {};
        }
        *exitCode = process.exitCode();
        const QByteArray errors = process.readAllStandardError();
        if (!errors.isEmpty())
            qInfo() << QFileInfo(program).fileName() << "said on stderr:" << errors.left(2000);
        return process.readAllStandardOutput();
    }

    // Our verdicts by request name, from `microrequests run --reporter json=FILE`.
    QHash<QString, Verdict> runOurs(const QString &httpFile, int *exitCode)
    {
        const QString report = m_folder.filePath(QStringLiteral("ours.json"));
        QFile::remove(report); // never read an earlier run's report
        runTool(m_binary,
                {QStringLiteral("run"), httpFile, QStringLiteral("--env"), QStringLiteral("dev"),
                 QStringLiteral("--reporter"), QStringLiteral("json=") + report},
                m_folder.path(), exitCode);
        return Verdict::fromRunReport(report);
    }

    // httpyac's verdicts by request name, from `httpyac send --all --json`: a request passed
    // when it has a response and none of its tests failed or errored.
    QHash<QString, Verdict> runHttpyac(int *exitCode)
    {
        const QByteArray output =
            runTool(m_httpyac,
                    {QStringLiteral("send"), QStringLiteral("api.http"), QStringLiteral("--all"),
                     QStringLiteral("-e"), QStringLiteral("dev"), QStringLiteral("--json")},
                    m_folder.path(), exitCode);
        QHash<QString, Verdict> verdicts;
        const QJsonArray requests =
            QJsonDocument::fromJson(output)[QStringLiteral("requests")].toArray();
        for (const QJsonValue &request : requests) {
            Verdict verdict;
            const QJsonObject summary = request[QStringLiteral("summary")].toObject();
            verdict.passed = request[QStringLiteral("response")].isObject() &&
                             summary[QStringLiteral("failedTests")].toInt() == 0 &&
                             summary[QStringLiteral("erroredTests")].toInt() == 0;
            for (const QJsonValue &test : request[QStringLiteral("testResults")].toArray()) {
                const QString status = test[QStringLiteral("status")].toString();
                if (status != QLatin1String("SUCCESS"))
                    verdict.errors.append(
                        test[QStringLiteral("error")][QStringLiteral("message")].toString());
                verdict.outcomes.append(status == QLatin1String("SUCCESS")
                                            ? QStringLiteral("passed")
                                            : QStringLiteral("failed"));
            }
            verdicts.insert(request[QStringLiteral("name")].toString(), verdict);
        }
        return verdicts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Without Node there is no httpyac to compare with; with it, a missing httpyac is the
        // set-up's fault and fails.
        const mr::NpmPeer peer = mr::NpmPeer::find(QStringLiteral("httpyac"), true);
        if (peer.status == mr::NpmPeer::Status::NoNode)
            QSKIP(qPrintable(peer.message));
        if (peer.status == mr::NpmPeer::Status::Missing)
            QFAIL(qPrintable(peer.message));
        m_httpyac = peer.path;
        m_binary = qEnvironmentVariable("MR_BINARY",
                                        QCoreApplication::applicationDirPath() + "/microrequests");
        QVERIFY2(QFile::exists(m_binary), qPrintable(m_binary));
        QVERIFY(m_folder.isValid());
        QString error;
        QVERIFY2(m_demo.start(mr::DemoServer::Options(), &error), qPrintable(error));

        QByteArray text = "@user = Ada\n\n";
        for (const Case &c : cases)
            text += QByteArray("### ") + c.name + "\n" + c.block + "\n";
        writeFile(m_folder.filePath(QStringLiteral("api.http")), text);
        const QString base = m_demo.httpUrl().toString(QUrl::StripTrailingSlash);
        writeFile(m_folder.filePath(QStringLiteral("http-client.env.json")),
                  QStringLiteral("{\"dev\": {\"base\": \"%1\"}}").arg(base).toUtf8());
    }

    void eachRequestPassesOrFailsAsInHttpyac()
    {
        int ourExit = -1;
        int theirExit = -1;
        const QHash<QString, Verdict> ours = runOurs(QStringLiteral("api.http"), &ourExit);
        const QHash<QString, Verdict> theirs = runHttpyac(&theirExit);
        const int expected = int(std::size(cases));
        QCOMPARE(ours.size(), expected);
        QCOMPARE(theirs.size(), expected);

        QStringList differences;
        for (const Case &c : cases) {
            const QString name = QString::fromLatin1(c.name);
            const Verdict mine = ours.value(name);
            const Verdict httpyac = theirs.value(name);
            // Each case's expected verdict: agreeing cannot mean "both wrong alike".
            if (mine.passed != c.passes) {
                differences.append(
                    QStringLiteral("%1: microrequests says %2, this test expects "
                                   "it to %3")
                        .arg(name, mine.describe(),
                             c.passes ? QStringLiteral("pass") : QStringLiteral("fail")));
                continue;
            }
            if (!c.ours) {
                if (mine.passed != httpyac.passed || mine.outcomes != httpyac.outcomes)
                    differences.append(QStringLiteral("%1: microrequests %2, httpyac %3 %4")
                                           .arg(name, mine.describe(), httpyac.describe(),
                                                httpyac.errors.join(QStringLiteral("; "))));
                continue;
            }
            // The known difference: each JSONPath assertion fails in httpyac, the rest agree.
            QStringList expectedThere = mine.outcomes;
            const QStringList lines = QString::fromLatin1(c.block).split(QLatin1Char('\n'));
            int index = 0;
            for (const QString &line : lines) {
                if (!line.startsWith(QLatin1String("??")))
                    continue;
                if (line.contains(QLatin1String("body $.")) && index < expectedThere.size())
                    expectedThere[index] = QStringLiteral("failed");
                ++index;
            }
            if (httpyac.passed || httpyac.outcomes != expectedThere ||
                !httpyac.errors.join(QLatin1Char(' '))
                     .contains(QLatin1String("Cannot read properties of undefined")))
                differences.append(QStringLiteral("%1 (JSONPath, ours only): microrequests %2, "
                                                  "httpyac %3 %4; expected httpyac to fail "
                                                  "[%5] on reading \"$\"")
                                       .arg(name, mine.describe(), httpyac.describe(),
                                            httpyac.errors.join(QStringLiteral("; ")),
                                            expectedThere.join(QStringLiteral(", "))));
        }
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
        // A failed assertion is a failed run in both.
        QCOMPARE(ourExit, 1);
        QVERIFY2(theirExit != 0, "httpyac exited 0 although assertions failed");
    }

    // `?? connection new|reused` is ours. httpyac does not know it as an assertion, and a line
    // it does not know after the request is body text: it sends the line as the body.
    void ourConnectionAssertionIsBodyTextInHttpyac()
    {
        writeFile(m_folder.filePath(QStringLiteral("connection.http")),
                  "### fresh\nGET {{base}}/anything\n\n?? status == 200\n?? connection new\n");
        int ourExit = -1;
        const QHash<QString, Verdict> ours = runOurs(QStringLiteral("connection.http"), &ourExit);
        QCOMPARE(ourExit, 0);
        QCOMPARE(ours.value(QStringLiteral("fresh")).outcomes,
                 QStringList({QStringLiteral("passed"), QStringLiteral("passed")}));

        int theirExit = -1;
        const QByteArray output = runTool(
            m_httpyac,
            {QStringLiteral("send"), QStringLiteral("connection.http"), QStringLiteral("--all"),
             QStringLiteral("-e"), QStringLiteral("dev"), QStringLiteral("--json")},
            m_folder.path(), &theirExit);
        const QJsonObject request =
            QJsonDocument::fromJson(output)[QStringLiteral("requests")][0].toObject();
        QCOMPARE(request[QStringLiteral("testResults")].toArray().size(), 1);
        // What reached the demo service: its echo of the body.
        const QJsonObject echo =
            QJsonDocument::fromJson(
                request[QStringLiteral("response")][QStringLiteral("body")].toString().toUtf8())
                .object();
        QCOMPARE(echo[QStringLiteral("data")].toString(), QStringLiteral("?? connection new"));
    }
};

QTEST_GUILESS_MAIN(tst_RunHttpyacDifferential)
#include "tst_runhttpyacdifferential.moc"
