#include "workspacetrustdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mr {

WorkspaceTrustDialog::WorkspaceTrustDialog(const QString &folder, const WorkspaceTrust &trust,
                                           QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
    , m_trust(new QPushButton(tr("Trust"), this))
    , m_distrust(new QPushButton(tr("Don't trust"), this))
{
    setObjectName(QStringLiteral("workspaceTrustDialog"));
    setWindowTitle(tr("Trust this workspace?"));
    auto *intro = new QLabel(
        tr("<p>The files of <b>%1</b> would change whom your requests trust and where they "
           "go:</p>")
            .arg(QDir::toNativeSeparators(folder).toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);
    m_list->setObjectName(QStringLiteral("trustChanges"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Setting"), tr("From")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    for (const WorkspaceTrust::Change &change : trust.changes()) {
        auto *item = new QTreeWidgetItem(m_list, {change.what(), change.location()});
        item->setToolTip(0, change.what());
    }
    auto *why = new QLabel(
        tr("A proxy sees every request, tokens and passwords included; a CA or a trusted "
           "fingerprint lets a server be whoever it claims to be. Trust them only if you trust "
           "whoever wrote these files. <b>Don't trust</b> opens the workspace and sends its "
           "requests without them; you can trust it later from the bar above the requests. "
           "The answer is kept for this folder and asked again when these settings change."),
        this);
    why->setWordWrap(true);
    why->setTextFormat(Qt::RichText);
    auto *buttons = new QDialogButtonBox(this);
    m_trust->setObjectName(QStringLiteral("trustWorkspace"));
    m_distrust->setObjectName(QStringLiteral("distrustWorkspace"));
    buttons->addButton(m_trust, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_distrust, QDialogButtonBox::RejectRole);
    // The safe answer is the default: Enter does not trust by accident.
    m_distrust->setDefault(true);
    m_distrust->setFocus();
    connect(m_trust, &QPushButton::clicked, this, [this] {
        Q_EMIT answered(true);
        accept();
    });
    connect(m_distrust, &QPushButton::clicked, this, [this] {
        Q_EMIT answered(false);
        reject();
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(why);
    layout->addWidget(buttons);
    resize(640, 360);
}

} // namespace mr
