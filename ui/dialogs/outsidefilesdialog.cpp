#include "outsidefilesdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace mr {

OutsideFilesDialog::OutsideFilesDialog(const QString &requestName, const QString &workspaceRoot,
                                       const QList<RequestResolver::BodyFile> &files,
                                       const QString &bodySummary, QWidget *parent)
    : QDialog(parent)
    , m_message(new QLabel(this))
    , m_files(new QLabel(this))
{
    setObjectName(QStringLiteral("outsideFilesDialog"));
    setWindowTitle(tr("Send files from outside the workspace?"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setText(
        tr("\"%1\" sends %2 from outside the workspace %3. A collection imported from another "
           "tool, or cloned, can name any file on this computer; send only what you expect "
           "this request to send (%4).")
            .arg(requestName,
                 files.size() == 1 ? tr("this file") : tr("these %1 files").arg(files.size()),
                 QDir::toNativeSeparators(workspaceRoot), bodySummary));
    QStringList lines;
    for (const RequestResolver::BodyFile &file : files)
        lines.append(
            QStringLiteral("%1  (%2)")
                .arg(QDir::toNativeSeparators(file.path), RequestResolver::sizeText(file.size)));
    m_files->setObjectName(QStringLiteral("outsideFiles"));
    m_files->setTextFormat(Qt::PlainText);
    m_files->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_files->setText(lines.join(QLatin1Char('\n')));
    QFont mono = m_files->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_files->setFont(mono);

    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_send->setAutoDefault(false);
    m_cancel->setDefault(true); // Enter must not send a file nobody looked at
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *note = new QLabel(tr("Send is remembered for these files in this workspace until the "
                               "window closes."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_files);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

QString OutsideFilesDialog::text() const
{
    return m_message->text() + QLatin1Char('\n') + m_files->text();
}

} // namespace mr
