#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QList>

namespace mr {

// A read-only view of a text of any size (a 50 MB JSON body pretty-printed has millions of
// lines): it keeps the UTF-8 bytes and where each line starts, and paints only the lines on
// screen — no QTextDocument, whose per-line layouts would cost many times the body. Lines
// numbered in a gutter, JSON coloured, regions folded from the gutter, search matches
// highlighted, selection and copy.
class LargeTextView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    struct Fold { // an object or array over several lines, 0-based lines, end inclusive
        int start;
        int end;
    };
    struct Match { // a search hit: line and byte offsets within it
        int line;
        int column;
        int length;
    };

    // Where each line of a text starts: one memchr pass, ~50 ms for 100 MB — worth doing off
    // the GUI thread for big texts (indexLines is thread-safe).
    struct LineIndex {
        QList<quint32> starts;
        int longest = 0; // bytes, for the horizontal scroll range
    };
    static LineIndex indexLines(const QByteArray &utf8);

    explicit LargeTextView(QWidget *parent = nullptr);

    // Shows `utf8`; `folds` sorted by start line; `json` colours keys, strings and literals.
    void setText(const QByteArray &utf8, const QList<Fold> &folds = {}, bool json = false);
    // The same with the lines indexed already.
    void setText(const QByteArray &utf8, LineIndex index, const QList<Fold> &folds, bool json);
    void clear();
    const QByteArray &bytes() const { return m_text; }
    // The whole text, or lines [first, last] of it.
    QString text() const;
    QString lineText(int line) const;
    // At most maxBytes of it (-1: all).
    QString lineText(int line, qsizetype maxBytes) const;
    int lineCount() const { return int(m_lineStarts.size()); }
    // Lines on screen after folding.
    int visibleLineCount() const;

    bool isFolded(int line) const;
    // Folds or unfolds the region starting at `line`; false when none starts there.
    bool toggleFold(int line);
    void foldAll();
    void unfoldAll();

    // Highlights every match (found off the GUI thread by the caller) and goes to the first.
    void setMatches(const QList<Match> &matches);
    const QList<Match> &matches() const { return m_matches; }
    int currentMatch() const { return m_current; }
    void goToMatch(int index);
    // The first line on screen.
    int topLine() const;
    void scrollToLine(int line);

    QString selectedText() const;
    void selectAll();

Q_SIGNALS:
    void currentMatchChanged(int index, int count);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Position {
        int line = 0;
        int column = 0; // characters
        bool operator<(const Position &o) const
        {
            return line != o.line ? line < o.line : column < o.column;
        }
    };
    int rowOfLine(int line) const; // -1 when folded away
    int lineOfRow(int row) const;
    void rebuildVisible();
    void updateScrollBars();
    int gutterWidth() const;
    qsizetype visibleBytes() const; // how much of a line can be on screen
    Position positionAt(const QPoint &point) const;
    void paintLine(QPainter &painter, int line, int y, const QString &text);
    int foldStartingAt(int line) const; // index into m_folds, or -1

    QByteArray m_text;
    QList<quint32> m_lineStarts;
    int m_longestLine = 0; // bytes, for the horizontal scroll range
    bool m_json = false;
    QList<Fold> m_folds;
    QList<bool> m_folded; // per fold
    QList<int> m_visible; // rows → lines when something is folded; empty otherwise
    QList<Match> m_matches;
    int m_current = -1;
    Position m_anchor;
    Position m_cursor;
    bool m_hasSelection = false;
};

} // namespace mr
