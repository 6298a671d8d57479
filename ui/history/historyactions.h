#pragma once

#include "history/historystore.h"

#include <QObject>
#include <QPointer>

namespace mr {

class RequestTabs;
class WorkspaceModel;

// What the History panel's entries offer: open one in a new tab (the request and the
// response that was stored), send it again, or save it into the workspace.
class HistoryActions : public QObject
{
    Q_OBJECT
public:
    HistoryActions(HistoryStore *store, RequestTabs *tabs, WorkspaceModel *model,
                   QObject *parent = nullptr);

    // Opens the entry in a new tab, as written when it came from the workspace. False (and
    // a message) when it is gone.
    bool open(qint64 id);
    // Opens it, then asks for it to be sent (sendRequested), which records a new entry.
    bool resend(qint64 id);
    // Opens it, then saves it into the workspace: at the end of the .http file it came from,
    // or of history.http at the workspace's root.
    bool save(qint64 id);

Q_SIGNALS:
    // The current tab should be sent (the window's Send).
    void sendRequested();
    void message(const QString &text, int timeoutMs);

private:
    QPointer<HistoryStore> m_store;
    RequestTabs *m_tabs;
    WorkspaceModel *m_model;
};

} // namespace mr
