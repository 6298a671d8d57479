#include "bodyhighlighter.h"

#include "themecolors.h"

#include "workspace/variablespans.h"

#include <QRegularExpression>
#include <QTextDocument>

namespace mr {

namespace {
QTextCharFormat colour(const QColor &foreground, bool bold = false)
{
    QTextCharFormat format;
    format.setForeground(foreground);
    if (bold)
        format.setFontWeight(QFont::DemiBold);
    return format;
}
} // namespace

BodyHighlighter::BodyHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    setColours(QPalette());
}

void BodyHighlighter::setColours(const QPalette &palette)
{
    const auto pick = [&palette](ThemeColors::Role role, bool bold = false) {
        return colour(ThemeColors::color(role, palette), bold);
    };
    m_key = pick(ThemeColors::SyntaxKey);
    m_string = pick(ThemeColors::SyntaxString);
    m_number = pick(ThemeColors::SyntaxNumber);
    m_literal = pick(ThemeColors::SyntaxLiteral, true);
    m_tag = pick(ThemeColors::SyntaxTag);
    m_attribute = pick(ThemeColors::SyntaxAttribute);
    m_comment = pick(ThemeColors::SyntaxComment);
    m_variable = pick(ThemeColors::Variable, true);
    m_variable.setBackground(ThemeColors::color(ThemeColors::VariableBackground, palette));
    const QColor red = ThemeColors::color(ThemeColors::Error, palette);
    m_unresolved = colour(red, true);
    m_unresolved.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    m_unresolved.setUnderlineColor(red);
    if (document() && !document()->isEmpty())
        rehighlight();
}

void BodyHighlighter::setExpander(const VariableExpander &expander)
{
    m_expander = expander;
    // Only a body with variables can look different.
    if (document() && document()->toPlainText().contains(QLatin1String("{{")))
        rehighlight();
}

void BodyHighlighter::setLanguage(Language language)
{
    if (language == m_language)
        return;
    m_language = language;
    rehighlight();
}

void BodyHighlighter::highlightBlock(const QString &text)
{
    switch (m_language) {
    case Language::Json: highlightJson(text); break;
    case Language::Xml: highlightXml(text); break;
    case Language::Plain: break;
    }
    // Last, so a variable inside a string still stands out.
    if (m_expander) { // the expander decides, as for sending
        const QList<VariableSpans::Span> spans = VariableSpans::find(text, *m_expander);
        for (const VariableSpans::Span &span : spans)
            setFormat(int(span.start), int(span.length), span.known ? m_variable : m_unresolved);
        return;
    }
    static const QRegularExpression variable(QStringLiteral("\\{\\{.*?\\}\\}"));
    for (auto it = variable.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), m_variable);
    }
}

void BodyHighlighter::highlightJson(const QString &text)
{
    static const QRegularExpression token(
        QStringLiteral("(\"(?:[^\"\\\\]|\\\\.)*\"?)(\\s*:)?|(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)|"
                       "\\b(true|false|null)\\b"));
    for (auto it = token.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        const int start = int(match.capturedStart());
        if (match.capturedLength(1) > 0) {
            // A string followed by ":" is a key.
            setFormat(start, int(match.capturedLength(1)),
                      match.capturedLength(2) > 0 ? m_key : m_string);
        } else if (match.capturedLength(3) > 0) {
            setFormat(start, int(match.capturedLength(3)), m_number);
        } else {
            setFormat(start, int(match.capturedLength(4)), m_literal);
        }
    }
}

void BodyHighlighter::highlightXml(const QString &text)
{
    static const QRegularExpression tag(QStringLiteral("</?[A-Za-z_][\\w:.-]*|/?>|<\\?\\w+|\\?>"));
    static const QRegularExpression attribute(
        QStringLiteral("([A-Za-z_][\\w:.-]*)\\s*=\\s*(\"[^\"]*\"|'[^']*')"));
    static const QRegularExpression comment(QStringLiteral("<!--.*?-->"));
    for (auto it = tag.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), m_tag);
    }
    for (auto it = attribute.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        setFormat(int(match.capturedStart(1)), int(match.capturedLength(1)), m_attribute);
        setFormat(int(match.capturedStart(2)), int(match.capturedLength(2)), m_string);
    }
    for (auto it = comment.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), m_comment);
    }
}

} // namespace mr
