#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include "workspace/variableexpander.h"

class QComboBox;
class QLabel;

namespace mr {

class ExchangeJob;
class HttpClient;
class RequestEditor;
class ResponseView;
class WorkspaceModel;
class WorkspacePanel;

// The main window: workspace tree on the left, the request in the middle, the response on
// the right. Sending goes through core: RequestResolver, then HttpClient.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(HttpClient *client, WorkspaceModel *model, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Variables that win over the environment's (the embedded demo service's baseUrl).
    void setOverrides(const QHash<QString, QString> &overrides) { m_overrides = overrides; }
    // Refreshes the environment picker from the model's workspace and selects `preferred`.
    void refreshEnvironments(const QString &preferred);
    QString currentEnvironment() const;
    void openRequest(const QModelIndex &sourceIndex);

    void send();
    void cancel();

    // Imports another tool's collection (or curl commands) into the open workspace; returns
    // a summary with what was not carried over, or *error when nothing was written.
    QString importFile(const QString &path, QString *error);
    // The open request as a curl command, also put on the clipboard.
    QString copyAsCurl();
    // Reads a curl command into the open request; false (and a status message) when it is not one.
    bool pasteCurl(const QString &command);

    WorkspacePanel *workspacePanel() const { return m_panel; }
    RequestEditor *requestEditor() const { return m_editor; }
    ResponseView *responseView() const { return m_response; }
    QComboBox *environmentPicker() const { return m_environment; }

private:
    void buildMenus();
    void chooseAndImport();
    VariableExpander currentExpander() const;
    QString currentFolder() const;

    HttpClient *m_client;
    WorkspaceModel *m_model;
    QHash<QString, QString> m_overrides;
    QString m_currentFile;
    WorkspacePanel *m_panel;
    RequestEditor *m_editor;
    ResponseView *m_response;
    QComboBox *m_environment;
    QPointer<ExchangeJob> m_job;
};

} // namespace mr
