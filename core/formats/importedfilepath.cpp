#include "importedfilepath.h"

#include <QDir>

namespace mr {

bool ImportedFilePath::leavesWorkspace(const QString &path)
{
    const QString written = QDir::fromNativeSeparators(path.trimmed());
    if (written.isEmpty() || written.contains(QLatin1String("{{")))
        return false; // a variable's value is known only when sending, which checks it then
    if (QDir::isAbsolutePath(written) || written.startsWith(QLatin1Char('~')))
        return true;
    const QString clean = QDir::cleanPath(written);
    return clean == QLatin1String("..") || clean.startsWith(QLatin1String("../"));
}

QString ImportedFilePath::note(const QString &path)
{
    return QStringLiteral("reads a file outside the workspace: %1; the window will ask before "
                          "sending it, and `microrequests run` needs --allow-outside-files")
        .arg(path);
}

} // namespace mr
