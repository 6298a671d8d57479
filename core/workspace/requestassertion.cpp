#include "requestassertion.h"

#include "base/regexclasses.h"

namespace mr {

namespace {

struct PredicateName {
    const char *id;
    RequestAssertion::Predicate predicate;
};

// httpyac's predicate ids (and their aliases), longest first so "===" is not read as "==".
const PredicateName predicateNames[] = {
    {"notEquals", RequestAssertion::Predicate::NotEquals},
    {"startsWith", RequestAssertion::Predicate::StartsWith},
    {"isBoolean", RequestAssertion::Predicate::IsBoolean},
    {"includes", RequestAssertion::Predicate::Includes},
    {"contains", RequestAssertion::Predicate::Includes},
    {"endsWith", RequestAssertion::Predicate::EndsWith},
    {"isNumber", RequestAssertion::Predicate::IsNumber},
    {"isString", RequestAssertion::Predicate::IsString},
    {"isArray", RequestAssertion::Predicate::IsArray},
    {"isFalse", RequestAssertion::Predicate::IsFalse},
    {"matches", RequestAssertion::Predicate::Matches},
    {"equals", RequestAssertion::Predicate::Equals},
    {"exists", RequestAssertion::Predicate::Exists},
    {"isTrue", RequestAssertion::Predicate::Exists},
    {"sha256", RequestAssertion::Predicate::Sha256},
    {"sha512", RequestAssertion::Predicate::Sha512},
    {"md5", RequestAssertion::Predicate::Md5},
    {"===", RequestAssertion::Predicate::Equals},
    {"!==", RequestAssertion::Predicate::NotEquals},
    {"==", RequestAssertion::Predicate::Equals},
    {"!=", RequestAssertion::Predicate::NotEquals},
    {"<=", RequestAssertion::Predicate::LessOrEqual},
    {">=", RequestAssertion::Predicate::GreaterOrEqual},
    {"<", RequestAssertion::Predicate::Less},
    {">", RequestAssertion::Predicate::Greater},
};

RequestAssertion::Predicate predicateFor(const QString &id)
{
    for (const PredicateName &name : predicateNames) {
        if (id.compare(QLatin1String(name.id), Qt::CaseInsensitive) == 0)
            return name.predicate;
    }
    return RequestAssertion::Predicate::None;
}

// "?? connection reused|new", as the pattern "^\s*\?\?\s*connection\s+(reused|new)\s*$"
// (case-insensitive) reads it: the word as written, or a null string.
QString connectionArgument(QStringView line)
{
    if (!RegexClasses::isValidUtf16(line))
        return {};
    qsizetype i = RegexClasses::skipSpaces(line, 0);
    if (!line.mid(i).startsWith(u"??"))
        return {};
    i = RegexClasses::skipSpaces(line, i + 2);
    const QStringView connection(u"connection");
    if (!line.mid(i).startsWith(connection, Qt::CaseInsensitive))
        return {};
    i += connection.size();
    const qsizetype word = RegexClasses::skipSpaces(line, i);
    if (word == i)
        return {};
    for (const QStringView id : {QStringView(u"reused"), QStringView(u"new")}) {
        if (line.mid(word).startsWith(id, Qt::CaseInsensitive) &&
            RegexClasses::skipSpaces(line, word + id.size()) == line.size())
            return line.mid(word, id.size()).toString();
    }
    return {};
}

struct Parts {
    QString subject;
    QString argument;
    QString predicate;
    QString expected;
};

// `text` without the \s at either end (QString::trimmed also takes Unicode spaces).
QStringView trimmedSpaces(QStringView text)
{
    qsizetype begin = RegexClasses::skipSpaces(text, 0);
    qsizetype end = text.size();
    while (end > begin && RegexClasses::isSpace(text[end - 1]))
        --end;
    return text.mid(begin, end - begin);
}

// The first predicate that fits at `p`, with its value (the pattern's "\s*(.*?)\s*$").
bool predicateAt(QStringView line, qsizetype p, bool strict, Parts *parts)
{
    for (const PredicateName &name : predicateNames) {
        const QLatin1String id(name.id);
        if (!line.mid(p).startsWith(id, Qt::CaseInsensitive))
            continue;
        const qsizetype end = p + id.size();
        if (strict && end < line.size() && !RegexClasses::isSpace(line[end]))
            continue;
        const QStringView expected = trimmedSpaces(line.mid(end));
        if (expected.contains(u'\n'))
            continue;
        parts->predicate = line.mid(p, id.size()).toString();
        parts->expected = expected.toString();
        return true;
    }
    return false;
}

// Where the pattern's "(?:\s+(.*))?\s+(PREDICATE)…" finds the predicate when the value may start
// at `from`, a word: the last word where one fits (the value is greedy), else the one at `from`.
// -1 when none; `*valueEnd` is where the value stops, before the last \s ahead of the predicate
// or at a line feed (which "." does not take), or -1 when the value group did not match.
qsizetype findPredicate(QStringView line, qsizetype from, bool strict, Parts *parts,
                        qsizetype *valueEnd)
{
    const qsizetype lineFeed = line.indexOf(u'\n', from);
    for (qsizetype p = line.size() - 1; p > from; --p) {
        if (RegexClasses::isSpace(line[p]) || !RegexClasses::isSpace(line[p - 1]))
            continue;
        qsizetype run = p - 1;
        while (run > from && RegexClasses::isSpace(line[run - 1]))
            --run;
        if ((lineFeed >= 0 && lineFeed < run) || !predicateAt(line, p, strict, parts))
            continue;
        *valueEnd = lineFeed >= 0 && lineFeed < p - 1 ? lineFeed : p - 1;
        return p;
    }
    if (from == line.size() || !predicateAt(line, from, strict, parts))
        return -1;
    *valueEnd = -1;
    return from;
}

enum class Split { None, NoSubject, Found };

// httpyac's form as the pattern
// "^\s*\?\?\s*(\S*)(?:\s+(.*))?\s+(PREDICATE)(?=\s|$)\s*(.*?)\s*$" (case-insensitive, the
// predicates in predicateNames' order) reads it; without `strict`, the same without
// "(?=\s|$)". Written out by hand to the pattern's backtracking: the subject is the first word;
// when nothing fits after it, the pattern still matches with an empty subject if a predicate fits
// from the first word on.
Split splitAssertion(QStringView line, bool strict, Parts *parts)
{
    if (!RegexClasses::isValidUtf16(line))
        return Split::None;
    const qsizetype n = line.size();
    const qsizetype marks = RegexClasses::skipSpaces(line, 0);
    if (!line.mid(marks).startsWith(u"??"))
        return Split::None;
    const qsizetype subject = RegexClasses::skipSpaces(line, marks + 2);
    qsizetype subjectEnd = subject;
    while (subjectEnd < n && !RegexClasses::isSpace(line[subjectEnd]))
        ++subjectEnd;
    if (subjectEnd > subject && subjectEnd < n) {
        const qsizetype second = RegexClasses::skipSpaces(line, subjectEnd);
        qsizetype valueEnd = -1;
        const qsizetype p = findPredicate(line, second, strict, parts, &valueEnd);
        if (p >= 0) {
            parts->subject = line.mid(subject, subjectEnd - subject).toString();
            if (valueEnd >= 0)
                parts->argument = line.mid(second, valueEnd - second).toString();
            else // the optional group matched empty when two or more \s stand before
                parts->argument = p - subjectEnd >= 2 ? QString(QLatin1String("")) : QString();
            return Split::Found;
        }
    }
    qsizetype valueEnd = -1;
    if (subject > marks + 2 && findPredicate(line, subject, strict, parts, &valueEnd) >= 0)
        return Split::NoSubject;
    return Split::None;
}

const QString usage = QStringLiteral(
    "write it as \"?? SUBJECT [ARGUMENT] PREDICATE [EXPECTED]\", e.g. \"?? status == 200\", "
    "\"?? header content-type includes json\", \"?? body $.id == 7\", \"?? duration < 500\" or "
    "\"?? connection reused\"");

} // namespace

QString RequestAssertion::description() const
{
    QString out = text.trimmed();
    out.remove(0, 2); // "??"
    return out.trimmed();
}

bool RequestAssertion::isAssertionLine(const QString &line)
{
    return line.trimmed().startsWith(QLatin1String("??"));
}

bool RequestAssertion::takesNoExpected(Predicate predicate)
{
    switch (predicate) {
    case Predicate::None:
    case Predicate::Exists:
    case Predicate::IsFalse:
    case Predicate::IsNumber:
    case Predicate::IsString:
    case Predicate::IsBoolean:
    case Predicate::IsArray: return true;
    default: return false;
    }
}

RequestAssertion RequestAssertion::parse(const QString &line, int lineNumber)
{
    RequestAssertion a;
    a.text = line;
    a.line = lineNumber;
    const qsizetype marks = line.indexOf(QLatin1String("??"));
    const int subjectColumn = [&] {
        qsizetype i = marks + 2;
        while (i < line.size() && line[i].isSpace())
            ++i;
        return int(i) + 1;
    }();

    // Ours, without a predicate: "?? connection reused", "?? connection new".
    if (const QString word = connectionArgument(line); !word.isNull()) {
        a.subject = Subject::Connection;
        a.subjectName = QStringLiteral("connection");
        a.argument = word.toLower();
        return a;
    }

    // httpyac's form: the value is greedy, so the predicate is the last one on the line. A
    // predicate standing as a word is preferred ("includes <b>" is not read as "<"), then
    // httpyac's looser reading ("==200").
    Parts parts;
    Split split = splitAssertion(line, true, &parts);
    if (split == Split::None)
        split = splitAssertion(line, false, &parts);
    if (split != Split::Found) {
        a.problem = QStringLiteral("cannot read the assertion: %1").arg(usage);
        a.problemColumn = subjectColumn;
        return a;
    }
    a.subjectName = parts.subject;
    a.argument = parts.argument.trimmed();
    a.predicateText = parts.predicate;
    a.predicate = predicateFor(a.predicateText);
    a.expected = parts.expected;

    const QString subject = a.subjectName.toLower();
    if (subject == QLatin1String("status")) {
        a.subject = Subject::Status;
    } else if (subject == QLatin1String("header")) {
        a.subject = Subject::Header;
        if (a.argument.isEmpty()) {
            a.problem = QStringLiteral("\"header\" needs the header's name, e.g. \"?? header "
                                       "content-type includes json\"");
            a.problemColumn = subjectColumn;
        }
    } else if (subject == QLatin1String("body")) {
        a.subject = Subject::Body;
    } else if (subject == QLatin1String("duration")) {
        a.subject = Subject::Duration;
    } else if (subject == QLatin1String("connection")) {
        a.subject = Subject::Connection;
    } else if (subject == QLatin1String("js") || subject == QLatin1String("xpath")) {
        a.subject = Subject::Unsupported; // valid for httpyac; we do not run JavaScript
    } else {
        a.problem = QStringLiteral("unknown assertion subject \"%1\": use status, header NAME, "
                                   "body [PATH], duration or connection")
                        .arg(a.subjectName);
        a.problemColumn = subjectColumn;
        return a;
    }
    if (a.isValid() && !takesNoExpected(a.predicate) && a.expected.isEmpty() &&
        a.predicate != Predicate::Equals && a.predicate != Predicate::NotEquals) {
        a.problem = QStringLiteral("\"%1\" needs a value to compare with, e.g. \"?? %2 %1 …\"")
                        .arg(a.predicateText, a.subjectName);
        a.problemColumn = int(line.size()) + 1;
    }
    return a;
}

} // namespace mr
