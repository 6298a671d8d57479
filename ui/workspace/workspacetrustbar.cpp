#include "workspacetrustbar.h"

#include "workspace/workspacetrust.h"

#include <QPushButton>

namespace mr {

WorkspaceTrustBar::WorkspaceTrustBar(QWidget *parent)
    : NoticeBar(QStringLiteral("workspaceTrustBar"), parent)
    , m_review(addButton(tr("Review…"), QStringLiteral("reviewWorkspaceTrust"),
                         tr("See what this workspace's files would change, and trust it")))
{
    connect(m_review, &QPushButton::clicked, this, &WorkspaceTrustBar::reviewClicked);
}

void WorkspaceTrustBar::showFor(const WorkspaceTrust &trust, bool trusted)
{
    if (trusted || trust.isEmpty()) {
        hide();
        return;
    }
    QStringList what;
    for (const WorkspaceTrust::Change &change : trust.changes())
        what.append(change.what());
    setText(tr("Not trusted: what this workspace's files set is not applied — %1. "
               "Requests are sent without it.")
                .arg(what.join(QStringLiteral(", "))));
    show();
}

} // namespace mr
