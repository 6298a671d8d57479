// Writing imported collections into a workspace: files that parse back to the same requests,
// names that never overwrite, environments merged without losing the user's values, and
// JSON positions for error messages.
#include "base/jsonpositions.h"
#include "formats/collectionwriter.h"
#include "workspace/environmentset.h"
#include "workspace/httpfileparser.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

namespace {

RequestDefinition request(const QString &name, const QString &method, const QString &url)
{
    RequestDefinition r;
    r.name = name;
    r.nameSource = RequestDefinition::NameSource::Separator;
    r.method = method;
    r.url = url;
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

CollectionDraft sampleDraft()
{
    CollectionDraft draft;
    CollectionDraft::File file;
    file.path = QStringLiteral("Users/users.http");
    file.variables = {{QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:8080")}};
    RequestDefinition create = request(QStringLiteral("Create user"), QStringLiteral("POST"),
                                       QStringLiteral("{{baseUrl}}/users"));
    create.headers.append({QStringLiteral("Content-Type"), QStringLiteral("application/json"), 0});
    create.body = QStringLiteral("{\n  \"name\": \"Ada\"\n}");
    create.comments.append(QStringLiteral("# Creates a user."));
    file.requests = {request(QStringLiteral("List users"), QStringLiteral("GET"),
                             QStringLiteral("{{baseUrl}}/users?page=1")),
                     create};
    draft.files.append(file);
    draft.environments.insert(QStringLiteral("$shared"),
                              {{QStringLiteral("token"), QStringLiteral("t1")}});
    draft.privateEnvironments.insert(QStringLiteral("dev"),
                                     {{QStringLiteral("password"), QStringLiteral("s3cret")}});
    return draft;
}

} // namespace

class tst_CollectionWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void renderedFilesParseBackToTheSameRequests()
    {
        const CollectionDraft draft = sampleDraft();
        const QByteArray bytes = CollectionWriter::renderFile(draft.files.first());
        const HttpFile back = HttpFileParser::parse(bytes, QStringLiteral("users.http"));
        QVERIFY(back.diagnostics.isEmpty());
        QCOMPARE(back.variables, draft.files.first().variables);
        QCOMPARE(back.requests.size(), 2);
        QCOMPARE(back.requests[0].name, QStringLiteral("List users"));
        QCOMPARE(back.requests[0].url, QStringLiteral("{{baseUrl}}/users?page=1"));
        QCOMPARE(back.requests[1].method, QStringLiteral("POST"));
        QCOMPARE(back.requests[1].body, draft.files.first().requests[1].body);
        QCOMPARE(back.requests[1].headers, draft.files.first().requests[1].headers);
        QCOMPARE(back.requests[1].comments, QStringList({QStringLiteral("# Creates a user.")}));
    }

    void writesFilesEnvironmentsAndIgnoresSecrets()
    {
        QTemporaryDir dir;
        const CollectionWriter::Result result = CollectionWriter::write(sampleDraft(), dir.path());
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.written, QStringList({QStringLiteral("Users/users.http")}));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("Users/users.http"))));
        const EnvironmentSet environments = EnvironmentSet::load(dir.path());
        QCOMPARE(environments.variables(QStringLiteral("dev")).value(QStringLiteral("password")),
                 QStringLiteral("s3cret"));
        QCOMPARE(environments.variables(QStringLiteral("dev")).value(QStringLiteral("token")),
                 QStringLiteral("t1"));
        QVERIFY(readAll(dir.filePath(QStringLiteral(".gitignore")))
                    .split('\n')
                    .contains("http-client.private.env.json"));
    }

    void neverOverwritesFilesOrTheUsersValues()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(QStringLiteral("Users")));
        QFile existing(dir.filePath(QStringLiteral("Users/users.http")));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("GET http://mine/\n");
        existing.close();
        QFile env(dir.filePath(QLatin1String(EnvironmentSet::PublicFileName)));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write(R"({"$shared": {"token": "mine"}, "prod": {"host": "p"}})");
        env.close();

        const CollectionWriter::Result result = CollectionWriter::write(sampleDraft(), dir.path());
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.written, QStringList({QStringLiteral("Users/users 2.http")}));
        QCOMPARE(readAll(dir.filePath(QStringLiteral("Users/users.http"))),
                 QByteArray("GET http://mine/\n"));
        const QJsonObject merged = QJsonDocument::fromJson(readAll(env.fileName())).object();
        QCOMPARE(merged.value("$shared").toObject().value("token").toString(),
                 QStringLiteral("mine"));
        QCOMPARE(merged.value("prod").toObject().value("host").toString(), QStringLiteral("p"));
        QStringList notes;
        for (const Diagnostic &d : result.notes)
            notes.append(d.toString());
        QVERIFY2(notes.join('\n').contains(QLatin1String("$shared.token: kept the existing value")),
                 qPrintable(notes.join('\n')));
        QVERIFY(notes.join('\n').contains(QLatin1String("written as Users/users 2.http")));
    }

    void aBrokenEnvironmentFileStopsTheImportBeforeAnyWrite()
    {
        QTemporaryDir dir;
        QFile env(dir.filePath(QLatin1String(EnvironmentSet::PublicFileName)));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("{\n  \"dev\": {,\n}");
        env.close();
        const CollectionWriter::Result result = CollectionWriter::write(sampleDraft(), dir.path());
        QVERIFY(!result.ok);
        QVERIFY2(result.error.startsWith(env.fileName() + QStringLiteral(":2:")),
                 qPrintable(result.error));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("Users/users.http"))));
    }

    void aDraftWithErrorsWritesNothing()
    {
        QTemporaryDir dir;
        CollectionDraft draft = sampleDraft();
        Diagnostic error;
        error.file = QStringLiteral("in.json");
        error.line = 3;
        error.column = 7;
        error.message = QStringLiteral("bad");
        draft.errors.append(error);
        const CollectionWriter::Result result = CollectionWriter::write(draft, dir.path());
        QVERIFY(!result.ok);
        QCOMPARE(result.error, QStringLiteral("in.json:3:7: bad"));
        QVERIFY(QDir(dir.path()).isEmpty());
    }

    void safeFileNames()
    {
        QCOMPARE(CollectionDraft::safeFileName(QStringLiteral("Users / Admin: list?")),
                 QStringLiteral("Users - Admin- list-"));
        QCOMPARE(CollectionDraft::safeFileName(QStringLiteral("../../etc/passwd")),
                 QStringLiteral("etc-passwd"));
        QCOMPARE(CollectionDraft::safeFileName(QString()), QStringLiteral("requests"));
    }

    void jsonPositionsPointAtValues()
    {
        const QString json = QStringLiteral(
            "{\n  \"item\": [\n    {\"name\": \"a\"},\n    {\"na/me\": [1, \"x\\\"y\"]}\n  ]\n}");
        const JsonPositions positions = JsonPositions::scan(json);
        QCOMPARE(positions.at("f", "/item/0/name", "m").toString(), QStringLiteral("f:3:14: m"));
        QCOMPARE(positions.at("f", "/item/1/na~1me/1", "m").toString(),
                 QStringLiteral("f:4:19: m"));
        // A pointer with no position of its own falls back to its nearest ancestor.
        QCOMPARE(positions.at("f", "/item/1/missing", "m").toString(), QStringLiteral("f:4:5: m"));
        QCOMPARE(JsonPositions::child(QStringLiteral("/a"), QStringLiteral("b~/c")),
                 QStringLiteral("/a/b~0~1c"));
    }

    void jsonPositionsSurviveHostileInput()
    {
        QString deep(100000, QLatin1Char('['));
        const JsonPositions positions = JsonPositions::scan(deep);
        QCOMPARE(positions.at("f", "/0/0", "m").line, 1);
        JsonPositions::scan(QStringLiteral("{\"a\": [1, 2"));
        JsonPositions::scan(QStringLiteral("{\"a\"}"));
        JsonPositions::scan(QStringLiteral("\"\\u12"));
    }
};

QTEST_GUILESS_MAIN(tst_CollectionWriter)
#include "tst_collectionwriter.moc"
