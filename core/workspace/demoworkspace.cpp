#include "demoworkspace.h"

#include "owneronly.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace mr {

static const char BundledRoot[] = ":/demo-workspace";

QString DemoWorkspace::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/demo-workspace");
}

bool DemoWorkspace::install(const QString &folder, QString *error)
{
    const QDir target(folder);
    QDirIterator it(QLatin1String(BundledRoot), QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString relative = source.mid(int(qstrlen(BundledRoot)) + 1);
        const QString destination = target.filePath(relative);
        if (QFileInfo::exists(destination))
            continue;
        // In the user's data folder, which is the user's only.
        if (!OwnerOnly::makeFolder(QFileInfo(destination).absolutePath())) {
            *error = QStringLiteral("%1: cannot create the folder")
                         .arg(QFileInfo(destination).absolutePath());
            return false;
        }
        if (!QFile::copy(source, destination)) {
            *error = QStringLiteral("%1: cannot write the demo file").arg(destination);
            return false;
        }
        // Files from resources are read-only; the user's copy must be editable.
        QFile::setPermissions(destination, OwnerOnly::FilePermissions);
    }
    return true;
}

} // namespace mr
