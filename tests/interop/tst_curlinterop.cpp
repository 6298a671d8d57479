// curl is the lingua franca of API docs. These tests run the real curl (Debian's) and our
// engine against the demo service and compare what reached it: a curl command we import sends
// what curl sends, and a .http file we export as curl sends what we send.
#include "demo/demoserverthread.h"
#include "echoprobe.h"
#include "formats/curlexporter.h"
#include "formats/curlimporter.h"
#include "net/httpclient.h"
#include "workspace/httpfileparser.h"
#include "workspace/requestresolver.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

namespace {

// Runs one shell command in `folder` and returns its standard output.
QByteArray runShell(const QString &command, const QString &folder, QString *error)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    process.start(QStringLiteral("bash"), {QStringLiteral("-c"), command});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *error = QStringLiteral("bash -c %1: exit %2: %3")
                     .arg(command)
                     .arg(process.exitCode())
                     .arg(QString::fromUtf8(process.readAllStandardError()));
        return {};
    }
    return process.readAllStandardOutput();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class tst_CurlInterop : public QObject
{
    Q_OBJECT
private:
    DemoServerThread m_demo;
    QTemporaryDir m_folder;
    QString m_base;

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QFAIL("curl is missing: run scripts/setup-debian (it installs Debian's curl)");
        QString error;
        QVERIFY2(m_demo.start(DemoServer::Options(), &error), qPrintable(error));
        m_base = m_demo.httpUrl().toString(QUrl::StripTrailingSlash);
        qputenv("MR_DEMO", m_base.toUtf8());
        writeFile(m_folder.filePath(QStringLiteral("photo.png")),
                  QByteArray("\x89PNG\r\n\x1a\n\0\x01binary", 16));
        writeFile(m_folder.filePath(QStringLiteral("notes.txt")), "line one\nline two\n");
        writeFile(m_folder.filePath(QStringLiteral("payload.json")), "{\"from\": \"a file\"}");
    }

    void importedCommandsSendWhatCurlSends_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("get with query and headers")
            << QStringLiteral("curl \"$MR_DEMO/anything/users?page=2&tag=a&tag=b\" -H 'Accept: "
                              "application/json' -H 'X-Trace: t1'");
        QTest::newRow("form data") << QStringLiteral(
            "curl $MR_DEMO/anything/login -d user=ada --data-urlencode 'pass=p&ss w'");
        QTest::newRow("json") << QStringLiteral(
            "curl $MR_DEMO/anything/users --json '{\"name\": \"Ada\", \"tags\": [1, 2]}'");
        QTest::newRow("put raw") << QStringLiteral(
            "curl -X PUT $MR_DEMO/anything/doc -H 'Content-Type: text/plain' --data-raw "
            "$'two\\nlines'");
        QTest::newRow("body from a file")
            << QStringLiteral("curl $MR_DEMO/anything/upload -H 'Content-Type: application/json' "
                              "--data-binary @payload.json");
        QTest::newRow("upload file")
            << QStringLiteral("curl -T payload.json $MR_DEMO/anything/files/payload.json");
        QTest::newRow("multipart")
            << QStringLiteral("curl $MR_DEMO/anything/form -F name=Ada -F "
                              "'photo=@photo.png;type=image/png' -F 'notes=<notes.txt'");
        QTest::newRow("basic auth and cookies") << QStringLiteral(
            "curl -u ada:s3cret -b 'a=1; b=2' -A 'agent/1.0' $MR_DEMO/anything/me");
        QTest::newRow("get with data")
            << QStringLiteral("curl -G $MR_DEMO/anything/search -d q=ada -d limit=5");
        QTest::newRow("delete") << QStringLiteral(
            "curl -X DELETE $MR_DEMO/anything/users/1 -H 'If-Match: \"v1\"'");
    }
    void importedCommandsSendWhatCurlSends()
    {
        QFETCH(QString, command);
        QString error;
        const QJsonObject byCurl = EchoProbe::comparable(
            runShell(command + QStringLiteral(" -sS"), m_folder.path(), &error), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        const CollectionDraft draft =
            CurlImporter::read(command.toUtf8(), m_folder.filePath(QStringLiteral("cmd.sh")));
        QVERIFY(!draft.hasErrors());
        QVERIFY2(draft.notes.isEmpty(), qPrintable(draft.notes.value(0).toString()));
        const RequestResolver::Result resolved = RequestResolver::resolve(
            draft.files.first().requests.first(), VariableExpander(), m_folder.path());
        QVERIFY2(resolved.ok(), qPrintable(resolved.error));
        HttpClient client;
        const QJsonObject byUs = EchoProbe::send(client, resolved.request, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(EchoProbe::difference(byCurl, byUs).isEmpty(),
                 qPrintable(EchoProbe::difference(byCurl, byUs)));
    }

    void exportedFilesSendWhatWeSend()
    {
        const QByteArray http =
            "@host = " + m_base.toUtf8() +
            "\n"
            "### list\nGET {{host}}/anything/users?q=a%20b&tag=x&tag=y\nAccept: "
            "application/json\nX-Env: {{$processEnv MR_DEMO}}\n\n"
            "### create\nPOST {{host}}/anything/users\nContent-Type: "
            "application/json\n\n{\"name\": \"it's \\\"Ada\\\"\",\n \"tab\": \"\t\"}\n\n"
            "### form\nPOST {{host}}/anything/login\nContent-Type: "
            "application/x-www-form-urlencoded\n\nuser=ada&pass=x%20y\n\n"
            "### upload\nPUT {{host}}/anything/files\nContent-Type: application/json\n\n< "
            "./payload.json\n\n"
            "### multipart\nPOST {{host}}/anything/form\nContent-Type: multipart/form-data; "
            "boundary=B0undary\n\n"
            "--B0undary\nContent-Disposition: form-data; name=\"name\"\n\nAda\n"
            "--B0undary\nContent-Disposition: form-data; name=\"notes\"; "
            "filename=\"notes.txt\"\nContent-Type: text/plain\n\n< ./notes.txt\n"
            "--B0undary--\n\n"
            "### basic\nGET {{host}}/anything/me\nAuthorization: Basic ada s3cret\n\n"
            "### patch without a type\nPATCH {{host}}/anything/raw\n\nplain text\n\n"
            "### body starting with an at sign\nPOST {{host}}/anything/at\nContent-Type: "
            "text/plain\n\n@payload.json\n";
        const QString path = m_folder.filePath(QStringLiteral("api.http"));
        writeFile(path, http);
        const HttpFile file = HttpFileParser::parseFile(path);
        QVERIFY(file.diagnostics.isEmpty());
        QHash<QString, QString> variables;
        for (const auto &[name, value] : file.variables)
            variables.insert(name, value);
        const VariableExpander expander(variables);
        HttpClient client;
        for (const RequestDefinition &request : file.requests) {
            QStringList problems;
            const QString command =
                CurlExporter::command(request, expander, m_folder.path(), &problems);
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
            QString error;
            const QJsonObject byCurl = EchoProbe::comparable(
                runShell(command + QStringLiteral(" -sS"), m_folder.path(), &error), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const RequestResolver::Result resolved =
                RequestResolver::resolve(request, expander, m_folder.path());
            QVERIFY(resolved.ok());
            const QJsonObject byUs = EchoProbe::send(client, resolved.request, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY2(EchoProbe::difference(byCurl, byUs).isEmpty(),
                     qPrintable(request.name + QStringLiteral(": ") +
                                EchoProbe::difference(byCurl, byUs) + QStringLiteral("\n") +
                                command));
        }
    }

    void exportedBodyStartingWithAtArrivesByteForByte_data()
    {
        QTest::addColumn<QByteArray>("body");
        // payload.json exists beside the command: curl would upload it for "@payload.json".
        QTest::newRow("a file name") << QByteArray("@payload.json");
        QTest::newRow("binary after the at sign")
            << QByteArray("@payload.json\r\n\x01\xff tab\there 'quoted' \"too\"\n");
        QTest::newRow("multi-line") << QByteArray("@first line\n@second line");
    }
    void exportedBodyStartingWithAtArrivesByteForByte()
    {
        QFETCH(QByteArray, body);
        RequestDefinition request;
        request.name = QStringLiteral("at");
        request.method = QStringLiteral("POST");
        request.url = m_base + QStringLiteral("/anything/at");
        request.headers.append(
            {QStringLiteral("Content-Type"), QStringLiteral("application/octet-stream"), 0});
        request.body = QString::fromLatin1(body);
        const RequestResolver::Result resolved =
            RequestResolver::resolve(request, VariableExpander(), m_folder.path());
        QVERIFY2(resolved.ok(), qPrintable(resolved.error));
        QCOMPARE(resolved.request.body.left(1), QByteArray("@"));
        QStringList problems;
        const QString command =
            CurlExporter::command(request, VariableExpander(), m_folder.path(), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QString error;
        const QByteArray echo = runShell(command + QStringLiteral(" -sS"), m_folder.path(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject received = QJsonDocument::fromJson(echo).object();
        QCOMPARE(received.value(QStringLiteral("data")).toString(),
                 QString::fromUtf8(resolved.request.body));
        QCOMPARE(received.value(QStringLiteral("headers"))
                     .toObject()
                     .value(QStringLiteral("Content-Length"))
                     .toString(),
                 QString::number(resolved.request.body.size()));
    }
};

QTEST_GUILESS_MAIN(tst_CurlInterop)
#include "tst_curlinterop.moc"
