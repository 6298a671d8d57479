// `microrequests` opening its window, as a user starts it (offscreen): that the headless
// executable hands the window's arguments to microrequests-window, what the window leaves on disk.
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

    const QString m_binary = qEnvironmentVariable(
        "MR_BINARY", QCoreApplication::applicationDirPath() + QStringLiteral("/microrequests"));

    // The window's environment, offscreen, its settings and data in `home`.
    static QProcessEnvironment windowEnvironment(const QTemporaryDir &home)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath("config"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath("data"));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath("runtime"));
        QDir().mkpath(home.filePath("runtime"));
        QFile::setPermissions(home.filePath("runtime"), QFileDevice::ReadOwner |
                                                            QFileDevice::WriteOwner |
                                                            QFileDevice::ExeOwner);
        return environment;
    }

private Q_SLOTS:
    // --help lists the commands and the window's options from the headless executable, which
    // links no Qt Gui: no display, no window executable involved.
    void helpListsTheWindowOptionsWithoutADisplay()
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        process.setProcessEnvironment(environment);
        process.start(m_binary, {QStringLiteral("--help")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(out.contains(QLatin1String("microrequests [PATH]")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("--env <NAME>")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("microrequests import FILE")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("microrequests run PATH...")), qPrintable(out));

        process.start(m_binary, {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().startsWith("microrequests "));
    }

    // `microrequests PATH` becomes microrequests-window (execv: the same process), which opens
    // the workspace and records it among the recent ones.
    void aWorkspacePathReachesTheWindowExecutable()
    {
        QTemporaryDir home;
        QTemporaryDir workspace;
        QFile file(workspace.filePath(QStringLiteral("api.http")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("### Get\nGET http://127.0.0.1:9/get\n");
        file.close();
        QProcess window;
        window.setProcessEnvironment(windowEnvironment(home));
        window.start(m_binary, {workspace.path()});
        QVERIFY(window.waitForStarted());
        const QString exe = QStringLiteral("/proc/%1/exe").arg(window.processId());
        QTRY_VERIFY2_WITH_TIMEOUT(
            QFileInfo(exe).symLinkTarget().endsWith(QLatin1String("/microrequests-window")),
            qPrintable(QFileInfo(exe).symLinkTarget()), 20000);
        const QString settings = home.filePath("config/microrequests/microrequests.conf");
        const QString folder = QFileInfo(workspace.path()).fileName();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(settings), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QFile conf(settings);
                return conf.open(QIODevice::ReadOnly) && conf.readAll().contains(folder.toUtf8());
            }(),
            20000);
        QCOMPARE(window.state(), QProcess::Running);
        window.kill();
        window.waitForFinished();
    }

    // Without the window's executable next to it (nor installed), `microrequests PATH` says so
    // and fails; the headless commands still work.
    void withoutTheWindowExecutableItSaysSo()
    {
        QTemporaryDir folder;
        const QString lone = folder.filePath(QStringLiteral("microrequests"));
        QVERIFY(QFile::copy(m_binary, lone));
        QProcess process;
        process.start(lone, {folder.path()});
        QVERIFY(process.waitForFinished(30000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        if (!err.contains(QLatin1String("the window is not installed")))
            QSKIP(qPrintable("a window executable is installed on this machine: " + err));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.contains(folder.filePath(QStringLiteral("microrequests-window"))),
                 qPrintable(err));

        process.start(lone, {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
    }

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
        window.setProcessEnvironment(windowEnvironment(home));
        window.start(m_binary);
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
