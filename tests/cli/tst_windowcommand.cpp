// `microrequests` opening its window, as a user starts it (offscreen): what it leaves on disk.
#include "filemode.h"
#include "workspace/owneronly.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class tst_WindowCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // QSettings writes through QSaveFile, which keeps the permissions it finds: a settings
    // file made owner-only before its first write stays so.
    void settingsWrittenIntoAnOwnerOnlyFileStayOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config/app/app.conf"));
        QVERIFY(mr::OwnerOnly::makeFile(path));
        QCOMPARE(fileMode(path), 0600);
        QCOMPARE(fileMode(QFileInfo(path).absolutePath()), 0700);
        {
            QSettings settings(path, QSettings::IniFormat);
            settings.setValue(QStringLiteral("proxy/password"), QStringLiteral("s3cret"));
            settings.sync();
            QCOMPARE(settings.status(), QSettings::NoError);
        }
        QCOMPARE(fileMode(path), 0600);
        QVERIFY(QFile(path).size() > 0);
    }

    // The first session's settings file (recent workspaces, open tabs, a proxy password) is
    // the user's only while the window is open and after it is killed, not only after a
    // clean exit.
    void settingsFileIsOwnerOnlyFromTheFirstSession()
    {
        QTemporaryDir home;
        QProcess window;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath("config"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath("data"));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath("runtime"));
        window.setProcessEnvironment(environment);
        QDir().mkpath(home.filePath("runtime"));
        QFile::setPermissions(home.filePath("runtime"), QFileDevice::ReadOwner |
                                                            QFileDevice::WriteOwner |
                                                            QFileDevice::ExeOwner);
        window.start(qEnvironmentVariable("MR_BINARY", QCoreApplication::applicationDirPath() +
                                                           QStringLiteral("/microrequests")));
        QVERIFY(window.waitForStarted());
        const QString settings = home.filePath("config/microrequests/microrequests.conf");
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(settings), 20000);
        QCOMPARE(fileMode(settings), 0600);
        QCOMPARE(fileMode(QFileInfo(settings).absolutePath()), 0700);
        QTest::qWait(1000); // the first start writes (the demo workspace, recent folders)
        QCOMPARE(fileMode(settings), 0600);
        window.kill();
        window.waitForFinished();
        QCOMPARE(fileMode(settings), 0600);
    }
};

QTEST_GUILESS_MAIN(tst_WindowCommand)
#include "tst_windowcommand.moc"
