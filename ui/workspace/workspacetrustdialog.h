#pragma once

#include "workspace/workspacetrust.h"

#include <QDialog>

class QPushButton;
class QTreeWidget;

namespace mr {

// "Trust this workspace?": every value the workspace's files would change about trust
// (proxy, CA, fingerprints, client certificates, verification off), each with the file,
// line and column it comes from, and two answers. Closing it answers nothing: the workspace
// stays untrusted and the question comes back the next time it opens.
class WorkspaceTrustDialog : public QDialog
{
    Q_OBJECT
public:
    WorkspaceTrustDialog(const QString &folder, const WorkspaceTrust &trust,
                         QWidget *parent = nullptr);

    QTreeWidget *changesList() const { return m_list; }
    QPushButton *trustButton() const { return m_trust; }
    QPushButton *distrustButton() const { return m_distrust; }

Q_SIGNALS:
    // The user's answer (not sent when the dialog is closed without one).
    void answered(bool trusted);

private:
    QTreeWidget *m_list;
    QPushButton *m_trust;
    QPushButton *m_distrust;
};

} // namespace mr
