#pragma once

#include "environmentset.h"
#include "httpfile.h"
#include "variableexpander.h"
#include "workspacesettings.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace mr {

// A folder of .http/.rest files (sub-folders included) and its environments, read at once.
class Workspace
{
public:
    static Workspace load(const QString &rootFolder);
    // The workspace a .http file or folder belongs to: the nearest folder up from it that
    // holds environments or microrequests.json, else the path's own folder.
    static QString rootFor(const QString &path);

    QString root() const { return m_root; }
    // Sorted by path; paths are absolute.
    const QList<HttpFile> &files() const { return m_files; }
    const HttpFile *file(const QString &path) const;
    // The empty sub-folders (absolute, sorted): a new folder shows in the tree before it
    // holds a request file. Folders with .http files show through their files.
    const QStringList &folders() const { return m_folders; }
    const EnvironmentSet &environments() const { return m_environments; }
    const WorkspaceSettings &settings() const { return m_settings; }
    // Every problem in every file, environments included.
    QList<Diagnostic> diagnostics() const;

    // Variables for a request in `file`, lowest precedence first: the environment's, the
    // file's "@name = value" ones, then the overrides (command line, embedded demo service).
    VariableExpander expander(const HttpFile &file, const QString &environment,
                              const QHash<QString, QString> &overrides = {}) const;

private:
    QString m_root;
    QList<HttpFile> m_files;
    QStringList m_folders;
    EnvironmentSet m_environments;
    WorkspaceSettings m_settings;
};

} // namespace mr
