#include "gitignore.h"

#include "environmentset.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace mr {

bool GitIgnore::lists(const QByteArray &ignoreFileText, const QByteArray &entry)
{
    for (const QByteArray &line : ignoreFileText.split('\n')) {
        const QByteArray pattern = line.trimmed();
        if (pattern == entry || pattern == '/' + entry)
            return true;
    }
    return false;
}

QByteArray GitIgnore::withEntry(const QByteArray &ignoreFileText, const QByteArray &entry)
{
    if (lists(ignoreFileText, entry))
        return ignoreFileText;
    QByteArray text = ignoreFileText;
    if (!text.isEmpty() && !text.endsWith('\n'))
        text += '\n';
    return text + entry + '\n';
}

bool GitIgnore::protectSecrets(const QString &folder, bool *changed, QString *error)
{
    *changed = false;
    const QDir dir(folder);
    if (!dir.exists(QLatin1String(EnvironmentSet::PrivateFileName)))
        return true; // no secrets to protect
    const QString path = dir.filePath(QStringLiteral(".gitignore"));
    QByteArray text;
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(path, existing.errorString());
            return false;
        }
        text = existing.readAll();
    }
    const QByteArray updated = withEntry(text, EnvironmentSet::PrivateFileName);
    if (updated == text)
        return true;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(updated) != updated.size() ||
        !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    *changed = true;
    return true;
}

} // namespace mr
