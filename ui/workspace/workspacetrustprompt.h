#pragma once

#include <QObject>
#include <QPointer>

class QWidget;

namespace mr {

class WorkspaceSession;
class WorkspaceTrustBar;
class WorkspaceTrustDialog;

// Asks "trust this workspace?" when the open workspace's files would change trust and there
// is no answer for them yet, keeps the bar shown while it is not trusted, and applies the
// answer to what the dialog listed only (not to another workspace opened meanwhile, nor to
// files that changed under it: those are asked about again).
class WorkspaceTrustPrompt : public QObject
{
    Q_OBJECT
public:
    // The dialog opens over `dialogParent`.
    WorkspaceTrustPrompt(WorkspaceSession *session, WorkspaceTrustBar *bar, QWidget *dialogParent);

    // Shows the dialog (window-modal, without blocking), or raises the open one; nullptr when
    // the workspace's files change nothing about trust.
    WorkspaceTrustDialog *show();
    WorkspaceTrustDialog *dialog() const { return m_dialog; }

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);

private:
    // The bar follows the session; a workspace without an answer asks.
    void update();
    // The open workspace and what its files hold that changes trust, as one text.
    QString key() const;

    WorkspaceSession *m_session;
    WorkspaceTrustBar *m_bar;
    QWidget *m_dialogParent;
    QPointer<WorkspaceTrustDialog> m_dialog;
    QString m_dialogKey; // key() when it was opened
};

} // namespace mr
