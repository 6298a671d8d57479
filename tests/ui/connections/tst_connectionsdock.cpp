// The Connections dock without a window: its log records the client's exchanges, and its
// Runs page offers the open request, its file and the workspace, following the workspace.
#include "connections/connectionlog.h"
#include "connectionsdock.h"
#include "connectionsview.h"
#include "runcomparisonpanel.h"
#include "workspacepartsfixture.h"

#include <QComboBox>
#include <QMainWindow>
#include <QTest>

using namespace mr;

class tst_ConnectionsDock : public QObject
{
    Q_OBJECT

    std::unique_ptr<WorkspacePartsFixture> m_ws;
    std::unique_ptr<QMainWindow> m_host; // a dock needs a main window to show in
    ConnectionsDock *m_dock = nullptr;
    ConnectionsDock::OpenRequest m_open;

    QStringList offered() const
    {
        QStringList paths;
        const QComboBox *box = m_dock->view()->runsPanel()->targetBox();
        for (int i = 0; i < box->count(); ++i)
            paths << box->itemData(i).toString();
        return paths;
    }

private Q_SLOTS:
    void init()
    {
        m_ws = std::make_unique<WorkspacePartsFixture>();
        QString error;
        QVERIFY2(m_ws->openWith(WorkspacePartsFixture::twoRequests(), &error), qPrintable(error));
        m_host = std::make_unique<QMainWindow>();
        m_dock = new ConnectionsDock(&m_ws->client, &m_ws->session, m_host.get());
        m_host->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
        m_dock->hide();
        m_open = {};
        m_dock->setOpenRequestProvider([this] { return m_open; });
        m_host->show();
    }
    void cleanup()
    {
        m_host.reset();
        m_ws.reset();
    }

    void theRunsPageOffersTheOpenRequestItsFileAndTheWorkspace()
    {
        QCOMPARE(offered(), QStringList{m_ws->root()}); // nothing open: the workspace
        const QString file = m_ws->path(QStringLiteral("api.http"));
        m_open = {file, 1};
        m_dock->updateRunTargets();
        QCOMPARE(offered(), (QStringList{file + QStringLiteral(":5"), file, m_ws->root()}));
        // The file changes: the suggestions follow the reload.
        m_ws->write(QStringLiteral("api.http"), "### Only\nGET http://127.0.0.1:1/only\n");
        m_ws->session.reload();
        QCOMPARE(offered(), (QStringList{file, m_ws->root()}));
    }

    void runningTheOpenRequestShowsTheRunsPage()
    {
        const QString file = m_ws->path(QStringLiteral("api.http"));
        m_open = {file, 0};
        QVERIFY(!m_dock->isVisible());
        m_dock->runOpenRequest();
        QVERIFY(m_dock->isVisible());
        QCOMPARE(m_dock->view()->runsPanel()->currentTarget(), file + QStringLiteral(":2"));
        m_open = {};
        m_dock->runOpenRequest(); // none open: the workspace
        QCOMPARE(m_dock->view()->runsPanel()->currentTarget(), m_ws->root());
        m_dock->runTarget(QStringLiteral("This file"), file);
        QCOMPARE(m_dock->view()->runsPanel()->currentTarget(), file);
    }

    void theLogRecordsTheClientsExchanges()
    {
        QVERIFY(m_dock->log());
        const int before = m_dock->log()->exchangeCount();
        QNetworkReply *reply = m_ws->client.get(QNetworkRequest(QUrl("http://127.0.0.1:1/")));
        QTRY_VERIFY(reply->isFinished());
        reply->deleteLater();
        QTRY_COMPARE(m_dock->log()->exchangeCount(), before + 1);
    }
};

QTEST_MAIN(tst_ConnectionsDock)
#include "tst_connectionsdock.moc"
