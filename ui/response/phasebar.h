#pragma once

#include "net/phasetimings.h"

#include <QWidget>

namespace mr {

// One attempt's time as a bar split by phase (blocked, dns, tcp, tls, send, wait, receive),
// in the colours Chrome DevTools' Timing tab uses; the numbers show on hover.
class PhaseBar : public QWidget
{
    Q_OBJECT
public:
    explicit PhaseBar(QWidget *parent = nullptr);

    void setTimings(const PhaseTimings &timings);
    void clear();
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    struct Segment {
        QString name;
        double ms;
        QColor color;
    };
    // The phases that happened, in order (what is painted).
    QList<Segment> segments() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    PhaseTimings m_timings;
    bool m_empty = true;
};

} // namespace mr
