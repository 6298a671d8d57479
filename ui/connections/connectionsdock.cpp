#include "connectionsdock.h"

#include "connections/connectionlog.h"
#include "connectionsview.h"
#include "runcomparisonpanel.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QDir>

#include <utility>

namespace mr {

ConnectionsDock::ConnectionsDock(HttpClient *client, WorkspaceSession *session, QWidget *parent)
    : QDockWidget(tr("Connections"), parent)
    , m_session(session)
    , m_log(new ConnectionLog(this))
    , m_openRequest([] { return OpenRequest(); })
{
    m_log->attach(client);
    m_view = new ConnectionsView(m_log, client, this);
    setObjectName(QStringLiteral("connectionsDock"));
    setWidget(m_view);
    RunComparisonPanel *runs = m_view->runsPanel();
    connect(m_session, &WorkspaceSession::opened, this, [this, runs] {
        runs->forgetChosenTargets(); // they were another workspace's
        updateRunTargets();
    });
    connect(m_session, &WorkspaceSession::reloaded, this, &ConnectionsDock::updateRunTargets);
}

void ConnectionsDock::setOpenRequestProvider(std::function<OpenRequest()> provider)
{
    m_openRequest = std::move(provider);
    updateRunTargets();
}

void ConnectionsDock::updateRunTargets()
{
    QList<QPair<QString, QString>> targets;
    const QString root = m_session->root();
    WorkspaceModel *model = m_session->model();
    const OpenRequest open = m_openRequest();
    if (!open.filePath.isEmpty()) {
        const QString relative = QDir(root).relativeFilePath(open.filePath);
        if (const RequestDefinition *request =
                model->request(model->requestIndex(open.filePath, open.requestIndex))) {
            targets.append({tr("This request: %1 (%2:%3)")
                                .arg(request->displayName(), relative)
                                .arg(request->requestLine),
                            QStringLiteral("%1:%2").arg(open.filePath).arg(request->requestLine)});
        }
        targets.append({tr("This file: %1").arg(relative), open.filePath});
    }
    if (!root.isEmpty())
        targets.append({tr("The whole workspace: %1").arg(QDir(root).dirName()), root});
    m_view->runsPanel()->setSuggestedTargets(targets);
}

void ConnectionsDock::runTarget(const QString &label, const QString &path)
{
    m_view->runsPanel()->chooseTarget(label, path);
    showRuns();
}

void ConnectionsDock::runOpenRequest()
{
    updateRunTargets();
    RunComparisonPanel *runs = m_view->runsPanel();
    WorkspaceModel *model = m_session->model();
    const OpenRequest open = m_openRequest();
    const RequestDefinition *request =
        model->request(model->requestIndex(open.filePath, open.requestIndex));
    if (!request ||
        !runs->selectTarget(QStringLiteral("%1:%2").arg(open.filePath).arg(request->requestLine)))
        runs->selectTarget(m_session->root());
    showRuns();
}

void ConnectionsDock::showRuns()
{
    show();
    raise();
    m_view->showRuns();
}

} // namespace mr
