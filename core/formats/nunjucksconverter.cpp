#include "nunjucksconverter.h"

#include <QRegularExpression>

namespace mr {

namespace {

// "_.a.b", "_['a-b']", "a.b" → "a.b"; empty when the expression is anything else.
QString variableName(const QString &expression)
{
    static const QRegularExpression plain(
        QStringLiteral(R"(^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$)"));
    static const QRegularExpression underscore(QStringLiteral(
        R"re(^_(?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*'[^'\[\]]*'\s*\]|\s*\[\s*"[^"\[\]]*"\s*\])+$)re"));
    static const QRegularExpression segment(QStringLiteral(
        R"re(\.\s*([A-Za-z_$][\w$]*)|\[\s*'([^'\[\]]*)'\s*\]|\[\s*"([^"\[\]]*)"\s*\])re"));
    const QString e = expression.trimmed();
    if (!underscore.match(e).hasMatch())
        return e != QLatin1String("_") && plain.match(e).hasMatch() ? e : QString();
    QStringList parts;
    auto it = segment.globalMatch(e, 1);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        parts.append(m.captured(1) + m.captured(2) + m.captured(3));
    }
    return parts.join(QLatin1Char('.'));
}

// "'v4', 'x'" → {"v4", "x"}
QStringList tagArguments(const QString &text)
{
    QStringList args;
    QString current;
    QChar quote;
    for (const QChar c : text) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                current += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char(',')) {
            args.append(current.trimmed());
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty() || !args.isEmpty())
        args.append(current.trimmed());
    return args;
}

// For quoting input in a one-line message.
QString shortened(const QString &text)
{
    QString line = text;
    line.replace(QRegularExpression(QStringLiteral("[\\r\\n]+")), QStringLiteral(" "));
    return line.size() > 60 ? line.left(57) + QStringLiteral("...") : line;
}

} // namespace

QString NunjucksConverter::convert(const QString &text, QStringList *problems)
{
    QString out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(QLatin1Char('{'), pos);
        if (open < 0 || open + 1 >= text.size()) {
            out += QStringView(text).mid(pos);
            break;
        }
        const QChar kind = text.at(open + 1);
        const QString close = kind == QLatin1Char('{')   ? QStringLiteral("}}")
                              : kind == QLatin1Char('%') ? QStringLiteral("%}")
                              : kind == QLatin1Char('#') ? QStringLiteral("#}")
                                                         : QString();
        const qsizetype end = close.isEmpty() ? -1 : text.indexOf(close, open + 2);
        if (end < 0) {
            out += QStringView(text).mid(pos, open + 1 - pos);
            pos = open + 1;
            continue;
        }
        out += QStringView(text).mid(pos, open - pos);
        const QString whole = text.mid(open, end + 2 - open);
        const QString inner = text.mid(open + 2, end - open - 2).trimmed();
        pos = end + 2;
        if (kind == QLatin1Char('{')) {
            const QString name = variableName(inner);
            if (name.isEmpty()) {
                problems->append(QStringLiteral("the Nunjucks expression %1 has no .http "
                                                "equivalent; left as written")
                                     .arg(shortened(whole)));
                out += whole;
                continue;
            }
            if (name.startsWith(QLatin1String("vault.")))
                problems->append(QStringLiteral("%1 is an Insomnia vault secret, which exports "
                                                "do not carry; define {{%2}} in "
                                                "http-client.private.env.json")
                                     .arg(shortened(whole), name));
            out += QStringLiteral("{{") + name + QStringLiteral("}}");
            continue;
        }
        if (kind == QLatin1Char('%')) {
            const qsizetype space = inner.indexOf(QLatin1Char(' '));
            const QString tag = space < 0 ? inner : inner.left(space);
            const QStringList args = tagArguments(space < 0 ? QString() : inner.mid(space + 1));
            if (tag == QLatin1String("uuid") &&
                (args.isEmpty() || args.first() == QLatin1String("v4"))) {
                out += QStringLiteral("{{$uuid}}");
                continue;
            }
            if (tag == QLatin1String("now") && args.value(0) == QLatin1String("unix")) {
                out += QStringLiteral("{{$timestamp}}");
                continue;
            }
            if (tag == QLatin1String("now") && args.value(0) == QLatin1String("iso-8601")) {
                out += QStringLiteral("{{$isoTimestamp}}");
                continue;
            }
            QString why = QStringLiteral("has no .http equivalent");
            if (tag == QLatin1String("now") && args.value(0) == QLatin1String("millis"))
                why = QStringLiteral("is in milliseconds and {{$timestamp}} in seconds");
            else if (tag == QLatin1String("response"))
                why = QStringLiteral("chains requests, which needs a response handler script");
            problems->append(QStringLiteral("the Insomnia template tag %1 %2; left as written")
                                 .arg(shortened(whole), why));
            out += whole;
            continue;
        }
        problems->append(
            QStringLiteral("the Nunjucks comment %1 is left as written").arg(shortened(whole)));
        out += whole;
    }
    return out;
}

} // namespace mr
