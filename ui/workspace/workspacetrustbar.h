#pragma once

#include "noticebar.h"

namespace mr {

class WorkspaceTrust;

// The bar above the request tabs while the open workspace is not trusted: what its files
// would change is not applied, and "Review…" asks again. Never a dialog in the way.
class WorkspaceTrustBar : public NoticeBar
{
    Q_OBJECT
public:
    explicit WorkspaceTrustBar(QWidget *parent = nullptr);

    // Shows the bar for a workspace that is not trusted; hides it otherwise.
    void showFor(const WorkspaceTrust &trust, bool trusted);
    QPushButton *reviewButton() const { return m_review; }

Q_SIGNALS:
    void reviewClicked();

private:
    QPushButton *m_review;
};

} // namespace mr
