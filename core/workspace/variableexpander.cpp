#include "variableexpander.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QUuid>

namespace mr {

namespace {
constexpr int MaxDepth = 8; // a variable that refers to itself stops here
}

VariableExpander::Result VariableExpander::expand(const QString &text) const
{
    Result result;
    result.text = expandInto(text, 0, &result);
    return result;
}

namespace {

// Where "{{" or "}}" starts from `from`, or -1: QString::indexOf(QLatin1String) converts and
// searches generally, many times slower for a two-character needle, and every text of every
// request is searched.
qsizetype indexOfPair(const QString &text, char16_t c, qsizetype from)
{
    const char16_t *const begin = reinterpret_cast<const char16_t *>(text.constData());
    const char16_t *const end = begin + text.size();
    for (const char16_t *p = begin + qMax<qsizetype>(from, 0); p + 1 < end; ++p) {
        if (*p == c && p[1] == c)
            return p - begin;
    }
    return -1;
}

} // namespace

bool VariableExpander::nextReference(const QString &text, qsizetype from, qsizetype *open,
                                     qsizetype *close)
{
    *open = indexOfPair(text, u'{', from);
    if (*open < 0)
        return false;
    *close = indexOfPair(text, u'}', *open + 2);
    return *close >= 0;
}

QString VariableExpander::expandInto(const QString &text, int depth, Result *result) const
{
    qsizetype pos = 0;
    qsizetype open = 0;
    qsizetype close = 0;
    if (!nextReference(text, pos, &open, &close))
        return text.isEmpty() ? QString() : text; // most refer to nothing: shared, not copied
    QString out;
    do {
        out += QStringView(text).mid(pos, open - pos);
        const QString expression = text.mid(open + 2, close - open - 2).trimmed();
        QString value;
        QString reason;
        if (expression.startsWith(QLatin1Char('$')) && dynamicValue(expression, &value)) {
            out += value;
        } else if (m_variables.contains(expression) && depth < MaxDepth) {
            out += expandInto(m_variables.value(expression), depth + 1, result);
        } else if (!m_variables.contains(expression) &&
                   m_responses.resolve(expression, &value, &reason) ==
                       NamedResponses::Match::Resolved) {
            out += value; // a response's text is used as it is, never expanded again
        } else {
            if (!result->unresolved.contains(expression))
                result->unresolved.append(expression);
            if (!reason.isEmpty())
                result->reasons.insert(expression, reason);
            out += QStringView(text).mid(open, close + 2 - open);
        }
        pos = close + 2;
    } while (nextReference(text, pos, &open, &close));
    out += QStringView(text).mid(pos);
    return out;
}

bool VariableExpander::isFixedAt(const QString &text, int depth) const
{
    // As expandInto() goes: a variable past MaxDepth stays unresolved, whatever else changes.
    qsizetype pos = 0;
    qsizetype open = 0;
    qsizetype close = 0;
    while (nextReference(text, pos, &open, &close)) {
        const QString expression = text.mid(open + 2, close - open - 2).trimmed();
        const auto variable = m_variables.constFind(expression);
        if (expression.startsWith(QLatin1Char('$')) || variable == m_variables.cend())
            return false; // generated, or a response's (or none yet)
        if (depth < MaxDepth && !isFixedAt(*variable, depth + 1))
            return false;
        pos = close + 2;
    }
    return true;
}

bool VariableExpander::dynamicValue(const QString &expression, QString *value) const
{
    const QStringList parts = expression.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString name = parts.value(0);
    if (name == QLatin1String("$uuid") || name == QLatin1String("$random.uuid")) {
        *value = QUuid::createUuid().toString(QUuid::WithoutBraces);
    } else if (name == QLatin1String("$timestamp")) {
        *value = QString::number(QDateTime::currentSecsSinceEpoch());
    } else if (name == QLatin1String("$isoTimestamp")) {
        *value = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    } else if (name == QLatin1String("$randomInt")) {
        // VS Code REST Client: {{$randomInt min max}}, max exclusive; JetBrains: 0..1000.
        bool okMin = true;
        bool okMax = true;
        const int min = parts.size() > 1 ? parts[1].toInt(&okMin) : 0;
        const int max = parts.size() > 2 ? parts[2].toInt(&okMax) : 1000;
        if (!okMin || !okMax || max <= min)
            return false;
        *value = QString::number(QRandomGenerator::global()->bounded(min, max));
    } else if (name == QLatin1String("$processEnv") && parts.size() == 2) {
        *value = qEnvironmentVariable(parts[1].toLocal8Bit().constData());
    } else if (name == QLatin1String("$dotenv") && parts.size() == 2) {
        if (!m_dotenv) {
            m_dotenv.emplace();
            QFile file(QDir(m_dotenvFolder.isEmpty() ? QDir::currentPath() : m_dotenvFolder)
                           .filePath(QStringLiteral(".env")));
            if (file.open(QIODevice::ReadOnly)) {
                for (const QByteArray &raw : file.readAll().split('\n')) {
                    const QByteArray line = raw.trimmed();
                    const qsizetype eq = line.indexOf('=');
                    if (line.startsWith('#') || eq <= 0)
                        continue;
                    QByteArray text = line.mid(eq + 1).trimmed();
                    if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
                        text.back() == text.front())
                        text = text.mid(1, text.size() - 2);
                    m_dotenv->insert(QString::fromUtf8(line.left(eq).trimmed()),
                                     QString::fromUtf8(text));
                }
            }
        }
        if (!m_dotenv->contains(parts[1]))
            return false;
        *value = m_dotenv->value(parts[1]);
    } else {
        return false;
    }
    return true;
}

} // namespace mr
