#include "largetextview.h"

#include "themecolors.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cstring>

namespace mr {

namespace {
constexpr int GutterPadding = 6;
constexpr int FoldMarkerWidth = 14;
} // namespace

LargeTextView::LargeTextView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setBackgroundRole(QPalette::Base);
    setFocusPolicy(Qt::StrongFocus);
}

LargeTextView::LineIndex LargeTextView::indexLines(const QByteArray &utf8)
{
    LineIndex index;
    const char *data = utf8.constData();
    const qsizetype size = utf8.size();
    qsizetype start = 0;
    while (true) {
        index.starts.append(quint32(start));
        const void *newline =
            size > start ? std::memchr(data + start, '\n', size_t(size - start)) : nullptr;
        const qsizetype end = newline ? static_cast<const char *>(newline) - data : size;
        index.longest = qMax(index.longest, int(end - start));
        if (!newline)
            break;
        start = end + 1;
    }
    if (size > 0 && data[size - 1] == '\n')
        index.starts.removeLast(); // a final newline ends the last line, it opens none
    return index;
}

void LargeTextView::setText(const QByteArray &utf8, const QList<Fold> &folds, bool json)
{
    setText(utf8, indexLines(utf8), folds, json);
}

void LargeTextView::setText(const QByteArray &utf8, LineIndex index, const QList<Fold> &folds,
                            bool json)
{
    m_text = utf8;
    m_json = json;
    m_lineStarts = std::move(index.starts);
    m_longestLine = index.longest;
    m_folds = folds;
    m_folded = QList<bool>(folds.size(), false);
    m_visible.clear();
    m_matches.clear();
    m_current = -1;
    m_hasSelection = false;
    horizontalScrollBar()->setValue(0);
    verticalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

void LargeTextView::clear()
{
    setText(QByteArray());
}

QString LargeTextView::lineText(int line) const
{
    return lineText(line, -1);
}

QString LargeTextView::lineText(int line, qsizetype maxBytes) const
{
    if (line < 0 || line >= m_lineStarts.size())
        return {};
    const qsizetype start = m_lineStarts[line];
    qsizetype end =
        line + 1 < m_lineStarts.size() ? qsizetype(m_lineStarts[line + 1]) - 1 : m_text.size();
    if (end > start && m_text.at(end - 1) == '\r')
        --end;
    if (maxBytes >= 0 && end - start > maxBytes) {
        // Only what can be on screen of a very long line (a minified body is one line of
        // megabytes), cut on a character boundary.
        end = start + maxBytes;
        while (end > start && (uchar(m_text.at(end)) & 0xC0) == 0x80)
            --end;
    }
    return QString::fromUtf8(m_text.constData() + start, end - start);
}

qsizetype LargeTextView::visibleBytes() const
{
    const int charWidth = qMax(1, fontMetrics().horizontalAdvance(QLatin1Char('0')));
    // Up to 4 bytes a character, and a margin for the fold note and for search hits.
    return qsizetype(horizontalScrollBar()->value() + viewport()->width()) / charWidth * 4 + 256;
}

QString LargeTextView::text() const
{
    return QString::fromUtf8(m_text);
}

int LargeTextView::visibleLineCount() const
{
    return m_visible.isEmpty() ? lineCount() : int(m_visible.size());
}

int LargeTextView::foldStartingAt(int line) const
{
    const auto it = std::lower_bound(m_folds.cbegin(), m_folds.cend(), line,
                                     [](const Fold &fold, int l) { return fold.start < l; });
    return it != m_folds.cend() && it->start == line ? int(it - m_folds.cbegin()) : -1;
}

bool LargeTextView::isFolded(int line) const
{
    const int fold = foldStartingAt(line);
    return fold >= 0 && m_folded[fold];
}

bool LargeTextView::toggleFold(int line)
{
    const int fold = foldStartingAt(line);
    if (fold < 0)
        return false;
    const int top = topLine();
    m_folded[fold] = !m_folded[fold];
    rebuildVisible();
    scrollToLine(top);
    return true;
}

void LargeTextView::foldAll()
{
    // The outermost region stays open, so the first level is what one sees.
    for (int i = 0; i < m_folded.size(); ++i)
        m_folded[i] = m_folds[i].start != 0;
    rebuildVisible();
}

void LargeTextView::unfoldAll()
{
    m_folded.fill(false);
    rebuildVisible();
}

void LargeTextView::rebuildVisible()
{
    m_visible.clear();
    if (std::find(m_folded.cbegin(), m_folded.cend(), true) != m_folded.cend()) {
        m_visible.reserve(lineCount());
        for (int line = 0; line < lineCount(); ++line) {
            m_visible.append(line);
            const int fold = foldStartingAt(line);
            if (fold >= 0 && m_folded[fold])
                line = m_folds[fold].end - 1; // the closing line stays visible
        }
    }
    updateScrollBars();
    viewport()->update();
}

int LargeTextView::rowOfLine(int line) const
{
    if (m_visible.isEmpty())
        return line;
    const auto it = std::lower_bound(m_visible.cbegin(), m_visible.cend(), line);
    return it != m_visible.cend() && *it == line ? int(it - m_visible.cbegin()) : -1;
}

int LargeTextView::lineOfRow(int row) const
{
    return m_visible.isEmpty() ? row : m_visible.value(row, -1);
}

int LargeTextView::topLine() const
{
    return lineOfRow(verticalScrollBar()->value());
}

void LargeTextView::scrollToLine(int line)
{
    int row = rowOfLine(line);
    if (row < 0) { // folded away: open the folds around it
        for (int i = 0; i < m_folds.size(); ++i) {
            if (m_folded[i] && m_folds[i].start < line && line < m_folds[i].end)
                m_folded[i] = false;
        }
        rebuildVisible();
        row = rowOfLine(line);
    }
    const int rows = viewport()->height() / fontMetrics().height();
    if (row < verticalScrollBar()->value() || row >= verticalScrollBar()->value() + rows)
        verticalScrollBar()->setValue(qMax(0, row - rows / 3));
    viewport()->update();
}

void LargeTextView::setMatches(const QList<Match> &matches)
{
    m_matches = matches;
    m_current = -1;
    if (!m_matches.isEmpty())
        goToMatch(0);
    else
        Q_EMIT currentMatchChanged(-1, 0);
    viewport()->update();
}

void LargeTextView::goToMatch(int index)
{
    if (m_matches.isEmpty())
        return;
    m_current = (index % int(m_matches.size()) + int(m_matches.size())) % int(m_matches.size());
    const Match &match = m_matches[m_current];
    scrollToLine(match.line);
    // Bring the column into view too.
    const int x =
        QString::fromUtf8(m_text.constData() + m_lineStarts[match.line], match.column).size() *
        fontMetrics().horizontalAdvance(QLatin1Char('0'));
    QScrollBar *h = horizontalScrollBar();
    const int textWidth = viewport()->width() - gutterWidth();
    if (x < h->value() || x > h->value() + textWidth - 40)
        h->setValue(qMax(0, x - textWidth / 3));
    Q_EMIT currentMatchChanged(m_current, int(m_matches.size()));
    viewport()->update();
}

int LargeTextView::gutterWidth() const
{
    const int digits = QString::number(qMax(1, lineCount())).size();
    return fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + GutterPadding * 2 +
           (m_folds.isEmpty() ? 0 : FoldMarkerWidth);
}

void LargeTextView::updateScrollBars()
{
    const int lineHeight = fontMetrics().height();
    const int rows = qMax(1, viewport()->height() / lineHeight);
    verticalScrollBar()->setRange(0, qMax(0, visibleLineCount() - rows));
    verticalScrollBar()->setPageStep(rows);
    verticalScrollBar()->setSingleStep(1);
    const int charWidth = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int contentWidth = m_longestLine * charWidth + charWidth * 2;
    const int textWidth = viewport()->width() - gutterWidth();
    horizontalScrollBar()->setRange(0, qMax(0, contentWidth - textWidth));
    horizontalScrollBar()->setPageStep(textWidth);
    horizontalScrollBar()->setSingleStep(charWidth * 4);
}

void LargeTextView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void LargeTextView::paintLine(QPainter &painter, int line, int y, const QString &text)
{
    const QFontMetrics metrics = fontMetrics();
    const int charWidth = metrics.horizontalAdvance(QLatin1Char('0'));
    const int x0 = gutterWidth() - horizontalScrollBar()->value() + GutterPadding;
    const int ascent = metrics.ascent();
    const int height = metrics.height();

    // Search hits behind the text; the current one stronger. Hits are sorted by line, so
    // the ones of this line are found by bisection, not by a walk through all of them.
    auto hit = std::lower_bound(m_matches.cbegin(), m_matches.cend(), line,
                                [](const Match &match, int l) { return match.line < l; });
    if (hit != m_matches.cend() && hit->line == line) {
        const QByteArray lineBytes = text.toUtf8();
        for (; hit != m_matches.cend() && hit->line == line; ++hit) {
            if (hit->column > lineBytes.size())
                break; // beyond what is painted of a very long line
            const int from = int(QString::fromUtf8(lineBytes.left(hit->column)).size());
            const int length =
                int(QString::fromUtf8(lineBytes.mid(hit->column, hit->length)).size());
            const bool current = m_current == int(hit - m_matches.cbegin());
            painter.fillRect(
                x0 + from * charWidth, y, length * charWidth, height,
                ThemeColors::color(current ? ThemeColors::SearchHitCurrent : ThemeColors::SearchHit,
                                   palette()));
        }
    }
    // Selection.
    if (m_hasSelection) {
        const Position from = qMin(m_anchor, m_cursor);
        const Position to = qMax(m_anchor, m_cursor);
        if (line >= from.line && line <= to.line) {
            const int start = line == from.line ? from.column : 0;
            const int end = line == to.line ? to.column : int(text.size()) + 1;
            painter.fillRect(x0 + start * charWidth, y, (end - start) * charWidth, height,
                             palette().color(QPalette::Highlight).lighter(160));
        }
    }

    if (!m_json) {
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(x0, y + ascent, text);
        return;
    }
    // JSON colours from one scan of the line: keys, strings, numbers, literals, punctuation.
    const QColor keyColor(0x88, 0x22, 0x88), stringColor(0x1b, 0x5e, 0x20),
        numberColor(0x0d, 0x47, 0xa1), literalColor(0xb7, 0x1c, 0x1c),
        plainColor = palette().color(QPalette::Text);
    int i = 0;
    const int n = int(text.size());
    while (i < n) {
        const QChar c = text[i];
        int j = i + 1;
        QColor color = plainColor;
        if (c == QLatin1Char('"')) {
            while (j < n && text[j] != QLatin1Char('"'))
                j += text[j] == QLatin1Char('\\') ? 2 : 1;
            j = qMin(j + 1, n);
            int k = j;
            while (k < n && text[k] == QLatin1Char(' '))
                ++k;
            color = k < n && text[k] == QLatin1Char(':') ? keyColor : stringColor;
        } else if (c == QLatin1Char('-') || c.isDigit()) {
            while (j < n && (text[j].isDigit() || text[j] == QLatin1Char('.') ||
                             text[j] == QLatin1Char('e') || text[j] == QLatin1Char('E') ||
                             text[j] == QLatin1Char('+') || text[j] == QLatin1Char('-')))
                ++j;
            color = numberColor;
        } else if (c.isLetter()) {
            while (j < n && text[j].isLetter())
                ++j;
            color = literalColor;
        } else {
            while (j < n && text[j] != QLatin1Char('"') && !text[j].isLetterOrNumber() &&
                   text[j] != QLatin1Char('-'))
                ++j;
        }
        painter.setPen(color);
        painter.drawText(x0 + i * charWidth, y + ascent, text.mid(i, j - i));
        i = j;
    }
}

void LargeTextView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QFontMetrics metrics = fontMetrics();
    const int height = metrics.height();
    const int gutter = gutterWidth();
    const int rows = viewport()->height() / height + 1;
    const int first = verticalScrollBar()->value();

    painter.setClipRect(gutter, 0, viewport()->width() - gutter, viewport()->height());
    for (int r = 0; r < rows; ++r) {
        const int line = lineOfRow(first + r);
        if (line < 0 || line >= lineCount())
            break;
        QString text = lineText(line, visibleBytes());
        const int fold = foldStartingAt(line);
        if (fold >= 0 && m_folded[fold])
            text += QStringLiteral("  \u2026 %1 lines").arg(m_folds[fold].end - line - 1);
        paintLine(painter, line, r * height, text);
    }

    painter.setClipping(false);
    painter.fillRect(0, 0, gutter, viewport()->height(), palette().color(QPalette::AlternateBase));
    if (m_text.isEmpty())
        return; // no line 1 to number
    painter.setPen(palette().color(QPalette::PlaceholderText));
    for (int r = 0; r < rows; ++r) {
        const int line = lineOfRow(first + r);
        if (line < 0 || line >= lineCount())
            break;
        const int y = r * height;
        painter.drawText(
            QRect(0, y, gutter - GutterPadding - (m_folds.isEmpty() ? 0 : FoldMarkerWidth), height),
            Qt::AlignRight | Qt::AlignVCenter, QString::number(line + 1));
        const int fold = foldStartingAt(line);
        if (fold >= 0)
            painter.drawText(QRect(gutter - FoldMarkerWidth - 2, y, FoldMarkerWidth, height),
                             Qt::AlignCenter,
                             m_folded[fold] ? QStringLiteral("\u25B8") : QStringLiteral("\u25BE"));
    }
}

