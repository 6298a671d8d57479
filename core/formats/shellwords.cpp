#include "shellwords.h"

namespace mr {

namespace {

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}
bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

class Splitter
{
public:
    Splitter(const QString &text, const QString &path, QList<Diagnostic> *errors)
        : m_text(text)
        , m_path(path)
        , m_errors(errors)
    {}

    QList<ShellWords::Command> run()
    {
        while (m_at < m_text.size()) {
            const QChar c = m_text[m_at];
            if (c == QLatin1Char('\\') && next() == QLatin1Char('\n')) {
                m_at += 2; // a line continuation between words
            } else if (c == QLatin1Char('\\') && next() == QLatin1Char('\r') &&
                       peek(2) == QLatin1Char('\n')) {
                m_at += 3;
            } else if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r')) {
                ++m_at;
            } else if (c == QLatin1Char('\n') || c == QLatin1Char(';')) {
                endCommand();
                ++m_at;
            } else if (c == QLatin1Char('&') || c == QLatin1Char('|')) {
                endCommand();
                m_at += next() == c ? 2 : 1;
            } else if (c == QLatin1Char('#')) {
                while (m_at < m_text.size() && m_text[m_at] != QLatin1Char('\n'))
                    ++m_at;
            } else if (!word()) {
                return m_commands;
            }
        }
        endCommand();
        return m_commands;
    }

private:
    QChar peek(qsizetype ahead) const
    {
        return m_at + ahead < m_text.size() ? m_text[m_at + ahead] : QChar();
    }
    QChar next() const { return peek(1); }

    void endCommand()
    {
        if (!m_current.words.isEmpty())
            m_commands.append(m_current);
        m_current = {};
    }

    bool unterminated(qsizetype quoteAt, const QString &what)
    {
        m_errors->append(
            Diagnostic::at(m_path, m_text, quoteAt,
                           QStringLiteral("unterminated %1; close it or escape it").arg(what)));
        return false;
    }

    // $NAME or ${NAME} at m_at (on the $); false when it is a plain dollar.
    bool variable(QString *out)
    {
        if (next() == QLatin1Char('{')) {
            qsizetype end = m_at + 2;
            while (end < m_text.size() && isNameChar(m_text[end]))
                ++end;
            if (end < m_text.size() && m_text[end] == QLatin1Char('}') && end > m_at + 2 &&
                isNameStart(m_text[m_at + 2])) {
                *out +=
                    QStringLiteral("{{$processEnv %1}}").arg(m_text.mid(m_at + 2, end - m_at - 2));
                m_at = end + 1;
                return true;
            }
            return false;
        }
        if (!isNameStart(next()))
            return false;
        qsizetype end = m_at + 1;
        while (end < m_text.size() && isNameChar(m_text[end]))
            ++end;
        *out += QStringLiteral("{{$processEnv %1}}").arg(m_text.mid(m_at + 1, end - m_at - 1));
        m_at = end;
        return true;
    }

    void append(QString *out, QStringView text)
    {
        if (!m_bytes.isEmpty())
            flushBytesInto(out, false);
        *out += text;
    }
    void append(QString *out, QChar c) { append(out, QStringView(&c, 1)); }

