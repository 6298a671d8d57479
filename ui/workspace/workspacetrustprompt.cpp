#include "workspacetrustprompt.h"

#include "workspace/workspacesession.h"
#include "workspacetrustbar.h"
#include "workspacetrustdialog.h"

namespace mr {

WorkspaceTrustPrompt::WorkspaceTrustPrompt(WorkspaceSession *session, WorkspaceTrustBar *bar,
                                           QWidget *dialogParent)
    : QObject(dialogParent)
    , m_session(session)
    , m_bar(bar)
    , m_dialogParent(dialogParent)
{
    connect(m_bar, &WorkspaceTrustBar::reviewClicked, this, [this] { show(); });
    connect(m_session, &WorkspaceSession::trustChanged, this, &WorkspaceTrustPrompt::update);
}

WorkspaceTrustDialog *WorkspaceTrustPrompt::show()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    if (m_session->trust().isEmpty())
        return nullptr;
    auto *dialog = new WorkspaceTrustDialog(m_session->root(), m_session->trust(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString asked = key();
    connect(dialog, &WorkspaceTrustDialog::answered, this, [this, asked](bool trusted) {
        if (key() != asked)
            return;
        m_session->setTrusted(trusted);
        Q_EMIT message(trusted ? tr("Trusted this workspace: its settings apply")
                               : tr("Not trusting this workspace: its proxy and TLS "
                                    "settings are not applied"),
                       8000);
    });
    m_dialog = dialog;
    m_dialogKey = asked;
    dialog->open();
    return dialog;
}

QString WorkspaceTrustPrompt::key() const
{
    return m_session->root() + QLatin1Char('\n') + QString::fromLatin1(m_session->trust().digest());
}

void WorkspaceTrustPrompt::update()
{
    m_bar->showFor(m_session->trust(), m_session->isTrusted());
    // An open dialog listing another workspace's settings, or what the files held before.
    if (m_dialog && m_dialogKey != key()) {
        m_dialog->close();
        m_dialog = nullptr;
    }
    if (m_session->isTrustUndecided())
        show();
}

} // namespace mr
