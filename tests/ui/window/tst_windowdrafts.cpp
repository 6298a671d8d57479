// Drafts in the window, offscreen: unsaved edits are written to the drafts file a moment after
// typing stops; a window destroyed without closing (as a crash leaves things) is followed by
// a new one that offers them back; Restore brings the edits back unsaved, Discard forgets
// them; a process killed while editing leaves a whole drafts file.
#include "draftbar.h"
#include "draftkeeper.h"
#include "mainwindow.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "windowfixture.h"
#include "workspace/demoworkspace.h"
#include "workspace/draftstore.h"
#include "workspacepanel.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace mr;

namespace {

// A window as the app makes one, its drafts in dataFolder, on `workspace`.
struct Session : AppWindow {
    Session(const QString &settingsFile, const QString &dataFolder, const QString &workspace)
        : AppWindow(settingsFile)
    {
        window.drafts()->setDataFolder(dataFolder);
        window.openWorkspace(workspace);
        window.show();
    }
};

// The child of theDraftsFileIsWholeWhenTheWindowIsKilled: edits the URL in bursts (a draft
// is written after each pause) until it is killed.
int editUntilKilled(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir settings;
    Session s(settings.filePath(QStringLiteral("s.ini")), QString::fromLocal8Bit(argv[2]),
              QString::fromLocal8Bit(argv[3]));
    QLineEdit *url = s.window.requestEditor()->urlEdit();
    QTimer burst;
    QObject::connect(&burst, &QTimer::timeout, &app, [url] {
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(url, Qt::Key_X);
    });
    burst.start(450); // longer than the drafts' pause: about one write per burst
    return QApplication::exec();
}

} // namespace

