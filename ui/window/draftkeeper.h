#pragma once

#include "workspace/draftstore.h"

#include <QObject>

class QTimer;

namespace mr {

class DraftBar;
class RequestTabs;
class WorkspaceModel;

// Keeps the open tabs' unsaved edits in the drafts file of the open workspace (DraftStore)
// a moment after typing pauses, so a crash or a kill loses at most that moment, and offers
// back those kept from last time on the bar above the tabs.
class DraftKeeper : public QObject
{
    Q_OBJECT
public:
    DraftKeeper(RequestTabs *tabs, WorkspaceModel *model, DraftBar *bar, QObject *parent = nullptr);

    // Where drafts are kept (the app passes its AppDataLocation): <folder>/drafts/<hash of
    // the workspace>.json. Without it, none are. Offers those of the open workspace.
    void setDataFolder(const QString &folder);
    // The drafts file of the open workspace; empty without a data folder or workspace.
    QString path() const;
    // Writes the open tabs' unsaved edits now (edits schedule this on their own).
    void write();
    // Reads the open workspace's drafts and offers them on the bar (a workspace was opened).
    void offer();
    // Puts the offered edits back into tabs: each on its request where it is now; edits on
    // a request that has new ones stay offered.
    void restore();
    // Forgets the offered edits.
    void discard();

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);

private:
    RequestTabs *m_tabs;
    WorkspaceModel *m_model;
    DraftBar *m_bar;
    QTimer *m_timer;
    QString m_dataFolder;
    QList<DraftStore::Draft> m_offered; // kept in the file until restored or discarded
};

} // namespace mr
