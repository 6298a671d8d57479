#include "windowcommand.h"

#include "demo/demoserverthread.h"
#include "mainwindow.h"
#include "net/httpclient.h"
#include "workspace/demoworkspace.h"
#include "workspace/gitignore.h"
#include "workspace/workspace.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacewatcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QStatusBar>

#include <cstdio>

int WindowCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Microrequests — explore, test and understand microservice endpoints.\n\n"
        "Commands:\n"
        "  microrequests [PATH]          the window, on a workspace folder or .http file\n"
        "                                (the demo workspace when PATH is left out)\n"
        "  microrequests demo-server     the demo microservice, headless\n"
        "  microrequests bench URL       load one endpoint; latency and connection reuse\n"
        "  microrequests import FILE     Postman, Insomnia, HAR, curl or OpenAPI into a workspace\n"
        "  microrequests export PATH     a .http file or folder as curl commands or Postman\n"
        "Each command has its own --help."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("env"), QStringLiteral("Environment to select."), QStringLiteral("NAME")});
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Workspace folder or .http file."),
                                 QStringLiteral("[PATH]"));
    parser.process(arguments);
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "microrequests: give one PATH at most\n");
        return 2;
    }

    QString folder;
    QString focusFile;
    if (!parser.positionalArguments().isEmpty()) {
        const QFileInfo info(parser.positionalArguments().first());
        if (!info.exists()) {
            std::fprintf(stderr, "microrequests: %s: no such file or folder\n",
                         qPrintable(info.filePath()));
            return 2;
        }
        // A file opens in its workspace, so that its environments are there.
        folder = info.isDir() ? info.absoluteFilePath()
                              : mr::Workspace::rootFor(info.absoluteFilePath());
        focusFile = info.isDir() ? QString() : info.absoluteFilePath();
    } else {
        folder = mr::DemoWorkspace::defaultFolder();
        focusFile = folder + QStringLiteral("/basics.http"); // starts with "Echo a GET"
        QString error;
        if (!mr::DemoWorkspace::install(folder, &error)) {
            std::fprintf(stderr, "microrequests: %s\n", qPrintable(error));
            return 1;
        }
    }

    // The demo workspace comes with its service, on a free port, in a thread of its own.
    mr::DemoServerThread demoService;
    QHash<QString, QString> overrides;
    QString environment = parser.value(QStringLiteral("env"));
    const bool isDemo =
        QDir(folder).canonicalPath() == QDir(mr::DemoWorkspace::defaultFolder()).canonicalPath();
    if (isDemo) {
        QString error;
        if (!demoService.start(mr::DemoServer::Options(), &error)) {
            std::fprintf(stderr, "microrequests: the demo service did not start: %s\n",
                         qPrintable(error));
        } else {
            overrides.insert(mr::DemoWorkspace::baseUrlVariable(),
                             demoService.httpUrl().toString());
            if (environment.isEmpty())
                environment = mr::DemoWorkspace::environmentName();
        }
    }

    // Secrets stay out of git: the workspace's .gitignore lists the private environment file.
    const auto protectSecrets = [&folder] {
        bool changed = false;
        QString error;
        if (!mr::GitIgnore::protectSecrets(folder, &changed, &error))
            std::fprintf(stderr, "microrequests: %s\n", qPrintable(error));
        else if (changed)
            std::fprintf(stderr, "microrequests: added %s to %s/.gitignore\n",
                         mr::EnvironmentSet::PrivateFileName, qPrintable(folder));
    };
    protectSecrets();

    mr::HttpClient client;
    mr::WorkspaceModel model;
    model.setWorkspace(mr::Workspace::load(folder));
    model.workspace().settings().applyTo(client);
    for (const mr::Diagnostic &d : model.workspace().diagnostics())
        std::fprintf(stderr, "%s\n", qPrintable(d.toString()));

    mr::MainWindow window(&client, &model);
    window.setWindowIcon(QIcon(QStringLiteral(":/icons/microrequests.svg")));
    window.setOverrides(overrides);
    window.refreshEnvironments(environment);
    QModelIndex first =
        focusFile.isEmpty() ? model.firstRequest() : model.requestIndex(focusFile, 0);
    if (!first.isValid())
        first = model.firstRequest();
    if (first.isValid())
        window.openRequest(first);
    if (isDemo && !demoService.httpUrl().isEmpty())
        window.statusBar()->showMessage(
            QObject::tr("Demo service at %1 — pick a request and press Ctrl+Enter")
                .arg(demoService.httpUrl().toString()));
    // Files changed by other programs (git pull, an editor) are read again.
    mr::WorkspaceWatcher watcher;
    watcher.watch(folder);
    QObject::connect(&watcher, &mr::WorkspaceWatcher::changed, &window, [&] {
        const QString chosen = window.currentEnvironment();
        protectSecrets();
        model.setWorkspace(mr::Workspace::load(folder));
        model.workspace().settings().applyTo(client);
        window.refreshEnvironments(chosen);
        window.statusBar()->showMessage(QObject::tr("Workspace reloaded: files changed on disk"),
                                        5000);
    });
    window.show();
    return QApplication::exec();
}
