#include "mainwindow.h"

#include "connectionsdock.h"
#include "connectionsview.h"
#include "cookiemanagerdialog.h"
#include "draftbar.h"
#include "draftkeeper.h"
#include "environmentdialog.h"
#include "hintbar.h"
#include "history/historystore.h"
#include "historyactions.h"
#include "historypanel.h"
#include "importexportactions.h"
#include "net/cookiejar.h"
#include "net/httpclient.h"
#include "quickopendialog.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "responseview.h"
#include "runcomparisonpanel.h"
#include "settings/usersettings.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "tabsender.h"
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
#include "workspacetrustprompt.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace mr {

MainWindow::MainWindow(HttpClient *client, WorkspaceSession *session, QSettings *settings,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_sender(new RequestSender(client, this))
    , m_session(session)
    , m_model(session->model())
    , m_settings(settings)
    , m_panel(new WorkspacePanel(session->model(), this))
    , m_tabs(new RequestTabs(session, settings, this))
    , m_environment(new QComboBox(this))
    , m_draftBar(new DraftBar(this))
    , m_drafts(new DraftKeeper(m_tabs, session->model(), m_draftBar, this))
    , m_importExport(new ImportExportActions(session, m_tabs, this))
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

    connect(m_tabs, &RequestTabs::tabCreated, this, &MainWindow::wireTab);
    connect(m_tabs, &RequestTabs::message, this, &MainWindow::showMessage);
    connect(m_tabs, &RequestTabs::savedInto, m_panel, &WorkspacePanel::select);
    connect(m_drafts, &DraftKeeper::message, this, &MainWindow::showMessage);
    connect(m_importExport, &ImportExportActions::message, this, &MainWindow::showMessage);
    m_importExport->setEnvironmentProvider([this] { return currentEnvironment(); });
    m_importExport->setExpanderProvider([this] { return currentExpander(); });
    m_tabSender = new TabSender(
        m_sender, m_tabs, m_model,
        {[this] { return currentExpander(); }, [this] { return currentEnvironment(); },
         [this](const RequestDefinition &request) { return secretsFor(request); }},
        this);
    connect(m_tabSender, &TabSender::message, this, &MainWindow::showMessage);
    // A named response may have changed what {{name.response…}} stands for in the open tab.
    connect(m_tabSender, &TabSender::exchangeFinished, this, [this] {
        if (RequestTab *current = currentTab())
            current->editor()->setVariables(currentExpander());
    });
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
            [this](const QString &text) { showMessage(text, 10000); });
    connect(m_model, &WorkspaceModel::editFailed, this,
            [this](const QString &text) { showMessage(text, 10000); });
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
    m_trustPrompt = new WorkspaceTrustPrompt(m_session, m_trustBar, this);
    connect(m_trustPrompt, &WorkspaceTrustPrompt::message, this, &MainWindow::showMessage);
    connect(m_panel, &WorkspacePanel::requestActivated, this, &MainWindow::openRequest);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, right](int index) {
        right->setCurrentIndex(index < 0 ? 0 : 1);
        if (RequestTab *tab = currentTab()) {
            const QModelIndex source = m_model->requestIndex(tab->filePath(), tab->requestIndex());
            if (source.isValid())
                m_panel->select(source);
        }
        // Kept as it changes, so a crash or a kill still brings the tabs back.
        if (!m_tabs->isInFlux())
            rememberWindow();
    });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &MainWindow::cancel);
    connect(m_session, &WorkspaceSession::opened, this, [this](const QString &root) {
        RecentWorkspaces(m_settings).add(root);
        fillRecentMenu();
        setWindowTitle(tr("%1 — Microrequests").arg(QFileInfo(root).fileName()));
        showMessage(tr("Workspace: %1").arg(QDir::toNativeSeparators(root)));
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
        refreshVariables();
    });
    connect(m_session, &WorkspaceSession::message, this,
            [this](const QString &text) { showMessage(text, 8000); });
    resize(1280, 800);
    // Where the window was, how it was split: as the user left it.
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    splitter->restoreState(m_settings->value(QStringLiteral("window/mainSplitter")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::showMessage(const QString &text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::wireTab(RequestTab *tab)
{
    connect(tab->editor(), &RequestEditor::curlEntered, m_importExport,
            &ImportExportActions::pasteCurl);
    connect(tab->editor(), &RequestEditor::sendRequested, this, &MainWindow::send);
    connect(tab->editor(), &RequestEditor::cancelRequested, this, &MainWindow::cancel);
    connect(tab->response(), &ResponseView::copyAsCurlRequested, m_importExport,
            [this] { m_importExport->copyAsCurl(); });
}

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
    return m_trustPrompt->show();
}

WorkspaceTrustDialog *MainWindow::trustDialog() const
{
    return m_trustPrompt->dialog();
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
        showMessage(tr("Open a workspace to edit its environments"), 5000);
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
        showMessage(tr("Saved the environments"), 5000);
    });
    m_environmentDialog = dialog;
    dialog->open();
    return dialog;
}

