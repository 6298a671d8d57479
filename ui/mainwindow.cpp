#include "mainwindow.h"

#include "environmentdialog.h"
#include "formats/collectionimporter.h"
#include "formats/collectionwriter.h"
#include "formats/curlexporter.h"
#include "formats/curlimporter.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "quickopendialog.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responseview.h"
#include "workspace/recentworkspaces.h"
#include "workspace/requestresolver.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"
#include "workspacepanel.h"
#include "workspacetreeactions.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

#include <utility>

namespace mr {

namespace {
MainWindow::CloseAnswer askWithDialog(QWidget *parent, const QString &what)
{
    const auto button = QMessageBox::question(
        parent, QObject::tr("Unsaved edits"), QObject::tr("Save your edits to %1?").arg(what),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    return button == QMessageBox::Save      ? MainWindow::CloseAnswer::Save
           : button == QMessageBox::Discard ? MainWindow::CloseAnswer::Discard
                                            : MainWindow::CloseAnswer::Cancel;
}
} // namespace

MainWindow::MainWindow(HttpClient *client, WorkspaceSession *session, QSettings *settings,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_session(session)
    , m_model(session->model())
    , m_settings(settings)
    , m_panel(new WorkspacePanel(session->model(), this))
    , m_tabs(new QTabWidget(this))
    , m_environment(new QComboBox(this))
    , m_closeQuestion([this](const QString &what) { return askWithDialog(this, what); })
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
    auto *editEnvironments = new QToolButton(toolbar);
    editEnvironments->setObjectName(QStringLiteral("editEnvironments"));
    editEnvironments->setText(tr("Edit…"));
    editEnvironments->setToolTip(tr("Edit the environments and their variables (Ctrl+Shift+E)"));
    connect(editEnvironments, &QToolButton::clicked, this, [this] { showEnvironmentDialog(); });
    toolbar->addWidget(editEnvironments);

    m_tabs->setObjectName(QStringLiteral("requestTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->tabBar()->setExpanding(false);
    m_tabs->tabBar()->setElideMode(Qt::ElideRight);
    auto *hint = new QLabel(tr("Pick a request in the tree to open it here."), this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setEnabled(false);
    auto *right = new QStackedWidget(this);
    right->addWidget(hint);
    right->addWidget(m_tabs);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_panel);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 1020});
    splitter->setContentsMargins(6, 6, 6, 6);
    setCentralWidget(splitter);

    m_treeActions = new WorkspaceTreeActions(m_panel, m_session);
    connect(m_treeActions, &WorkspaceTreeActions::openRequested, this, &MainWindow::openRequest);
    connect(m_treeActions, &WorkspaceTreeActions::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_model, &WorkspaceModel::editFailed, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_session, &WorkspaceSession::relocated, this, &MainWindow::followRelocations);
    buildMenus();
    connect(m_panel, &WorkspacePanel::requestActivated, this, &MainWindow::openRequest);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, right](int index) {
        right->setCurrentIndex(index < 0 ? 0 : 1);
        if (RequestTab *tab = currentTab()) {
            const QModelIndex source = m_model->requestIndex(tab->filePath(), tab->requestIndex());
            if (source.isValid())
                m_panel->select(source);
        }
    });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &MainWindow::cancel);
    connect(m_session, &WorkspaceSession::opened, this, [this](const QString &root) {
        RecentWorkspaces(m_settings).add(root);
        fillRecentMenu();
        setWindowTitle(tr("%1 — Microrequests").arg(QFileInfo(root).fileName()));
        statusBar()->showMessage(tr("Workspace: %1").arg(QDir::toNativeSeparators(root)));
    });
    // The open editor highlights and completes {{variables}} with what they stand for now.
    const auto refreshVariables = [this] {
        if (RequestTab *tab = currentTab())
            tab->editor()->setVariables(currentExpander());
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, refreshVariables);
    connect(m_environment, &QComboBox::currentIndexChanged, this, refreshVariables);
    connect(m_session, &WorkspaceSession::reloaded, this, [this, refreshVariables] {
        const bool noEnvironment = m_environment->count() > 1 && m_environment->currentIndex() == 0;
        refreshEnvironments(currentEnvironment());
        if (noEnvironment) // chosen by hand: a reload keeps it
            m_environment->setCurrentIndex(0);
        refreshTabsFromDisk();
        // Tabs with edits whose request a tree edit moved or renamed: the edits go along.
        for (const QPointer<RequestTab> &tab : std::exchange(m_following, {})) {
            const QModelIndex source =
                tab ? m_model->requestIndex(tab->filePath(), tab->requestIndex()) : QModelIndex();
            if (const RequestDefinition *request = m_model->request(source)) {
                tab->follow(
                    *request,
                    QStringLiteral("%1:%2")
                        .arg(QDir(m_model->workspace().root()).relativeFilePath(tab->filePath()))
                        .arg(request->requestLine));
                updateTabText(tab);
            }
        }
        refreshVariables();
    });
    connect(m_session, &WorkspaceSession::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
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
    // Without a choice, the first environment: "No environment" is only ever picked by hand.
    const int index = preferred.isEmpty() ? -1 : m_environment->findData(preferred);
    m_environment->setCurrentIndex(index >= 0 ? index : (names.isEmpty() ? 0 : 1));
}

