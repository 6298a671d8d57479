#pragma once

#include "history/historystore.h"
#include "workspace/requestresolver.h"
#include "workspace/secretredactor.h"
#include "workspace/variableexpander.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QWidget;

namespace mr {

class RequestSender;
class RequestTab;
class RequestTabs;
class WorkspaceModel;
struct RequestDefinition;

// Send and Cancel for the current tab: the request goes through core's RequestSender, the
// response pane says what is sent and shows what came back, the exchange is recorded in the
// history (unless "# @no-log"), and a body reading files outside the workspace asks first.
class TabSender : public QObject
{
    Q_OBJECT
public:
    // The window's view of the request being sent: what its variables stand for, the
    // environment, and the secrets masked in the history.
    struct Scope {
        std::function<VariableExpander()> expander;
        std::function<QString()> environment;
        std::function<SecretRedactor(const RequestDefinition &)> secrets;
    };

    // The consent dialog opens over `dialogParent`.
    TabSender(RequestSender *sender, RequestTabs *tabs, WorkspaceModel *model, Scope scope,
              QWidget *dialogParent);

    // Records every finished exchange into `store` from now on.
    void setHistory(HistoryStore *store) { m_history = store; }
    // Files outside the workspace at `root` the user let its requests send (this session).
    QStringList allowedOutsideFiles(const QString &root) const
    {
        return m_allowedOutsideFiles.value(root).values();
    }

    void send();
    void cancel();

Q_SIGNALS:
    // An exchange ended in `tab` (named responses may have changed).
    void exchangeFinished(mr::RequestTab *tab);
    void message(const QString &text, int timeoutMs);

private:
    // A body reads files outside the workspace: asks (OutsideFilesDialog) and sends on "Send".
    void askToSendOutsideFiles(RequestTab *tab, const RequestDefinition &request,
                               const RequestResolver::Result &resolved);

    RequestSender *m_sender;
    RequestTabs *m_tabs;
    WorkspaceModel *m_model;
    Scope m_scope;
    QWidget *m_dialogParent;
    QPointer<HistoryStore> m_history;
    // Files outside a workspace the user let its requests send, by workspace root (session).
    QHash<QString, QSet<QString>> m_allowedOutsideFiles;
};

} // namespace mr
