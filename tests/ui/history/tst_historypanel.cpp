// The history in the window, offscreen: requests sent to the demo service over loopback appear
// in the History list; it is searched, re-opened, re-sent, saved into the workspace, deleted
// and cleared with the keyboard, and a new window on the same data folder (a restart) shows
// what was there.
#include "history/historymodel.h"
#include "history/historystore.h"
#include "historypanel.h"
#include "mainwindow.h"
#include "net/exchangejob.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responseview.h"
#include "windowclicks.h"
#include "windowfixture.h"
#include "workspace/demoworkspace.h"
#include "workspacepanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace mr;

class tst_HistoryPanel : public QObject
{
    Q_OBJECT
    WindowFixture m_fx;
    // The window's history store; it goes after the window (stop()).
    std::unique_ptr<HistoryStore> m_history;

    QString workspace() const { return m_fx.demoFolder(); }
    QString dataDir() const { return m_fx.dir.filePath(QStringLiteral("data")); }
    MainWindow *window() const { return m_fx.window(); }
    HistoryPanel *panel() const { return window()->historyPanel(); }
    QTreeView *list() const { return panel()->view(); }
    int rows() const { return panel()->model()->rowCount(); }
    QString cell(int row, int column) const
    {
        return panel()->model()->index(row, column).data().toString();
    }

    // One window with its workspace session and history store, as the application makes them;
    // false when the window cannot open the demo workspace or be active.
    bool start()
    {
        m_history = std::make_unique<HistoryStore>(dataDir());
        m_fx.makeWindow();
        window()->setHistory(m_history.get());
        m_fx.pointAtService(DemoWorkspace::baseUrlVariable());
        window()->setCloseQuestion(
            [](const QString &) { return MainWindow::CloseAnswer::Discard; });
        if (!window()->openWorkspace(workspace()))
            return false;
        window()->refreshEnvironments(DemoWorkspace::environmentName());
        window()->show();
        window()->activateWindow(); // shortcuts of the list need its focus
        return QTest::qWaitForWindowActive(window());
    }

    // The window, its store and client go, as when the application quits.
    void stop()
    {
        m_fx.app.reset();
        m_history.reset();
    }

    void clickRequest(const QString &name) { mr::clickRequest(window(), name); }

    // Shows the History tab and gives the list the focus, as Ctrl+H does.
    void showHistory()
    {
        // A popup menu that closed may have left no window active (offscreen): shortcuts and
        // focus need one.
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
        QTest::keyClick(window(), Qt::Key_H, Qt::ControlModifier);
        QCOMPARE(window()->sidebar()->currentWidget(), panel());
        QTRY_VERIFY(list()->hasFocus());
    }

