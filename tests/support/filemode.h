#pragma once

#include <QString>

// The permission bits of a file or folder as stat(2) gives them (0600, 0755…); -1 when it is
// not there. What "owner only" tests compare.
int fileMode(const QString &path);
// Sets them with chmod(2), to make a file as an older version left it.
bool setFileMode(const QString &path, int mode);
