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
    // Makes the file empty and 0600 (its folder as makeFolder does) unless it is there, which
    // is then tightened: a file that others write later (QSettings, through QSaveFile, keeps
    // the permissions it finds) is never open to others, not even for a first session.
    static bool makeFile(const QString &path);
    // Takes group and other permissions away from a file or folder; a missing one is fine.
    static bool tighten(const QString &path);
    // The folder and everything in it, when the folder itself is open to others (as versions
    // before this one left the data folder); else nothing, so a start costs one stat.
    static void tightenTree(const QString &folder);
};

} // namespace mr
