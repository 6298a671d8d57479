#include "draftbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace mr {

DraftBar::DraftBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_restore(new QPushButton(tr("Restore"), this))
    , m_discard(new QPushButton(tr("Discard"), this))
{
    setObjectName(QStringLiteral("draftBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce));
    tinted.setColor(QPalette::WindowText, QColor(0x3d, 0x2e, 0x00));
    setPalette(tinted);
    m_label->setObjectName(QStringLiteral("draftBarText"));
    m_label->setWordWrap(true);
    m_restore->setObjectName(QStringLiteral("restoreDrafts"));
    m_restore->setToolTip(tr("Open the requests with the edits they had, not yet saved"));
    m_discard->setObjectName(QStringLiteral("discardDrafts"));
    m_discard->setToolTip(tr("Forget those edits; the files stay as they are"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_restore);
    layout->addWidget(m_discard);
    connect(m_restore, &QPushButton::clicked, this, &DraftBar::restoreClicked);
    connect(m_discard, &QPushButton::clicked, this, &DraftBar::discardClicked);
    hide();
}

void DraftBar::offer(int count)
{
    m_label->setText(count == 1 ? tr("1 request has unsaved edits from last time.")
                                : tr("%1 requests have unsaved edits from last time.").arg(count));
    m_restore->show();
    m_discard->setText(tr("Discard"));
    setVisible(count > 0);
}

void DraftBar::tell(const QString &message)
{
    m_label->setText(message);
    m_restore->hide();
    m_discard->setText(tr("Dismiss"));
    show();
}

QString DraftBar::text() const
{
    return m_label->text();
}

} // namespace mr
