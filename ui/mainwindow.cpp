#include "mainwindow.h"

#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "requesteditor.h"
#include "responseview.h"
#include "workspace/requestresolver.h"
#include "workspace/workspacemodel.h"
#include "workspacepanel.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>

namespace mr {

MainWindow::MainWindow(HttpClient *client, WorkspaceModel *model, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_model(model)
    , m_panel(new WorkspacePanel(model, this))
    , m_editor(new RequestEditor(this))
    , m_response(new ResponseView(this))
    , m_environment(new QComboBox(this))
{
    setWindowTitle(tr("Microrequests"));
    setObjectName(QStringLiteral("mainWindow"));

    auto *toolbar = addToolBar(tr("Environment"));
    toolbar->setObjectName(QStringLiteral("environmentToolbar"));
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(tr("Environment: "), toolbar));
    m_environment->setObjectName(QStringLiteral("environment"));
    m_environment->setMinimumContentsLength(12);
    toolbar->addWidget(m_environment);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_panel);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_response);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 4);
    splitter->setSizes({260, 520, 520});
    splitter->setContentsMargins(6, 6, 6, 6);
    setCentralWidget(splitter);

    connect(m_panel, &WorkspacePanel::requestActivated, this, &MainWindow::openRequest);
    connect(m_editor, &RequestEditor::sendRequested, this, &MainWindow::send);
    connect(m_editor, &RequestEditor::cancelRequested, this, &MainWindow::cancel);
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this, &MainWindow::send);
    }
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &MainWindow::cancel);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        statusBar()->showMessage(
            tr("Workspace: %1").arg(QDir::toNativeSeparators(m_model->workspace().root())));
    });
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::refreshEnvironments(const QString &preferred)
{
    m_environment->clear();
    const QStringList names = m_model->workspace().environments().names();
    m_environment->addItem(tr("No environment"), QString());
    for (const QString &name : names)
        m_environment->addItem(name, name);
    const int index = m_environment->findData(preferred);
    m_environment->setCurrentIndex(index >= 0 ? index : (names.isEmpty() ? 0 : 1));
}

QString MainWindow::currentEnvironment() const
{
    return m_environment->currentData().toString();
}

void MainWindow::openRequest(const QModelIndex &sourceIndex)
{
    const RequestDefinition *request = m_model->request(sourceIndex);
    const HttpFile *file = m_model->file(sourceIndex);
    if (!request || !file)
        return;
    m_currentFile = file->path;
    const QString relative = QDir(m_model->workspace().root()).relativeFilePath(file->path);
    m_editor->setRequest(*request, QStringLiteral("%1:%2").arg(relative).arg(request->requestLine));
    m_panel->select(sourceIndex);
}

void MainWindow::send()
{
    if (m_job || !m_editor->hasRequest())
        return;
    const HttpFile *file = m_model->workspace().file(m_currentFile);
    const HttpFile noFile;
    const VariableExpander expander =
        m_model->workspace().expander(file ? *file : noFile, currentEnvironment(), m_overrides);
    const RequestResolver::Result resolved = RequestResolver::resolve(
        m_editor->request(), expander,
        file ? QFileInfo(file->path).absolutePath() : m_model->workspace().root());
    if (!resolved.ok()) {
        m_response->showError(resolved.error, QString());
        return;
    }
    m_response->showSending(QString::fromLatin1(resolved.request.method) + QLatin1Char(' ') +
                            resolved.request.url.toString());
    m_editor->setBusy(true);
    m_job = m_client->send(resolved.request, this);
    connect(m_job, &ExchangeJob::finished, this, [this, job = m_job.data()] {
        m_response->showExchange(job->exchange());
        m_editor->setBusy(false);
        job->deleteLater();
        m_job = nullptr;
    });
}

void MainWindow::cancel()
{
    if (m_job)
        m_job->cancel();
}

} // namespace mr
