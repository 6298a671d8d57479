// A workspace opened in a session, without a window: what the window's parts (RequestTabs,
// DraftKeeper, ImportExportActions, HistoryActions, ConnectionsDock) are made from.
#pragma once

#include "net/httpclient.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>

#include <memory>

namespace mr {

struct WorkspacePartsFixture {
    QTemporaryDir dir;
    HttpClient client;
    WorkspaceModel model;
    WorkspaceSession session{&model, &client};
    QSettings settings{dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat};

    QString root() const { return dir.filePath(QStringLiteral("ws")); }
    QString path(const QString &relative) const { return QDir(root()).filePath(relative); }

    void write(const QString &relative, const QByteArray &content) const
    {
        QDir().mkpath(QFileInfo(path(relative)).absolutePath());
        QFile file(path(relative));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(content);
    }
    QByteArray read(const QString &relative) const
    {
        QFile file(path(relative));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    // Opens the workspace folder with the files written so far; false with *error.
    bool open(QString *error) { return session.open(root(), error); }
    // The workspace most suites start from: api.http with "First" (line 2) and "Second"
    // (line 5), both to a closed port.
    static QByteArray twoRequests()
    {
        return "### First\nGET http://127.0.0.1:1/one\n\n### Second\nGET http://127.0.0.1:1/two\n";
    }
    // Writes api.http and opens the workspace.
    bool openWith(const QByteArray &apiHttp, QString *error)
    {
        write(QStringLiteral("api.http"), apiHttp);
        return open(error);
    }
};

} // namespace mr
