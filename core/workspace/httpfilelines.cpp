#include "httpfilelines.h"

#include "base/regexclasses.h"

#include <string>

namespace mr {

namespace {

// Where "(.*)$" starting at `from` ends: "." takes no line feed and "$" also matches before a
// final one; -1 when another line feed stands in the way.
qsizetype restEnd(QStringView text, qsizetype from)
{
    qsizetype end = text.size();
    if (end > from && text[end - 1] == u'\n')
        --end;
    return text.mid(from, end - from).contains(u'\n') ? -1 : end;
}

// "$" at `i`: the end, or a final line feed.
bool atEnd(QStringView text, qsizetype i)
{
    return i == text.size() || (i == text.size() - 1 && text[i] == u'\n');
}

// The end of a run of [\w.-] from `i`.
qsizetype skipName(QStringView text, qsizetype i)
{
    while (i < text.size() && (text[i] == u'.' || text[i] == u'-' || RegexClasses::isWord(text[i])))
        ++i;
    return i;
}

bool isTokenChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') ||
           (u < 0x80 && std::char_traits<char>::find("!#$%&'*+-.^_`|~", 15, char(u)));
}

} // namespace

bool HttpFileLines::directive(const QString &line, QString *name, QString *value)
{
    if (!RegexClasses::isValidUtf16(line))
        return false;
    qsizetype i = RegexClasses::skipSpaces(line, 0);
    if (i < line.size() && line[i] == u'#') {
        while (i < line.size() && line[i] == u'#')
            ++i;
    } else if (QStringView(line).mid(i).startsWith(u"//")) {
        i += 2;
    } else {
        return false;
    }
    i = RegexClasses::skipSpaces(line, i);
    if (i == line.size() || line[i] != u'@')
        return false;
    const qsizetype nameStart = i + 1;
    const qsizetype nameEnd = skipName(line, nameStart);
    if (nameEnd == nameStart)
        return false;
    i = RegexClasses::skipSpaces(line, nameEnd);
    if (i < line.size() && line[i] == u'=')
        i = RegexClasses::skipSpaces(line, i + 1);
    const qsizetype end = restEnd(line, i);
    if (end < 0)
        return false;
    *name = line.mid(nameStart, nameEnd - nameStart);
    *value = line.mid(i, end - i).trimmed();
    return true;
}

bool HttpFileLines::fileVariable(const QString &line, QString *name, QString *value)
{
    if (!RegexClasses::isValidUtf16(line) || line.size() < 2 || line[0] != u'@')
        return false;
    const char16_t first = line[1].unicode();
    if (!(first == u'_' || (first >= u'A' && first <= u'Z') || (first >= u'a' && first <= u'z')))
        return false;
    const qsizetype nameEnd = skipName(line, 2);
    qsizetype i = RegexClasses::skipSpaces(line, nameEnd);
    if (i == line.size() || line[i] != u'=')
        return false;
    i = RegexClasses::skipSpaces(line, i + 1);
    const qsizetype end = restEnd(line, i);
    if (end < 0)
        return false;
    *name = line.mid(1, nameEnd - 1);
    *value = line.mid(i, end - i).trimmed();
    return true;
}

bool HttpFileLines::isToken(const QString &text)
{
    qsizetype i = 0;
    while (i < text.size() && isTokenChar(text[i]))
        ++i;
    return i > 0 && atEnd(text, i);
}

bool HttpFileLines::isMethod(const QString &text)
{
    if (text.isEmpty() || text[0] < u'A' || text[0] > u'Z')
        return false;
    qsizetype i = 1;
    while (i < text.size() && ((text[i] >= u'A' && text[i] <= u'Z') || text[i] == u'-'))
        ++i;
    return atEnd(text, i);
}

bool HttpFileLines::pathWithLine(const QString &argument, QString *path, QString *line)
{
    if (!RegexClasses::isValidUtf16(argument))
        return false;
    QStringView text(argument);
    if (text.endsWith(u'\n'))
        text.chop(1);
    // The digits run back from the end to the last colon (\d holds no colon).
    qsizetype digits = text.size();
    while (digits > 0 && RegexClasses::isDigit(text[digits - 1]))
        --digits;
    const qsizetype colon = digits - 1;
    if (digits == text.size() || colon < 1 || text[colon] != u':' ||
        text.left(colon).contains(u'\n'))
        return false;
    *path = text.left(colon).toString();
    *line = text.mid(digits).toString();
    return true;
}

} // namespace mr
