// The Connections view's Runs page offscreen, against the demo service over loopback: Compare
// runs a file with keep-alive on, then off, each in a client of its own; the lanes of each
// waterfall are the connections the service saw; the headline states both and the speed-up;
// the two waterfalls share one scale; bad targets say where; the tree and the Request menu
// bring a target to it.
#include "connections/connectionlog.h"
#include "connections/waterfallmodel.h"
#include "connectionsdock.h"
#include "connectionsview.h"
#include "demo/demoserverthread.h"
#include "mainwindow.h"
#include "net/httpclient.h"
#include "runcomparisonpanel.h"
#include "runpane.h"
#include "waterfalldelegate.h"
#include "waterfallpixels.h"
#include "waterfallview.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"
#include "workspacepanel.h"
#include "workspacetreeactions.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mr;

class tst_RunComparison : public QObject
{
    Q_OBJECT
    DemoServerThread m_service; // 20 ms away: requests overlap, as on a real network
    QTemporaryDir m_dir;
    QString m_base;
    QString m_file;
    static constexpr int Latency = 20;

    QString write(const QString &name, const QByteArray &text)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(name));
        file.write(text);
        return file.fileName();
    }

    static QSet<QString> serverConnections(const ConnectionLog &log)
    {
        QSet<QString> serials;
        for (int i = 0; i < log.exchangeCount(); ++i)
            serials.insert(QString::fromLatin1(
                log.exchangeAt(i).exchange.responseHeaders.value("X-Demo-Connection")));
        return serials;
    }

    RunComparisonPanel::ContextProvider context() const
    {
        const QString base = m_base;
        return [base] {
            RunComparisonPanel::Context context;
            context.variables.insert(QStringLiteral("base"), base);
            return context;
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        DemoServer::Options options;
        options.latencyMs = Latency;
        QVERIFY2(m_service.start(options, &error), qPrintable(error));
        m_base = m_service.httpUrl().toString();
        if (m_base.endsWith(QLatin1Char('/')))
            m_base.chop(1);
        m_file = write(QStringLiteral("pool.http"),
                       "### one\nGET {{base}}/get\n\n### two\nGET {{base}}/json\n");
    }

    void compareRunsKeepAliveOnThenOff()
    {
        HttpClient window;
        RunComparisonPanel panel(&window);
        panel.resize(1400, 700);
        panel.setContextProvider(context());
        panel.setSuggestedTargets({{QStringLiteral("The file"), m_file}});
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.currentTarget(), m_file);
        QVERIFY(panel.firstPane()->keepAliveBox()->isChecked());
        QVERIFY(!panel.secondPane()->keepAliveBox()->isChecked());
        QVERIFY(!panel.secondPane()->perOriginBox()->isEnabled()); // no pool without keep-alive
        panel.iterationsBox()->setValue(10);
        panel.concurrencyBox()->setValue(4);
        panel.firstPane()->perOriginBox()->setValue(3);

        QSignalSpy idle(&panel, &RunComparisonPanel::idle);
        QTest::mouseClick(panel.compareButton(), Qt::LeftButton);
        QVERIFY(panel.isRunning());
        QVERIFY(!panel.compareButton()->isEnabled());
        QVERIFY(panel.cancelButton()->isEnabled());
        QVERIFY(idle.wait(60000));
        QCOMPARE(idle.count(), 1); // once, after the second run
        QVERIFY(!panel.isRunning());
        QVERIFY(panel.compareButton()->isEnabled());

        // A: at most 3 connections for 20 requests, each a lane, each one the service saw.
        BackgroundPoolRun *pooled = panel.firstPane()->run();
        QVERIFY(pooled && pooled->isFinished());
        const PoolRunResult a = pooled->result();
        QCOMPARE(a.requests, 20);
        QCOMPARE(a.failed, 0);
        QCOMPARE(a.connectionsOpened, 3);
        QCOMPARE(int(serverConnections(*pooled->log()).size()), 3);
        // It ran in a thread of its own; the pane got its log in the GUI thread.
        QVERIFY(pooled->threads().poolRun);
        QVERIFY(pooled->threads().poolRun != qApp->thread());
        QCOMPARE(pooled->threads().client, pooled->threads().poolRun);
        QCOMPARE(pooled->log()->thread(), qApp->thread());
        WaterfallModel *laneModel = panel.firstPane()->waterfallView()->waterfall();
        QAbstractItemModelTester tester(laneModel);
        QCOMPARE(laneModel->rowCount(), 3);
        // B: a connection per request.
        BackgroundPoolRun *unpooled = panel.secondPane()->run();
        QVERIFY(unpooled && unpooled->isFinished());
        const PoolRunResult b = unpooled->result();
        QCOMPARE(b.requests, 20);
        QCOMPARE(b.connectionsOpened, 20);
        QCOMPARE(int(serverConnections(*unpooled->log()).size()), 20);
        QCOMPARE(panel.secondPane()->waterfallView()->waterfall()->rowCount(), 20);

        // The headline states both, and which was faster by how much (or that neither was).
        const QString headline = panel.headline()->text();
        QCOMPARE(headline, PoolRunResult::comparison(a, b));
        QVERIFY2(headline.startsWith(QStringLiteral("pooled (3 per origin): ")),
                 qPrintable(headline));
        QVERIFY2(headline.contains(QStringLiteral("; unpooled: ")), qPrintable(headline));
        QVERIFY2(headline.contains(QStringLiteral("3 connections")) &&
                     headline.contains(QStringLiteral("20 connections")),
                 qPrintable(headline));
        QVERIFY2(headline.contains(QStringLiteral("faster")) ||
                     headline.endsWith(QStringLiteral("about as fast")),
                 qPrintable(headline));
        QCOMPARE(panel.firstPane()->resultLabel()->text(), a.text());
        QVERIFY(panel.firstPane()->summaryLabel()->text().contains(QStringLiteral("20 requests")));
        // A demo service simulating latency says so.
        const QLabel *note = panel.findChild<QLabel *>(QStringLiteral("runLatencyNote"));
        QVERIFY(note && note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("20 ms")), qPrintable(note->text()));

        // One scale for both: the longer run's span, bars painted on both sides.
        const double span = qMax(panel.firstPane()->span(), panel.secondPane()->span());
        QVERIFY(span > 0);
        QCOMPARE(panel.firstPane()->waterfallView()->waterfall()->minimumSpanMs(), span);
        QCOMPARE(panel.secondPane()->waterfallView()->waterfall()->minimumSpanMs(), span);
        QVERIFY(!phaseColoursPainted(panel.firstPane()->waterfallView()).isEmpty());
        QVERIFY(!phaseColoursPainted(panel.secondPane()->waterfallView()).isEmpty());
        // Each run exports as HAR 1.2 (with each exchange's connection) and its summary as CSV.
        QVERIFY(panel.firstPane()->exportHarButton()->isEnabled());
        QString error;
        const QString har = m_dir.filePath(QStringLiteral("pooled.har"));
        QVERIFY2(panel.firstPane()->exportHar(har, &error), qPrintable(error));
        QFile harFile(har);
        QVERIFY(harFile.open(QIODevice::ReadOnly));
        const QJsonArray entries = QJsonDocument::fromJson(harFile.readAll())
                                       .object()["log"]
                                       .toObject()["entries"]
                                       .toArray();
        QCOMPARE(entries.size(), 20);
        QSet<QString> harConnections;
        for (const QJsonValue &entry : entries)
            harConnections.insert(entry.toObject()["connection"].toString());
        QCOMPARE(harConnections.size(), 3);
        const QString csv = m_dir.filePath(QStringLiteral("unpooled.csv"));
        QVERIFY2(panel.secondPane()->exportCsv(csv, &error), qPrintable(error));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // header, the origin, all
        QVERIFY2(lines.last().startsWith("*,20,20,"), lines.last().constData());
        QVERIFY(!panel.secondPane()->exportHar(QStringLiteral("/nonexistent/dir/x.har"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("/nonexistent/dir/x.har")), qPrintable(error));

        // The window's own client sent nothing and keeps its settings.
        QCOMPARE(window.poolSettings().maxPerOrigin, PoolSettings().maxPerOrigin);
    }

    void http1ConnectionsAgainstOneHttp2Connection()
    {
        // The preset: HTTP/1.1 with six connections against HTTP/2's streams on one, on a
        // service 20 ms away (h2c by prior knowledge on its HTTP port).
        HttpClient window;
        RunComparisonPanel panel(&window);
        panel.resize(1400, 700);
        panel.setContextProvider(context());
        panel.setSuggestedTargets({{QStringLiteral("The file"), m_file}});
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.presetBox()->setCurrentIndex(1);
        panel.applyPreset(1);
        QCOMPARE(panel.secondPane()->protocolBox()->currentData().toInt(),
                 int(ProtocolChoice::Http2));
        QCOMPARE(panel.secondPane()->perOriginBox()->value(), 1);
        panel.iterationsBox()->setValue(10);
        panel.concurrencyBox()->setValue(8);
        QSignalSpy idle(&panel, &RunComparisonPanel::idle);
        QTest::mouseClick(panel.compareButton(), Qt::LeftButton);
        QVERIFY(idle.wait(60000));
        const PoolRunResult a = panel.firstPane()->run()->result();
        const PoolRunResult b = panel.secondPane()->run()->result();
        QCOMPARE(a.requests, 20);
        QCOMPARE(b.requests, 20);
        QCOMPARE(b.failed, 0);
        QCOMPARE(a.connectionsOpened, 6);
        QCOMPARE(b.connectionsOpened, 1);
        QCOMPARE(int(serverConnections(*panel.secondPane()->run()->log()).size()), 1);
        // One lane; its exchanges went on streams of one connection, several at once.
        const ConnectionLog &log = *panel.secondPane()->run()->log();
        int peak = 0;
        for (int i = 0; i < log.exchangeCount(); ++i) {
            const Exchange &e = log.exchangeAt(i).exchange;
            QCOMPARE(e.httpVersion, QByteArray("HTTP/2"));
            peak = qMax(peak, e.attempts.last().streamsInFlight);
        }
        QVERIFY2(peak > 1, qPrintable(QString::number(peak)));
        WaterfallModel *lanes = panel.secondPane()->waterfallView()->waterfall();
        QCOMPARE(lanes->rowCount(), 1);
        QVERIFY2(lanes->index(0, 0).data().toString().contains(QStringLiteral(" \u00b7 h2")),
                 qPrintable(lanes->index(0, 0).data().toString()));
        QVERIFY2(panel.headline()->text().startsWith(
                     QStringLiteral("HTTP/1.1, pooled (6 per origin): ")),
                 qPrintable(panel.headline()->text()));
        QVERIFY2(panel.headline()->text().contains(QStringLiteral("; HTTP/2 (1 connection): ")),
                 qPrintable(panel.headline()->text()));
    }

    void oneSideRunsAloneAndCancels()
    {
        HttpClient window;
        RunComparisonPanel panel(&window);
        panel.setContextProvider(context());
        panel.chooseTarget(QStringLiteral("pool"), m_file);
        panel.iterationsBox()->setValue(2000);
        panel.concurrencyBox()->setValue(2);
        QSignalSpy idle(&panel, &RunComparisonPanel::idle);
        QTest::mouseClick(panel.secondPane()->runButton(), Qt::LeftButton);
        QVERIFY(panel.secondPane()->isRunning());
        QVERIFY(!panel.firstPane()->run()); // A is left alone
        QTRY_VERIFY(panel.secondPane()->run()->summary().run >= 4);
        QTest::mouseClick(panel.cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 1, 20000);
        const PoolRunResult b = panel.secondPane()->run()->result();
        QVERIFY(b.cancelled);
        QVERIFY2(panel.headline()->text().contains(QStringLiteral("cancelled after")),
                 qPrintable(panel.headline()->text()));
    }

    void closingThePageMidRunStopsTheRun()
    {
        HttpClient window;
        auto panel = std::make_unique<RunComparisonPanel>(&window);
        panel->setContextProvider(context());
        panel->chooseTarget(QStringLiteral("pool"), m_file);
        panel->iterationsBox()->setValue(5000);
        panel->concurrencyBox()->setValue(4);
        panel->show();
        panel->compare();
        QVERIFY(panel->isRunning());
        // The live waterfall follows the run in batches.
        QTRY_VERIFY_WITH_TIMEOUT(panel->firstPane()->waterfallView()->waterfall()->rowCount() > 0,
                                 20000);
        QVERIFY(panel->firstPane()->run()->log()->exchangeCount() > 0);
        QVERIFY(panel->isRunning());
        QElapsedTimer clock;
        clock.start();
        panel.reset();
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QTest::qWait(100); // nothing of it arrives later
    }

    void compareKeepsItsPlanWhateverHappensToTheBox()
    {
        HttpClient window;
        RunComparisonPanel panel(&window);
        panel.setContextProvider(context());
        const QString other = write(QStringLiteral("other.http"), "POST {{base}}/post\n");
        panel.setSuggestedTargets(
            {{QStringLiteral("The file"), m_file}, {QStringLiteral("Other"), other}});
        panel.iterationsBox()->setValue(5);
        panel.concurrencyBox()->setValue(2);
        panel.describeWorkload();
        QCOMPARE(
            panel.workloadLabel()->text(),
            QString::fromUtf8("Each run sends 10 requests (2 \u00d7 5 iterations, 2 in flight)."));
        QSignalSpy idle(&panel, &RunComparisonPanel::idle);
        panel.compare();
        QVERIFY(panel.isRunning());
        QCOMPARE(panel.headline()->text(), QString::fromUtf8("Comparing\u2026"));
        QVERIFY(!panel.secondPane()->hasResult());
        QVERIFY(!panel.firstPane()->keepAliveBox()->isEnabled()); // not under a running run
        // While A runs, a tab switch changes the suggestions and the tree chooses another
        // target: the box waits, and B runs what A ran.
        panel.setSuggestedTargets({{QStringLiteral("Other"), other}});
        panel.chooseTarget(QStringLiteral("Chosen other"), other);
        QCOMPARE(panel.currentTarget(), m_file);
        QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 1, 30000);
        const PoolRunResult a = panel.firstPane()->run()->result();
        const PoolRunResult b = panel.secondPane()->run()->result();
        QCOMPARE(b.workload, a.workload);
        QCOMPARE(b.requests, 10);
        const ConnectionLog *log = panel.secondPane()->run()->log();
        for (int i = 0; i < log->exchangeCount(); ++i)
            QVERIFY(log->exchangeAt(i).exchange.request.method == "GET");
        QVERIFY2(!panel.headline()->text().contains(QStringLiteral("not compared")),
                 qPrintable(panel.headline()->text()));
        // Once it is over, the box caught up with the choice.
        QCOMPARE(panel.currentTarget(), other);
        panel.describeWorkload();
        QVERIFY2(panel.workloadLabel()->text().endsWith(QStringLiteral(", 5 POST among them.")),
                 qPrintable(panel.workloadLabel()->text()));

        // Another target run on one side alone is not compared with the other side's run.
        panel.runFirst();
        QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 2, 30000);
        QVERIFY2(
            panel.headline()->text().contains(QStringLiteral("not compared: one ran Chosen other")),
            qPrintable(panel.headline()->text()));
        QVERIFY(panel.firstPane()->keepAliveBox()->isEnabled());
    }

    void badTargetsSayWhere()
    {
        HttpClient window;
        RunComparisonPanel panel(&window);
        panel.setContextProvider(context());
        const QString broken =
            write(QStringLiteral("broken.http"), "### ok\nGET {{base}}/get\n?? stauts == 200\n");
        panel.chooseTarget(QStringLiteral("broken"), broken);
        QTest::mouseClick(panel.compareButton(), Qt::LeftButton);
        QVERIFY(!panel.isRunning());
        QVERIFY(!panel.firstPane()->run());
        QVERIFY(panel.problemsLabel()->isVisibleTo(&panel));
        QVERIFY2(panel.problemsLabel()->text().startsWith(broken + QStringLiteral(":3:")),
                 qPrintable(panel.problemsLabel()->text()));

        // Requests that can't even be sent finish at once (in the run's thread), and the
        // comparison says so.
        const QString unresolved =
            write(QStringLiteral("unresolved.http"), "GET {{nowhere}}/get\n");
        panel.chooseTarget(QStringLiteral("unresolved"), unresolved);
        panel.iterationsBox()->setValue(3);
        QSignalSpy idle(&panel, &RunComparisonPanel::idle);
        panel.compare();
        QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 1, 10000);
        QVERIFY(!panel.isRunning());
        QCOMPARE(panel.secondPane()->run()->result().unanswered, 3);
        QVERIFY2(panel.headline()->text().endsWith(
                     QStringLiteral("not compared: 6 requests got no whole response")),
                 qPrintable(panel.headline()->text()));

        const QString empty = write(QStringLiteral("empty.http"), "# nothing here\n");
        panel.chooseTarget(QStringLiteral("empty"), empty);
        QTest::mouseClick(panel.compareButton(), Qt::LeftButton);
        QVERIFY(!panel.isRunning());
        QVERIFY2(panel.problemsLabel()->text().startsWith(empty + QStringLiteral(": no requests")),
                 qPrintable(panel.problemsLabel()->text()));
        // Chosen targets stay in the box, the latest first.
        QCOMPARE(panel.targetBox()->count(), 3);
        QCOMPARE(panel.targetBox()->itemData(2).toString(), broken);
    }

    void treeAndMenuBringTargetsToTheRunsPage()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("ws"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/api")));
        QFile file(folder + QStringLiteral("/api/pool.http"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("### one\nGET {{base}}/get\n\n### two\nGET {{base}}/json\n");
        file.close();
        HttpClient client;
        WorkspaceModel model;
        WorkspaceSession session(&model, &client);
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        MainWindow window(&client, &session, &settings);
        window.setOverrides({{QStringLiteral("base"), m_base}});
        QVERIFY(window.openWorkspace(folder));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RunComparisonPanel *runs = window.connectionsView()->runsPanel();
        // Without a tab: the whole workspace is offered.
        QCOMPARE(runs->currentTarget(), session.root());

        // The tree's context action on the second request.
        const QModelIndex second = model.requestIndex(file.fileName(), 1);
        QVERIFY(second.isValid());
        window.workspacePanel()->select(second);
        window.treeActions()->runAction()->trigger();
        QTRY_VERIFY(window.connectionsDock()->isVisible());
        QCOMPARE(runs->currentTarget(), file.fileName() + QStringLiteral(":5"));
        QVERIFY2(runs->targetBox()->currentText().startsWith(QStringLiteral("Request: two")),
                 qPrintable(runs->targetBox()->currentText()));
        QVERIFY(runs->isVisible());

        // It runs with the window's variables (the overrides), only that request.
        QSignalSpy idle(runs, &RunComparisonPanel::idle);
        runs->iterationsBox()->setValue(3);
        runs->runFirst();
        QVERIFY(idle.wait(30000));
        const PoolRunResult result = runs->firstPane()->run()->result();
        QCOMPARE(result.requests, 3);
        QCOMPARE(result.failed, 0);
        QVERIFY(runs->firstPane()->run()->log()->exchangeAt(0).exchange.request.url.path() ==
                QStringLiteral("/json"));

        // The folder, then the Request menu's action for the open request's file line.
        const QModelIndex api = model.pathIndex(folder + QStringLiteral("/api"));
        window.workspacePanel()->select(api);
        window.treeActions()->runAction()->trigger();
        QCOMPARE(runs->currentTarget(), folder + QStringLiteral("/api"));
        QCOMPARE(runs->targetBox()->currentText(), QStringLiteral("Folder: api/"));

        // Request ▸ Run in Connections View picks the open request, whatever was chosen before.
        window.openRequest(model.requestIndex(file.fileName(), 0));
        QAction *menuAction = window.findChild<QAction *>(QStringLiteral("runInConnectionsAction"));
        QVERIFY(menuAction);
        menuAction->trigger();
        QCOMPARE(runs->currentTarget(), file.fileName() + QStringLiteral(":2"));

        // Another workspace: the chosen targets were this one's, and go.
        const QString elsewhere = dir.filePath(QStringLiteral("elsewhere"));
        QVERIFY(QDir().mkpath(elsewhere));
        QFile secondFile(elsewhere + QStringLiteral("/b.http"));
        QVERIFY(secondFile.open(QIODevice::WriteOnly));
        secondFile.write("GET {{base}}/get\n");
        secondFile.close();
        window.setCloseQuestion([](const QString &) { return MainWindow::CloseAnswer::Discard; });
        QVERIFY(window.openWorkspace(elsewhere));
        for (int i = 0; i < runs->targetBox()->count(); ++i)
            QVERIFY2(runs->targetBox()->itemData(i).toString().startsWith(session.root()),
                     qPrintable(runs->targetBox()->itemData(i).toString()));
        QCOMPARE(runs->currentTarget(), session.root());
        window.setCloseQuestion([](const QString &) { return MainWindow::CloseAnswer::Discard; });
    }
};

QTEST_MAIN(tst_RunComparison)
#include "tst_runcomparison.moc"
