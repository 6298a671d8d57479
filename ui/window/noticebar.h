#pragma once

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace mr {

// A tinted bar above the request tabs that says something and offers buttons, never a
// dialog in the way. DraftBar and WorkspaceTrustBar are its two uses.
class NoticeBar : public QFrame
{
    Q_OBJECT
public:
    // `name` is the object name; the label is `name + "Text"` (tests find them by name).
    NoticeBar(const QString &name, QWidget *parent = nullptr);

    QString text() const;

protected:
    void changeEvent(QEvent *event) override;
    void setText(const QString &text);
    // Adds a button at the right end, named `name`, that emits `clicked`.
    QPushButton *addButton(const QString &text, const QString &name, const QString &toolTip);

private:
    void tint();

    QLabel *m_label;
    QHBoxLayout *m_layout;
};

} // namespace mr
