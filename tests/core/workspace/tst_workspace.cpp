#include "net/httpclient.h"
#include "workspace/demoworkspace.h"
#include "workspace/gitignore.h"
#include "workspace/workspace.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacewatcher.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

static void write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

class tst_Workspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void loadsFoldersFilesAndRequests()
    {
        QTemporaryDir dir;
        write(dir.filePath("users.http"),
              "### List\nGET http://h/users\n\n### Create\nPOST http://h/users\n");
        write(dir.filePath("orders/orders.rest"), "GET http://h/orders\n");
        write(dir.filePath("orders/broken.http"), "GET http://h/a\nnot a header\n");
        write(dir.filePath(".git/ignored.http"), "GET http://h/no\n");
        write(dir.filePath("node_modules/pkg/ignored.http"), "GET http://h/no\n");
        write(dir.filePath("notes.txt"), "not a request file");
        const Workspace workspace = Workspace::load(dir.path());
        QCOMPARE(workspace.files().size(), 3);
        QCOMPARE(workspace.diagnostics().size(), 1);
        QVERIFY(
            workspace.diagnostics().first().toString().contains(QLatin1String("broken.http:2:1")));

        WorkspaceModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(workspace);
        // Root: the folder "orders" and the file users.http.
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex orders = model.index(0, 0);
        QCOMPARE(orders.data().toString(), QStringLiteral("orders"));
        QCOMPARE(orders.data(WorkspaceModel::KindRole).toInt(), int(WorkspaceModel::Kind::Folder));
        QCOMPARE(model.rowCount(orders), 2);
        const QModelIndex broken = model.index(0, 0, orders);
        QCOMPARE(broken.data().toString(), QStringLiteral("broken.http"));
        QVERIFY(broken.data(WorkspaceModel::HasErrorsRole).toBool());
        QVERIFY(broken.data(Qt::ToolTipRole).toString().contains(QLatin1String("broken.http:2:1")));
        const QModelIndex users = model.index(1, 0);
        QCOMPARE(model.rowCount(users), 2);
        const QModelIndex create = model.index(1, 0, users);
        QCOMPARE(create.data().toString(), QStringLiteral("Create"));
        QCOMPARE(create.data(WorkspaceModel::MethodRole).toString(), QStringLiteral("POST"));
        QCOMPARE(create.data(WorkspaceModel::LineRole).toInt(), 5);
        QCOMPARE(model.parent(create), users);
        QVERIFY(model.request(create));
        QCOMPARE(model.request(create)->url, QStringLiteral("http://h/users"));
        QVERIFY(!model.request(users));
        QCOMPARE(model.requestIndex(dir.filePath("users.http"), 1), create);
        // broken.http's only request is unusable, so the first is in orders.rest.
        QCOMPARE(model.rowCount(broken), 0);
        QCOMPARE(model.firstRequest().data().toString(), QStringLiteral("GET http://h/orders"));
    }

    void requestFilesAreFoundByTheirEndingInAnyCase()
    {
        // As QDir's name filters "*.http" and "*.rest" found them: any case, not hidden.
        QTemporaryDir dir;
        for (const char *name :
             {"a.HTTP", "b.Rest", "sub/c.http", "d.http.txt", "ehttp", ".hidden.http", ".http"})
            write(dir.filePath(QString::fromLatin1(name)), "GET http://h/\n");
        const Workspace workspace = Workspace::load(dir.path());
        QStringList names;
        for (const HttpFile &file : workspace.files())
            names.append(QDir(dir.path()).relativeFilePath(file.path));
        QCOMPARE(names, QStringList({"a.HTTP", "b.Rest", "sub/c.http"}));
    }

    void expanderLayersVariables()
    {
        QTemporaryDir dir;
        write(dir.filePath("http-client.env.json"),
              R"({"dev": {"a": "env", "b": "env", "c": "env"}})");
        write(dir.filePath("x.http"), "@b = file\n@c = file\nGET http://h/{{a}}/{{b}}/{{c}}\n");
        const Workspace workspace = Workspace::load(dir.path());
        const VariableExpander expander =
            workspace.expander(workspace.files().first(), "dev", {{"c", "override"}});
        QCOMPARE(expander.expand("{{a}} {{b}} {{c}}").text, QStringLiteral("env file override"));
    }

    void aFileBelongsToTheNearestFolderWithEnvironments()
    {
        QTemporaryDir dir;
        write(dir.filePath("ws/http-client.env.json"), "{}");
        write(dir.filePath("ws/api/users/users.http"), "GET http://h/\n");
        write(dir.filePath("loose/a.http"), "GET http://h/\n");
        const QString root = QDir(dir.filePath("ws")).absolutePath();
        QCOMPARE(Workspace::rootFor(dir.filePath("ws/api/users/users.http")), root);
        QCOMPARE(Workspace::rootFor(dir.filePath("ws/api")), root);
        QCOMPARE(Workspace::rootFor(dir.filePath("ws")), root);
        // microrequests.json marks a workspace too.
        write(dir.filePath("ws/api/microrequests.json"), "{}");
        QCOMPARE(Workspace::rootFor(dir.filePath("ws/api/users/users.http")),
                 QDir(dir.filePath("ws/api")).absolutePath());
        // No marker anywhere up: the file's own folder.
        QCOMPARE(Workspace::rootFor(dir.filePath("loose/a.http")),
                 QDir(dir.filePath("loose")).absolutePath());
    }

    void demoWorkspaceIsCopiedOnceAndNeverOverwritten()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("demo");
        QString error;
        QVERIFY2(DemoWorkspace::install(folder, &error), qPrintable(error));
        QVERIFY(QFile::exists(folder + "/basics.http"));
        QVERIFY(QFile::exists(folder + "/http-client.env.json"));
        QVERIFY(QFile::exists(folder + "/.gitignore"));
        QVERIFY(QFile::exists(folder + "/keep-alive/faults.http"));
        QVERIFY(QFileInfo(folder + "/basics.http").isWritable());
        // The user's edits survive a second start; a deleted file comes back.
        write(folder + "/basics.http", "GET http://edited/\n");
        QFile::remove(folder + "/content.http");
        QVERIFY(DemoWorkspace::install(folder, &error));
        QFile edited(folder + "/basics.http");
        QVERIFY(edited.open(QIODevice::ReadOnly));
        QCOMPARE(edited.readAll(), QByteArray("GET http://edited/\n"));
        QVERIFY(QFile::exists(folder + "/content.http"));

        const Workspace workspace = Workspace::load(folder);
        QVERIFY2(workspace.diagnostics().isEmpty(),
                 qPrintable(workspace.diagnostics().value(0).toString()));
        QVERIFY(workspace.environments().contains(DemoWorkspace::environmentName()));
        QVERIFY(
            workspace.environments().variables("demo").contains(DemoWorkspace::baseUrlVariable()));
        QVERIFY(DemoWorkspace::defaultFolder().endsWith(QLatin1String("/demo-workspace")));
    }

    void secretsAreKeptOutOfGit()
    {
        QVERIFY(GitIgnore::lists("build/\r\n/http-client.private.env.json\r\n",
                                 "http-client.private.env.json"));
        QVERIFY(!GitIgnore::lists("http-client.private.env.json.bak\n",
                                  "http-client.private.env.json"));
        QCOMPARE(GitIgnore::withEntry("build/", "secret.json"),
                 QByteArray("build/\nsecret.json\n"));

        QTemporaryDir dir;
        bool changed = true;
        QString error;
        QVERIFY(GitIgnore::protectSecrets(dir.path(), &changed, &error));
        QVERIFY(!changed); // no secrets, nothing written
        QVERIFY(!QFile::exists(dir.filePath(".gitignore")));
        write(dir.filePath("http-client.private.env.json"), R"({"dev": {"password": "x"}})");
        write(dir.filePath(".gitignore"), "build/");
        QVERIFY(GitIgnore::protectSecrets(dir.path(), &changed, &error));
        QVERIFY(changed);
        QFile ignore(dir.filePath(".gitignore"));
        QVERIFY(ignore.open(QIODevice::ReadOnly));
        QCOMPARE(ignore.readAll(), QByteArray("build/\nhttp-client.private.env.json\n"));
        QVERIFY(GitIgnore::protectSecrets(dir.path(), &changed, &error));
        QVERIFY(!changed); // listed once, not twice
    }

    void workspaceSettingsAreValidated()
    {
        QTemporaryDir dir;
        write(dir.filePath("certs/ca.pem"), "not really a certificate");
        write(dir.filePath("microrequests.json"), R"({
  "pool": {"maxPerOrigin": 8, "keepAlive": false, "colour": "blue"},
  "retries": {"status": 2, "statusList": [503], "connect": "many"},
  "timeouts": {"connectMs": 2500},
  "tls": {"caFile": "certs/ca.pem", "trusted": ["nothex"]},
  "proxy": {"type": "socks5", "host": "127.0.0.1", "port": 1080},
  "maxRedirects": 3,
  "extra": true
})");
        write(dir.filePath("api.http"), "GET http://h/\n");
        const Workspace workspace = Workspace::load(dir.path());
        const WorkspaceSettings &s = workspace.settings();
        QCOMPARE(s.pool->maxPerOrigin, 8);
        QCOMPARE(s.pool->keepAlive, false);
        QCOMPARE(s.retries->status, 2);
        QCOMPARE(s.retries->statusList, QList<int>({503}));
        QCOMPARE(s.retries->connect, 1); // the bad value is ignored
        QCOMPARE(s.timeouts->connectMs, 2500);
        QCOMPARE(s.tls->caFile, dir.filePath("certs/ca.pem"));
        QCOMPARE(s.proxy->type(), QNetworkProxy::Socks5Proxy);
        QCOMPARE(s.maxRedirects, std::optional<int>(3));
        QStringList messages;
        for (const Diagnostic &d : s.diagnostics)
            messages.append(d.toString());
        QCOMPARE(messages.size(), 4);
        const QString file = dir.filePath("microrequests.json");
        QVERIFY2(messages.contains(file + ":8:3: extra: unknown key; expected one of pool, "
                                          "retries, timeouts, tls, proxy, maxRedirects, protocol"),
                 qPrintable(messages.join('\n')));
        QVERIFY2(messages.contains(file +
                                   ":2:51: pool.colour: unknown key; expected one of maxPerOrigin, "
                                   "maxHosts, blockWhenFull, idleExpiryMs, keepAlive"),
                 qPrintable(messages.join(QLatin1Char(10))));
        QVERIFY(messages.contains(file +
                                  ":3:49: retries.connect: expected a whole number from 0 to 100"));
        QVERIFY(messages.join('\n').contains(
            QLatin1String("tls.trusted: a fingerprint is trusted on one origin only")));
        QCOMPARE(workspace.diagnostics().size(), 4);

        HttpClient client;
        s.applyTo(client);
        QCOMPARE(client.poolSettings().maxPerOrigin, 8);
        QCOMPARE(client.maxRedirects(), 3);
        QCOMPARE(client.proxy().port(), 1080);

        write(dir.filePath("microrequests.json"), "{\n  \"pool\": {,}\n}");
        const QList<Diagnostic> broken = WorkspaceSettings::load(dir.path()).diagnostics;
        QCOMPARE(broken.size(), 1);
        QVERIFY2(broken.first().toString().contains(QLatin1String("microrequests.json:2:")),
                 qPrintable(broken.first().toString()));
    }

    void changesByOtherProgramsArePickedUp()
    {
        QTemporaryDir dir;
        write(dir.filePath("api.http"), "GET http://h/one\n");
        WorkspaceWatcher watcher;
        watcher.watch(dir.path());
        QSignalSpy changed(&watcher, &WorkspaceWatcher::changed);
        write(dir.filePath("api.http"), "GET http://h/one\n\n###\nGET http://h/two\n");
        QVERIFY(changed.wait(5000));
        QCOMPARE(Workspace::load(dir.path()).files().first().requests.size(), 2);
        // A new folder with a new file (git pull) is noticed, and then watched itself.
        changed.clear();
        write(dir.filePath("new/more.http"), "GET http://h/three\n");
        QVERIFY(changed.wait(5000));
        changed.clear();
        write(dir.filePath("new/more.http"), "GET http://h/four\n");
        QVERIFY(changed.wait(5000));
        QCOMPARE(Workspace::load(dir.path()).files().size(), 2);
    }

    void demoWorkspaceReportsUnwritableFolder()
    {
        QString error;
        QVERIFY(!DemoWorkspace::install("/proc/cannot-write-here", &error));
        QVERIFY(error.contains(QLatin1String("/proc/cannot-write-here")));
    }
};

QTEST_GUILESS_MAIN(tst_Workspace)
#include "tst_workspace.moc"