class tst_WindowDrafts : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_data;

    std::unique_ptr<Session> start()
    {
        // On basics.http, which opens on Echo a GET.
        return std::make_unique<Session>(m_dir.filePath(QStringLiteral("settings.ini")), m_data,
                                         m_workspace + QStringLiteral("/basics.http"));
    }

    QString draftsPath() const { return DraftStore::pathFor(m_data, m_workspace); }

    static QString fileText(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    // Types into the URL of the open request (Echo a GET) and waits for the draft.
    void editAndWaitForTheDraft(Session &s, const QString &typed)
    {
        QLineEdit *url = s.window.requestEditor()->urlEdit();
        url->setFocus();
        url->end(false);
        QTest::keyClicks(url, typed);
        QVERIFY(s.window.currentTab()->isModified());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(draftsPath()), 5000);
        QString error;
        const QList<DraftStore::Draft> drafts = DraftStore(draftsPath()).load(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(drafts.size(), 1);
        QVERIFY(drafts.first().edited.url.endsWith(typed));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("data"));
        m_workspace = m_dir.filePath(QStringLiteral("demo"));
        QString error;
        QVERIFY2(DemoWorkspace::install(m_workspace, &error), qPrintable(error));
    }

    void init()
    {
        // Each test starts with no drafts and the bundled files.
        QFile::remove(draftsPath());
        QFile::remove(m_workspace + QStringLiteral("/basics.http"));
        QString error;
        QVERIFY2(DemoWorkspace::install(m_workspace, &error), qPrintable(error));
    }

    void editsAreOfferedBackAfterARestartAndRestored()
    {
        const QString fileBefore = fileText(m_workspace + QStringLiteral("/basics.http"));
        {
            std::unique_ptr<Session> first = start();
            QVERIFY(!first->window.draftBar()->isVisible()); // nothing from last time
            QCOMPARE(first->window.currentTab()->title(), QStringLiteral("Echo a GET"));
            editAndWaitForTheDraft(*first, QStringLiteral("&draft=kept"));
            // Gone without closing: no question, no save, as a crash leaves things.
        }
        QVERIFY(QFile::exists(draftsPath()));
        QCOMPARE(fileText(m_workspace + QStringLiteral("/basics.http")), fileBefore);

        std::unique_ptr<Session> second = start();
        DraftBar *bar = second->window.draftBar();
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->text(), QStringLiteral("1 request has unsaved edits from last time."));
        // Offered, not yet answered: still kept, even if this one is killed too.
        QVERIFY(QFile::exists(draftsPath()));
        QTest::mouseClick(bar->restoreButton(), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        RequestTab *tab = second->window.currentTab();
        QCOMPARE(tab->title(), QStringLiteral("Echo a GET"));
        QCOMPARE(second->window.requestEditor()->urlEdit()->text(),
                 QStringLiteral("{{baseUrl}}/get?city=Lisbon&lang=en&draft=kept"));
        QVERIFY(tab->isModified());
        QVERIFY(second->window.tabs()
                    ->tabText(second->window.tabs()->currentIndex())
                    .startsWith(QChar(0x25CF)));
        QCOMPARE(second->window.tabs()->count(), 1); // the tab already open took the edits
        QVERIFY(QFile::exists(draftsPath()));        // still unsaved

        // Saved: the draft goes, the file has the edit.
        QApplication::setActiveWindow(&second->window);
        QVERIFY(QTest::qWaitForWindowActive(&second->window));
        QTest::keyClick(second->window.requestEditor()->urlEdit(), Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!tab->isModified());
        QVERIFY(!QFile::exists(draftsPath()));
        QVERIFY(fileText(m_workspace + QStringLiteral("/basics.http"))
                    .contains(QLatin1String("lang=en&draft=kept")));
    }

    void discardForgetsThem()
    {
        {
            std::unique_ptr<Session> first = start();
            editAndWaitForTheDraft(*first, QStringLiteral("&draft=unwanted"));
        }
        std::unique_ptr<Session> second = start();
        QVERIFY(second->window.draftBar()->isVisible());
        QTest::mouseClick(second->window.draftBar()->discardButton(), Qt::LeftButton);
        QVERIFY(!second->window.draftBar()->isVisible());
        QVERIFY(!QFile::exists(draftsPath()));
        QVERIFY(!second->window.currentTab()->isModified());
        QVERIFY(!second->window.requestEditor()->urlEdit()->text().contains("unwanted"));
        second.reset();
        std::unique_ptr<Session> third = start();
        QVERIFY(!third->window.draftBar()->isVisible());
    }

    void editsThrownAwayOnCloseAreNotOffered()
    {
        {
            std::unique_ptr<Session> first = start();
            editAndWaitForTheDraft(*first, QStringLiteral("&draft=closed"));
            first->window.setCloseQuestion(
                [](const QString &) { return MainWindow::CloseAnswer::Discard; });
            QVERIFY(first->window.close());
            QVERIFY(!QFile::exists(draftsPath()));
        }
        std::unique_ptr<Session> second = start();
        QVERIFY(!second->window.draftBar()->isVisible());
    }

    void aRequestChangedOnDiskSinceStillComesBack()
    {
        {
            std::unique_ptr<Session> first = start();
            editAndWaitForTheDraft(*first, QStringLiteral("&draft=mine"));
        }
        // Someone else rewrote the request meanwhile.
        const QString path = m_workspace + QStringLiteral("/basics.http");
        QString text = fileText(path);
        text.replace(QStringLiteral("city=Lisbon"), QStringLiteral("city=Porto"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.toUtf8());
        file.close();

        std::unique_ptr<Session> second = start();
        QTest::mouseClick(second->window.draftBar()->restoreButton(), Qt::LeftButton);
        QCOMPARE(second->window.requestEditor()->urlEdit()->text(),
                 QStringLiteral("{{baseUrl}}/get?city=Lisbon&lang=en&draft=mine"));
        QVERIFY(second->window.currentTab()->isModified());
        // Saving refuses to overwrite the other edit and says so; nothing is lost.
        QVERIFY(!second->window.save());
        QVERIFY2(second->window.statusBar()->currentMessage().contains("changed on disk"),
                 qPrintable(second->window.statusBar()->currentMessage()));
        QVERIFY(fileText(path).contains(QLatin1String("city=Porto")));
        QVERIFY(QFile::exists(draftsPath()));
    }

    void aDamagedDraftsFileIsReportedNotFatal()
    {
        QVERIFY(QDir().mkpath(QFileInfo(draftsPath()).absolutePath()));
        QFile file(draftsPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"drafts\": [ {\"file\": ");
        file.close();
        std::unique_ptr<Session> s = start();
        DraftBar *bar = s->window.draftBar();
        QVERIFY(bar->isVisible());
        QVERIFY2(bar->text().startsWith(QDir::toNativeSeparators(draftsPath()) + ":1:"),
                 qPrintable(bar->text()));
        QVERIFY(bar->text().contains(QLatin1String("moved to")));
        QVERIFY(!bar->restoreButton()->isVisible());
        QTest::mouseClick(bar->discardButton(), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        QVERIFY(QFile::exists(draftsPath() + QStringLiteral(".damaged")));
        // The window works on: edits are kept again.
        editAndWaitForTheDraft(*s, QStringLiteral("&after=damage"));
    }

    void theDraftsFileIsWholeWhenTheWindowIsKilled()
    {
        for (int round = 0; round < 3; ++round) {
            QFile::remove(draftsPath());
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedChannels);
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            child.setProcessEnvironment(environment);
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--edit-until-killed"), m_data,
                         m_workspace + QStringLiteral("/basics.http")});
            QVERIFY(child.waitForStarted(10000));
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(draftsPath()), 15000);
            QTest::qWait(QRandomGenerator::global()->bounded(0, 1200));
            child.kill();
            QVERIFY(child.waitForFinished(10000));
            QString error;
            const QList<DraftStore::Draft> drafts = DraftStore(draftsPath()).load(&error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(drafts.size(), 1);
            QVERIFY2(drafts.first().edited.url.startsWith(
                         QLatin1String("{{baseUrl}}/get?city=Lisbon&lang=enxxxxx")),
                     qPrintable(drafts.first().edited.url));
        }
        // And the next start offers what the killed one had.
        std::unique_ptr<Session> s = start();
        QVERIFY(s->window.draftBar()->isVisible());
        QTest::mouseClick(s->window.draftBar()->restoreButton(), Qt::LeftButton);
        QVERIFY(s->window.requestEditor()->urlEdit()->text().contains(QLatin1String("enxxxxx")));
    }
};

int main(int argc, char *argv[])
{
    if (argc == 4 && qstrcmp(argv[1], "--edit-until-killed") == 0)
        return editUntilKilled(argc, argv);
    QApplication app(argc, argv);
    tst_WindowDrafts test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowdrafts.moc"