LargeTextView::Position LargeTextView::positionAt(const QPoint &point) const
{
    const int height = fontMetrics().height();
    const int charWidth = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    Position position;
    const int row = verticalScrollBar()->value() + qMax(0, point.y()) / height;
    // Below the last row is the last line, folded or not (lineOfRow says -1 there).
    position.line = row >= visibleLineCount() ? lineOfRow(visibleLineCount() - 1) : lineOfRow(row);
    position.line = qBound(0, position.line, qMax(0, lineCount() - 1));
    const int x = point.x() - gutterWidth() - GutterPadding + horizontalScrollBar()->value();
    position.column = qBound(0, (x + charWidth / 2) / charWidth,
                             int(lineText(position.line, visibleBytes()).size()));
    return position;
}

void LargeTextView::mousePressEvent(QMouseEvent *event)
{
    if (lineCount() == 0)
        return;
    const QPoint point = event->position().toPoint();
    if (point.x() < gutterWidth()) { // the gutter folds
        const int line =
            lineOfRow(verticalScrollBar()->value() + point.y() / fontMetrics().height());
        if (line >= 0)
            toggleFold(line);
        return;
    }
    m_anchor = m_cursor = positionAt(point);
    m_hasSelection = false;
    viewport()->update();
}

void LargeTextView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || lineCount() == 0)
        return;
    m_cursor = positionAt(event->position().toPoint());
    m_hasSelection = m_anchor.line != m_cursor.line || m_anchor.column != m_cursor.column;
    viewport()->update();
}

