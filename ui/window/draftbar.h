#pragma once

#include "noticebar.h"

namespace mr {

// The bar above the request tabs that offers back the unsaved edits kept from last time
// ("2 requests have unsaved edits from last time — Restore / Discard"), without a dialog.
class DraftBar : public NoticeBar
{
    Q_OBJECT
public:
    explicit DraftBar(QWidget *parent = nullptr);

    // Shows the bar for `count` requests; hides it for none.
    void offer(int count);
    // Shows a problem with the kept edits (a damaged file) with only a way to dismiss it.
    void tell(const QString &message);
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *discardButton() const { return m_discard; }

Q_SIGNALS:
    void restoreClicked();
    void discardClicked();

private:
    QPushButton *m_restore;
    QPushButton *m_discard;
};

} // namespace mr
