// Our Postman export must run in Postman's runner. newman (pinned by the npm lockfile) runs a
// collection PostmanExporter wrote from a workspace against the demo service; what reached
// the service must equal what our own engine sends for the same .http file and environment.
#include "demo/demoserverthread.h"
#include "echoprobe.h"
#include "formats/postmanexporter.h"
#include "net/httpclient.h"
#include "npmpeer.h"
#include "workspace/requestresolver.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_NewmanInterop : public QObject
{
    Q_OBJECT
private:
    DemoServerThread m_demo;
    QTemporaryDir m_folder;
    QString m_newman;

    void write(const QString &name, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(m_folder.filePath(name)).absolutePath());
        QFile file(m_folder.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    struct Execution {
        int code = 0;
        QJsonObject echo;
    };

    // newman's answers by request name.
    QHash<QString, Execution> runNewman(const QString &collection)
    {
        const QString report = m_folder.filePath(QStringLiteral("newman-report.json"));
        QProcess process;
        process.setWorkingDirectory(m_folder.path());
        process.start(m_newman, {QStringLiteral("run"), collection, QStringLiteral("--working-dir"),
                                 m_folder.path(), QStringLiteral("--timeout-request"),
                                 QStringLiteral("20000"), QStringLiteral("--reporters"),
                                 QStringLiteral("cli,json"),
                                 QStringLiteral("--reporter-json-export"), report});
        if (!process.waitForFinished(120000) || process.exitCode() != 0) {
            process.kill();
            process.waitForFinished();
            qWarning() << "newman failed:" << process.readAllStandardError()
                       << process.readAllStandardOutput();
            return {};
        }
        QFile file(report);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QHash<QString, Execution> executions;
        const QJsonArray runs = QJsonDocument::fromJson(file.readAll())
                                    .object()
                                    .value(QStringLiteral("run"))
                                    .toObject()
                                    .value(QStringLiteral("executions"))
                                    .toArray();
        for (const QJsonValue &value : runs) {
            const QJsonObject response = value[QStringLiteral("response")].toObject();
            QByteArray body;
            for (const QJsonValue &byte : response["stream"]["data"].toArray())
                body.append(char(byte.toInt()));
            Execution execution;
            execution.code = response[QStringLiteral("code")].toInt();
            QString error;
            execution.echo = EchoProbe::comparable(body, &error);
            executions.insert(value["item"]["name"].toString(), execution);
        }
        return executions;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const mr::NpmPeer peer = mr::NpmPeer::find(QStringLiteral("newman"), false);
        if (peer.status != mr::NpmPeer::Status::Ready)
            QFAIL(qPrintable(peer.message));
        m_newman = peer.path;
        // newman 6.2 sometimes waits for its kept-alive connections to close before it exits.
        DemoServer::Options options;
        options.idleTimeoutMs = 1000;
        QString error;
        QVERIFY2(m_demo.start(options, &error), qPrintable(error));
    }

    void anExportedCollectionSendsWhatWeSend()
    {
        const QByteArray host = m_demo.httpUrl().toString(QUrl::StripTrailingSlash).toUtf8();
        write(QStringLiteral("http-client.env.json"),
              "{\"$shared\": {\"user\": \"ada\"}, \"dev\": {\"host\": \"" + host +
                  "\"}, \"prod\": {\"host\": \"https://api.example.com\"}}");
        write(QStringLiteral("http-client.private.env.json"),
              "{\"dev\": {\"password\": \"s3cret\"}}");
        write(QStringLiteral("api/note.txt"), "a note\nwith two lines\n");
        write(QStringLiteral("api/payload.json"), "{\"from\": \"a file\", \"n\": 1}");
        write(QStringLiteral("api/users.http"),
              "@token = t-123\n"
              "@page = 2\n\n"
              "### list\n"
              "# Lists users, page {{page}}.\n"
              "GET {{host}}/anything/users?page={{page}}&q=a%20b&tag=x&tag=y\n"
              "Accept: application/json\n"
              "X-Token: {{token}}\n\n"
              "### create\n"
              "# @no-redirect\n"
              "POST {{host}}/anything/users\n"
              "Content-Type: application/json\n\n"
              "{\n  \"name\": \"{{user}}\",\n  \"tags\": [1, 2]\n}\n\n"
              "### login\n"
              "POST {{host}}/anything/login\n"
              "Content-Type: application/x-www-form-urlencoded\n\n"
              "user={{user}}&pass=p%26ss\n\n"
              "### plain text without a type\n"
              "PATCH {{host}}/anything/notes/1\n\n"
              "first line\nsecond line\n\n"
              "### upload\n"
              "PUT {{host}}/anything/files/1\n"
              "Content-Type: application/json\n\n"
              "< ./payload.json\n\n"
              "### upload without a type\n"
              "PUT {{host}}/anything/files/2\n\n"
              "< ./payload.json\n\n"
              "### multipart\n"
              "POST {{host}}/anything/form\n"
              "Content-Type: multipart/form-data; boundary=WebAppBoundary\n\n"
              "--WebAppBoundary\n"
              "Content-Disposition: form-data; name=\"name\"\n\n"
              "{{user}}\n"
              "--WebAppBoundary\n"
              "Content-Disposition: form-data; name=\"note\"; filename=\"note.txt\"\n"
              "Content-Type: text/plain\n\n"
              "< ./note.txt\n"
              "--WebAppBoundary--\n\n"
              "### multipart text only\n"
              "POST {{host}}/anything/fields\n"
              "Content-Type: multipart/form-data; boundary=b0undary\n\n"
              "--b0undary\n"
              "Content-Disposition: form-data; name=\"a\"\n\n"
              "one\n"
              "--b0undary\n"
              "Content-Disposition: form-data; name=\"b\"\n\n"
              "two\n"
              "--b0undary--\n\n"
              "### basic\n"
              "GET {{host}}/anything/me\n"
              "Authorization: Basic {{user}} pw\n\n"
              "### remove\n"
              "DELETE {{host}}/anything/users/1\n"
              "If-Match: \"v1\"\n");
        // A second file giving @token another value: inlined there, not shared.
        write(QStringLiteral("api/admin/admin.http"), "@token = admin-999\n\n"
                                                      "### stats\n"
                                                      "GET {{host}}/anything/stats\n"
                                                      "X-Token: {{token}}\n\n"
                                                      "### digest\n"
                                                      "GET {{host}}/digest-auth/auth/ada/pw\n"
                                                      "Authorization: Digest ada pw\n");

        const Workspace workspace = Workspace::load(m_folder.path());
        QVERIFY(workspace.diagnostics().isEmpty());
        const PostmanExporter::Result exported =
            PostmanExporter::collection(workspace, workspace.files(), workspace.root(),
                                        QStringLiteral("interop"), QStringLiteral("dev"));
        QCOMPARE(exported.requests, 12);
        QVERIFY(!exported.json.contains("s3cret"));
        const QString collection =
            m_folder.filePath(QStringLiteral("interop.postman_collection.json"));
        write(QStringLiteral("interop.postman_collection.json"), exported.json);

        const QHash<QString, Execution> theirs = runNewman(collection);
        QCOMPARE(theirs.size(), 12);
        QCOMPARE(theirs.value(QStringLiteral("digest")).code, 200); // answered the challenge

        HttpClient client;
        int compared = 0;
        for (const HttpFile &file : workspace.files()) {
            const VariableExpander expander = workspace.expander(file, QStringLiteral("dev"));
            for (const RequestDefinition &definition : file.requests) {
                if (definition.name == QLatin1String("digest"))
                    continue; // no echo: the demo answers whether the credentials held
                const RequestResolver::Result resolved = RequestResolver::resolve(
                    definition, expander, QFileInfo(file.path).absolutePath());
                QVERIFY2(resolved.ok(), qPrintable(resolved.error));
                QString error;
                const QJsonObject ours = EchoProbe::send(client, resolved.request, &error);
                QVERIFY2(error.isEmpty(), qPrintable(error));
                QVERIFY2(theirs.contains(definition.name), qPrintable(definition.name));
                const QString difference =
                    EchoProbe::difference(theirs.value(definition.name).echo, ours);
                QVERIFY2(difference.isEmpty(),
                         qPrintable(definition.name + QStringLiteral(": ") + difference));
                ++compared;
            }
        }
        QCOMPARE(compared, 11);
    }
};

QTEST_GUILESS_MAIN(tst_NewmanInterop)
#include "tst_newmaninterop.moc"
