#include "postmancontext.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QVariant>

namespace mr {

namespace {

// Ours for one of Postman's dynamic variables: by another name, or by the same; else empty.
QString ourDynamicVariable(const QString &expression)
{
    if (expression == QLatin1String("$guid") || expression == QLatin1String("$randomUUID"))
        return QStringLiteral("$uuid");
    static const QStringList shared = {QStringLiteral("$timestamp"),
                                       QStringLiteral("$isoTimestamp"),
                                       QStringLiteral("$randomInt")};
    return shared.contains(expression) ? expression : QString();
}

} // namespace

QString PostmanContext::convert(const QString &input, const QString &pointer,
                                const QString &subject)
{
    QString out;
    QSet<QString> reported;
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = input.indexOf(QLatin1String("{{"), pos);
        if (open < 0)
            break;
        const qsizetype close = input.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0)
            break;
        out += QStringView(input).mid(pos, open - pos);
        const QString expression = input.mid(open + 2, close - open - 2).trimmed();
        const QString ours = ourDynamicVariable(expression);
        if (!ours.isEmpty()) {
            out += QStringLiteral("{{") + ours + QStringLiteral("}}");
        } else {
            out += QStringView(input).mid(open, close + 2 - open);
            if (expression.startsWith(QLatin1Char('$')) && !reported.contains(expression)) {
                reported.insert(expression);
                note(pointer, QStringLiteral("%1: Postman's dynamic variable {{%2}} has no .http "
                                             "equivalent; left as written")
                                  .arg(subject, shortened(expression)));
            }
        }
        pos = close + 2;
    }
    out += QStringView(input).mid(pos);
    return out;
}

QString PostmanContext::text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble() || value.isBool())
        return value.toVariant().toString();
    if (!value.isArray() && !value.isObject())
        return QString();
    const QJsonDocument json =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(json.toJson(QJsonDocument::Compact));
}

QString PostmanContext::description(const QJsonValue &value)
{
    if (value.isObject())
        return value.toObject().value(QLatin1String("content")).toString();
    return value.toString();
}

QString PostmanContext::jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString PostmanContext::at(const QString &pointer, const char *key)
{
    return JsonPositions::child(pointer, QLatin1String(key));
}

} // namespace mr
