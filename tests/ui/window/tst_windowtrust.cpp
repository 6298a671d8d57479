// Workspace trust in the window, offscreen: a workspace whose files change trust (here a
// proxy) opens without them, asks once with the list of what they would change, applies them
// only after "Trust", remembers the answer for that folder, and asks again when a pull changes
// them; "Don't trust" leaves a bar that offers to review the choice.
#include "mainwindow.h"
#include "windowfixture.h"
#include "workspace/demoworkspace.h"
#include "workspacetrustbar.h"
#include "workspacetrustdialog.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QNetworkProxy>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace mr;

namespace {

// A window as the app makes one, shown.
struct Window : AppWindow {
    explicit Window(const QString &settingsFile)
        : AppWindow(settingsFile)
    {
        window.show();
    }
};

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

} // namespace

class tst_WindowTrust : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void clonedWorkspaceProxyNeedsTrust()
    {
        const QString workspace = m_dir.filePath(QStringLiteral("cloned"));
        write(workspace + "/microrequests.json",
              "{\n  \"proxy\": {\"type\": \"http\", \"host\": \"10.0.0.1\", \"port\": 3128}\n}");
        write(workspace + "/api.http", "GET http://example.com/\n");
        const QString settings = m_dir.filePath(QStringLiteral("settings.ini"));
        {
            Window w(settings);
            QVERIFY(w.window.openWorkspace(workspace));
            // Open, not trusted yet: the proxy is not applied.
            QCOMPARE(w.client.proxy().type(), QNetworkProxy::DefaultProxy);
            // The question lists exactly what the file would change, and where.
            WorkspaceTrustDialog *dialog = w.window.trustDialog();
            QVERIFY(dialog);
            QVERIFY(dialog->isVisible());
            QCOMPARE(dialog->changesList()->topLevelItemCount(), 1);
            QCOMPARE(dialog->changesList()->topLevelItem(0)->text(0),
                     QStringLiteral("proxy http://10.0.0.1:3128"));
            QCOMPARE(dialog->changesList()->topLevelItem(0)->text(1),
                     QStringLiteral("microrequests.json:2:12"));
            // Meanwhile a bar says so, without a dialog in the way.
            QVERIFY(w.window.trustBar()->isVisible());
            QVERIFY2(
                w.window.trustBar()->text().contains(QLatin1String("proxy http://10.0.0.1:3128")),
                qPrintable(w.window.trustBar()->text()));

            QTest::mouseClick(dialog->trustButton(), Qt::LeftButton);
            QCOMPARE(w.client.proxy().type(), QNetworkProxy::HttpProxy);
            QCOMPARE(w.client.proxy().hostName(), QStringLiteral("10.0.0.1"));
            QCOMPARE(w.client.proxy().port(), quint16(3128));
            QVERIFY(!w.window.trustBar()->isVisible());
            QTRY_VERIFY(!w.window.trustDialog());
        }
        // Remembered: the next window applies it without asking.
        {
            Window w(settings);
            QVERIFY(w.window.openWorkspace(workspace));
            QCOMPARE(w.client.proxy().hostName(), QStringLiteral("10.0.0.1"));
            QVERIFY(!w.window.trustDialog());
            QVERIFY(!w.window.trustBar()->isVisible());
        }
        // A pull sets another proxy: not applied, asked again.
        write(workspace + "/microrequests.json",
              R"({"proxy": {"type": "http", "host": "203.0.113.9", "port": 8080}})");
        {
            Window w(settings);
            QVERIFY(w.window.openWorkspace(workspace));
            QCOMPARE(w.client.proxy().type(), QNetworkProxy::DefaultProxy);
            QVERIFY(w.window.trustDialog());
            QCOMPARE(w.window.trustDialog()->changesList()->topLevelItem(0)->text(0),
                     QStringLiteral("proxy http://203.0.113.9:8080"));
        }
    }

    void dontTrustLeavesABarToReviewLater()
    {
        const QString workspace = m_dir.filePath(QStringLiteral("distrusted"));
        write(
            workspace + "/microrequests.json",
            R"({"tls": {"caFile": "ca.pem"}, "proxy": {"type": "socks5", "host": "10.0.0.2", "port": 1080}})");
        write(workspace + "/api.http", "GET http://example.com/\n");
        const QString settings = m_dir.filePath(QStringLiteral("distrust.ini"));
        {
            Window w(settings);
            QVERIFY(w.window.openWorkspace(workspace));
            QVERIFY(w.window.trustDialog());
            QTest::mouseClick(w.window.trustDialog()->distrustButton(), Qt::LeftButton);
            QCOMPARE(w.client.proxy().type(), QNetworkProxy::DefaultProxy);
            QVERIFY(w.client.tlsSettings().caFile.isEmpty());
            QVERIFY(w.window.trustBar()->isVisible());
        }
        // Remembered: no question, the bar again; its button asks, and trusting applies.
        Window w(settings);
        QVERIFY(w.window.openWorkspace(workspace));
        QVERIFY(!w.window.trustDialog());
        QVERIFY(w.window.trustBar()->isVisible());
        QVERIFY2(w.window.trustBar()->text().contains(QLatin1String("CA ca.pem")),
                 qPrintable(w.window.trustBar()->text()));
        QTest::mouseClick(w.window.trustBar()->reviewButton(), Qt::LeftButton);
        QVERIFY(w.window.trustDialog());
        QCOMPARE(w.window.trustDialog()->changesList()->topLevelItemCount(), 2);
        QTest::mouseClick(w.window.trustDialog()->trustButton(), Qt::LeftButton);
        QCOMPARE(w.client.proxy().type(), QNetworkProxy::Socks5Proxy);
        QCOMPARE(w.client.tlsSettings().caFile, QDir(workspace).filePath("ca.pem"));
        QVERIFY(!w.window.trustBar()->isVisible());
    }

    void theDemoWorkspaceOpensWithoutAQuestion()
    {
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QString error;
        QVERIFY2(DemoWorkspace::install(demo, &error), qPrintable(error));
        Window w(m_dir.filePath(QStringLiteral("demo.ini")));
        QVERIFY(w.window.openWorkspace(demo));
        QVERIFY(!w.window.trustDialog());
        QVERIFY(!w.window.trustBar()->isVisible());
    }
};

QTEST_MAIN(tst_WindowTrust)
#include "tst_windowtrust.moc"
