#pragma once

#include "workspace.h"

#include <QList>
#include <QString>

namespace mr {

// Edits a workspace's tree on disk: creates, renames, duplicates, moves and deletes requests
// (blocks of .http files), .http files and folders. It works on the workspace as it was
// loaded: a file that another program changed since, or that does not parse, is never
// written (HttpFileWriter's check), and every write is atomic. Blocks an operation does not
// touch keep their bytes. Each operation returns false with *error saying which file and
// what to do; on success relocations() says where things went, so open tabs can follow.
class WorkspaceEditor
{
public:
    // Where a request (index >= 0) or a file or folder (index -1) went; an empty newPath
    // means it was deleted.
    struct Relocation {
        QString oldPath;
        int oldIndex = -1;
        QString newPath;
        int newIndex = -1;
    };
    enum class Removal { ToTrash, Permanently };
    enum class RemoveResult { Trashed, Deleted, TrashUnavailable, Failed };

    explicit WorkspaceEditor(const Workspace &workspace);

    // Appends a "### New request" GET block to a file; *index: where it is.
    bool addRequest(const QString &filePath, int *index, QString *error);
    // Creates an .http file in a folder of the workspace (".http" is added to a name without
    // it), empty or holding one new request.
    bool addFile(const QString &folder, const QString &name, bool withRequest, QString *path,
                 QString *error);
    bool addFolder(const QString &parentFolder, const QString &name, QString *path, QString *error);
    // Sets a request's name where it is written: its "# @name" line when it has one, else its
    // "###" line (added when the file's first request has none).
    bool renameRequest(const QString &filePath, int index, const QString &name, QString *error);
    // Renames a file or folder in place (a file keeps an .http/.rest ending); file references
    // are kept as movePath() keeps them.
    bool renamePath(const QString &path, const QString &name, QString *newPath, QString *error);
    // Inserts a copy right after the request, named "… copy".
    bool duplicateRequest(const QString &filePath, int index, int *copyIndex, QString *error);
    // Moves a request to `position` among the requests of `toFile` (counted before the move;
    // the same file reorders). The destination is written before the source, so a failure
    // never loses the request. A file's head (its variables and comments above the first
    // request) stays in the file.
    bool moveRequest(const QString &fromFile, int index, const QString &toFile, int position,
                     int *newIndex, QString *error);
    // Moves a file or folder into another folder of the workspace. Relative "< ./file"
    // references of the requests that move keep naming the same files (see relocate()).
    bool movePath(const QString &path, const QString &toFolder, QString *newPath, QString *error);
    bool removeRequest(const QString &filePath, int index, QString *error);
    // Deletes a file or folder: to the trash, or (when the user agreed) for good.
    // TrashUnavailable: nothing was done; ask, then call again with Permanently.
    RemoveResult removePath(const QString &path, Removal removal, QString *error);

    const QList<Relocation> &relocations() const { return m_relocations; }

    static QString newRequestName() { return QStringLiteral("New request"); }
    // "stem.suffix" in `folder`, or "stem 2.suffix"… when that is taken.
    static QString unusedName(const QString &folder, const QString &stem, const QString &suffix);
    // A name for a file or folder: not empty, no slashes, not hidden; else why not.
    static QString checkName(const QString &name);

private:
    const HttpFile *fileAt(const QString &path, QString *error) const;
    const HttpFile *requestAt(const QString &path, int index, QString *error) const;
    bool insideRoot(const QString &path) const;
    QString relative(const QString &path) const;
    QString uniqueName(const HttpFile &file, const QString &base) const;
    // Renames `from` (a file or folder) to `to`, rewriting the relative file references of the
    // .http files that move so they name the same files; *error = renameFailure when the
    // rename fails (after putting back what was rewritten).
    bool relocate(const QString &from, const QString &to, const QString &renameFailure,
                  QString *error);

    Workspace m_workspace;
    QList<Relocation> m_relocations;
};

} // namespace mr
