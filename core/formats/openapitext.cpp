#include "openapitext.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace mr {

QString OpenApiText::variableName(const QString &name)
{
    static const QRegularExpression other(QStringLiteral("[^\\w.-]"));
    QString result = name;
    result.replace(other, QStringLiteral("_"));
    if (result.isEmpty() || !(result[0].isLetter() || result[0] == QLatin1Char('_')))
        result.prepend(QLatin1Char('_'));
    return result;
}

bool OpenApiText::isHeaderName(const QString &name)
{
    static const QRegularExpression token(
        QStringLiteral(R"(^[!$%'*+\-.^_`|~0-9A-Za-z][!#$%&'*+\-.^_`|~0-9A-Za-z]*$)"));
    return token.match(name).hasMatch();
}

QString OpenApiText::oneLine(const QString &text)
{
    return text.simplified();
}

QString OpenApiText::encoded(const QString &text, UrlPart part)
{
    const char *kept = "";
    switch (part) {
    case UrlPart::Query: kept = "!$'()*,;:@/?"; break;
    case UrlPart::QueryAllReserved: kept = "!$'()*+,;:@/?="; break;
    case UrlPart::PathSegment: kept = "!$&'()*+,;=:@"; break;
    case UrlPart::PathTemplate: kept = "!$&'()*+,;=:@/%"; break;
    }
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArray(kept)));
}

QString OpenApiText::comment(const QString &text)
{
    const QString line = oneLine(text);
    if (line.isEmpty())
        return QStringLiteral("#");
    return QStringLiteral("# ") +
           (line.startsWith(QLatin1Char('@')) ? QStringLiteral("\\") : QString()) + line;
}

QString OpenApiText::normalized(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QStringList lines = text.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

} // namespace mr
