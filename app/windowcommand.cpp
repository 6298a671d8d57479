#include "windowcommand.h"

#include "commandline.h"
#include "demo/demoservices.h"
#include "draftkeeper.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "net/cookiejar.h"
#include "net/httpclient.h"
#include "settings/usersettings.h"
#include "workspace/demoworkspace.h"
#include "workspace/owneronly.h"
#include "workspace/recentworkspaces.h"
#include "workspace/workspace.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

#include <cstdio>

int WindowCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    CommandLine::describeWindowOptions(parser);
    parser.process(arguments);
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "microrequests: give one PATH at most\n");
        return 2;
    }

    QSettings settings;
    // It holds a proxy password, the workspaces and tabs last open: the user's only, from the
    // first write on (QSettings keeps the permissions it finds).
    mr::OwnerOnly::makeFile(settings.fileName());
    QString path;
    bool firstStart = false;
    const QStringList recent = mr::RecentWorkspaces(&settings).folders();
    if (!parser.positionalArguments().isEmpty()) {
        path = parser.positionalArguments().first();
        if (!QFileInfo::exists(path)) {
            std::fprintf(stderr, "microrequests: %s: no such file or folder\n", qPrintable(path));
            return 2;
        }
    } else if (!recent.isEmpty() && QFileInfo(recent.first()).isDir()) {
        path = recent.first(); // where the user left off, with its tabs
    } else {
        // The first start (or the last workspace is gone): the demo, with its service.
        firstStart = recent.isEmpty();
        const QString folder = mr::DemoWorkspace::defaultFolder();
        path = folder + QStringLiteral("/basics.http"); // starts with "Echo a GET"
        QString error;
        if (!mr::DemoWorkspace::install(folder, &error)) {
            std::fprintf(stderr, "microrequests: %s\n", qPrintable(error));
            return 1;
        }
    }

    mr::HttpClient client;
    mr::WorkspaceModel model;
    mr::WorkspaceSession session(&model, &client);
    session.setUserSettings(mr::UserSettings::load(settings));
    // Cookies are kept per workspace in the user's data folder, never in the workspace.
    const QString dataFolder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    // History, drafts and cookies hold tokens: the data folder is the user's only, and so is
    // the settings file (a proxy password, the workspaces and tabs last open). What a version
    // before this one left open to others is tightened once.
    mr::OwnerOnly::tightenTree(dataFolder);
    auto *cookies = new mr::CookieJar;
    client.setCookieJar(cookies);
    // Every exchange is kept in the user's data folder (history.sqlite); made before the
    // window, so it outlives the window's history list.
    mr::HistoryStore history(dataFolder);
    history.readLimits(settings);
    mr::MainWindow window(&client, &session, &settings);
    window.setHistory(&history);
    window.setWindowIcon(QIcon(QStringLiteral(":/icons/microrequests.svg")));
    // Unsaved edits are kept there, so a crash or a kill does not lose them.
    window.drafts()->setDataFolder(dataFolder);

    // The demo workspace comes with its services (HTTP, HTTPS and a "distant" one), on free
    // ports, in threads of their own, started the first time the demo workspace opens.
    mr::DemoServices demoService;
    const QString demoFolder = QDir(mr::DemoWorkspace::defaultFolder()).canonicalPath();
    QString environment = parser.value(QStringLiteral("env"));
    QObject::connect(&session, &mr::WorkspaceSession::opened, &window, [&](const QString &root) {
        QString cookieMessage;
        cookies->setFile(mr::CookieJar::fileFor(dataFolder, root), &cookieMessage);
        if (!cookieMessage.isEmpty())
            window.statusBar()->showMessage(cookieMessage);
        for (const mr::Diagnostic &d : model.workspace().diagnostics())
            std::fprintf(stderr, "%s\n", qPrintable(d.toString()));
        if (demoFolder.isEmpty() || QDir(root).canonicalPath() != demoFolder) {
            window.setOverrides({});
            return;
        }
        QString error;
        if (!demoService.start(&error)) {
            std::fprintf(stderr, "microrequests: the demo service did not start: %s\n",
                         qPrintable(error));
            return;
        }
        window.setOverrides(demoService.variableOverrides());
        demoService.trustIn(client); // its certificate, on its own HTTPS origins only
        if (environment.isEmpty())
            environment = mr::DemoWorkspace::environmentName();
        window.statusBar()->showMessage(
            QObject::tr("Demo service at %1 — pick a request and press Ctrl+Enter")
                .arg(demoService.httpUrl().toString()));
    });
    QObject::connect(&session, &mr::WorkspaceSession::message, &window, [](const QString &text) {
        std::fprintf(stderr, "microrequests: %s\n", qPrintable(text));
    });
    if (!window.openWorkspace(path))
        return 2;
    if (firstStart)
        window.showHint(QObject::tr(
            "<b>Welcome.</b> This is the demo workspace, answered by a demo service on this "
            "machine — nothing leaves it. Try: <b>Ctrl+Enter</b> sends the open request; the "
            "badge beside the status says which connection carried it (send again: "
            "<i>reused</i>). Open <i>chaining.http</i> for a login whose token the next request "
            "uses; right-click <i>keep-alive/pool.http</i> ▸ <i>Run in Connections View</i>, "
            "then <b>Compare</b>: what keep-alive saves against a service 20 ms away over "
            "HTTPS. <b>Ctrl+P</b> finds a request, <b>F1</b> "
            "lists every shortcut, <b>File ▸ Open Workspace</b> opens a folder of your own "
            ".http files."));
    if (!environment.isEmpty())
        window.refreshEnvironments(environment);
    if (!history.openMessage().isEmpty()) { // a damaged file moved aside, or history off
        std::fprintf(stderr, "microrequests: %s\n", qPrintable(history.openMessage()));
        window.statusBar()->showMessage(history.openMessage());
    }
    window.show();
    const int status = QApplication::exec();
    settings.sync(); // a settings file made while the window was open
    mr::OwnerOnly::tighten(settings.fileName());
    return status;
}
