#include "workspacetrustbar.h"

#include "workspace/workspacetrust.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace mr {

WorkspaceTrustBar::WorkspaceTrustBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_review(new QPushButton(tr("Review…"), this))
{
    setObjectName(QStringLiteral("workspaceTrustBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce));
    tinted.setColor(QPalette::WindowText, QColor(0x3d, 0x2e, 0x00));
    setPalette(tinted);
    m_label->setObjectName(QStringLiteral("workspaceTrustBarText"));
    m_label->setWordWrap(true);
    m_review->setObjectName(QStringLiteral("reviewWorkspaceTrust"));
    m_review->setToolTip(tr("See what this workspace's files would change, and trust it"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_review);
    connect(m_review, &QPushButton::clicked, this, &WorkspaceTrustBar::reviewClicked);
    hide();
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
    m_label->setText(tr("Not trusted: what this workspace's files set is not applied — %1. "
                        "Requests are sent without it.")
                         .arg(what.join(QStringLiteral(", "))));
    show();
}

QString WorkspaceTrustBar::text() const
{
    return m_label->text();
}

} // namespace mr
