#pragma once

#include <QFileDevice>
#include <QString>

namespace mr {

// Files only their owner may read: the user's data folder (history, drafts, cookies, the demo
// workspace) and a workspace's private environment hold tokens and passwords. Folders are
// made 0700 and files 0600; what an older version left open to others is tightened (group and
// other permissions taken away, none ever added). Symbolic links are not followed.
class OwnerOnly
{
public:
    // For a QSaveFile or QFile being written (setPermissions before commit): 0600.
    static constexpr QFileDevice::Permissions FilePermissions =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner;

    // Makes the folder and its missing parents, each it made 0700, and tightens the folder
    // itself; false when it could not be made.
    static bool makeFolder(const QString &folder);
    // Takes group and other permissions away from a file or folder; a missing one is fine.
    static bool tighten(const QString &path);
    // The folder and everything in it, when the folder itself is open to others (as versions
    // before this one left the data folder); else nothing, so a start costs one stat.
    static void tightenTree(const QString &folder);
};

} // namespace mr
