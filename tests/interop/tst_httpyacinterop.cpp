// The .http files we write must work in other tools. httpyac (pinned by the npm lockfile)
// runs files our writer produced against the demo service; what reached the service must
// equal what our own engine sends for the same file and environment.
#include "demo/demoserverthread.h"
#include "echoprobe.h"
#include "formats/collectionwriter.h"
#include "net/httpclient.h"
#include "npmpeer.h"
#include "workspace/httpfilewriter.h"
#include "workspace/requestresolver.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

namespace {

RequestDefinition request(const QString &name, const QString &method, const QString &url,
                          const QList<RequestDefinition::Header> &headers = {},
                          const QString &body = {})
{
    RequestDefinition r;
    r.name = name;
    r.nameSource = RequestDefinition::NameSource::Separator;
    r.method = method;
    r.url = url;
    r.headers = headers;
    r.body = body;
    return r;
}

} // namespace

class tst_HttpyacInterop : public QObject
{
    Q_OBJECT
private:
    DemoServerThread m_demo;
    QTemporaryDir m_folder;
    QString m_httpyac;

    // httpyac's echoes by request name.
    QHash<QString, QJsonObject> runHttpyac(const QString &file)
    {
        QProcess process;
        process.setWorkingDirectory(m_folder.path());
        process.start(m_httpyac,
                      {QStringLiteral("send"), file, QStringLiteral("--all"), QStringLiteral("-e"),
                       QStringLiteral("dev"), QStringLiteral("--json")});
        if (!process.waitForFinished(120000) || process.exitCode() != 0) {
            qWarning() << "httpyac failed:" << process.readAllStandardError()
                       << process.readAllStandardOutput();
            return {};
        }
        QHash<QString, QJsonObject> echoes;
        const QJsonArray requests = QJsonDocument::fromJson(process.readAllStandardOutput())
                                        .object()
                                        .value(QStringLiteral("requests"))
                                        .toArray();
        for (const QJsonValue &value : requests) {
            const QJsonObject response = value[QStringLiteral("response")].toObject();
            QString error;
            echoes.insert(value[QStringLiteral("name")].toString(),
                          EchoProbe::comparable(
                              response.value(QStringLiteral("body")).toString().toUtf8(), &error));
        }
        return echoes;
    }