QString LargeTextView::selectedText() const
{
    if (!m_hasSelection)
        return {};
    const Position from = qMin(m_anchor, m_cursor);
    const Position to = qMax(m_anchor, m_cursor);
    if (from.line == 0 && from.column == 0 && to.line == lineCount() - 1 &&
        to.column >= lineText(to.line).size())
        return text();
    QString out;
    for (int line = from.line; line <= to.line; ++line) {
        const QString whole = lineText(line);
        const int start = line == from.line ? from.column : 0;
        const int end = line == to.line ? to.column : int(whole.size());
        out += whole.mid(start, end - start);
        if (line != to.line)
            out += QLatin1Char('\n');
    }
    return out;
}

void LargeTextView::selectAll()
{
    if (lineCount() == 0)
        return;
    m_anchor = {0, 0};
    m_cursor = {lineCount() - 1, int(lineText(lineCount() - 1).size())};
    m_hasSelection = true;
    viewport()->update();
}

void LargeTextView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(selectedText());
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    QScrollBar *v = verticalScrollBar();
    switch (event->key()) {
    case Qt::Key_Down: v->setValue(v->value() + 1); return;
    case Qt::Key_Up: v->setValue(v->value() - 1); return;
    case Qt::Key_PageDown: v->setValue(v->value() + v->pageStep()); return;
    case Qt::Key_PageUp: v->setValue(v->value() - v->pageStep()); return;
    case Qt::Key_Home: v->setValue(0); return;
    case Qt::Key_End: v->setValue(v->maximum()); return;
    default: QAbstractScrollArea::keyPressEvent(event);
    }
}

} // namespace mr