RequestTab *MainWindow::currentTab() const
{
    return m_tabs->current();
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
    if (m_tabs->open(sourceIndex))
        m_panel->select(sourceIndex);
}

void MainWindow::rememberWindow()
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState());
    m_settings->setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    m_tabs->rememberLayout();
    const QString root = m_session->root();
    if (root.isEmpty())
        return;
    OpenTabs open = m_tabs->openTabs();
    open.environment = currentEnvironment();
    OpenTabs::save(*m_settings, root, open);
}

bool MainWindow::restoreTabs()
{
    const OpenTabs open = OpenTabs::load(*m_settings, m_session->root());
    if (!open.environment.isEmpty() && m_environment->findData(open.environment) >= 0)
        m_environment->setCurrentIndex(m_environment->findData(open.environment));
    const bool restored = m_tabs->restore(open);
    rememberWindow();
    return restored;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    rememberWindow();
    if (m_tabs->closeAll())
        event->accept();
    else
        event->ignore();
}

bool MainWindow::openWorkspace(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        showMessage(tr("%1 is not there any more.").arg(QDir::toNativeSeparators(path)), 10000);
        RecentWorkspaces(m_settings).remove(path);
        fillRecentMenu();
        return false;
    }
    rememberWindow();
    if (!m_tabs->closeAll())
        return false;
    QString error;
    if (!m_session->open(path, &error)) {
        showMessage(error, 10000);
        return false;
    }
    refreshEnvironments(QString());
    m_drafts->offer();
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
    QAction *save = file->addAction(tr("&Save Request"), this, [this] { m_tabs->saveCurrent(); });
    save->setShortcut(QKeySequence::Save);
    save->setObjectName(QStringLiteral("saveAction"));
    QAction *close = file->addAction(tr("&Close Tab"), this, [this] {
        if (m_tabs->currentIndex() >= 0)
            m_tabs->closeTab(m_tabs->currentIndex());
    });
    close->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction *import =
        file->addAction(tr("&Import…"), m_importExport, &ImportExportActions::chooseAndImport);
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setObjectName(QStringLiteral("importAction"));
    QAction *quickOpen = file->addAction(tr("&Quick Open…"), this, [this] { showQuickOpen(); });
    quickOpen->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    quickOpen->setObjectName(QStringLiteral("quickOpenAction"));
    QMenu *exportMenu = file->addMenu(tr("E&xport"));
    QAction *exportPostman =
        exportMenu->addAction(tr("Workspace as &Postman Collection…"), m_importExport,
                              &ImportExportActions::chooseAndExportPostman);
    exportPostman->setObjectName(QStringLiteral("exportPostmanAction"));
    exportMenu->addAction(tr("Request as &curl (to the Clipboard)"), this,
                          [this] { m_importExport->copyAsCurl(); });
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
    QAction *copy =
        request->addAction(tr("&Copy as curl"), this, [this] { m_importExport->copyAsCurl(); });
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copy->setObjectName(QStringLiteral("copyAsCurlAction"));
    QAction *paste = request->addAction(tr("&Paste curl command"), this, [this] {
        m_importExport->pasteCurl(QApplication::clipboard()->text());
    });
    paste->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    request->addSeparator();
    QAction *runRequest = request->addAction(tr("&Run in Connections View"), m_connectionsDock,
                                             &ConnectionsDock::runOpenRequest);
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
        showMessage(error, 10000);
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
        showMessage(tr("Settings saved"), 4000);
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

