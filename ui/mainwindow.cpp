#include "mainwindow.h"

#include "formats/collectionimporter.h"
#include "formats/collectionwriter.h"
#include "formats/curlexporter.h"
#include "formats/curlimporter.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "requesteditor.h"
#include "responseview.h"
#include "workspace/requestresolver.h"
#include "workspace/workspacemodel.h"
#include "workspacepanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
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

    buildMenus();
    connect(m_panel, &WorkspacePanel::requestActivated, this, &MainWindow::openRequest);
    connect(m_editor, &RequestEditor::curlEntered, this, &MainWindow::pasteCurl);
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

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *import = file->addAction(tr("&Import…"), this, &MainWindow::chooseAndImport);
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setObjectName(QStringLiteral("importAction"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *request = menuBar()->addMenu(tr("&Request"));
    request->addAction(tr("&Send"), this, &MainWindow::send);
    QAction *copy = request->addAction(tr("&Copy as curl"), this, [this] { copyAsCurl(); });
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copy->setObjectName(QStringLiteral("copyAsCurlAction"));
    QAction *paste = request->addAction(tr("&Paste curl command"), this,
                                        [this] { pasteCurl(QApplication::clipboard()->text()); });
    paste->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
}

VariableExpander MainWindow::currentExpander() const
{
    const HttpFile *file = m_model->workspace().file(m_currentFile);
    const HttpFile noFile;
    return m_model->workspace().expander(file ? *file : noFile, currentEnvironment(), m_overrides);
}

QString MainWindow::currentFolder() const
{
    return m_currentFile.isEmpty() ? m_model->workspace().root()
                                   : QFileInfo(m_currentFile).absolutePath();
}

void MainWindow::chooseAndImport()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import into %1").arg(QDir::toNativeSeparators(m_model->workspace().root())),
        QDir::homePath(),
        tr("Collections (*.json *.yaml *.yml *.har *.sh *.txt *.curl);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    const QString summary = importFile(path, &error);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Import"), error);
    else
        QMessageBox::information(this, tr("Import"), summary);
}

QString MainWindow::importFile(const QString &path, QString *error)
{
    QFile input(path);
    if (!input.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, input.errorString());
        return {};
    }
    const QByteArray data = input.readAll();
    const QString format = CollectionImporter::sniff(data);
    if (format.isEmpty()) {
        *error = tr("%1 is not in a format Microrequests can import (%2).")
                     .arg(path, CollectionImporter::formats().join(QStringLiteral(", ")));
        return {};
    }
    const CollectionDraft draft = CollectionImporter::read(format, data, path);
    const QString root = m_model->workspace().root();
    const CollectionWriter::Result result = CollectionWriter::write(draft, root);
    if (!result.ok) {
        *error = tr("Nothing was imported.\n\n%1").arg(result.error);
        return {};
    }
    m_model->setWorkspace(Workspace::load(root));
    QString summary = tr("Imported %n request(s) from %1 into:", nullptr, draft.requestCount())
                          .arg(QFileInfo(path).fileName());
    for (const QString &written : result.written)
        summary += QStringLiteral("\n  ") + written;
    if (!result.notes.isEmpty()) {
        summary += QStringLiteral("\n\n") + tr("Not carried over:");
        for (const Diagnostic &note : result.notes)
            summary += QStringLiteral("\n  ") + note.toString();
    }
    statusBar()->showMessage(tr("Imported %n request(s)", nullptr, draft.requestCount()), 5000);
    return summary;
}

QString MainWindow::copyAsCurl()
{
    if (!m_editor->hasRequest())
        return {};
    QStringList problems;
    const QString command =
        CurlExporter::command(m_editor->request(), currentExpander(), currentFolder(), &problems);
    if (command.isEmpty()) {
        statusBar()->showMessage(problems.join(QStringLiteral("; ")), 8000);
        return {};
    }
    QApplication::clipboard()->setText(command);
    statusBar()->showMessage(
        problems.isEmpty() ? tr("Copied as curl")
                           : tr("Copied as curl; %1").arg(problems.join(QStringLiteral("; "))),
        8000);
    return command;
}

bool MainWindow::pasteCurl(const QString &command)
{
    if (!m_editor->hasRequest())
        return false;
    const CollectionDraft draft = CurlImporter::read(command.toUtf8(), tr("pasted command"));
    if (draft.hasErrors() || draft.requestCount() != 1) {
        statusBar()->showMessage(draft.hasErrors() ? draft.errors.first().toString()
                                                   : tr("Paste one curl command at a time"),
                                 8000);
        return false;
    }
    m_editor->takeContent(draft.files.first().requests.first());
    QStringList notes;
    for (const Diagnostic &note : draft.notes)
        notes.append(note.message);
    statusBar()->showMessage(
        notes.isEmpty() ? tr("Read the curl command")
                        : tr("Read the curl command; %1").arg(notes.join(QStringLiteral("; "))),
        8000);
    return true;
}

void MainWindow::send()
{
    if (m_job || !m_editor->hasRequest())
        return;
    const RequestResolver::Result resolved =
        RequestResolver::resolve(m_editor->request(), currentExpander(), currentFolder());
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
