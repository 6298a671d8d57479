#include "jsonpositions.h"

namespace mr {

namespace {

// A small scanner over already-valid JSON: it follows structure and strings, and records
// where each value begins. Nesting is bounded so that hostile input cannot exhaust the stack.
class Scanner
{
public:
    Scanner(const QString &text, QHash<QString, std::pair<int, int>> *out)
        : m_text(text)
        , m_out(out)
    {}

    void value(const QString &pointer, int depth)
    {
        skipSpace();
        if (m_at >= m_text.size() || depth > 512)
            return;
        m_out->insert(pointer, {m_line, int(m_at - m_lineStart) + 1});
        const QChar c = m_text[m_at];
        if (c == QLatin1Char('{')) {
            advance();
            for (;;) {
                skipSpace();
                if (m_at >= m_text.size() || m_text[m_at] == QLatin1Char('}')) {
                    advance();
                    return;
                }
                if (m_text[m_at] != QLatin1Char('"'))
                    return; // malformed: stop
                const QString key = string();
                skipSpace();
                if (m_at >= m_text.size() || m_text[m_at] != QLatin1Char(':'))
                    return;
                advance();
                value(JsonPositions::child(pointer, key), depth + 1);
                skipSpace();
                if (m_at < m_text.size() && m_text[m_at] == QLatin1Char(','))
                    advance();
                else if (m_at < m_text.size() && m_text[m_at] != QLatin1Char('}'))
                    return;
            }
        }
        if (c == QLatin1Char('[')) {
            advance();
            for (qsizetype index = 0;; ++index) {
                skipSpace();
                if (m_at >= m_text.size() || m_text[m_at] == QLatin1Char(']')) {
                    advance();
                    return;
                }
                const qsizetype before = m_at;
                value(JsonPositions::child(pointer, index), depth + 1);
                skipSpace();
                if (m_at < m_text.size() && m_text[m_at] == QLatin1Char(','))
                    advance();
                else if (m_at < m_text.size() && m_text[m_at] != QLatin1Char(']'))
                    return;
                if (m_at == before)
                    return; // no progress: malformed
            }
        }
        if (c == QLatin1Char('"')) {
            string();
            return;
        }
        // number, true, false, null
        while (m_at < m_text.size() && !QStringView(u",]} \t\r\n").contains(m_text[m_at]))
            advance();
    }

private:
    void advance()
    {
        if (m_at < m_text.size() && m_text[m_at] == QLatin1Char('\n')) {
            ++m_line;
            m_lineStart = m_at + 1;
        }
        ++m_at;
    }
    void skipSpace()
    {
        while (m_at < m_text.size() && QStringView(u" \t\r\n").contains(m_text[m_at]))
            advance();
    }
    QString string() // at the opening quote; returns the decoded key (escapes kept simple)
    {
        QString result;
        advance();
        while (m_at < m_text.size() && m_text[m_at] != QLatin1Char('"')) {
            if (m_text[m_at] == QLatin1Char('\\') && m_at + 1 < m_text.size()) {
                advance();
                const QChar escaped = m_text[m_at];
                switch (escaped.unicode()) {
                case 'n': result += QLatin1Char('\n'); break;
                case 't': result += QLatin1Char('\t'); break;
                case 'r': result += QLatin1Char('\r'); break;
                case 'b': result += QLatin1Char('\b'); break;
                case 'f': result += QLatin1Char('\f'); break;
                case 'u':
                    if (m_at + 4 < m_text.size()) {
                        bool ok = false;
                        const ushort code = m_text.mid(m_at + 1, 4).toUShort(&ok, 16);
                        if (ok)
                            result += QChar(code);
                        for (int i = 0; i < 4; ++i)
                            advance();
                    }
                    break;
                default: result += escaped;
                }
                advance();
                continue;
            }
            result += m_text[m_at];
            advance();
        }
        advance(); // the closing quote
        return result;
    }

    const QString &m_text;
    QHash<QString, std::pair<int, int>> *m_out;
    qsizetype m_at = 0;
    qsizetype m_lineStart = 0;
    int m_line = 1;
};

} // namespace

JsonPositions JsonPositions::scan(const QString &json)
{
    QHash<QString, std::pair<int, int>> found;
    Scanner(json, &found).value(QString(), 0);
    JsonPositions positions;
    for (auto it = found.cbegin(); it != found.cend(); ++it)
        positions.add(it.key(), it->first, it->second);
    return positions;
}

void JsonPositions::add(const QString &pointer, int line, int column)
{
    m_positions.insert(pointer, {line, column});
}

Diagnostic JsonPositions::at(const QString &file, const QString &pointer, const QString &message,
                             Diagnostic::Severity severity) const
{
    Diagnostic d;
    d.file = file;
    d.message = message;
    d.severity = severity;
    QString nearest = pointer;
    for (;;) {
        const auto it = m_positions.constFind(nearest);
        if (it != m_positions.cend()) {
            d.line = it->line;
            d.column = it->column;
            return d;
        }
        if (nearest.isEmpty())
            return d;
        nearest.truncate(nearest.lastIndexOf(QLatin1Char('/')));
    }
}

Diagnostic JsonPositions::located(const QString &file, const QString &pointer,
                                  const QString &message, Diagnostic::Severity severity) const
{
    Diagnostic d = at(file, pointer, message, severity);
    d.line = qMax(d.line, 1);
    d.column = qMax(d.column, 1);
    return d;
}

QString JsonPositions::child(const QString &pointer, const QString &key)
{
    QString escaped = key;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0"));
    escaped.replace(QLatin1Char('/'), QLatin1String("~1"));
    return pointer + QLatin1Char('/') + escaped;
}

QString JsonPositions::child(const QString &pointer, qsizetype index)
{
    return pointer + QLatin1Char('/') + QString::number(index);
}

} // namespace mr
