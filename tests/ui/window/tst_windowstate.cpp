// The window comes back as it was left: size, splitters, the workspace's open tabs (found
// again by name when requests moved) and its environment.
#include "mainwindow.h"
#include "requesttab.h"
#include "windowfixture.h"

#include <QComboBox>
#include <QFile>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace mr;

class tst_WindowState : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    void write(const QString &name, const QByteArray &text)
    {
        QFile file(m_dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }

    // Each window (an AppWindow) is made on the same settings file (a restart).
    QString settingsFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }
    QString workspace() const { return m_dir.filePath(QStringLiteral("ws")); }

    static QStringList tabTitles(const MainWindow &window)
    {
        QStringList titles;
        for (int i = 0; i < window.tabs()->count(); ++i)
            titles.append(qobject_cast<RequestTab *>(window.tabs()->widget(i))->title());
        return titles;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("ws")));
        write(QStringLiteral("ws/a.http"),
              "### One\nGET http://127.0.0.1:1/one\n\n### Two\nGET http://127.0.0.1:1/two\n");
        write(QStringLiteral("ws/b.http"), "### Three\nGET http://127.0.0.1:1/three\n");
        write(QStringLiteral("ws/http-client.env.json"),
              "{\"dev\": {\"x\": \"1\"}, \"prod\": {\"x\": \"2\"}}\n");
    }

    void tabsEnvironmentAndLayoutComeBack()
    {
        {
            AppWindow w(settingsFile());
            w.window.show();
            QVERIFY(w.window.openWorkspace(workspace()));
            QCOMPARE(tabTitles(w.window), QStringList{QStringLiteral("One")});
            w.window.openRequest(w.model.requestIndex(QDir(workspace()).filePath("b.http"), 0));
            w.window.openRequest(w.model.requestIndex(QDir(workspace()).filePath("a.http"), 1));
            w.window.tabs()->setCurrentIndex(1); // Three
            w.window.environmentPicker()->setCurrentIndex(
                w.window.environmentPicker()->findData(QStringLiteral("prod")));
            w.window.resize(1000, 700);
            auto *split = w.window.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
            split->setSizes({400, 600});
            QVERIFY(w.window.close());
        }
        // A request added above "Three" while the app was closed.
        write(QStringLiteral("ws/b.http"), "### New\nGET http://127.0.0.1:1/new\n\n"
                                           "### Three\nGET http://127.0.0.1:1/three\n");
        AppWindow w(settingsFile());
        w.window.show();
        QVERIFY(w.window.openWorkspace(workspace()));
        QCOMPARE(tabTitles(w.window), (QStringList{QStringLiteral("One"), QStringLiteral("Three"),
                                                   QStringLiteral("Two")}));
        QCOMPARE(w.window.tabs()->currentIndex(), 1);
        QCOMPARE(w.window.currentTab()->requestIndex(), 1); // found by name
        QCOMPARE(w.window.currentEnvironment(), QStringLiteral("prod"));
        QCOMPARE(w.window.size(), QSize(1000, 700));
        auto *split = w.window.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        QCOMPARE(split->sizes().first(), 400);
    }

    void tabsAreKeptWithoutAClose()
    {
        // A crash or a kill never runs closeEvent: what was open is kept as it changes.
        {
            AppWindow w(settingsFile());
            QVERIFY(w.window.openWorkspace(workspace()));
            w.window.openRequest(w.model.requestIndex(QDir(workspace()).filePath("b.http"), 1));
            w.settings.sync();
        } // destroyed without close(), as a kill leaves it
        AppWindow w(settingsFile());
        QVERIFY(w.window.openWorkspace(workspace()));
        QVERIFY2(tabTitles(w.window).contains(QStringLiteral("Three")),
                 qPrintable(tabTitles(w.window).join(QLatin1Char(','))));
        QCOMPARE(w.window.currentTab()->title(), QStringLiteral("Three"));
    }

    void aFileGivenToOpenWins()
    {
        AppWindow w(settingsFile());
        QVERIFY(w.window.openWorkspace(QDir(workspace()).filePath(QStringLiteral("b.http"))));
        QCOMPARE(tabTitles(w.window), QStringList{QStringLiteral("New")});
    }

    void aRequestThatIsGoneIsSkipped()
    {
        {
            AppWindow w(settingsFile());
            QVERIFY(w.window.openWorkspace(workspace()));
            while (w.window.tabs()->count() > 0)
                QVERIFY(w.window.closeTab(0));
            const QString a = QDir(workspace()).filePath(QStringLiteral("a.http"));
            const QString b = QDir(workspace()).filePath(QStringLiteral("b.http"));
            w.window.openRequest(w.model.requestIndex(a, 0)); // One
            w.window.openRequest(w.model.requestIndex(b, 1)); // Three
            w.window.openRequest(w.model.requestIndex(a, 1)); // Two
            QVERIFY(w.window.close());
        }
        write(QStringLiteral("ws/b.http"), "### Other\nGET http://127.0.0.1:1/other\n");
        {
            AppWindow w(settingsFile());
            QVERIFY(w.window.openWorkspace(workspace()));
            // One and Two are still there; Three is gone and not replaced by "Other".
            QCOMPARE(tabTitles(w.window),
                     (QStringList{QStringLiteral("One"), QStringLiteral("Two")}));
            w.window.close();
        }
        QFile::remove(m_dir.filePath(QStringLiteral("ws/a.http")));
        AppWindow w(settingsFile());
        QVERIFY(w.window.openWorkspace(workspace()));
        // Nothing to restore: the first request opens, as on a first visit.
        QCOMPARE(tabTitles(w.window), QStringList{QStringLiteral("Other")});
    }
};

QTEST_MAIN(tst_WindowState)
#include "tst_windowstate.moc"
