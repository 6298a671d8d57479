#pragma once

#include "workspace/requestresolver.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace mr {

// Asks before a request's body reads files outside its workspace: a collection imported from
// another tool, or cloned, may name any file (/etc/passwd, ~/.ssh/id_rsa) and send it to any
// server. Names the request, each file with its size, and the body; "Send" or "Cancel", with
// Cancel the default. Shown window-modal without blocking: accepted() means send.
class OutsideFilesDialog : public QDialog
{
    Q_OBJECT
public:
    OutsideFilesDialog(const QString &requestName, const QString &workspaceRoot,
                       const QList<RequestResolver::BodyFile> &files, const QString &bodySummary,
                       QWidget *parent = nullptr);

    // What the dialog says, as one text.
    QString text() const;
    QPushButton *sendButton() const { return m_send; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    QLabel *m_message;
    QLabel *m_files;
    QPushButton *m_send;
    QPushButton *m_cancel;
};

} // namespace mr
