// RunPlan::build choosing requests with --filter and file.http:LINE: the named requests a
// chosen one takes values from come along (transitively, once, before it, marked and noted),
// resolved as the window resolves names; cycles end; unknown names and --no-dependencies
// leave the selection as chosen. The plans are read from real files; nothing is sent here
// (tst_collectionrunner and tst_runcommand send them to the demo service).
#include "runner/runplan.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class tst_RunPlan : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    // Each test writes into its own folder: a lone .http file's workspace is its folder.
    QString write(const QString &relativePath, const QString &text)
    {
        const QString path = m_dir.filePath(relativePath);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(text.toUtf8());
        return path;
    }

    // "name<neededBy" for each item, in plan order.
    static QStringList described(const mr::RunPlan &plan)
    {
        QStringList items;
        for (const mr::RunPlan::Item &item : plan.items)
            items.append(item.neededBy.isEmpty()
                             ? item.request.displayName()
                             : item.request.displayName() + QLatin1Char('<') + item.neededBy);
        return items;
    }

    static QString chainText()
    {
        return QStringLiteral("### login\n"                                             // 1
                              "POST http://127.0.0.1:9/login\n"                         // 2
                              "\n"                                                      // 3
                              "### other\n"                                             // 4
                              "GET http://127.0.0.1:9/other\n"                          // 5
                              "\n"                                                      // 6
                              "### me\n"                                                // 7
                              "GET http://127.0.0.1:9/me\n"                             // 8
                              "Authorization: Bearer {{login.response.body.$.token}}\n" // 9
                              "?? status == 200\n");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void filterBringsTheRequestItTakesValuesFrom()
    {
        const QString path = write("filter/api.http", chainText());
        const mr::RunPlan plan = mr::RunPlan::build({path}, {QStringLiteral("me")});
        QVERIFY(plan.ok());
        QCOMPARE(described(plan), QStringList({"login<me", "me"}));
        QCOMPARE(plan.items[0].requestIndex, 0);
        QCOMPARE(plan.items[0].file, path);
        QCOMPARE(plan.items[1].dependsOn, QStringList{"login"});
        QCOMPARE(plan.notes,
                 QStringList{QStringLiteral("login added: me (api.http:8) takes values from it")});
    }

    void lineBringsTheRequestItTakesValuesFrom()
    {
        const QString path = write("line/api.http", chainText());
        const mr::RunPlan plan = mr::RunPlan::build({path + QStringLiteral(":9")});
        QVERIFY(plan.ok());
        QCOMPARE(described(plan), QStringList({"login<me", "me"}));
        // The request chosen by its line needed nothing: nothing added.
        const mr::RunPlan alone = mr::RunPlan::build({path + QStringLiteral(":5")});
        QCOMPARE(described(alone), QStringList{"other"});
        QVERIFY(alone.notes.isEmpty());
    }

    void noDependenciesRunsOnlyWhatWasChosen()
    {
        const QString path = write("leave/api.http", chainText());
        const mr::RunPlan plan = mr::RunPlan::build({path}, {QStringLiteral("me")}, QString(),
                                                    mr::RunPlan::Dependencies::Leave);
        QVERIFY(plan.ok());
        QCOMPARE(described(plan), QStringList{"me"});
        QVERIFY(plan.notes.isEmpty());
    }

    void dependenciesOfDependenciesComeFirstInFileOrder()
    {
        const QString path = write(
            "transitive/api.http",
            QStringLiteral("### login\nPOST http://127.0.0.1:9/login\n\n"
                           "### unrelated\nGET http://127.0.0.1:9/x\n\n"
                           "### session\nPOST http://127.0.0.1:9/session\n"
                           "X-Token: {{login.response.body.$.token}}\n\n"
                           "### me\nGET http://127.0.0.1:9/me/{{session.response.body.$.id}}\n"
                           "X-Also: {{login.response.headers.X-Token}}\n\n"
                           "### orders\nGET http://127.0.0.1:9/orders\n"));
        const mr::RunPlan plan =
            mr::RunPlan::build({path}, {QStringLiteral("me"), QStringLiteral("orders")});
        QVERIFY(plan.ok());
        // login once, though both session and me reference it; before session, which needs it.
        QCOMPARE(described(plan), QStringList({"login<session", "session<me", "me", "orders"}));
        QCOMPARE(plan.notes.size(), 2);
        QVERIFY2(plan.notes.contains(
                     QStringLiteral("session added: me (api.http:12) takes values from it")),
                 qPrintable(plan.notes.join('\n')));
    }

    void aSharedDependencyIsAddedOnce()
    {
        const QString path = write(
            "shared/api.http",
            QStringLiteral("### login\nPOST http://127.0.0.1:9/login\n\n"
                           "### me-a\nGET http://127.0.0.1:9/a/{{login.response.body.$.t}}\n\n"
                           "### me-b\nGET http://127.0.0.1:9/b/{{login.response.body.$.t}}\n"));
        const mr::RunPlan plan = mr::RunPlan::build({path}, {QStringLiteral("me-*")});
        QCOMPARE(described(plan), QStringList({"login<me-a", "me-a", "me-b"}));
        // Chosen too: not added, not marked, sent once.
        const mr::RunPlan both =
            mr::RunPlan::build({path}, {QStringLiteral("login"), QStringLiteral("me-b")});
        QCOMPARE(described(both), QStringList({"login", "me-b"}));
        QVERIFY(both.notes.isEmpty());
        // The whole file: as before.
        QCOMPARE(described(mr::RunPlan::build({path})), QStringList({"login", "me-a", "me-b"}));
    }

    void theNameResolvesAsInTheWindow()
    {
        // A workspace folder (it has environments) of two files, each with a "login".
        write("resolve/http-client.env.json", QStringLiteral("{\"dev\": {}}"));
        const QString auth =
            write("resolve/auth.http", QStringLiteral("### login\nPOST http://127.0.0.1:9/a\n"));
        const QString users =
            write("resolve/users.http",
                  QStringLiteral("### early\nGET http://127.0.0.1:9/{{login.response.body.$.t}}\n\n"
                                 "### login\nPOST http://127.0.0.1:9/u\n\n"
                                 "### late\nGET http://127.0.0.1:9/{{login.response.body.$.t}}\n"));
        // Below its own file's login: that one.
        mr::RunPlan plan = mr::RunPlan::build({users}, {QStringLiteral("late")});
        QCOMPARE(described(plan), QStringList({"login<late", "late"}));
        QCOMPARE(plan.items[0].file, users);
        QCOMPARE(plan.items[0].requestIndex, 1);
        // Above it (running the file would not have sent it yet): the other file's.
        plan = mr::RunPlan::build({users}, {QStringLiteral("early")});
        QCOMPARE(described(plan), QStringList({"login<early", "early"}));
        QCOMPARE(plan.items[0].file, auth);
        QCOMPARE(plan.notes, QStringList{QStringLiteral(
                                 "login added: early (users.http:2) takes values from it")});
    }

    void fileVariablesAndAssertionsCountWhenUsed()
    {
        const QString path =
            write("variables/api.http",
                  QStringLiteral("@token = {{login.response.body.$.token}}\n"
                                 "@auth = Bearer {{token}}\n"
                                 "@orderId = {{order.response.body.$.id}}\n\n"
                                 "### login\nPOST http://127.0.0.1:9/login\n\n"
                                 "### order\nPOST http://127.0.0.1:9/orders\n\n"
                                 "### health\nGET http://127.0.0.1:9/health\n\n"
                                 "### me\nGET http://127.0.0.1:9/me\nAuthorization: {{ auth }}\n\n"
                                 "### check\nGET http://127.0.0.1:9/orders/latest\n"
                                 "?? body $.id == {{order.response.body.$.id}}\n"));
        // Through two file variables.
        QCOMPARE(described(mr::RunPlan::build({path}, {QStringLiteral("me")})),
                 QStringList({"login<me", "me"}));
        // File variables it does not use bring nothing (though they order a whole-file run).
        const mr::RunPlan health = mr::RunPlan::build({path}, {QStringLiteral("health")});
        QCOMPARE(described(health), QStringList{"health"});
        QCOMPARE(health.items[0].dependsOn, QStringList({"login", "order"}));
        // An assertion's expected value is checked with the same variables.
        const mr::RunPlan check = mr::RunPlan::build({path}, {QStringLiteral("check")});
        QCOMPARE(described(check), QStringList({"order<check", "check"}));
    }

    void aNameFoundNowhereIsLeftToFailWhenSent()
    {
        const QString path =
            write("missing/api.http",
                  QStringLiteral("### login\nPOST http://127.0.0.1:9/login\n\n"
                                 "### me\nGET http://127.0.0.1:9/{{nobody.response.body.$.t}}\n"));
        const mr::RunPlan plan = mr::RunPlan::build({path}, {QStringLiteral("me")});
        QVERIFY(plan.ok());
        QCOMPARE(described(plan), QStringList{"me"});
        QCOMPARE(plan.items[0].dependsOn, QStringList{"nobody"});
        QVERIFY(plan.notes.isEmpty());
    }

    void aCycleEndsAndIsNoted()
    {
        write("cycle/http-client.env.json", QStringLiteral("{}"));
        const QString a =
            write("cycle/a.http",
                  QStringLiteral("### a\nGET http://127.0.0.1:9/{{b.response.body.$.x}}\n"));
        const QString b =
            write("cycle/b.http",
                  QStringLiteral("### b\nGET http://127.0.0.1:9/{{a.response.body.$.x}}\n"));
        mr::RunPlan plan = mr::RunPlan::build({a});
        QVERIFY(plan.ok());
        QCOMPARE(described(plan), QStringList({"b<a", "a"}));
        QVERIFY2(plan.notes.contains(QStringLiteral(
                     "b (b.http:2) and a (a.http:2) take values from each other; b is sent "
                     "first, without a's")),
                 qPrintable(plan.notes.join('\n')));
        // The folder: each once.
        plan = mr::RunPlan::build({QFileInfo(a).absolutePath()});
        QCOMPARE(described(plan), QStringList({"b<a", "a"}));
        // A ring in one file is a chain: a name below the request does not count.
        const QString ring =
            write("ring/ring.http",
                  QStringLiteral("### x\nGET http://127.0.0.1:9/{{z.response.body.$.v}}\n\n"
                                 "### y\nGET http://127.0.0.1:9/{{x.response.body.$.v}}\n\n"
                                 "### z\nGET http://127.0.0.1:9/{{y.response.body.$.v}}\n"));
        plan = mr::RunPlan::build({ring}, {QStringLiteral("z")});
        QCOMPARE(described(plan), QStringList({"x<y", "y<z", "z"}));
    }
};

QTEST_GUILESS_MAIN(tst_RunPlan)
#include "tst_runplan.moc"
