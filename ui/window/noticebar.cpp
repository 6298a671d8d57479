#include "noticebar.h"

#include "themecolors.h"

#include <QEvent>
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
    tint();
    m_label->setObjectName(name + QStringLiteral("Text"));
    m_label->setWordWrap(true);
    m_layout->setContentsMargins(8, 4, 8, 4);
    m_layout->addWidget(m_label, 1);
    hide();
}

void NoticeBar::tint()
{
    // Only Window and WindowText are set: Base, which says light or dark, stays inherited, and
    // setting the same colours again changes nothing (no endless PaletteChange).
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, ThemeColors::color(ThemeColors::NoticeBackground, tinted));
    tinted.setColor(QPalette::WindowText, ThemeColors::color(ThemeColors::NoticeText, tinted));
    setPalette(tinted);
}

void NoticeBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        tint();
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
