#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>

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

    WorkspacePanel *workspacePanel() const { return m_panel; }
    RequestEditor *requestEditor() const { return m_editor; }
    ResponseView *responseView() const { return m_response; }
    QComboBox *environmentPicker() const { return m_environment; }

private:
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
