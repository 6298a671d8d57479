#include "collectiondraft.h"

#include <QRegularExpression>

namespace mr {

int CollectionDraft::requestCount() const
{
    int count = 0;
    for (const File &file : files)
        count += int(file.requests.size());
    return count;
}

QString CollectionDraft::safeFileName(const QString &name)
{
    static const QRegularExpression unsafe(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]+"));
    QString safe = name;
    safe.replace(unsafe, QStringLiteral("-"));
    safe = safe.simplified();
    while (safe.startsWith(QLatin1Char('.')) || safe.startsWith(QLatin1Char('-')))
        safe.remove(0, 1);
    if (safe.size() > 80)
        safe.truncate(80);
    safe = safe.trimmed();
    return safe.isEmpty() ? QStringLiteral("requests") : safe;
}

} // namespace mr
