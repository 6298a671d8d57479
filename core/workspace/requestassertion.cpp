#include "requestassertion.h"

#include <QRegularExpression>

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

QString predicateAlternation()
{
    QStringList ids;
    for (const PredicateName &name : predicateNames)
        ids.append(QRegularExpression::escape(QString::fromLatin1(name.id)));
    return ids.join(QLatin1Char('|'));
}

RequestAssertion::Predicate predicateFor(const QString &id)
{
    for (const PredicateName &name : predicateNames) {
        if (id.compare(QLatin1String(name.id), Qt::CaseInsensitive) == 0)
            return name.predicate;
    }
    return RequestAssertion::Predicate::None;
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
    static const QRegularExpression connection(
        QStringLiteral("^\\s*\\?\\?\\s*connection\\s+(reused|new)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    if (const QRegularExpressionMatch m = connection.match(line); m.hasMatch()) {
        a.subject = Subject::Connection;
        a.subjectName = QStringLiteral("connection");
        a.argument = m.captured(1).toLower();
        return a;
    }

    // httpyac's form: the value is greedy, so the predicate is the last one on the line. A
    // predicate standing as a word is preferred ("includes <b>" is not read as "<"), then
    // httpyac's looser reading ("==200").
    const QString ids = predicateAlternation();
    static const QRegularExpression strict(
        QStringLiteral("^\\s*\\?\\?\\s*(\\S*)(?:\\s+(.*))?\\s+(%1)(?=\\s|$)\\s*(.*?)\\s*$")
            .arg(ids),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression loose(
        QStringLiteral("^\\s*\\?\\?\\s*(\\S*)(?:\\s+(.*))?\\s+(%1)\\s*(.*?)\\s*$").arg(ids),
        QRegularExpression::CaseInsensitiveOption);
    QRegularExpressionMatch m = strict.match(line);
    if (!m.hasMatch())
        m = loose.match(line);
    if (!m.hasMatch() || m.captured(1).isEmpty()) {
        a.problem = QStringLiteral("cannot read the assertion: %1").arg(usage);
        a.problemColumn = subjectColumn;
        return a;
    }
    a.subjectName = m.captured(1);
    a.argument = m.captured(2).trimmed();
    a.predicateText = m.captured(3);
    a.predicate = predicateFor(a.predicateText);
    a.expected = m.captured(4);

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
