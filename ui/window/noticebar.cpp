#include "noticebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace mr {

NoticeBar::NoticeBar(const QString &name, QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_layout(new QHBoxLayout(this))
{
    setObjectName(name);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce));
    tinted.setColor(QPalette::WindowText, QColor(0x3d, 0x2e, 0x00));
    setPalette(tinted);
    m_label->setObjectName(name + QStringLiteral("Text"));
    m_label->setWordWrap(true);
    m_layout->setContentsMargins(8, 4, 8, 4);
    m_layout->addWidget(m_label, 1);
    hide();
}

QString NoticeBar::text() const
{
    return m_label->text();
}

void NoticeBar::setText(const QString &text)
{
    m_label->setText(text);
}

QPushButton *NoticeBar::addButton(const QString &text, const QString &name, const QString &toolTip)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(name);
    button->setToolTip(toolTip);
    m_layout->addWidget(button);
    return button;
}

} // namespace mr
