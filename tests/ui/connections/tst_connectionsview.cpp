// The Connections view offscreen, fed by real exchanges with the demo service over loopback:
// 10,000 rows painted as bars, the numbers on hover, a click that opens the exchange, the
// pool's "close idle connections", exports, the latency note, and its place in the window.
#include "connections/connectionlog.h"
#include "connections/poolstatemodel.h"
#include "connections/waterfallmodel.h"
#include "connectionsdock.h"
#include "connectionsview.h"
#include "demo/demoserverthread.h"
#include "loadandwait.h"
#include "mainwindow.h"
#include "net/enginereply.h"
#include "net/exchange.h"
#include "net/httpclient.h"
#include "requesteditor.h"
#include "responseview.h"
#include "runner/loadrunner.h"
#include "waterfalldelegate.h"
#include "waterfallpixels.h"
#include "waterfallview.h"
#include "workspace/demoworkspace.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkReply>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace mr;

class tst_ConnectionsView : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;

    static QUrl url(const QString &path, const DemoServerThread &service)
    {
        return service.httpUrl(path);
    }

    static bool load(HttpClient &client, const QUrl &target, int n, int c)
    {
        LoadRunner::Options options;
        options.request.url = target;
        options.requests = n;
        options.concurrency = c;
        options.keepExchanges = false;
        return loadAndWait(client, options, 120000).completed == n;
    }

    static void fetch(HttpClient &client, const QUrl &target)
    {
        QNetworkReply *reply = client.get(QNetworkRequest(target));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        delete reply;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<Exchange>();
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
    }

    // Switching to a dark palette (the desktop's theme) repaints the legend's colours, as the
    // waterfall's bars are.
    void theLegendFollowsThePalette()
    {
        HttpClient client;
        ConnectionLog log;
        ConnectionsView view(&log, &client);
        const QPalette light = view.palette();
        const QString lightTcp = WaterfallDelegate::phaseColor(WaterfallSegment::Tcp, light).name();
        QVERIFY(view.legendLabel()->text().contains(lightTcp));
        QPalette dark = light;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Base, QColor(0x1a, 0x1a, 0x1a));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        const QString darkTcp = WaterfallDelegate::phaseColor(WaterfallSegment::Tcp, dark).name();
        QVERIFY2(darkTcp != lightTcp, "the dark palette gives the bars other colours");
        view.setPalette(dark);
        QVERIFY2(view.legendLabel()->text().contains(darkTcp),
                 qPrintable(view.legendLabel()->text()));
        QVERIFY(!view.legendLabel()->text().contains(lightTcp));
    }

    void paintsTenThousandRows()
    {
        HttpClient client;
        PoolSettings settings;
        settings.maxPerOrigin = 16;
        client.setPoolSettings(settings);
        ConnectionLog log;
        log.setLimit(20000);
        log.attach(&client);
        ConnectionsView view(&log, &client);
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        // Live: the view follows the log while the exchanges come in.
        QVERIFY(load(client, url(QStringLiteral("/uuid"), m_service), 10000, 32));
        QTRY_COMPARE(log.exchangeCount(), 10000);
        view.refresh();
        WaterfallModel *model = view.waterfallModel();
        QCOMPARE(model->rowCount(), 16);
        int rows = 0;
        for (int lane = 0; lane < model->rowCount(); ++lane)
            rows += model->rowCount(model->index(lane, 0));
        QCOMPARE(rows, 10000);
        QVERIFY(view.summaryLabel()->text().startsWith(QStringLiteral("10,000 requests")));
        QVERIFY2(view.summaryLabel()->text().contains(QStringLiteral("16 connections opened")),
                 qPrintable(view.summaryLabel()->text()));

        // Bars at the top (lanes and their first exchanges: tcp for the new connections) ...
        QTreeView *tree = view.waterfallView();
        QVERIFY(tree->isExpanded(model->index(0, 0)));
        const QSet<QRgb> top = phaseColoursPainted(tree);
        QVERIFY2(top.contains(WaterfallDelegate::phaseColor(WaterfallSegment::Lifetime).rgb()),
                 "connection lifetimes painted");
        QVERIFY2(top.contains(WaterfallDelegate::phaseColor(WaterfallSegment::Wait).rgb()),
                 "wait phases painted");
        // ... and at the bottom, where only the visible rows are asked for.
        tree->scrollToBottom();
        QVERIFY(phaseColoursPainted(tree).contains(
            WaterfallDelegate::phaseColor(WaterfallSegment::Wait).rgb()));
        // The header says the span of the shared axis.
        QVERIFY(model->headerData(WaterfallModel::TimelineColumn, Qt::Horizontal)
                    .toString()
                    .contains(QStringLiteral(" ms")));
    }

    void hoverShowsNumbersAndClickOpens()
    {
        HttpClient client;
        ConnectionLog log;
        log.attach(&client);
        ConnectionsView view(&log, &client);
        QAbstractItemModelTester waterfallTester(
            view.waterfallModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester poolTester(view.poolModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(1200, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        fetch(client, url(QStringLiteral("/get"), m_service));
        fetch(client, url(QStringLiteral("/uuid"), m_service));
        QTRY_COMPARE(log.exchangeCount(), 2);
        view.refresh();

        QTreeView *tree = view.waterfallView();
        const QModelIndex lane = view.waterfallModel()->index(0, 0);
        const QModelIndex second = view.waterfallModel()->index(1, 0, lane);
        const QString tip = second.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("/uuid")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("reused \u00b7 2nd request")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("wait")), qPrintable(tip));
        QVERIFY2(lane.data(Qt::ToolTipRole).toString().contains(QStringLiteral("first to the")),
                 qPrintable(lane.data(Qt::ToolTipRole).toString()));

        QSignalSpy activated(&view, &ConnectionsView::exchangeActivated);
        tree->scrollTo(second);
        QTest::mouseClick(
            tree->viewport(), Qt::LeftButton, {},
            tree->visualRect(second.siblingAtColumn(WaterfallModel::NameColumn)).center());
        QCOMPARE(activated.count(), 1);
        const Exchange opened = activated.first().first().value<Exchange>();
        QCOMPARE(opened.request.url.path(), QStringLiteral("/uuid"));
        // A lane is not an exchange: clicking it opens nothing.
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(lane).center());
        QCOMPARE(activated.count(), 1);

        // Close idle connections: the pool shows none open, the connection closed by us.
        QTRY_COMPARE(view.poolModel()
                         ->index(0, PoolStateModel::IdleColumn)
                         .data(PoolStateModel::CountRole)
                         .toInt(),
                     1);
        QTest::mouseClick(view.closeIdleButton(), Qt::LeftButton);
        QTRY_COMPARE(view.poolModel()
                         ->index(0, PoolStateModel::OpenColumn)
                         .data(PoolStateModel::CountRole)
                         .toInt(),
                     0);
        const QModelIndex origin = view.poolModel()->index(0, 0);
        QVERIFY(view.poolModel()
                    ->index(0, PoolStateModel::ClosedColumn, origin)
                    .data()
                    .toString()
                    .contains(QStringLiteral("closed by client")));

        // The limit box keeps fewer.
        view.limitBox()->setValue(10);
        QCOMPARE(log.limit(), 10);
    }

    void exportsAndSaysWhatFailed()
    {
        HttpClient client;
        ConnectionLog log;
        log.attach(&client);
        ConnectionsView view(&log, &client);
        for (int i = 0; i < 3; ++i)
            fetch(client, url(QStringLiteral("/get"), m_service));
        QTRY_COMPARE(log.exchangeCount(), 3);
        QTemporaryDir dir;
        QString error;
        const QString har = dir.filePath(QStringLiteral("session.har"));
        QVERIFY2(view.exportHar(har, &error), qPrintable(error));
        QFile file(har);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray entries =
            QJsonDocument::fromJson(file.readAll()).object()["log"].toObject()["entries"].toArray();
        QCOMPARE(entries.size(), 3);
        for (const QJsonValue &entry : entries)
            QVERIFY(entry.toObject()["connection"].toString().contains(QLatin1Char('#')));
        QVERIFY(view.exportCsv(dir.filePath(QStringLiteral("summary.csv")), &error));
        const QString nowhere = dir.filePath(QStringLiteral("gone/summary.csv"));
        QVERIFY(!view.exportCsv(nowhere, &error));
        QVERIFY2(error.startsWith(nowhere), qPrintable(error));
    }

    void harExportRedactsSecrets()
    {
        HttpClient client;
        ConnectionLog log;
        log.attach(&client);
        ConnectionsView view(&log, &client);
        QNetworkRequest request(url(QStringLiteral("/anything?sig=env-s3cret"), m_service));
        request.setRawHeader("Authorization", "Bearer t0ken-xyz");
        QNetworkReply *reply = client.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(reply->isFinished() || finished.wait(20000));
        delete reply;
        QTRY_COMPARE(log.exchangeCount(), 1);
        QTemporaryDir dir;
        QString error;
        const auto exported = [&] {
            const QString har = dir.filePath(QStringLiteral("session.har"));
            QFile file(har);
            return view.exportHar(har, &error) && file.open(QIODevice::ReadOnly) ? file.readAll()
                                                                                 : QByteArray();
        };
        // The window's provider: its environment's secret values, and the rules.
        view.setSecretsProvider([] {
            SecretRedactor secrets;
            secrets.addValue(QStringLiteral("env-s3cret"));
            return secrets;
        });
        QByteArray har = exported();
        QVERIFY2(har.contains("Bearer ***"), qPrintable(error));
        QVERIFY(!har.contains("t0ken-xyz")); // nor in the echoed body
        QVERIFY(!har.contains("env-s3cret"));
        // The user chose to keep them.
        view.setSecretsProvider([] { return SecretRedactor::disabled(); });
        har = exported();
        QVERIFY(har.contains("Bearer t0ken-xyz"));
        QVERIFY(har.contains("env-s3cret"));
    }

    void saysWhenLatencyWasSimulated()
    {
        DemoServerThread distant;
        DemoServer::Options options;
        options.latencyMs = 30;
        QString error;
        QVERIFY2(distant.start(options, &error), qPrintable(error));
        HttpClient client;
        ConnectionLog log;
        log.attach(&client);
        ConnectionsView view(&log, &client);
        view.show();
        QLabel *note = view.findChild<QLabel *>(QStringLiteral("connectionsLatencyNote"));
        QVERIFY(note);
        fetch(client, url(QStringLiteral("/get"), m_service));
        QTRY_COMPARE(log.exchangeCount(), 1);
        view.refresh();
        QVERIFY(!note->isVisible()); // the plain service simulates nothing
        fetch(client, url(QStringLiteral("/get"), distant));
        QTRY_COMPARE(log.exchangeCount(), 2);
        view.refresh();
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("30 ms")), qPrintable(note->text()));
        log.clear();
        QVERIFY(!note->isVisible());
    }

    void windowShowsItAndOpensExchangesInTabs()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("demo"));
        QString error;
        QVERIFY2(DemoWorkspace::install(folder, &error), qPrintable(error));
        HttpClient client;
        WorkspaceModel model;
        WorkspaceSession session(&model, &client);
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        MainWindow window(&client, &session, &settings);
        window.setOverrides({{DemoWorkspace::baseUrlVariable(), m_service.httpUrl().toString()}});
        QVERIFY(window.openWorkspace(folder));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.connectionsDock()->isVisible());
        // View ▸ Connections by its shortcut.
        QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(window.connectionsDock()->isVisible());

        // Whatever the window sends shows in it.
        fetch(client, url(QStringLiteral("/anything/from-the-window"), m_service));
        ConnectionsView *view = window.connectionsView();
        QTRY_COMPARE(view->log()->exchangeCount(), 1);
        const int tabs = window.tabs()->count();
        const QModelIndex lane = view->waterfallModel()->index(0, 0);
        const QModelIndex row = view->waterfallModel()->index(0, 0, lane);
        view->waterfallView()->scrollTo(row);
        QTest::mouseClick(view->waterfallView()->viewport(), Qt::LeftButton, {},
                          view->waterfallView()->visualRect(row).center());
        QCOMPARE(window.tabs()->count(), tabs + 1);
        QVERIFY(window.requestEditor()->urlEdit()->text().endsWith(
            QStringLiteral("/anything/from-the-window")));
        QTRY_COMPARE(window.responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        // The editor says where it came from: the connection that carried it.
        const QLabel *origin =
            window.requestEditor()->findChild<QLabel *>(QStringLiteral("requestOrigin"));
        QVERIFY(origin);
        QVERIFY2(origin->text().contains(QStringLiteral("Connections \u00b7 127.0.0.1:")),
                 qPrintable(origin->text()));

        QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(!window.connectionsDock()->isVisible());
        window.setCloseQuestion([](const QString &) { return MainWindow::CloseAnswer::Discard; });
    }
};

QTEST_MAIN(tst_ConnectionsView)
#include "tst_connectionsview.moc"
