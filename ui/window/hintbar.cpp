#include "hintbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace mr {

HintBar::HintBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("hintBar"));
    setFrameShape(QFrame::StyledPanel);
    // The palette's own highlight tint, so the bar reads in light and dark themes alike.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_label->setObjectName(QStringLiteral("hintBarText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("dismissHint"));
    close->setText(tr("Got it"));
    close->setToolTip(tr("Hide this hint"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 8, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT dismissed();
    });
    hide();
}

void HintBar::showHint(const QString &text)
{
    m_label->setText(text);
    show();
}

QString HintBar::text() const
{
    return m_label->text();
}

} // namespace mr
