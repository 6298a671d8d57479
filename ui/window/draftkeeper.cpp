#include "draftkeeper.h"

#include "draftbar.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "workspace/workspacemodel.h"

#include <QDir>
#include <QTimer>

#include <utility>

namespace mr {

DraftKeeper::DraftKeeper(RequestTabs *tabs, WorkspaceModel *model, DraftBar *bar, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_model(model)
    , m_bar(bar)
    , m_timer(new QTimer(this))
{
    // Edits are kept a moment after typing pauses, so a crash loses at most that moment.
    m_timer->setSingleShot(true);
    m_timer->setInterval(400);
    connect(m_timer, &QTimer::timeout, this, &DraftKeeper::write);
    connect(m_tabs, &RequestTabs::edited, m_timer, qOverload<>(&QTimer::start));
    connect(m_tabs, &RequestTabs::modifiedChanged, this, [this](RequestTab *, bool modified) {
        if (modified) // edited other than by typing (a pasted curl command)
            m_timer->start();
        else // saved, or edited back: no draft to keep for it
            write();
    });
    connect(m_tabs, &RequestTabs::closed, this, &DraftKeeper::write);
    connect(m_bar, &DraftBar::restoreClicked, this, &DraftKeeper::restore);
    connect(m_bar, &DraftBar::discardClicked, this, &DraftKeeper::discard);
}

void DraftKeeper::setDataFolder(const QString &folder)
{
    m_dataFolder = folder;
    offer();
}

QString DraftKeeper::path() const
{
    const QString root = m_model->workspace().root();
    if (m_dataFolder.isEmpty() || root.isEmpty())
        return {};
    return DraftStore::pathFor(m_dataFolder, root);
}

void DraftKeeper::write()
{
    m_timer->stop();
    const QString file = path();
    if (file.isEmpty())
        return;
    QList<DraftStore::Draft> drafts = m_offered; // not answered yet: still kept
    for (int i = 0; i < m_tabs->count(); ++i) {
        const RequestTab *tab = m_tabs->tab(i);
        if (tab->isModified())
            drafts.append(
                {tab->filePath(), tab->requestIndex(), tab->saved(), tab->editor()->request()});
    }
    QString error;
    if (!DraftStore(file).save(drafts, &error))
        Q_EMIT message(error, 10000);
}

void DraftKeeper::offer()
{
    m_offered.clear();
    const QString file = path();
    QString error;
    if (!file.isEmpty())
        m_offered = DraftStore(file).load(&error);
    m_bar->offer(int(m_offered.size()));
    if (!error.isEmpty())
        m_bar->tell(error);
}

void DraftKeeper::restore()
{
    const QList<DraftStore::Draft> drafts = std::exchange(m_offered, {});
    QStringList moved;
    QStringList busy;
    const QDir root(m_model->workspace().root());
    for (const DraftStore::Draft &draft : drafts) {
        // Where the request is now. If its file changed, the edits still come back on the
        // request as it was, so saving says it no longer finds it instead of overwriting.
        const HttpFile *file = m_model->workspace().file(draft.filePath);
        const int located = file ? file->locate(draft.original, draft.requestIndex) : -1;
        const int index = located >= 0 ? located : draft.requestIndex;
        RequestTab *tab = m_tabs->find(draft.filePath, index);
        if (tab && tab->isModified()) { // edited again meanwhile: never overwrite that
            m_offered.append(draft);
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
            tab = m_tabs->addSaved(draft.filePath, index, draft.original);
        m_tabs->setCurrentWidget(tab);
        tab->takeEdits(draft.edited);
        m_tabs->updateText(tab);
    }
    m_bar->offer(int(m_offered.size()));
    write();
    QStringList notes;
    if (!moved.isEmpty())
        notes.append(tr("%1 changed since; saving will not overwrite those changes")
                         .arg(moved.join(QStringLiteral(", "))));
    if (!busy.isEmpty())
        notes.append(tr("%1 has new edits: save or discard them, then restore again")
                         .arg(busy.join(QStringLiteral(", "))));
    Q_EMIT message(notes.isEmpty() ? tr("Restored the unsaved edits")
                                   : notes.join(QStringLiteral("; ")),
                   10000);
}

void DraftKeeper::discard()
{
    m_offered.clear();
    m_bar->offer(0);
    write();
}

} // namespace mr
