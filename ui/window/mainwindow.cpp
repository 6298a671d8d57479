#include "mainwindow.h"

#include "connections/connectionlog.h"
#include "connectionsview.h"
#include "cookiemanagerdialog.h"
#include "draftbar.h"
#include "environmentdialog.h"
#include "formats/collectionimporter.h"
#include "formats/collectionwriter.h"
#include "formats/curlexporter.h"
#include "formats/curlimporter.h"
#include "formats/postmanexporter.h"
#include "hintbar.h"
#include "history/historystore.h"
#include "historypanel.h"
#include "net/cookiejar.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "outsidefilesdialog.h"
#include "quickopendialog.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "responseview.h"
#include "runcomparisonpanel.h"
#include "settings/usersettings.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "workspace/demoworkspace.h"
#include "workspace/httpfilewriter.h"
#include "workspace/opentabs.h"
#include "workspace/recentworkspaces.h"
#include "workspace/requestresolver.h"
#include "workspace/secretredactor.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"
#include "workspacepanel.h"
#include "workspacetreeactions.h"
#include "workspacetrustbar.h"
#include "workspacetrustdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QScopedValueRollback>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

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
    , m_sender(new RequestSender(client, this))
    , m_session(session)
    , m_model(session->model())
    , m_settings(settings)
    , m_panel(new WorkspacePanel(session->model(), this))
    , m_tabs(new QTabWidget(this))
    , m_environment(new QComboBox(this))
    , m_closeQuestion([this](const QString &what) { return askWithDialog(this, what); })
    , m_draftTimer(new QTimer(this))
    , m_draftBar(new DraftBar(this))
    , m_trustBar(new WorkspaceTrustBar(this))
    , m_sidebar(new QTabWidget(this))
{
    // The answers to "trust this workspace?" are the user's, kept with their settings.
    m_session->setTrustSettings(m_settings);
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
    m_mainSplitter = splitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setDocumentMode(true);
    m_sidebar->setTabBarAutoHide(true); // one tab (no history): no tab bar
    m_sidebar->addTab(m_panel, tr("Requests"));
    splitter->addWidget(m_sidebar);
    // The first start's hint and the offer of last time's unsaved edits sit above the tabs.
    auto *rightSide = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(rightSide);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_hintBar = new HintBar(this);
    rightLayout->addWidget(m_hintBar);
    rightLayout->addWidget(m_trustBar);
    rightLayout->addWidget(m_draftBar);
    rightLayout->addWidget(right, 1);
    splitter->addWidget(rightSide);
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
    buildConnectionsDock();
    buildMenus();
    // The tree's commands in the menu bar too (their keys work while the tree has focus).
    auto *workspaceMenu = new QMenu(tr("&Workspace"), this);
    workspaceMenu->addActions({m_treeActions->newRequestAction(), m_treeActions->newFileAction(),
                               m_treeActions->newFolderAction()});
    workspaceMenu->addSeparator();
    workspaceMenu->addActions({m_treeActions->renameAction(), m_treeActions->duplicateAction(),
                               m_treeActions->deleteAction()});
    menuBar()->insertMenu(menuBar()->actions().value(1), workspaceMenu);
    // Edits are kept a moment after typing pauses, so a crash loses at most that moment.
    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(400);
    connect(m_draftTimer, &QTimer::timeout, this, &MainWindow::writeDrafts);
    connect(m_draftBar, &DraftBar::restoreClicked, this, &MainWindow::restoreDrafts);
    connect(m_draftBar, &DraftBar::discardClicked, this, &MainWindow::discardDrafts);
    connect(m_trustBar, &WorkspaceTrustBar::reviewClicked, this, [this] { showTrustDialog(); });
    connect(m_session, &WorkspaceSession::trustChanged, this, &MainWindow::updateTrust);
    connect(m_panel, &WorkspacePanel::requestActivated, this, &MainWindow::openRequest);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, right](int index) {
        right->setCurrentIndex(index < 0 ? 0 : 1);
        if (RequestTab *tab = currentTab()) {
            const QModelIndex source = m_model->requestIndex(tab->filePath(), tab->requestIndex());
            if (source.isValid())
                m_panel->select(source);
        }
        // Kept as it changes, so a crash or a kill still brings the tabs back.
        if (!m_tabsInFlux)
            rememberWindow();
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
    // Its SSLConfiguration (in a trusted workspace) goes with the environment.
    connect(m_environment, &QComboBox::currentIndexChanged, this,
            [this] { m_session->setEnvironment(currentEnvironment()); });
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
    // Where the window was, how it was split: as the user left it.
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    splitter->restoreState(m_settings->value(QStringLiteral("window/mainSplitter")).toByteArray());
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

WorkspaceTrustDialog *MainWindow::showTrustDialog()
{
    if (m_trustDialog) {
        m_trustDialog->raise();
        m_trustDialog->activateWindow();
        return m_trustDialog;
    }
    if (m_session->trust().isEmpty())
        return nullptr;
    auto *dialog = new WorkspaceTrustDialog(m_session->root(), m_session->trust(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The answer is for what the dialog lists: not for another workspace opened meanwhile,
    // nor for files that changed under it (updateTrust() asks about those again).
    const QString asked = trustKey();
    connect(dialog, &WorkspaceTrustDialog::answered, this, [this, asked](bool trusted) {
        if (trustKey() != asked)
            return;
        m_session->setTrusted(trusted);
        statusBar()->showMessage(trusted ? tr("Trusted this workspace: its settings apply")
                                         : tr("Not trusting this workspace: its proxy and TLS "
                                              "settings are not applied"),
                                 8000);
    });
    m_trustDialog = dialog;
    m_trustDialogKey = asked;
    dialog->open();
    return dialog;
}

WorkspaceTrustDialog *MainWindow::trustDialog() const
{
    return m_trustDialog;
}

QString MainWindow::trustKey() const
{
    return m_session->root() + QLatin1Char('\n') + QString::fromLatin1(m_session->trust().digest());
}

void MainWindow::updateTrust()
{
    m_trustBar->showFor(m_session->trust(), m_session->isTrusted());
    // An open dialog listing another workspace's settings, or what the files held before.
    if (m_trustDialog && m_trustDialogKey != trustKey()) {
        m_trustDialog->close();
        m_trustDialog = nullptr;
    }
    if (m_session->isTrustUndecided())
        showTrustDialog();
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
        // The user's own edit: it does not make a trusted workspace ask again.
        m_session->reloadAfterOwnEdit();
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
    addRequestTab(file->path, requestIndex, *request);
    m_panel->select(sourceIndex);
}

RequestTab *MainWindow::addRequestTab(const QString &filePath, int requestIndex,
                                      const RequestDefinition &request)
{
    RequestTab *tab = newRequestTab();
    const QString relative = QDir(m_model->workspace().root()).relativeFilePath(filePath);
    tab->setSaved(filePath, requestIndex, request,
                  QStringLiteral("%1:%2").arg(relative).arg(request.requestLine));
    m_tabs->setCurrentIndex(m_tabs->addTab(tab, QString()));
    updateTabText(tab);
    return tab;
}

RequestTab *MainWindow::newRequestTab()
{
    auto *tab = new RequestTab(m_tabs);
    if (auto *split = tab->findChild<QSplitter *>(QStringLiteral("requestResponseSplitter")))
        split->restoreState(
            m_settings->value(QStringLiteral("window/requestSplitter")).toByteArray());
    connect(tab->editor(), &RequestEditor::curlEntered, this, &MainWindow::pasteCurl);
    connect(tab->editor(), &RequestEditor::sendRequested, this, &MainWindow::send);
    connect(tab->editor(), &RequestEditor::cancelRequested, this, &MainWindow::cancel);
    connect(tab->response(), &ResponseView::copyAsCurlRequested, this, [this] { copyAsCurl(); });
    connect(tab, &RequestTab::modifiedChanged, this, [this, tab](bool modified) {
        updateTabText(tab);
        if (!modified) // saved, or edited back: no draft to keep for it
            writeDrafts();
    });
    connect(tab->editor(), &RequestEditor::edited, this, [this, tab] {
        updateTabText(tab);
        m_draftTimer->start();
    });
    return tab;
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
    if (tab->filePath().isEmpty()) // from the history: it goes into the workspace
        return saveUnsavedTab(tab);
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
    writeDrafts(); // its edits were saved or thrown away
    return true;
}

bool MainWindow::closeAllTabs()
{
    const QScopedValueRollback<bool> inFlux(m_tabsInFlux, true);
    while (m_tabs->count() > 0) {
        if (!closeTab(m_tabs->count() - 1))
            return false;
    }
    return true;
}

void MainWindow::rememberWindow()
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState());
    m_settings->setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    if (RequestTab *tab = currentTab()) {
        if (auto *split = tab->findChild<QSplitter *>(QStringLiteral("requestResponseSplitter")))
            m_settings->setValue(QStringLiteral("window/requestSplitter"), split->saveState());
    }
    const QString root = m_session->root();
    if (root.isEmpty())
        return;
    OpenTabs open;
    const QDir dir(root);
    for (int i = 0; i < m_tabs->count(); ++i) {
        const auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(i));
        if (!tab || tab->filePath().isEmpty())
            continue;
        if (i == m_tabs->currentIndex())
            open.current = int(open.tabs.size());
        open.tabs.append(
            {dir.relativeFilePath(tab->filePath()), tab->requestIndex(), tab->saved().name});
    }
    open.environment = currentEnvironment();
    OpenTabs::save(*m_settings, root, open);
}

