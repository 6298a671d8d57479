#pragma once

#include "workspace/variableexpander.h"

#include <QObject>

#include <functional>

class QWidget;

namespace mr {

class RequestTabs;
class WorkspaceSession;

// File ▸ Import and Export, and the open request as a curl command and back: other tools'
// collections into the open workspace, the workspace out as a Postman collection.
class ImportExportActions : public QObject
{
    Q_OBJECT
public:
    // Dialogs open over `dialogParent`.
    ImportExportActions(WorkspaceSession *session, RequestTabs *tabs, QWidget *dialogParent);

    // The environment chosen in the window, and what variables stand for in the open request.
    void setEnvironmentProvider(std::function<QString()> provider)
    {
        m_environment = std::move(provider);
    }
    void setExpanderProvider(std::function<VariableExpander()> provider)
    {
        m_expander = std::move(provider);
    }

    // Imports another tool's collection (or curl commands) into the open workspace; returns
    // a summary with what was not carried over, or *error when nothing was written.
    QString importFile(const QString &path, QString *error);
    // The open workspace as a Postman v2.1 collection at `path` (atomically), with the current
    // environment's public values; a summary, or *error when nothing was written.
    QString exportPostman(const QString &path, QString *error);
    // The open request as a curl command, also put on the clipboard.
    QString copyAsCurl();
    // Reads a curl command into the open request; false (and a message) when it is not one.
    bool pasteCurl(const QString &command);

    // The same, asking for the file first.
    void chooseAndImport();
    void chooseAndExportPostman();

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);

private:
    WorkspaceSession *m_session;
    RequestTabs *m_tabs;
    QWidget *m_dialogParent;
    std::function<QString()> m_environment;
    std::function<VariableExpander()> m_expander;
};

} // namespace mr
