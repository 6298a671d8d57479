#include "opentabs.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace mr {

namespace {

// One group per workspace, named by a digest of its canonical path (QSettings keys cannot
// hold slashes).
QString groupFor(const QString &root)
{
    const QString canonical = QFileInfo(root).canonicalFilePath();
    return QStringLiteral("workspaces/") +
           QString::fromLatin1(
               QCryptographicHash::hash((canonical.isEmpty() ? root : canonical).toUtf8(),
                                        QCryptographicHash::Sha256)
                   .toHex()
                   .left(16));
}

} // namespace

OpenTabs OpenTabs::load(QSettings &settings, const QString &root)
{
    OpenTabs open;
    settings.beginGroup(groupFor(root));
    const int count = settings.beginReadArray(QStringLiteral("tabs"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        Tab tab;
        tab.file = settings.value(QStringLiteral("file")).toString();
        tab.index = settings.value(QStringLiteral("index"), -1).toInt();
        tab.name = settings.value(QStringLiteral("name")).toString();
        // A path that leaves the workspace is not one we wrote: skip it.
        if (!tab.file.isEmpty() && !QDir::isAbsolutePath(tab.file) &&
            !QDir::cleanPath(tab.file).startsWith(QLatin1String("..")))
            open.tabs.append(tab);
    }
    settings.endArray();
    open.current = qBound(-1, settings.value(QStringLiteral("current"), -1).toInt(),
                          int(open.tabs.size()) - 1);
    open.environment = settings.value(QStringLiteral("environment")).toString();
    settings.endGroup();
    return open;
}

void OpenTabs::save(QSettings &settings, const QString &root, const OpenTabs &open)
{
    settings.remove(groupFor(root));
    settings.beginGroup(groupFor(root));
    settings.setValue(QStringLiteral("root"), root); // for a person reading the file
    settings.beginWriteArray(QStringLiteral("tabs"), int(open.tabs.size()));
    for (int i = 0; i < open.tabs.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("file"), open.tabs.at(i).file);
        settings.setValue(QStringLiteral("index"), open.tabs.at(i).index);
        settings.setValue(QStringLiteral("name"), open.tabs.at(i).name);
    }
    settings.endArray();
    settings.setValue(QStringLiteral("current"), open.current);
    settings.setValue(QStringLiteral("environment"), open.environment);
    settings.endGroup();
}

} // namespace mr
