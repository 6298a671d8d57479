#pragma once

#include <QTreeView>

namespace mr {

class WaterfallDelegate;
class WaterfallModel;

// A waterfall as a tree: lanes (connections) with their exchanges under them, the timeline
// painted by a WaterfallDelegate, new lanes opened as they come, rows of one height so
// 10,000 of them scroll smoothly. The Connections view shows the session and each run in one.
class WaterfallView : public QTreeView
{
    Q_OBJECT
public:
    explicit WaterfallView(QWidget *parent = nullptr);

    // Shows this model (the view does not own it); nullptr shows nothing.
    void setWaterfall(WaterfallModel *model);
    WaterfallModel *waterfall() const { return m_model; }
    WaterfallDelegate *delegate() const { return m_delegate; }

    // The time axis may have moved: the header says its span, and every bar moves with it.
    void refreshAxis();
    // Whether new lanes open as they come (the default). A run turns it off while it adds
    // thousands of lanes — each open lane costs the view a persistent index on every
    // insertion — and opens them all once at its end.
    void setExpandNewLanes(bool expand) { m_expandNewLanes = expand; }

private:
    WaterfallModel *m_model = nullptr;
    WaterfallDelegate *m_delegate;
    bool m_expandNewLanes = true;
};

} // namespace mr