    void clickRow(int row)
    {
        const QModelIndex index = panel()->model()->index(row, HistoryModel::RequestColumn);
        QVERIFY(index.isValid());
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {},
                          list()->visualRect(index).center());
        QCOMPARE(list()->currentIndex().row(), row);
        list()->setFocus();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fx.installDemo(&error), qPrintable(error));
        QVERIFY2(m_fx.startService(&error), qPrintable(error));
        QVERIFY(start());
        QVERIFY2(m_history->isOpen(), qPrintable(m_history->openMessage()));
    }

    void theSidebarHasRequestsAndHistory()
    {
        QTabWidget *sidebar = window()->sidebar();
        QCOMPARE(sidebar->count(), 2);
        QCOMPARE(sidebar->tabText(0), QStringLiteral("Requests"));
        QCOMPARE(sidebar->tabText(1), QStringLiteral("History"));
        QCOMPARE(sidebar->currentWidget(), window()->workspacePanel());
        QCOMPARE(rows(), 0);
        QAbstractItemModelTester tester(panel()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void sentRequestsAppearInTheList()
    {
        QAbstractItemModelTester tester(panel()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        clickRequest(QStringLiteral("Echo a GET"));
        QTest::keyClick(window(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(window()->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        QTRY_COMPARE(rows(), 1);
        QCOMPARE(cell(0, HistoryModel::MethodColumn), QStringLiteral("GET"));
        QCOMPARE(cell(0, HistoryModel::RequestColumn), QStringLiteral("Echo a GET"));
        QCOMPARE(cell(0, HistoryModel::StatusColumn), QStringLiteral("200"));
        QCOMPARE(cell(0, HistoryModel::ConnectionColumn), QStringLiteral("#1 new"));

        clickRequest(QStringLiteral("I'm a teapot"));
        QTest::keyClick(window(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(rows(), 2);
        QCOMPARE(cell(0, HistoryModel::RequestColumn), QStringLiteral("I'm a teapot"));
        QCOMPARE(cell(0, HistoryModel::StatusColumn), QStringLiteral("418"));
        QCOMPARE(cell(0, HistoryModel::ConnectionColumn), QStringLiteral("#1 reused"));

        const HistoryEntry entry = *m_history->load(panel()->model()->idAt(1));
        QCOMPARE(entry.source.filePath, workspace() + QStringLiteral("/basics.http"));
        QCOMPARE(entry.source.environment, DemoWorkspace::environmentName());
        QCOMPARE(entry.exchange.request.url.toString(),
                 m_fx.service.httpUrl().toString() + QStringLiteral("/get?city=Lisbon&lang=en"));
    }

    void searchNarrowsTheList()
    {
        showHistory();
        QTest::keyClicks(panel()->search(), QStringLiteral("teapot"));
        QCOMPARE(rows(), 1);
        QCOMPARE(cell(0, HistoryModel::RequestColumn), QStringLiteral("I'm a teapot"));
        panel()->search()->clear();
        QTest::keyClicks(panel()->search(), QStringLiteral("lisbon"));
        QCOMPARE(rows(), 1);
        QCOMPARE(cell(0, HistoryModel::RequestColumn), QStringLiteral("Echo a GET"));
        panel()->search()->clear();
        QTest::keyClicks(panel()->search(), QStringLiteral("nothing-like-this"));
        QCOMPARE(rows(), 0);
        QVERIFY(!panel()->clearAction()->isEnabled());
        panel()->search()->clear();
        QCOMPARE(rows(), 2);
        // Return in the search box goes down to the list.
        panel()->search()->setFocus();
        QTest::keyClick(panel()->search(), Qt::Key_Return);
        QVERIFY(list()->hasFocus());
        QCOMPARE(list()->currentIndex().row(), 0);
    }

    void openShowsTheEntryInATab()
    {
        showHistory();
        clickRow(1); // Echo a GET
        const int tabsBefore = window()->tabs()->count();
        QTest::keyClick(list(), Qt::Key_Return);
        QCOMPARE(window()->tabs()->count(), tabsBefore + 1);
        RequestTab *tab = window()->currentTab();
        QVERIFY(tab->filePath().isEmpty()); // in no file until it is saved
        QCOMPARE(tab->title(), QStringLiteral("Echo a GET"));
        // The request as written, variables and all; the response as it was.
        QCOMPARE(window()->requestEditor()->urlEdit()->text(),
                 QStringLiteral("{{baseUrl}}/get?city=Lisbon&lang=en"));
        QCOMPARE(window()->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
        QCOMPARE(window()->responseView()->exchange().responseBody,
                 m_history->load(panel()->model()->idAt(1))->exchange.responseBody);
        QVERIFY(!tab->isModified());
        // And it can be sent from there.
        QTest::mouseClick(window()->requestEditor()->sendButton(), Qt::LeftButton);
        QTRY_COMPARE(rows(), 3);
        QCOMPARE(cell(0, HistoryModel::RequestColumn), QStringLiteral("Echo a GET"));
    }

    void resendAddsAnEntry()
    {
        showHistory();
        clickRow(1); // the teapot
        QCOMPARE(cell(1, HistoryModel::RequestColumn), QStringLiteral("I'm a teapot"));
        const int tabsBefore = window()->tabs()->count();
        QTest::keyClick(list(), Qt::Key_R, Qt::ControlModifier);
        QTRY_COMPARE(rows(), 4);
        QCOMPARE(cell(0, HistoryModel::RequestColumn), QStringLiteral("I'm a teapot"));
        QCOMPARE(cell(0, HistoryModel::StatusColumn), QStringLiteral("418"));
        QCOMPARE(window()->tabs()->count(), tabsBefore + 1);
        QTRY_COMPARE(window()->responseView()->statusLabel()->text(),
                     QStringLiteral("418 I'm a teapot"));
    }

    void theContextMenuOffersTheActions()
    {
        showHistory();
        const QModelIndex index = panel()->model()->index(0, HistoryModel::RequestColumn);
        const QPoint at = list()->visualRect(index).center();
        // Qt Test has no right click that sends a context menu event: send it as Qt would.
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, list()->viewport()->mapToGlobal(at));
        QApplication::sendEvent(list()->viewport(), &event);
        QMenu *menu = panel()->findChild<QMenu *>(QStringLiteral("historyMenu"));
        QVERIFY(menu);
        QTRY_VERIFY(menu->isVisible());
        QStringList texts;
        for (QAction *action : menu->actions()) {
            if (!action->isSeparator())
                texts.append(action->text());
        }
        QCOMPARE(texts,
                 (QStringList{QStringLiteral("&Open in a Tab"), QStringLiteral("&Re-send"),
                              QStringLiteral("&Save into Workspace"), QStringLiteral("&Delete"),
                              QStringLiteral("&Clear History…")}));
        QCOMPARE(list()->currentIndex().row(), 0);
        QTest::keyClick(menu, Qt::Key_Escape);
        QTRY_VERIFY(!menu->isVisible());
    }

    void saveIntoTheWorkspaceAppendsToItsFile()
    {
        showHistory();
        clickRow(panel()->model()->rowCount() - 1); // the first Echo a GET
        QTest::keyClick(list(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        const QString basics = workspace() + QStringLiteral("/basics.http");
        QFile file(basics);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        // Its name is taken in that file: the copy gets a number. Variables stay variables.
        QVERIFY2(text.endsWith(QLatin1String("\n### Echo a GET (2)\n"
                                             "GET {{baseUrl}}/get?city=Lisbon&lang=en\n"
                                             "Accept: application/json\n\n")),
                 qPrintable(text.right(200)));
        RequestTab *tab = window()->currentTab();
        QCOMPARE(tab->filePath(), basics); // the tab is now that saved request
        QCOMPARE(tab->title(), QStringLiteral("Echo a GET (2)"));
        QVERIFY(window()->statusBar()->currentMessage().startsWith(QLatin1String("Saved into")));
        QTreeView *tree = window()->workspacePanel()->view();
        QCOMPARE(tree->model()
                     ->match(tree->model()->index(0, 0), Qt::DisplayRole,
                             QStringLiteral("Echo a GET (2)"), 1,
                             Qt::MatchExactly | Qt::MatchRecursive)
                     .size(),
                 1);
    }

    void anExchangeFromNoFileIsSavedIntoHistoryHttp()
    {
        // Recorded by something else than a workspace request (no source file).
        HttpRequest request;
        request.url = m_fx.service.httpUrl().resolved(QUrl(QStringLiteral("/uuid?from=elsewhere")));
        std::unique_ptr<ExchangeJob> job(m_fx.client()->send(request));
        QSignalSpy finished(job.get(), &ExchangeJob::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY(m_history->record(job->exchange(), {}) > 0);
        QCOMPARE(cell(0, HistoryModel::RequestColumn), request.url.toString());

        showHistory();
        clickRow(0);
        panel()->saveAction()->trigger();
        QFile file(workspace() + QStringLiteral("/history.http"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()),
                 QStringLiteral("###\nGET %1\n\n").arg(request.url.toString()));
        QCOMPARE(window()->currentTab()->filePath(), file.fileName());
    }

    void deleteRemovesTheSelectedEntry()
    {
        showHistory();
        const int before = rows();
        clickRow(1);
        const qint64 second = panel()->model()->idAt(1);
        const qint64 third = panel()->model()->idAt(2);
        QTest::keyClick(list(), Qt::Key_Delete);
        QCOMPARE(rows(), before - 1);
        QVERIFY(!m_history->load(second));
        QCOMPARE(panel()->currentId(), third); // the next one, ready for another Delete
    }

    void aRestartShowsTheSameHistory()
    {
        QList<qint64> ids;
        for (int row = 0; row < rows(); ++row)
            ids.append(panel()->model()->idAt(row));
        QVERIFY(ids.size() >= 4);
        stop();
        QVERIFY(start());
        QCOMPARE(m_history->openMessage(), QString());
        QList<qint64> again;
        for (int row = 0; row < rows(); ++row)
            again.append(panel()->model()->idAt(row));
        QCOMPARE(again, ids);
        showHistory();
        clickRow(ids.size() - 1);
        QTest::keyClick(list(), Qt::Key_Return);
        QCOMPARE(window()->responseView()->statusLabel()->text(), QStringLiteral("200 OK"));
    }

    void clearAsksThenEmptiesTheList()
    {
        showHistory();
        int asked = 0;
        panel()->setClearQuestion([&asked](int entries) {
            asked = entries;
            return false; // "Cancel"
        });
        const int before = rows();
        QTest::keyClick(list(), Qt::Key_Delete, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(asked, before);
        QCOMPARE(rows(), before);
        panel()->setClearQuestion([](int) { return true; });
        QTest::keyClick(list(), Qt::Key_Delete, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(rows(), 0);
        QVERIFY(!panel()->clearAction()->isEnabled());
        QVERIFY(!panel()->openAction()->isEnabled());

        stop();
        QVERIFY(start());
        QCOMPARE(rows(), 0); // cleared stays cleared
    }

    void cleanupTestCase() { stop(); }
};

QTEST_MAIN(tst_HistoryPanel)
#include "tst_historypanel.moc"
