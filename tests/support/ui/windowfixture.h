// A window as the app makes one (its own client, workspace session and settings file), and
// the fixture most window suites start from: that window on a temporary folder, optionally
// with the demo service on loopback and the demo workspace.
#pragma once

#include "demo/demoserverthread.h"
#include "mainwindow.h"
#include "net/httpclient.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QSettings>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace mr {

// Destroyed window first, then what it was made from.
struct AppWindow {
    HttpClient client;
    WorkspaceModel model;
    WorkspaceSession session{&model, &client};
    QSettings settings;
    MainWindow window{&client, &session, &settings};

    explicit AppWindow(const QString &settingsFile)
        : settings(settingsFile, QSettings::IniFormat)
    {}
};

struct WindowFixture {
    QTemporaryDir dir;
    DemoServerThread service; // started by startService()
    std::unique_ptr<AppWindow> app;

    // Standard paths in test mode, as the window suites need them.
    WindowFixture();

    // The window, its client, model, session and settings (once makeWindow() made them).
    MainWindow *window() const { return &app->window; }
    HttpClient *client() const { return &app->client; }
    WorkspaceModel *model() const { return &app->model; }
    WorkspaceSession *session() const { return &app->session; }
    QSettings *settings() const { return &app->settings; }

    QString settingsFile() const { return dir.filePath(QStringLiteral("settings.ini")); }
    // Where installDemo() puts the demo workspace.
    QString demoFolder() const { return dir.filePath(QStringLiteral("demo")); }

    // Starts the demo service; false with *error (also when there is no temporary folder).
    bool startService(QString *error);
    // Installs the demo workspace in demoFolder(); false with *error (also when there is no
    // temporary folder).
    bool installDemo(QString *error);
    // Makes the window on settingsFile().
    void makeWindow();
    // The window's `variable` is the demo service's URL.
    void pointAtService(const QString &variable);
    // What the demo suites do: the demo workspace installed, the service started, the window
    // made and pointed at it; false with *error.
    bool startDemo(QString *error);
    // startDemo(), then the demo workspace (or its file `file`) opened in the window with the
    // demo environment, shown and exposed; false with *error.
    bool openDemo(const QString &file, QString *error);

private:
    bool hasDir(QString *error) const;
};

} // namespace mr