bool MainWindow::restoreTabs()
{
    const QString root = m_session->root();
    const OpenTabs open = OpenTabs::load(*m_settings, root);
    if (!open.environment.isEmpty() && m_environment->findData(open.environment) >= 0)
        m_environment->setCurrentIndex(m_environment->findData(open.environment));
    int current = -1;
    QScopedValueRollback<bool> inFlux(m_tabsInFlux, true);
    for (int i = 0; i < open.tabs.size(); ++i) {
        const OpenTabs::Tab &tab = open.tabs.at(i);
        const QString path = QDir(root).absoluteFilePath(tab.file);
        const HttpFile *file = m_model->workspace().file(path);
        if (!file)
            continue;
        int index = tab.index;
        // Requests added or removed above it: find it by its name.
        if (index < 0 || index >= file->requests.size() ||
            file->requests.at(index).name != tab.name) {
            index = -1;
            for (int r = 0; r < file->requests.size() && !tab.name.isEmpty(); ++r) {
                if (file->requests.at(r).name == tab.name)
                    index = r;
            }
        }
        const QModelIndex source = m_model->requestIndex(path, index);
        if (!source.isValid())
            continue;
        openRequest(source);
        if (i == open.current)
            current = m_tabs->currentIndex();
    }
    if (current >= 0)
        m_tabs->setCurrentIndex(current);
    m_tabsInFlux = false;
    rememberWindow();
    return m_tabs->count() > 0;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    rememberWindow();
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
    rememberWindow();
    if (!closeAllTabs())
        return false;
    QString error;
    if (!m_session->open(path, &error)) {
        statusBar()->showMessage(error, 10000);
        return false;
    }
    refreshEnvironments(QString());
    offerDrafts();
    // The tabs open when this workspace was last closed; a .http file given to open wins.
    if (m_session->focusFile().isEmpty() && restoreTabs()) {
        if (RequestEditor *editor = requestEditor())
            editor->urlEdit()->setFocus();
        return true;
    }
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
    QAction *clear = m_recentMenu->addAction(tr("&Clear the List"), this, [this] {
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
    QMenu *exportMenu = file->addMenu(tr("E&xport"));
    QAction *exportPostman = exportMenu->addAction(tr("Workspace as &Postman Collection…"), this,
                                                   &MainWindow::chooseAndExportPostman);
    exportPostman->setObjectName(QStringLiteral("exportPostmanAction"));
    exportMenu->addAction(tr("Request as &curl (to the Clipboard)"), this,
                          [this] { copyAsCurl(); });
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
    request->addSeparator();
    QAction *runRequest = request->addAction(tr("&Run in Connections View"), this, [this] {
        updateRunTargets();
        // The open request, else the workspace.
        RunComparisonPanel *runs = m_connectionsView->runsPanel();
        const RequestTab *tab = currentTab();
        const QModelIndex source =
            tab ? m_model->requestIndex(tab->filePath(), tab->requestIndex()) : QModelIndex();
        const RequestDefinition *openRequest = m_model->request(source);
        if (!openRequest ||
            !runs->selectTarget(
                QStringLiteral("%1:%2").arg(tab->filePath()).arg(openRequest->requestLine)))
            runs->selectTarget(m_session->root());
        m_connectionsDock->show();
        m_connectionsDock->raise();
        m_connectionsView->showRuns();
    });
    runRequest->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    runRequest->setObjectName(QStringLiteral("runInConnectionsAction"));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    QAction *next = view->addAction(tr("&Next Tab"), this, [this] {
        if (m_tabs->count() > 0)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
    });
    next->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    next->setObjectName(QStringLiteral("nextTabAction"));
    QAction *previous = view->addAction(tr("&Previous Tab"), this, [this] {
        if (m_tabs->count() > 0)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) %
                                    m_tabs->count());
    });
    previous->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab),
                            QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    QAction *url = view->addAction(tr("Go to &URL"), this, [this] {
        if (RequestEditor *editor = requestEditor()) {
            editor->urlEdit()->setFocus();
            editor->urlEdit()->selectAll();
        }
    });
    url->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction *filter = view->addAction(tr("&Filter Requests"), this, [this] {
        m_panel->filter()->setFocus();
        m_panel->filter()->selectAll();
    });
    filter->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    QAction *environment = view->addAction(tr("Choose &Environment"), this, [this] {
        m_environment->setFocus();
        m_environment->showPopup();
    });
    environment->setShortcut(QKeySequence(Qt::ALT | Qt::Key_E));
    view->addSeparator();
    QAction *connections = m_connectionsDock->toggleViewAction();
    connections->setText(tr("&Connections"));
    connections->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connections->setObjectName(QStringLiteral("connectionsAction"));
    view->addAction(connections);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *cookies = tools->addAction(tr("&Cookies…"), this, [this] { showCookieManager(); });
    cookies->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    cookies->setObjectName(QStringLiteral("cookiesAction"));
    QAction *settings = tools->addAction(tr("&Settings…"), this, [this] { showSettingsDialog(); });
    settings->setShortcuts({QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    settings->setObjectName(QStringLiteral("settingsAction"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        auto *dialog = new ShortcutsDialog(menuBar(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    keys->setShortcut(QKeySequence::HelpContents);
    keys->setObjectName(QStringLiteral("shortcutsAction"));
    help->addAction(tr("Open the &Demo Workspace"), this, [this] { openDemoWorkspace(); });
}

bool MainWindow::openDemoWorkspace()
{
    const QString folder = DemoWorkspace::defaultFolder();
    QString error;
    if (!DemoWorkspace::install(folder, &error)) {
        statusBar()->showMessage(error, 10000);
        return false;
    }
    return openWorkspace(folder);
}

void MainWindow::showHint(const QString &text)
{
    m_hintBar->showHint(text);
}

CookieManagerDialog *MainWindow::showCookieManager()
{
    if (!m_cookieManager) {
        auto *jar = qobject_cast<CookieJar *>(m_client->cookieJar());
        if (!jar) { // a client set up without ours: give it one, kept in memory only
            jar = new CookieJar;
            m_client->setCookieJar(jar);
        }
        m_cookieManager = new CookieManagerDialog(jar, this);
        m_cookieManager->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_cookieManager->show();
    m_cookieManager->raise();
    m_cookieManager->activateWindow();
    return m_cookieManager;
}

SettingsDialog *MainWindow::showSettingsDialog()
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        return m_settingsDialog;
    }
    m_settingsDialog = new SettingsDialog(m_session->settings(), m_model->workspace(), this);
    m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_settingsDialog, &QDialog::accepted, this, [this] {
        const QVariantMap values = m_settingsDialog->userValues();
        UserSettings::save(*m_settings, values);
        m_session->setUserSettings(values);
        statusBar()->showMessage(tr("Settings saved"), 4000);
    });
    m_settingsDialog->open();
    return m_settingsDialog;
}

SecretRedactor MainWindow::secretsFor(const RequestDefinition &request) const
{
    if (!HistoryStore::redactsSecrets(*m_settings))
        return SecretRedactor::disabled();
    return SecretRedactor::forRequest(request, currentExpander(),
                                      m_model->workspace().environments(), currentEnvironment());
}

VariableExpander MainWindow::currentExpander() const
{
    const RequestTab *tab = currentTab();
    const HttpFile *file = tab ? m_model->workspace().file(tab->sourceFile()) : nullptr;
    const HttpFile noFile;
    VariableExpander expander =
        m_model->workspace().expander(file ? *file : noFile, currentEnvironment(), m_overrides);
    expander.setNamedResponses(m_sender->namedResponses());
    return expander;
}

void MainWindow::setDataFolder(const QString &folder)
{
    m_dataFolder = folder;
    offerDrafts();
}

QString MainWindow::draftsPath() const
{
    const QString root = m_model->workspace().root();
    if (m_dataFolder.isEmpty() || root.isEmpty())
        return {};
    return DraftStore::pathFor(m_dataFolder, root);
}

void MainWindow::writeDrafts()
{
    m_draftTimer->stop();
    const QString path = draftsPath();
    if (path.isEmpty())
        return;
    QList<DraftStore::Draft> drafts = m_offeredDrafts; // not answered yet: still kept
    for (int i = 0; i < m_tabs->count(); ++i) {
        const auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(i));
        if (tab->isModified())
            drafts.append(
                {tab->filePath(), tab->requestIndex(), tab->saved(), tab->editor()->request()});
    }
    QString error;
    if (!DraftStore(path).save(drafts, &error))
        statusBar()->showMessage(error, 10000);
}

void MainWindow::offerDrafts()
{
    m_offeredDrafts.clear();
    const QString path = draftsPath();
    QString error;
    if (!path.isEmpty())
        m_offeredDrafts = DraftStore(path).load(&error);
    m_draftBar->offer(int(m_offeredDrafts.size()));
    if (!error.isEmpty())
        m_draftBar->tell(error);
}

void MainWindow::restoreDrafts()
{
    const QList<DraftStore::Draft> drafts = m_offeredDrafts;
    m_offeredDrafts.clear();
    QStringList moved;
    QStringList busy;
    const QDir root(m_model->workspace().root());
    for (const DraftStore::Draft &draft : drafts) {
        // Where the request is now. If its file changed, the edits still come back on the
        // request as it was, so saving says it no longer finds it instead of overwriting.
        const HttpFile *file = m_model->workspace().file(draft.filePath);
        const int located = file ? file->locate(draft.original, draft.requestIndex) : -1;
        const int index = located >= 0 ? located : draft.requestIndex;
        RequestTab *tab = nullptr;
        for (int i = 0; i < m_tabs->count() && !tab; ++i) {
            auto *open = qobject_cast<RequestTab *>(m_tabs->widget(i));
            if (open->filePath() == draft.filePath && open->requestIndex() == index)
                tab = open;
        }
        if (tab && tab->isModified()) { // edited again meanwhile: never overwrite that
            m_offeredDrafts.append(draft);
            busy.append(tab->title());
            continue;
        }
        if (located < 0)
            moved.append(QDir::toNativeSeparators(root.relativeFilePath(draft.filePath)));
        if (tab)
            tab->setSaved(draft.filePath, index, draft.original,
                          QStringLiteral("%1:%2")
                              .arg(root.relativeFilePath(draft.filePath))
                              .arg(draft.original.requestLine));
        else
            tab = addRequestTab(draft.filePath, index, draft.original);
        m_tabs->setCurrentWidget(tab);
        tab->takeEdits(draft.edited);
        updateTabText(tab);
    }
    m_draftBar->offer(int(m_offeredDrafts.size()));
    writeDrafts();
    QStringList notes;
    if (!moved.isEmpty())
        notes.append(tr("%1 changed since; saving will not overwrite those changes")
                         .arg(moved.join(QStringLiteral(", "))));
    if (!busy.isEmpty())
        notes.append(tr("%1 has new edits: save or discard them, then restore again")
                         .arg(busy.join(QStringLiteral(", "))));
    statusBar()->showMessage(notes.isEmpty() ? tr("Restored the unsaved edits")
                                             : notes.join(QStringLiteral("; ")),
                             10000);
}

void MainWindow::discardDrafts()
{
    m_offeredDrafts.clear();
    m_draftBar->offer(0);
    writeDrafts();
}

QString MainWindow::currentFolder() const
{
    const RequestTab *tab = currentTab();
    return tab && !tab->sourceFile().isEmpty() ? QFileInfo(tab->sourceFile()).absolutePath()
                                               : m_model->workspace().root();
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

void MainWindow::chooseAndExportPostman()
{
    const QString root = m_model->workspace().root();
    if (root.isEmpty()) {
        statusBar()->showMessage(tr("Open a workspace to export it"), 5000);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export as a Postman collection"),
        QDir::home().filePath(QDir(root).dirName() + QStringLiteral(".postman_collection.json")),
        tr("Postman collections (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    const QString summary = exportPostman(path, &error);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export"), error);
    else
        statusBar()->showMessage(summary, 10000);
}

QString MainWindow::exportPostman(const QString &path, QString *error)
{
    const Workspace &workspace = m_model->workspace();
    const PostmanExporter::Result result =
        PostmanExporter::collection(workspace, workspace.files(), workspace.root(),
                                    QDir(workspace.root()).dirName(), currentEnvironment());
    if (result.requests == 0) {
        *error = tr("The workspace has no requests to export.");
        return {};
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(result.json) != result.json.size() ||
        !file.commit()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return {};
    }
    QString summary = tr("Exported %n request(s) to %1", nullptr, result.requests)
                          .arg(QDir::toNativeSeparators(path));
    if (!result.problems.isEmpty())
        summary += tr("; not carried over: %1").arg(result.problems.join(QStringLiteral("; ")));
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
    const RequestDefinition request = tab->editor()->request();
    RequestSender::Context context;
    context.expander = currentExpander();
    context.files = currentFileAccess();
    context.file = tab->sourceFile();
    const RequestSender::Sending sent = m_sender->send(request, context, tab);
    const RequestResolver::Result &resolved = sent.resolved;
    if (sent.needsConsent()) {
        askToSendOutsideFiles(tab, request, resolved);
        return;
    }
    if (!sent.sent()) {
        tab->response()->showError(sent.error,
                                   resolved.reasons.isEmpty()
                                       ? QString()
                                       : tr("Send the requests they name first, or correct them."));
        return;
    }
    QString sending = QString::fromLatin1(resolved.request.method) + QLatin1Char(' ') +
                      resolved.request.url.toString();
    if (!resolved.bodyFiles.isEmpty()) // "body: 3 files, 120.0 MB", known before it is read
        sending += QStringLiteral(" · ") + resolved.bodySummary();
    tab->response()->showSending(sending);
    // What the history keeps about where it came from, and the secrets it masks, as they are
    // now (not when it ends). "# @no-log" keeps the exchange out of the history.
    const bool logged = m_history && !request.hasDirective(QStringLiteral("no-log"));
    HistorySource source;
    SecretRedactor secrets;
    if (logged) {
        source = {tab->sourceFile(), request.name, currentEnvironment(),
                  QString::fromUtf8(HttpFileWriter::renderBlock(request, QByteArray(), "\n"))};
        secrets = secretsFor(request);
    }
    ExchangeJob *job = sent.job;
    tab->setJob(job);
    // The sender remembered a named exchange before this: other requests' {{name.response…}}
    // stand for it when their highlighting is refreshed below.
    connect(job, &ExchangeJob::finished, tab, [this, tab, job, logged, source, secrets] {
        tab->response()->showExchange(job->exchange());
        tab->setJob(nullptr);
        QString error;
        if (logged && m_history && m_history->record(job->exchange(), source, secrets, &error) < 0)
            statusBar()->showMessage(tr("Not kept in the history: %1").arg(error), 10000);
        job->deleteLater();
        if (RequestTab *current = currentTab())
            current->editor()->setVariables(currentExpander());
    });
}

RequestResolver::FileAccess MainWindow::currentFileAccess() const
{
    RequestResolver::FileAccess files;
    files.baseFolder = currentFolder();
    files.workspaceRoot = m_model->workspace().root();
    files.allowedOutside = m_allowedOutsideFiles.value(files.workspaceRoot).values();
    return files;
}

void MainWindow::askToSendOutsideFiles(RequestTab *tab, const RequestDefinition &request,
                                       const RequestResolver::Result &resolved)
{
    const QString root = m_model->workspace().root();
    const QSet<QString> allowed = m_allowedOutsideFiles.value(root);
    QList<RequestResolver::BodyFile> asked;
    for (const RequestResolver::BodyFile &file : resolved.outsideFiles()) {
        if (!allowed.contains(file.path))
            asked.append(file);
    }
    auto *dialog =
        new OutsideFilesDialog(request.displayName(), root, asked, resolved.bodySummary(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<RequestTab> target(tab);
    connect(dialog, &QDialog::accepted, this, [this, target, root, asked] {
        // Remembered for this workspace until the window closes.
        for (const RequestResolver::BodyFile &file : asked)
            m_allowedOutsideFiles[root].insert(file.path);
        if (target && currentTab() == target)
            send();
    });
    connect(dialog, &QDialog::rejected, this, [target] {
        if (target)
            target->response()->showError(
                tr("Not sent: the body reads files outside the workspace."),
                tr("Send again and choose Send to allow them."));
    });
    dialog->open();
}

void MainWindow::cancel()
{
    if (RequestTab *tab = currentTab(); tab && tab->job())
        tab->job()->cancel();
}

// The Connections view: a log of every exchange of the session, in a dock below the tabs.

void MainWindow::buildConnectionsDock()
{
    m_connectionLog = new ConnectionLog(this);
    m_connectionLog->attach(m_client);
    m_connectionsView = new ConnectionsView(m_connectionLog, m_client, this);
    // Its HAR exports hold exchanges of many requests: the environment's secrets, the rules.
    m_connectionsView->setSecretsProvider([this] { return secretsFor(RequestDefinition()); });
    connect(m_connectionsView, &ConnectionsView::exchangeActivated, this,
            &MainWindow::openExchange);
    m_connectionsDock = new QDockWidget(tr("Connections"), this);
    m_connectionsDock->setObjectName(QStringLiteral("connectionsDock"));
    m_connectionsDock->setWidget(m_connectionsView);
    addDockWidget(Qt::BottomDockWidgetArea, m_connectionsDock);
    m_connectionsDock->hide(); // until View ▸ Connections (the window remembers it after)

    // Runs send what the window would: its environment, and the variables above it.
    RunComparisonPanel *runs = m_connectionsView->runsPanel();
    runs->setContextProvider([this] {
        return RunComparisonPanel::Context{
            currentEnvironment(), m_overrides,
            m_allowedOutsideFiles.value(m_model->workspace().root()).values()};
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateRunTargets);
    connect(m_session, &WorkspaceSession::opened, this, [this, runs] {
        runs->forgetChosenTargets(); // they were another workspace's
        updateRunTargets();
    });
    connect(m_session, &WorkspaceSession::reloaded, this, &MainWindow::updateRunTargets);
    connect(m_treeActions, &WorkspaceTreeActions::runRequested, this,
            &MainWindow::runInConnectionsView);
}

void MainWindow::updateRunTargets()
{
    QList<QPair<QString, QString>> targets;
    const QString root = m_session->root();
    if (RequestTab *tab = currentTab(); tab && !tab->filePath().isEmpty()) {
        const QModelIndex source = m_model->requestIndex(tab->filePath(), tab->requestIndex());
        const QString relative = QDir(root).relativeFilePath(tab->filePath());
        if (const RequestDefinition *request = m_model->request(source)) {
            targets.append(
                {tr("This request: %1 (%2:%3)")
                     .arg(request->displayName(), relative)
                     .arg(request->requestLine),
                 QStringLiteral("%1:%2").arg(tab->filePath()).arg(request->requestLine)});
        }
        targets.append({tr("This file: %1").arg(relative), tab->filePath()});
    }
    if (!root.isEmpty())
        targets.append({tr("The whole workspace: %1").arg(QDir(root).dirName()), root});
    m_connectionsView->runsPanel()->setSuggestedTargets(targets);
}

void MainWindow::runInConnectionsView(const QString &label, const QString &path)
{
    m_connectionsView->runsPanel()->chooseTarget(label, path);
    m_connectionsDock->show();
    m_connectionsDock->raise();
    m_connectionsView->showRuns();
}

void MainWindow::openExchange(const Exchange &exchange)
{
    HistoryEntry entry; // what the history does for a stored exchange, for a live one
    entry.exchange = exchange;
    RequestTab *tab = newRequestTab();
    const Attempt *last = exchange.finalAttempt();
    tab->setUnsaved(entry.requestDefinition(), QString(),
                    last && !last->connectionId.isEmpty()
                        ? tr("Connections · %1").arg(last->connectionId)
                        : tr("Connections"));
    m_tabs->setCurrentIndex(m_tabs->addTab(tab, QString()));
    updateTabText(tab);
    tab->response()->showExchange(exchange);
}

// History: recording happens in send(); these open, re-send and save its entries.

void MainWindow::setHistory(HistoryStore *store)
{
    if (m_historyPanel || !store)
        return;
    m_history = store;
    m_historyPanel = new HistoryPanel(store, m_sidebar);
    m_sidebar->addTab(m_historyPanel, tr("History"));
    connect(m_historyPanel, &HistoryPanel::openRequested, this, &MainWindow::openHistoryEntry);
    connect(m_historyPanel, &HistoryPanel::resendRequested, this, &MainWindow::resendHistoryEntry);
    connect(m_historyPanel, &HistoryPanel::saveRequested, this, &MainWindow::saveHistoryEntry);
    QAction *show = m_viewMenu->addAction(tr("&History"), this, [this] {
        m_sidebar->setCurrentWidget(m_historyPanel);
        m_historyPanel->view()->setFocus();
    });
    show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    show->setObjectName(QStringLiteral("historyAction"));
}

bool MainWindow::openHistoryEntry(qint64 id)
{
    const std::optional<HistoryEntry> entry = m_history ? m_history->load(id) : std::nullopt;
    if (!entry) {
        statusBar()->showMessage(tr("That history entry is not there any more"), 8000);
        return false;
    }
    // Its file's variables still apply when the file is still in the workspace.
    const QString sourceFile =
        m_model->workspace().file(entry->source.filePath) ? entry->source.filePath : QString();
    RequestTab *tab = newRequestTab();
    tab->setUnsaved(
        entry->requestDefinition(), sourceFile,
        tr("History · %1")
            .arg(QLocale().toString(entry->recordedAt.toLocalTime(), QLocale::ShortFormat)));
    m_tabs->setCurrentIndex(m_tabs->addTab(tab, QString()));
    updateTabText(tab);
    tab->response()->showExchange(entry->exchange);
    if (entry->responseBodyTruncated)
        statusBar()->showMessage(tr("The history kept the first %1 bytes of the %2-byte body")
                                     .arg(entry->exchange.responseBody.size())
                                     .arg(entry->exchange.responseBodySize),
                                 10000);
    return true;
}

bool MainWindow::resendHistoryEntry(qint64 id)
{
    if (!openHistoryEntry(id))
        return false;
    send();
    return true;
}

bool MainWindow::saveHistoryEntry(qint64 id)
{
    return openHistoryEntry(id) && save();
}

bool MainWindow::saveUnsavedTab(RequestTab *tab)
{
    const QString root = m_model->workspace().root();
    if (root.isEmpty()) {
        statusBar()->showMessage(tr("Not saved: open a workspace to save the request into"), 10000);
        return false;
    }
    // Back into the file it was sent from, if it is still there; else history.http.
    const QString target = m_model->workspace().file(tab->sourceFile())
                               ? tab->sourceFile()
                               : QDir(root).filePath(QStringLiteral("history.http"));
    int savedAt = -1;
    QString error;
    if (!m_session->appendRequest(target, tab->editor()->request(), &savedAt, &error)) {
        statusBar()->showMessage(tr("Not saved: %1").arg(error), 10000);
        return false;
    }
    const QString relative = QDir(root).relativeFilePath(target);
    if (const RequestDefinition *request =
            m_model->request(m_model->requestIndex(target, savedAt))) {
        tab->setSaved(target, savedAt, *request,
                      QStringLiteral("%1:%2").arg(relative).arg(request->requestLine));
        updateTabText(tab);
        m_panel->select(m_model->requestIndex(target, savedAt));
    }
    statusBar()->showMessage(tr("Saved into %1").arg(QDir::toNativeSeparators(relative)), 5000);
    return true;
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
