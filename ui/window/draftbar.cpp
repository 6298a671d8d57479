#include "draftbar.h"

#include <QPushButton>

namespace mr {

DraftBar::DraftBar(QWidget *parent)
    : NoticeBar(QStringLiteral("draftBar"), parent)
    , m_restore(addButton(tr("Restore"), QStringLiteral("restoreDrafts"),
                          tr("Open the requests with the edits they had, not yet saved")))
    , m_discard(addButton(tr("Discard"), QStringLiteral("discardDrafts"),
                          tr("Forget those edits; the files stay as they are")))
{
    connect(m_restore, &QPushButton::clicked, this, &DraftBar::restoreClicked);
    connect(m_discard, &QPushButton::clicked, this, &DraftBar::discardClicked);
}

void DraftBar::offer(int count)
{
    setText(count == 1 ? tr("1 request has unsaved edits from last time.")
                       : tr("%1 requests have unsaved edits from last time.").arg(count));
    m_restore->show();
    m_discard->setText(tr("Discard"));
    setVisible(count > 0);
}

void DraftBar::tell(const QString &message)
{
    setText(message);
    m_restore->hide();
    m_discard->setText(tr("Dismiss"));
    show();
}

} // namespace mr
