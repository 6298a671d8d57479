#pragma once

#include <QString>

namespace mr {

// The path of a file an imported request sends ("< path" in its body): Postman's file bodies
// and form-data "src", Insomnia's "fileName" and curl's "@file" are absolute or relative to
// wherever that tool ran, so the file is usually outside the workspace. Importers keep the path
// as written (users need it) and note each such one, since sending it asks first.
class ImportedFilePath
{
public:
    // Absolute, or climbing out of the .http file's folder with "../".
    static bool leavesWorkspace(const QString &path);
    // "reads a file outside the workspace: /home/ada/photo.png; the window will ask before
    // sending it, and `microrequests run` needs --allow-outside-files"
    static QString note(const QString &path);
};

} // namespace mr