QString MainWindow::currentEnvironment() const
{
    return m_environment->currentData().toString();
}

EnvironmentDialog *MainWindow::showEnvironmentDialog()
{
    if (m_environmentDialog) {
        m_environmentDialog->raise();
        m_environmentDialog->activateWindow();
        return m_environmentDialog;
    }
    const QString root = m_session->root();
    if (root.isEmpty()) {
        statusBar()->showMessage(tr("Open a workspace to edit its environments"), 5000);
        return nullptr;
    }
    auto *dialog = new EnvironmentDialog(root, currentEnvironment(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString previous = currentEnvironment();
        const QString chosen = previous.isEmpty() ? QString() : dialog->nameNow(previous);
        m_session->reload();
        refreshEnvironments(chosen);
        statusBar()->showMessage(tr("Saved the environments"), 5000);
    });
    m_environmentDialog = dialog;
    dialog->open();
    return dialog;
}

RequestTab *MainWindow::currentTab() const
{
    return qobject_cast<RequestTab *>(m_tabs->currentWidget());
}

RequestEditor *MainWindow::requestEditor() const
{
    const RequestTab *tab = currentTab();
    return tab ? tab->editor() : nullptr;
}

ResponseView *MainWindow::responseView() const
{
    const RequestTab *tab = currentTab();
    return tab ? tab->response() : nullptr;
}

void MainWindow::openRequest(const QModelIndex &sourceIndex)
{
    const RequestDefinition *request = m_model->request(sourceIndex);
    const HttpFile *file = m_model->file(sourceIndex);
    if (!request || !file)
        return;
    const int requestIndex = sourceIndex.data(WorkspaceModel::RequestIndexRole).toInt();
    for (int i = 0; i < m_tabs->count(); ++i) {
        const auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(i));
        if (tab->filePath() == file->path && tab->requestIndex() == requestIndex) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
    auto *tab = new RequestTab(m_tabs);
    const QString relative = QDir(m_model->workspace().root()).relativeFilePath(file->path);
    tab->setSaved(file->path, requestIndex, *request,
                  QStringLiteral("%1:%2").arg(relative).arg(request->requestLine));
    connect(tab->editor(), &RequestEditor::curlEntered, this, &MainWindow::pasteCurl);
    connect(tab->editor(), &RequestEditor::sendRequested, this, &MainWindow::send);
    connect(tab->editor(), &RequestEditor::cancelRequested, this, &MainWindow::cancel);
    connect(tab->response(), &ResponseView::copyAsCurlRequested, this, [this] { copyAsCurl(); });
    connect(tab, &RequestTab::modifiedChanged, this, [this, tab] { updateTabText(tab); });
    connect(tab->editor(), &RequestEditor::edited, this, [this, tab] { updateTabText(tab); });
    m_tabs->setCurrentIndex(m_tabs->addTab(tab, QString()));
    updateTabText(tab);
    m_panel->select(sourceIndex);
}

void MainWindow::updateTabText(RequestTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0)
        return;
    // The dot marks edits not yet saved, as editors do.
    m_tabs->setTabText(index,
                       tab->isModified() ? QStringLiteral("\u25CF ") + tab->title() : tab->title());
    m_tabs->setTabToolTip(index, QDir::toNativeSeparators(tab->filePath()));
}

void MainWindow::refreshTabsFromDisk()
{
    // Tabs without edits follow their file; tabs with edits keep them (saving will refuse
    // to overwrite what changed on disk, so nothing is lost either way).
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(i));
        if (tab->isModified())
            continue;
        // Moved by requests added or removed above it? Follow it; else what is at its place.
        const HttpFile *file = m_model->workspace().file(tab->filePath());
        const int moved = file ? file->locate(tab->saved(), tab->requestIndex()) : -1;
        const int at = moved >= 0 ? moved : tab->requestIndex();
        const RequestDefinition *request =
            m_model->request(m_model->requestIndex(tab->filePath(), at));
        if (!request)
            continue;
        const QString relative =
            QDir(m_model->workspace().root()).relativeFilePath(tab->filePath());
        tab->setSaved(tab->filePath(), at, *request,
                      QStringLiteral("%1:%2").arg(relative).arg(request->requestLine));
        updateTabText(tab);
    }
}

