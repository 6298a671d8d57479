#pragma once

#include <QFrame>

class QLabel;

namespace mr {

// A quiet bar above the request tabs with a hint (the first start's "what to try"), closed
// with its button; never a dialog in the way.
class HintBar : public QFrame
{
    Q_OBJECT
public:
    explicit HintBar(QWidget *parent = nullptr);

    void showHint(const QString &text);
    QString text() const;

Q_SIGNALS:
    void dismissed();

private:
    QLabel *m_label;
};

} // namespace mr
