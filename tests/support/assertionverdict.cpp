#include "assertionverdict.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mr {

QString AssertionVerdict::describe() const
{
    return QStringLiteral("%1 [%2]").arg(passed ? QStringLiteral("passed")
                                                : QStringLiteral("failed"),
                                         outcomes.join(QStringLiteral(", ")));
}

QHash<QString, AssertionVerdict> AssertionVerdict::fromRunReport(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QHash<QString, AssertionVerdict> verdicts;
    const QJsonArray exchanges =
        QJsonDocument::fromJson(file.readAll())[QStringLiteral("exchanges")].toArray();
    for (const QJsonValue &exchange : exchanges) {
        AssertionVerdict verdict;
        verdict.passed = exchange[QStringLiteral("passed")].toBool();
        for (const QJsonValue &assertion : exchange[QStringLiteral("assertions")].toArray())
            verdict.outcomes.append(assertion[QStringLiteral("outcome")].toString());
        verdicts.insert(exchange[QStringLiteral("name")].toString(), verdict);
    }
    return verdicts;
}

} // namespace mr
