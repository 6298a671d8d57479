#pragma once

#include <QDockWidget>

#include <functional>

namespace mr {

class ConnectionLog;
class ConnectionsView;
class HttpClient;
class WorkspaceSession;

// The Connections view in a dock below the request tabs. Its log records every exchange of
// the client from the start, shown or not; its Runs page offers the open request, its file
// and the whole workspace to run.
class ConnectionsDock : public QDockWidget
{
    Q_OBJECT
public:
    ConnectionsDock(HttpClient *client, WorkspaceSession *session, QWidget *parent = nullptr);

    ConnectionsView *view() const { return m_view; }
    ConnectionLog *log() const { return m_log; }

    // The request open in the window: its file (empty: none, or one from no file) and its
    // index there. The Runs page offers it and its file.
    struct OpenRequest {
        QString filePath;
        int requestIndex = -1;
    };
    void setOpenRequestProvider(std::function<OpenRequest()> provider);
    // The open request changed: the Runs page's suggestions follow.
    void updateRunTargets();
    // Shows the Runs page with `path` (a folder, a .http file or "file.http:LINE") chosen.
    void runTarget(const QString &label, const QString &path);
    // Shows the Runs page with the open request chosen, else the whole workspace.
    void runOpenRequest();

private:
    void showRuns();

    WorkspaceSession *m_session;
    ConnectionLog *m_log;
    ConnectionsView *m_view;
    std::function<OpenRequest()> m_openRequest;
};

} // namespace mr