void MainWindow::followRelocations(const QList<WorkspaceEditor::Relocation> &relocations)
{
    for (int i = m_tabs->count() - 1; i >= 0; --i) {
        auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(i));
        for (const WorkspaceEditor::Relocation &moved : relocations) {
            const bool whole = moved.oldIndex < 0; // a file or folder
            const bool match =
                !moved.oldPath.isEmpty() &&
                (whole ? tab->filePath() == moved.oldPath ||
                             tab->filePath().startsWith(moved.oldPath + QLatin1Char('/'))
                       : tab->filePath() == moved.oldPath && tab->requestIndex() == moved.oldIndex);
            if (!match)
                continue;
            if (moved.newPath.isEmpty()) {
                // Gone: a tab without edits closes; one with edits stays (saving it is refused).
                if (!tab->isModified())
                    closeTab(i);
            } else if (whole) {
                tab->relocate(moved.newPath + tab->filePath().mid(moved.oldPath.size()),
                              tab->requestIndex());
            } else {
                tab->relocate(moved.newPath, moved.newIndex);
            }
            if (!moved.newPath.isEmpty() && tab->isModified())
                m_following.append(tab);
            break;
        }
    }
}

void MainWindow::commitPendingEdit()
{
    // A table cell still being typed in holds its text in its editor until it loses focus:
    // take the focus away so that text is in the request before it is saved or judged.
    if (QWidget *focus = QApplication::focusWidget())
        focus->clearFocus();
}

bool MainWindow::save()
{
    commitPendingEdit();
    RequestTab *tab = currentTab();
    if (!tab)
        return false;
    QString error;
    const RequestDefinition edited = tab->editor()->request();
    int savedAt = -1;
    if (!m_session->saveRequest(tab->filePath(), tab->requestIndex(), tab->saved(), edited,
                                &savedAt, &error)) {
        statusBar()->showMessage(tr("Not saved: %1").arg(error), 10000);
        return false;
    }
    // The tab now shows what the file holds (the reload left it alone while it had edits).
    const QModelIndex source = m_model->requestIndex(tab->filePath(), savedAt);
    if (const RequestDefinition *request = m_model->request(source)) {
        tab->setSaved(tab->filePath(), savedAt, *request,
                      QStringLiteral("%1:%2")
                          .arg(QDir(m_model->workspace().root()).relativeFilePath(tab->filePath()))
                          .arg(request->requestLine));
        updateTabText(tab);
    }
    statusBar()->showMessage(
        tr("Saved %1")
            .arg(QDir::toNativeSeparators(
                QDir(m_model->workspace().root()).relativeFilePath(tab->filePath()))),
        5000);
    return true;
}

bool MainWindow::closeTab(int index)
{
    commitPendingEdit();
    auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(index));
    if (!tab)
        return false;
    if (tab->isModified()) {
        m_tabs->setCurrentIndex(index);
        switch (m_closeQuestion(tab->title())) {
        case CloseAnswer::Cancel: return false;
        case CloseAnswer::Save:
            if (!save())
                return false;
            break;
        case CloseAnswer::Discard: break;
        }
    }
    if (tab->job())
        tab->job()->cancel();
    m_tabs->removeTab(m_tabs->indexOf(tab));
    tab->deleteLater();
    return true;
}

bool MainWindow::closeAllTabs()
{
    while (m_tabs->count() > 0) {
        if (!closeTab(m_tabs->count() - 1))
            return false;
    }
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (closeAllTabs())
        event->accept();
    else
        event->ignore();
}

bool MainWindow::openWorkspace(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        statusBar()->showMessage(
            tr("%1 is not there any more.").arg(QDir::toNativeSeparators(path)), 10000);
        RecentWorkspaces(m_settings).remove(path);
        fillRecentMenu();
        return false;
    }
    if (!closeAllTabs())
        return false;
    QString error;
    if (!m_session->open(path, &error)) {
        statusBar()->showMessage(error, 10000);
        return false;
    }
    refreshEnvironments(QString());
    QModelIndex first = m_session->focusFile().isEmpty()
                            ? m_model->firstRequest()
                            : m_model->requestIndex(m_session->focusFile(), 0);
    if (!first.isValid())
        first = m_model->firstRequest();
    if (first.isValid()) {
        openRequest(first);
        requestEditor()->urlEdit()->setFocus(); // ready to edit, or Ctrl+Enter to send
    }
    return true;
}

