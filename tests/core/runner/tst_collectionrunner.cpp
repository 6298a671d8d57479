// CollectionRunner over real exchanges with the demo service: file order, what runs in
// parallel, chaining per iteration, steps reported live with their Exchange records, cancel.
#include "demo/demoserverthread.h"
#include "net/httpclient.h"
#include "runner/collectionrunner.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

class tst_CollectionRunner : public QObject
{
    Q_OBJECT
    mr::DemoServerThread m_service;
    QTemporaryDir m_dir;
    QString m_base;

    QString write(const QString &name, QString text)
    {
        text.replace(QStringLiteral("BASE"), m_base);
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write");
        file.write(text.toUtf8());
        return file.fileName();
    }

    QList<mr::RunStep> runAll(mr::CollectionRunner *runner)
    {
        QList<mr::RunStep> steps;
        connect(runner, &mr::CollectionRunner::stepFinished, this,
                [&steps](const mr::RunStep &step) { steps.append(step); });
        QSignalSpy finished(runner, &mr::CollectionRunner::finished);
        runner->start();
        if (!runner->isFinished())
            finished.wait(20000);
        return steps;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(mr::DemoServer::Options(), &error), qPrintable(error));
        m_base = m_service.httpUrl().toString();
        if (m_base.endsWith(QLatin1Char('/')))
            m_base.chop(1);
    }

    void sequentialRunKeepsFileOrderAndReportsExchanges()
    {
        const QString path = write("order.http", QStringLiteral("### a\nGET BASE/delay/100\n\n"
                                                                "### b\nGET BASE/get\n\n"
                                                                "### c\nGET BASE/uuid\n"
                                                                "?? connection reused\n"));
        const mr::RunPlan plan = mr::RunPlan::build({path});
        QVERIFY(plan.ok());
        mr::HttpClient client;
        mr::CollectionRunner runner(&client, plan, {});
        int maxInFlight = 0;
        connect(&runner, &mr::CollectionRunner::stepStarted, this,
                [&] { maxInFlight = qMax(maxInFlight, runner.inFlight() + 1); });
        const QList<mr::RunStep> steps = runAll(&runner);
        QCOMPARE(steps.size(), 3);
        QCOMPARE(maxInFlight, 1);
        QStringList names;
        for (const mr::RunStep &step : steps)
            names.append(step.name);
        QCOMPARE(names, QStringList({"a", "b", "c"}));
        QVERIFY(steps[2].passed());
        QCOMPARE(steps[2].exchange.attempts.size(), 1);
        QCOMPARE(steps[2].connectionLabel(), QString::fromUtf8("#1 reused \u00b7 3rd request"));
        QCOMPARE(runner.summary().connectionsOpened, 1);
        QCOMPARE(runner.summary().reused, 2);
        QVERIFY(runner.summary().allPassed());
    }

    void eachIterationChainsItsOwnResponses()
    {
        // The first request echoes the row's id; the second reads it back from that response.
        const QString path =
            write("chain.http",
                  QStringLiteral("### make\nGET BASE/anything/{{id}}\n\n"
                                 "### read\nGET BASE/anything/{{make.response.body.$.url}}\n"
                                 "?? body $.url endsWith /anything/{{id}}\n"));
        const mr::RunPlan plan = mr::RunPlan::build({path});
        QVERIFY(plan.ok());
        QCOMPARE(plan.items[1].dependsOn, QStringList{"make"});
        mr::HttpClient client;
        mr::CollectionRunner::Options options;
        options.concurrency = 8;
        options.iterations = 6;
        for (int i = 0; i < 3; ++i)
            options.dataRows.append({{QStringLiteral("id"), QString::number(100 + i)}});
        mr::CollectionRunner runner(&client, plan, options);
        const QList<mr::RunStep> steps = runAll(&runner);
        QCOMPARE(steps.size(), 12);
        for (const mr::RunStep &step : steps) {
            QVERIFY2(step.passed(), qPrintable(step.name + QLatin1Char(' ') + step.error));
            const QString id = QString::number(100 + (step.iteration - 1) % 3);
            QVERIFY2(
                step.exchange.request.url.toString().endsWith(QStringLiteral("/anything/") + id),
                qPrintable(step.exchange.request.url.toString()));
        }
        QCOMPARE(runner.summary().assertionsPassed, 6);
    }

    void secretsForMasksWhatEachStepSent()
    {
        // secretsFor() keeps what depends on the variables only; a secret from a data row, a
        // named response or a {{$…}} value must still be each step's own.
        const QString path = write(
            "secrets.http", QStringLiteral("@fixed = fixed-secret-token\n"
                                           "### make\nGET BASE/anything/{{id}}?n={{$uuid}}\n"
                                           "Authorization: Bearer tok-{{id}}-row\n\n"
                                           "### read\nGET BASE/get\n"
                                           "Authorization: Bearer {{make.response.body.$.url}}\n\n"
                                           "### fresh\nGET BASE/get\n"
                                           "Authorization: Bearer {{$uuid}}\n\n"
                                           "### same\nGET BASE/get\n"
                                           "Authorization: Bearer {{fixed}}\n"));
        const mr::RunPlan plan = mr::RunPlan::build({path});
        QVERIFY(plan.ok());
        mr::HttpClient client;
        mr::CollectionRunner::Options options;
        options.iterations = 6;
        for (int i = 0; i < 3; ++i)
            options.dataRows.append({{QStringLiteral("id"), QString::number(100 + i)}});
        mr::CollectionRunner runner(&client, plan, options);
        QStringList unmasked;
        int checked = 0;
        connect(&runner, &mr::CollectionRunner::stepFinished, this, [&](const mr::RunStep &step) {
            const QString sent = QString::fromUtf8(
                step.exchange.request.headers.value("Authorization").mid(int(qstrlen("Bearer "))));
            // A {{$uuid}} expands anew: only the exchange (RunStep::redacted) has the one sent.
            const mr::SecretRedactor secrets = runner.secretsFor(step);
            const QString masked = secrets.redactedText(QStringLiteral("<%1>").arg(sent));
            if (sent.isEmpty() || (step.name != QLatin1String("fresh") && masked != "<***>"))
                unmasked.append(step.name + QLatin1Char(' ') + masked);
            const QByteArray reported =
                step.redacted(secrets).exchange.request.headers.value("Authorization");
            if (reported != "Bearer ***")
                unmasked.append(step.name + QLatin1Char(' ') + QString::fromUtf8(reported));
            ++checked;
        });
        QSignalSpy finished(&runner, &mr::CollectionRunner::finished);
        runner.start();
        if (!runner.isFinished())
            finished.wait(20000);
        QCOMPARE(checked, 24);
        QVERIFY2(unmasked.isEmpty(), qPrintable(unmasked.join(QLatin1Char('\n'))));
    }

    void aFilteredRequestRunsAfterTheOneItTakesValuesFrom()
    {
        const QString path =
            write("filtered.http",
                  QStringLiteral("@token = {{login.response.body.$.json.token}}\n\n"
                                 "### login\nPOST BASE/anything/login\n\n{\"token\": \"t-7\"}\n\n"
                                 "### other\nGET BASE/status/500\n\n"
                                 "### me\nGET BASE/bearer\n"
                                 "Authorization: Bearer {{token}}\n"
                                 "?? status == 200\n"));
        const mr::RunPlan plan = mr::RunPlan::build({path}, {QStringLiteral("me")});
        QVERIFY(plan.ok());
        mr::HttpClient client;
        mr::CollectionRunner::Options options;
        options.concurrency = 4; // "me" still waits for login
        mr::CollectionRunner runner(&client, plan, options);
        const QList<mr::RunStep> steps = runAll(&runner);
        QCOMPARE(steps.size(), 2);
        QCOMPARE(steps[0].name, QStringLiteral("login"));
        QCOMPARE(steps[0].neededBy, QStringLiteral("me"));
        QCOMPARE(steps[1].name, QStringLiteral("me"));
        QVERIFY(steps[1].neededBy.isEmpty());
        QVERIFY2(steps[1].passed(), qPrintable(steps[1].error));
        QCOMPARE(steps[1].exchange.request.headers.value("Authorization"),
                 QByteArray("Bearer t-7"));
    }

    void cancelStopsARun()
    {
        QString text;
        for (int i = 0; i < 5; ++i)
            text += QStringLiteral("###\nGET BASE/delay/2000\n\n");
        const mr::RunPlan plan = mr::RunPlan::build({write("cancel.http", text)});
        mr::HttpClient client;
        mr::CollectionRunner::Options options;
        options.concurrency = 2;
        mr::CollectionRunner runner(&client, plan, options);
        QSignalSpy finished(&runner, &mr::CollectionRunner::finished);
        QSignalSpy steps(&runner, &mr::CollectionRunner::stepFinished);
        runner.start();
        QTimer::singleShot(200, &runner, &mr::CollectionRunner::cancel);
        QVERIFY(finished.wait(1500));
        QCOMPARE(steps.size(), 2); // the two in flight, ended; the rest never started
        QCOMPARE(runner.summary().notRun(), 3);
        QVERIFY(!runner.summary().allPassed());
    }
};

QTEST_GUILESS_MAIN(tst_CollectionRunner)
#include "tst_collectionrunner.moc"