void MainWindow::send()
{
    m_tabSender->send();
}

void MainWindow::cancel()
{
    m_tabSender->cancel();
}

// The Connections view: a log of every exchange of the session, in a dock below the tabs.

void MainWindow::buildConnectionsDock()
{
    m_connectionsDock = new ConnectionsDock(m_client, m_session, this);
    ConnectionsView *view = m_connectionsDock->view();
    // Its HAR exports hold exchanges of many requests: the environment's secrets, the rules.
    view->setSecretsProvider([this] { return secretsFor(RequestDefinition()); });
    connect(view, &ConnectionsView::exchangeActivated, this, &MainWindow::openExchange);
    addDockWidget(Qt::BottomDockWidgetArea, m_connectionsDock);
    m_connectionsDock->hide(); // until View ▸ Connections (the window remembers it after)

    // Runs send what the window would: its environment, and the variables above it.
    view->runsPanel()->setContextProvider([this] {
        return RunComparisonPanel::Context{
            currentEnvironment(), m_overrides,
            m_tabSender->allowedOutsideFiles(m_model->workspace().root())};
    });
    m_connectionsDock->setOpenRequestProvider([this] {
        const RequestTab *tab = currentTab();
        return tab ? ConnectionsDock::OpenRequest{tab->filePath(), tab->requestIndex()}
                   : ConnectionsDock::OpenRequest();
    });
    connect(m_tabs, &QTabWidget::currentChanged, m_connectionsDock,
            &ConnectionsDock::updateRunTargets);
    connect(m_treeActions, &WorkspaceTreeActions::runRequested, m_connectionsDock,
            &ConnectionsDock::runTarget);
}

ConnectionsView *MainWindow::connectionsView() const
{
    return m_connectionsDock->view();
}

void MainWindow::openExchange(const Exchange &exchange)
{
    HistoryEntry entry; // what the history does for a stored exchange, for a live one
    entry.exchange = exchange;
    const Attempt *last = exchange.finalAttempt();
    RequestTab *tab = m_tabs->addUnsaved(entry.requestDefinition(), QString(),
                                         last && !last->connectionId.isEmpty()
                                             ? tr("Connections · %1").arg(last->connectionId)
                                             : tr("Connections"));
    tab->response()->showExchange(exchange);
}

// History: recording happens in send(); these open, re-send and save its entries.

void MainWindow::setHistory(HistoryStore *store)
{
    if (m_historyPanel || !store)
        return;
    m_tabSender->setHistory(store);
    m_historyPanel = new HistoryPanel(store, m_sidebar);
    m_sidebar->addTab(m_historyPanel, tr("History"));
    m_historyActions = new HistoryActions(store, m_tabs, m_model, this);
    connect(m_historyActions, &HistoryActions::message, this, &MainWindow::showMessage);
    connect(m_historyActions, &HistoryActions::sendRequested, this, &MainWindow::send);
    connect(m_historyPanel, &HistoryPanel::openRequested, m_historyActions, &HistoryActions::open);
    connect(m_historyPanel, &HistoryPanel::resendRequested, m_historyActions,
            &HistoryActions::resend);
    connect(m_historyPanel, &HistoryPanel::saveRequested, m_historyActions, &HistoryActions::save);
    QAction *show = m_viewMenu->addAction(tr("&History"), this, [this] {
        m_sidebar->setCurrentWidget(m_historyPanel);
        m_historyPanel->view()->setFocus();
    });
    show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    show->setObjectName(QStringLiteral("historyAction"));
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