    bool ansiC(QString *out) // at the quote after "$"
    {
        const qsizetype quoteAt = m_at - 1;
        ++m_at;
        while (m_at < m_text.size() && m_text[m_at] != QLatin1Char('\'')) {
            const QChar c = m_text[m_at];
            if (c != QLatin1Char('\\')) {
                append(out, c);
                ++m_at;
                continue;
            }
            const QChar e = next();
            m_at += 2;
            switch (e.unicode()) {
            case 'n': append(out, QLatin1Char('\n')); break;
            case 't': append(out, QLatin1Char('\t')); break;
            case 'r': append(out, QLatin1Char('\r')); break;
            case 'a': append(out, QChar(7)); break;
            case 'b': append(out, QChar(8)); break;
            case 'e':
            case 'E': append(out, QChar(27)); break;
            case 'f': append(out, QChar(12)); break;
            case 'v': append(out, QChar(11)); break;
            case 'x':
            case 'u':
            case 'U': {
                const int maxDigits = e == QLatin1Char('x') ? 2 : (e == QLatin1Char('u') ? 4 : 8);
                qsizetype digits = 0;
                while (digits < maxDigits && m_at + digits < m_text.size() &&
                       isxdigit(m_text[m_at + digits].toLatin1()))
                    ++digits;
                const uint code = m_text.mid(m_at, digits).toUInt(nullptr, 16);
                m_at += digits;
                if (digits == 0)
                    append(out, QLatin1Char('\\') + e);
                else if (e == QLatin1Char('x'))
                    m_bytes += char(code), flushBytesInto(out, true);
                else if (code <= 0x10ffff)
                    append(out, QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1));
                break;
            }
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7': {
                uint code = uint(e.unicode() - '0');
                for (int i = 0; i < 2 && m_at < m_text.size() && m_text[m_at] >= QLatin1Char('0') &&
                                m_text[m_at] <= QLatin1Char('7');
                     ++i, ++m_at)
                    code = code * 8 + uint(m_text[m_at].unicode() - '0');
                m_bytes += char(code & 0xff);
                flushBytesInto(out, true);
                break;
            }
            case '\0': return unterminated(quoteAt, QStringLiteral("$'…' quote"));
            default: append(out, e); // \\ \' \" \? and unknown escapes
            }
        }
        if (m_at >= m_text.size())
            return unterminated(quoteAt, QStringLiteral("$'…' quote"));
        if (!m_bytes.isEmpty())
            flushBytesInto(out, false);
        ++m_at;
        return true;
    }

    // \xHH escapes spell bytes; consecutive ones form UTF-8 sequences.
    void flushBytesInto(QString *out, bool keepIncomplete)
    {
        const QString decoded = QString::fromUtf8(m_bytes);
        if (keepIncomplete && decoded.contains(QChar::ReplacementCharacter) && m_bytes.size() < 4)
            return; // maybe the rest of a UTF-8 sequence follows
        *out += decoded;
        m_bytes.clear();
    }

    bool word()
    {
        ShellWords::Word word;
        word.offset = m_at;
        bool any = false;
        while (m_at < m_text.size()) {
            const QChar c = m_text[m_at];
            if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
                c == QLatin1Char(';') || c == QLatin1Char('&') || c == QLatin1Char('|') ||
                (c == QLatin1Char('\r') && next() == QLatin1Char('\n')))
                break;
            any = true;
            if (c == QLatin1Char('\'')) {
                const qsizetype end = m_text.indexOf(QLatin1Char('\''), m_at + 1);
                if (end < 0)
                    return unterminated(m_at, QStringLiteral("' quote"));
                word.text += m_text.mid(m_at + 1, end - m_at - 1);
                m_at = end + 1;
            } else if (c == QLatin1Char('"')) {
                const qsizetype quoteAt = m_at++;
                while (m_at < m_text.size() && m_text[m_at] != QLatin1Char('"')) {
                    const QChar d = m_text[m_at];
                    if (d == QLatin1Char('\\') && QStringView(u"$`\"\\\n").contains(next())) {
                        if (next() != QLatin1Char('\n'))
                            word.text += next();
                        m_at += 2;
                    } else if (d == QLatin1Char('$') && variable(&word.text)) {
                    } else {
                        word.text += d;
                        ++m_at;
                    }
                }
                if (m_at >= m_text.size())
                    return unterminated(quoteAt, QStringLiteral("\" quote"));
                ++m_at;
            } else if (c == QLatin1Char('$') && next() == QLatin1Char('\'')) {
                ++m_at;
                if (!ansiC(&word.text))
                    return false;
            } else if (c == QLatin1Char('$') && variable(&word.text)) {
            } else if (c == QLatin1Char('\\')) {
                if (next() == QLatin1Char('\n')) {
                    m_at += 2;
                } else if (next() == QLatin1Char('\r') && peek(2) == QLatin1Char('\n')) {
                    m_at += 3;
                } else if (m_at + 1 < m_text.size()) {
                    word.text += next();
                    m_at += 2;
                } else {
                    ++m_at;
                }
            } else {
                word.text += c;
                ++m_at;
            }
        }
        if (any)
            m_current.words.append(word);
        return true;
    }

    const QString &m_text;
    const QString &m_path;
    QList<Diagnostic> *m_errors;
    qsizetype m_at = 0;
    QByteArray m_bytes;
    ShellWords::Command m_current;
    QList<ShellWords::Command> m_commands;
};

} // namespace

QList<ShellWords::Command> ShellWords::split(const QString &text, const QString &path,
                                             QList<Diagnostic> *errors)
{
    return Splitter(text, path, errors).run();
}

QString ShellWords::quote(const QString &word)
{
    static const QString safe = QStringLiteral("@%+=:,./-_");
    bool bare = !word.isEmpty();
    bool printable = true;
    for (const QChar c : word) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && !safe.contains(c))
            bare = false;
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            printable = false;
    }
    if (bare)
        return word;
    if (printable) {
        QString quoted = word;
        quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
        return QLatin1Char('\'') + quoted + QLatin1Char('\'');
    }
    return quote(word.toUtf8());
}

QString ShellWords::quote(const QByteArray &bytes)
{
    if (QString::fromUtf8(bytes).toUtf8() == bytes) {
        bool printable = true;
        for (const char c : bytes)
            printable = printable && uchar(c) >= 0x20 && uchar(c) != 0x7f;
        if (printable)
            return quote(QString::fromUtf8(bytes));
    }
    QString out = QStringLiteral("$'");
    for (const char c : bytes) {
        const uchar u = uchar(c);
        switch (c) {
        case '\n': out += QLatin1String("\\n"); break;
        case '\r': out += QLatin1String("\\r"); break;
        case '\t': out += QLatin1String("\\t"); break;
        case '\\': out += QLatin1String("\\\\"); break;
        case '\'': out += QLatin1String("\\'"); break;
        default:
            if (u < 0x20 || u >= 0x7f)
                out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
            else
                out += QLatin1Char(c);
        }
    }
    return out + QLatin1Char('\'');
}

} // namespace mr