    void compareWithOurEngine(const QString &relativePath, int expectedRequests)
    {
        const QString path = m_folder.filePath(relativePath);
        const QHash<QString, QJsonObject> theirs = runHttpyac(path);
        QCOMPARE(theirs.size(), expectedRequests);
        const Workspace workspace = Workspace::load(m_folder.path());
        const HttpFile *file = workspace.file(path);
        QVERIFY(file);
        QVERIFY(file->diagnostics.isEmpty());
        QCOMPARE(file->requests.size(), expectedRequests);
        const VariableExpander expander = workspace.expander(*file, QStringLiteral("dev"));
        HttpClient client;
        for (const RequestDefinition &definition : file->requests) {
            const RequestResolver::Result resolved =
                RequestResolver::resolve(definition, expander, QFileInfo(path).absolutePath());
            QVERIFY2(resolved.ok(), qPrintable(resolved.error));
            QString error;
            const QJsonObject ours = EchoProbe::send(client, resolved.request, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY2(theirs.contains(definition.name), qPrintable(definition.name));
            const QString difference = EchoProbe::difference(theirs.value(definition.name), ours);
            QVERIFY2(difference.isEmpty(),
                     qPrintable(definition.name + QStringLiteral(": ") + difference));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        const mr::NpmPeer peer = mr::NpmPeer::find(QStringLiteral("httpyac"), false);
        if (peer.status != mr::NpmPeer::Status::Ready)
            QFAIL(qPrintable(peer.message));
        m_httpyac = peer.path;
        QString error;
        QVERIFY2(m_demo.start(DemoServer::Options(), &error), qPrintable(error));
        QDir().mkpath(m_folder.filePath(QStringLiteral("api")));
        QFile note(m_folder.filePath(QStringLiteral("api/note.txt")));
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.write("a note\nwith two lines\n");
        note.close();
        QFile payload(m_folder.filePath(QStringLiteral("api/payload.json")));
        QVERIFY(payload.open(QIODevice::WriteOnly));
        payload.write("{\"from\": \"a file\", \"n\": 1}");
    }

    void filesOurWriterProducesRunTheSameInHttpyac()
    {
        qputenv("MR_INTEROP_TRACE", "trace-42");
        CollectionDraft draft;
        draft.environments.insert(
            QStringLiteral("dev"),
            {{QStringLiteral("host"), m_demo.httpUrl().toString(QUrl::StripTrailingSlash)}});
        CollectionDraft::File file;
        file.path = QStringLiteral("api/users.http");
        file.variables = {{QStringLiteral("token"), QStringLiteral("t-123")},
                          {QStringLiteral("user"), QStringLiteral("ada")}};
        RequestDefinition list = request(
            QStringLiteral("list"), QStringLiteral("GET"),
            QStringLiteral("{{host}}/anything/users?page=2&q=a%20b&tag=x&tag=y"),
            {{QStringLiteral("Accept"), QStringLiteral("application/json"), 0},
             {QStringLiteral("X-Token"), QStringLiteral("{{token}}"), 0},
             {QStringLiteral("X-Trace"), QStringLiteral("{{$processEnv MR_INTEROP_TRACE}}"), 0}});
        list.comments.append(QStringLiteral("# Lists users, page 2."));
        RequestDefinition create =
            request(QStringLiteral("create"), QStringLiteral("POST"),
                    QStringLiteral("{{host}}/anything/users"),
                    {{QStringLiteral("Content-Type"), QStringLiteral("application/json"), 0}},
                    QStringLiteral("{\n  \"name\": \"{{user}}\",\n  \"tags\": [1, 2]\n}"));
        create.directives.append({QStringLiteral("no-redirect"), QString(), 0});
        const RequestDefinition form =
            request(QStringLiteral("login"), QStringLiteral("POST"),
                    QStringLiteral("{{host}}/anything/login"),
                    {{QStringLiteral("Content-Type"),
                      QStringLiteral("application/x-www-form-urlencoded"), 0}},
                    QStringLiteral("user={{user}}&pass=p%26ss"));
        const RequestDefinition upload =
            request(QStringLiteral("upload"), QStringLiteral("PUT"),
                    QStringLiteral("{{host}}/anything/files/1"),
                    {{QStringLiteral("Content-Type"), QStringLiteral("application/json"), 0}},
                    QStringLiteral("< ./payload.json"));
        const RequestDefinition multipart = request(
            QStringLiteral("multipart"), QStringLiteral("POST"),
            QStringLiteral("{{host}}/anything/form"),
            {{QStringLiteral("Content-Type"),
              QStringLiteral("multipart/form-data; boundary=WebAppBoundary"), 0}},
            QStringLiteral(
                "--WebAppBoundary\nContent-Disposition: form-data; name=\"name\"\n\n{{user}}\n"
                "--WebAppBoundary\nContent-Disposition: form-data; name=\"note\"; "
                "filename=\"note.txt\"\n"
                "Content-Type: text/plain\n\n< ./note.txt\n--WebAppBoundary--"));
        const RequestDefinition basic = request(
            QStringLiteral("basic"), QStringLiteral("GET"), QStringLiteral("{{host}}/anything/me"),
            {{QStringLiteral("Authorization"), QStringLiteral("Basic {{user}} s3cret"), 0}});
        const RequestDefinition remove =
            request(QStringLiteral("remove"), QStringLiteral("DELETE"),
                    QStringLiteral("{{host}}/anything/users/1"),
                    {{QStringLiteral("If-Match"), QStringLiteral("\"v1\""), 0}});
        file.requests = {list, create, form, upload, multipart, basic, remove};
        draft.files.append(file);
        const CollectionWriter::Result written = CollectionWriter::write(draft, m_folder.path());
        QVERIFY2(written.ok, qPrintable(written.error));
        QVERIFY(written.notes.isEmpty());
        compareWithOurEngine(QStringLiteral("api/users.http"), 7);
    }

    void anEditedFileStillRunsTheSame()
    {
        const QString path = m_folder.filePath(QStringLiteral("api/users.http"));
        const Workspace workspace = Workspace::load(m_folder.path());
        const HttpFile *file = workspace.file(path);
        QVERIFY(file);
        RequestDefinition edited = file->requests[1];
        edited.headers.append({QStringLiteral("X-Edited"), QStringLiteral("yes"), 0});
        edited.body = QStringLiteral("{\"name\": \"{{user}}\", \"edited\": true}");
        const HttpFile changed = HttpFileWriter::replaceRequest(*file, 1, edited);
        QString error;
        QVERIFY2(HttpFileWriter::save(changed, &error), qPrintable(error));
        compareWithOurEngine(QStringLiteral("api/users.http"), 7);
    }
};

QTEST_GUILESS_MAIN(tst_HttpyacInterop)
#include "tst_httpyacinterop.moc"
