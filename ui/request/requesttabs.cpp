#include "requesttabs.h"

#include "requesteditor.h"
#include "requesttab.h"
#include "workspace/workspacemodel.h"
#include "workspace/workspacesession.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QScopedValueRollback>
#include <QSettings>
#include <QSplitter>
#include <QTabBar>

#include <utility>

namespace mr {

namespace {
RequestTabs::CloseAnswer askWithDialog(QWidget *parent, const QString &what)
{
    const auto button = QMessageBox::question(
        parent, QObject::tr("Unsaved edits"), QObject::tr("Save your edits to %1?").arg(what),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    return button == QMessageBox::Save      ? RequestTabs::CloseAnswer::Save
           : button == QMessageBox::Discard ? RequestTabs::CloseAnswer::Discard
                                            : RequestTabs::CloseAnswer::Cancel;
}

const QString RequestSplitterKey = QStringLiteral("window/requestSplitter");
} // namespace

RequestTabs::RequestTabs(WorkspaceSession *session, QSettings *settings, QWidget *parent)
    : QTabWidget(parent)
    , m_session(session)
    , m_model(session->model())
    , m_settings(settings)
    , m_closeQuestion([this](const QString &what) { return askWithDialog(window(), what); })
{
    setObjectName(QStringLiteral("requestTabs"));
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    setUsesScrollButtons(true);
    tabBar()->setExpanding(false);
    tabBar()->setElideMode(Qt::ElideRight);
    connect(this, &QTabWidget::tabCloseRequested, this, &RequestTabs::closeTab);
    connect(m_session, &WorkspaceSession::relocated, this, &RequestTabs::followRelocations);
    connect(m_session, &WorkspaceSession::reloaded, this, [this] {
        refreshFromDisk();
        followAfterReload();
    });
}

void RequestTabs::rememberLayout()
{
    if (RequestTab *tab = current()) {
        if (auto *split = tab->findChild<QSplitter *>(QStringLiteral("requestResponseSplitter")))
            m_settings->setValue(RequestSplitterKey, split->saveState());
    }
}

RequestTab *RequestTabs::current() const
{
    return qobject_cast<RequestTab *>(currentWidget());
}

RequestTab *RequestTabs::tab(int index) const
{
    return qobject_cast<RequestTab *>(widget(index));
}

RequestTab *RequestTabs::find(const QString &filePath, int requestIndex) const
{
    for (int i = 0; i < count(); ++i) {
        RequestTab *open = tab(i);
        if (open->filePath() == filePath && open->requestIndex() == requestIndex)
            return open;
    }
    return nullptr;
}

RequestTab *RequestTabs::open(const QModelIndex &sourceIndex)
{
    const RequestDefinition *request = m_model->request(sourceIndex);
    const HttpFile *file = m_model->file(sourceIndex);
    if (!request || !file)
        return nullptr;
    const int requestIndex = sourceIndex.data(WorkspaceModel::RequestIndexRole).toInt();
    if (RequestTab *open = find(file->path, requestIndex)) {
        setCurrentWidget(open);
        return open;
    }
    return addSaved(file->path, requestIndex, *request);
}

QString RequestTabs::originOf(const QString &filePath, const RequestDefinition &request) const
{
    return QStringLiteral("%1:%2")
        .arg(QDir(m_model->workspace().root()).relativeFilePath(filePath))
        .arg(request.requestLine);
}

RequestTab *RequestTabs::addSaved(const QString &filePath, int requestIndex,
                                  const RequestDefinition &request)
{
    RequestTab *tab = newTab();
    tab->setSaved(filePath, requestIndex, request, originOf(filePath, request));
    setCurrentIndex(addTab(tab, QString()));
    updateText(tab);
    return tab;
}

RequestTab *RequestTabs::addUnsaved(const RequestDefinition &request, const QString &sourceFile,
                                    const QString &origin)
{
    RequestTab *tab = newTab();
    tab->setUnsaved(request, sourceFile, origin);
    setCurrentIndex(addTab(tab, QString()));
    updateText(tab);
    return tab;
}

RequestTab *RequestTabs::newTab()
{
    auto *tab = new RequestTab(this);
    if (auto *split = tab->findChild<QSplitter *>(QStringLiteral("requestResponseSplitter")))
        split->restoreState(m_settings->value(RequestSplitterKey).toByteArray());
    connect(tab, &RequestTab::modifiedChanged, this, [this, tab](bool modified) {
        updateText(tab);
        Q_EMIT modifiedChanged(tab, modified);
    });
    connect(tab->editor(), &RequestEditor::edited, this, [this, tab] {
        updateText(tab);
        Q_EMIT edited(tab);
    });
    Q_EMIT tabCreated(tab);
    return tab;
}

void RequestTabs::updateText(RequestTab *tab)
{
    const int index = indexOf(tab);
    if (index < 0)
        return;
    // The dot marks edits not yet saved, as editors do.
    setTabText(index, tab->isModified() ? QStringLiteral("\u25CF ") + tab->title() : tab->title());
    setTabToolTip(index, QDir::toNativeSeparators(tab->filePath()));
}

QString RequestTabs::currentFolder() const
{
    const RequestTab *tab = current();
    return tab && !tab->sourceFile().isEmpty() ? QFileInfo(tab->sourceFile()).absolutePath()
                                               : m_model->workspace().root();
}

void RequestTabs::refreshFromDisk()
{
    // Tabs without edits follow their file; tabs with edits keep them (saving will refuse
    // to overwrite what changed on disk, so nothing is lost either way).
    for (int i = 0; i < count(); ++i) {
        RequestTab *open = tab(i);
        if (open->isModified() || open->filePath().isEmpty())
            continue;
        // Moved by requests added or removed above it? Follow it; else what is at its place.
        const HttpFile *file = m_model->workspace().file(open->filePath());
        const int moved = file ? file->locate(open->saved(), open->requestIndex()) : -1;
        const int at = moved >= 0 ? moved : open->requestIndex();
        const RequestDefinition *request =
            m_model->request(m_model->requestIndex(open->filePath(), at));
        if (!request)
            continue;
        open->setSaved(open->filePath(), at, *request, originOf(open->filePath(), *request));
        updateText(open);
    }
}

void RequestTabs::followRelocations(const QList<WorkspaceEditor::Relocation> &relocations)
{
    for (int i = count() - 1; i >= 0; --i) {
        RequestTab *open = tab(i);
        for (const WorkspaceEditor::Relocation &moved : relocations) {
            const bool whole = moved.oldIndex < 0; // a file or folder
            const bool match =
                !moved.oldPath.isEmpty() &&
                (whole
                     ? open->filePath() == moved.oldPath ||
                           open->filePath().startsWith(moved.oldPath + QLatin1Char('/'))
                     : open->filePath() == moved.oldPath && open->requestIndex() == moved.oldIndex);
            if (!match)
                continue;
            if (moved.newPath.isEmpty()) {
                // Gone: a tab without edits closes; one with edits stays (saving it is refused).
                if (!open->isModified())
                    closeTab(i);
            } else if (whole) {
                open->relocate(moved.newPath + open->filePath().mid(moved.oldPath.size()),
                               open->requestIndex());
            } else {
                open->relocate(moved.newPath, moved.newIndex);
            }
            if (!moved.newPath.isEmpty() && open->isModified())
                m_following.append(open);
            break;
        }
    }
}

void RequestTabs::followAfterReload()
{
    // Tabs with edits whose request a tree edit moved or renamed: the edits go along.
    for (const QPointer<RequestTab> &open : std::exchange(m_following, {})) {
        const QModelIndex source =
            open ? m_model->requestIndex(open->filePath(), open->requestIndex()) : QModelIndex();
        if (const RequestDefinition *request = m_model->request(source)) {
            open->follow(*request, originOf(open->filePath(), *request));
            updateText(open);
        }
    }
}

void RequestTabs::commitPendingEdit()
{
    if (QWidget *focus = QApplication::focusWidget())
        focus->clearFocus();
}

bool RequestTabs::saveCurrent()
{
    commitPendingEdit();
    RequestTab *tab = current();
    if (!tab)
        return false;
    if (tab->filePath().isEmpty()) // from the history: it goes into the workspace
        return saveUnsaved(tab);
    QString error;
    const RequestDefinition edited = tab->editor()->request();
    int savedAt = -1;
    if (!m_session->saveRequest(tab->filePath(), tab->requestIndex(), tab->saved(), edited,
                                &savedAt, &error)) {
        Q_EMIT message(tr("Not saved: %1").arg(error), 10000);
        return false;
    }
    // The tab now shows what the file holds (the reload left it alone while it had edits).
    const QModelIndex source = m_model->requestIndex(tab->filePath(), savedAt);
    if (const RequestDefinition *request = m_model->request(source)) {
        tab->setSaved(tab->filePath(), savedAt, *request, originOf(tab->filePath(), *request));
        updateText(tab);
    }
    Q_EMIT message(tr("Saved %1")
                       .arg(QDir::toNativeSeparators(
                           QDir(m_model->workspace().root()).relativeFilePath(tab->filePath()))),
                   5000);
    return true;
}

bool RequestTabs::saveUnsaved(RequestTab *tab)
{
    const QString root = m_model->workspace().root();
    if (root.isEmpty()) {
        Q_EMIT message(tr("Not saved: open a workspace to save the request into"), 10000);
        return false;
    }
    // Back into the file it was sent from, if it is still there; else history.http.
    const QString target = m_model->workspace().file(tab->sourceFile())
                               ? tab->sourceFile()
                               : QDir(root).filePath(QStringLiteral("history.http"));
    int savedAt = -1;
    QString error;
    if (!m_session->appendRequest(target, tab->editor()->request(), &savedAt, &error)) {
        Q_EMIT message(tr("Not saved: %1").arg(error), 10000);
        return false;
    }
    const QModelIndex source = m_model->requestIndex(target, savedAt);
    if (const RequestDefinition *request = m_model->request(source)) {
        tab->setSaved(target, savedAt, *request, originOf(target, *request));
        updateText(tab);
        Q_EMIT savedInto(source);
    }
    Q_EMIT message(
        tr("Saved into %1").arg(QDir::toNativeSeparators(QDir(root).relativeFilePath(target))),
        5000);
    return true;
}

bool RequestTabs::closeTab(int index)
{
    commitPendingEdit();
    RequestTab *closing = tab(index);
    if (!closing)
        return false;
    if (closing->isModified()) {
        setCurrentIndex(index);
        switch (m_closeQuestion(closing->title())) {
        case CloseAnswer::Cancel: return false;
        case CloseAnswer::Save:
            if (!saveCurrent())
                return false;
            break;
        case CloseAnswer::Discard: break;
        }
    }
    if (closing->job())
        closing->job()->cancel();
    removeTab(indexOf(closing));
    closing->deleteLater();
    Q_EMIT closed();
    return true;
}

bool RequestTabs::closeAll()
{
    const QScopedValueRollback<bool> inFlux(m_inFlux, true);
    while (count() > 0) {
        if (!closeTab(count() - 1))
            return false;
    }
    return true;
}

OpenTabs RequestTabs::openTabs() const
{
    OpenTabs open;
    const QDir dir(m_model->workspace().root());
    for (int i = 0; i < count(); ++i) {
        const RequestTab *kept = tab(i);
        if (!kept || kept->filePath().isEmpty())
            continue;
        if (i == currentIndex())
            open.current = int(open.tabs.size());
        open.tabs.append(
            {dir.relativeFilePath(kept->filePath()), kept->requestIndex(), kept->saved().name});
    }
    return open;
}

bool RequestTabs::restore(const OpenTabs &saved)
{
    const QString root = m_model->workspace().root();
    int currentTab = -1;
    const QScopedValueRollback<bool> inFlux(m_inFlux, true);
    for (int i = 0; i < saved.tabs.size(); ++i) {
        const OpenTabs::Tab &kept = saved.tabs.at(i);
        const QString path = QDir(root).absoluteFilePath(kept.file);
        const HttpFile *file = m_model->workspace().file(path);
        if (!file)
            continue;
        int index = kept.index;
        // Requests added or removed above it: find it by its name.
        if (index < 0 || index >= file->requests.size() ||
            file->requests.at(index).name != kept.name) {
            index = -1;
            for (int r = 0; r < file->requests.size() && !kept.name.isEmpty(); ++r) {
                if (file->requests.at(r).name == kept.name)
                    index = r;
            }
        }
        const QModelIndex source = m_model->requestIndex(path, index);
        if (!source.isValid() || !open(source))
            continue;
        if (i == saved.current)
            currentTab = currentIndex();
    }
    if (currentTab >= 0)
        setCurrentIndex(currentTab);
    return count() > 0;
}

} // namespace mr