void MainWindow::chooseAndOpen()
{
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Open a workspace folder"),
        m_model->workspace().root().isEmpty() ? QDir::homePath() : m_model->workspace().root());
    if (!folder.isEmpty())
        openWorkspace(folder);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList folders = RecentWorkspaces(m_settings).folders();
    for (const QString &folder : folders) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(folder), this,
                                                  [this, folder] { openWorkspace(folder); });
        action->setData(folder);
    }
    if (!folders.isEmpty())
        m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("Clear the list"), this, [this] {
        RecentWorkspaces(m_settings).clear();
        fillRecentMenu();
    });
    clear->setEnabled(!folders.isEmpty());
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Workspace…"), this, &MainWindow::chooseAndOpen);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    fillRecentMenu();
    QAction *save = file->addAction(tr("&Save Request"), this, [this] { this->save(); });
    save->setShortcut(QKeySequence::Save);
    save->setObjectName(QStringLiteral("saveAction"));
    QAction *close = file->addAction(tr("&Close Tab"), this, [this] {
        if (m_tabs->currentIndex() >= 0)
            closeTab(m_tabs->currentIndex());
    });
    close->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction *import = file->addAction(tr("&Import…"), this, &MainWindow::chooseAndImport);
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setObjectName(QStringLiteral("importAction"));
    QAction *quickOpen = file->addAction(tr("&Quick Open…"), this, [this] { showQuickOpen(); });
    quickOpen->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    quickOpen->setObjectName(QStringLiteral("quickOpenAction"));
    QAction *environments =
        file->addAction(tr("&Environments…"), this, [this] { showEnvironmentDialog(); });
    environments->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    environments->setObjectName(QStringLiteral("environmentsAction"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *request = menuBar()->addMenu(tr("&Request"));
    QAction *send = request->addAction(tr("&Send"), this, &MainWindow::send);
    send->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    request->addAction(tr("C&ancel"), this, &MainWindow::cancel);
    QAction *copy = request->addAction(tr("&Copy as curl"), this, [this] { copyAsCurl(); });
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copy->setObjectName(QStringLiteral("copyAsCurlAction"));
    QAction *paste = request->addAction(tr("&Paste curl command"), this,
                                        [this] { pasteCurl(QApplication::clipboard()->text()); });
    paste->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
}

VariableExpander MainWindow::currentExpander() const
{
    const RequestTab *tab = currentTab();
    const HttpFile *file = tab ? m_model->workspace().file(tab->filePath()) : nullptr;
    const HttpFile noFile;
    return m_model->workspace().expander(file ? *file : noFile, currentEnvironment(), m_overrides);
}

QString MainWindow::currentFolder() const
{
    const RequestTab *tab = currentTab();
    return tab ? QFileInfo(tab->filePath()).absolutePath() : m_model->workspace().root();
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
    m_session->reload();
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
    RequestEditor *editor = requestEditor();
    if (!editor)
        return {};
    QStringList problems;
    const QString command =
        CurlExporter::command(editor->request(), currentExpander(), currentFolder(), &problems);
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
    RequestEditor *editor = requestEditor();
    if (!editor)
        return false;
    const CollectionDraft draft = CurlImporter::read(command.toUtf8(), tr("pasted command"));
    if (draft.hasErrors() || draft.requestCount() != 1) {
        statusBar()->showMessage(draft.hasErrors() ? draft.errors.first().toString()
                                                   : tr("Paste one curl command at a time"),
                                 8000);
        return false;
    }
    editor->takeContent(draft.files.first().requests.first());
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
    RequestTab *tab = currentTab();
    if (!tab || tab->job())
        return;
    const RequestResolver::Result resolved =
        RequestResolver::resolve(tab->editor()->request(), currentExpander(), currentFolder());
    if (!resolved.ok()) {
        tab->response()->showError(resolved.error, QString());
        return;
    }
    tab->response()->showSending(QString::fromLatin1(resolved.request.method) + QLatin1Char(' ') +
                                 resolved.request.url.toString());
    ExchangeJob *job = m_client->send(resolved.request, tab);
    tab->setJob(job);
    connect(job, &ExchangeJob::finished, tab, [tab, job] {
        tab->response()->showExchange(job->exchange());
        tab->setJob(nullptr);
        job->deleteLater();
    });
}

void MainWindow::cancel()
{
    if (RequestTab *tab = currentTab(); tab && tab->job())
        tab->job()->cancel();
}

QuickOpenDialog *MainWindow::showQuickOpen()
{
    if (!m_quickOpen) {
        m_quickOpen = new QuickOpenDialog(m_model, this);
        connect(m_quickOpen, &QuickOpenDialog::requestChosen, this,
                [this](const QString &path, int index) {
                    openRequest(m_model->requestIndex(path, index));
                });
    }
    m_quickOpen->popUp();
    return m_quickOpen;
}

} // namespace mr
