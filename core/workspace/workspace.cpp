#include "workspace.h"

#include "httpfileparser.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace mr {

Workspace Workspace::load(const QString &rootFolder)
{
    Workspace workspace;
    workspace.m_root = QDir(rootFolder).absolutePath();
    workspace.m_environments = EnvironmentSet::load(workspace.m_root);
    workspace.m_settings = WorkspaceSettings::load(workspace.m_root);

    // Skip hidden folders (.git, .idea) and installed packages.
    const auto skipped = [](const QStringList &folders) {
        for (const QString &folder : folders) {
            if (folder.startsWith(QLatin1Char('.')) || folder == QLatin1String("node_modules"))
                return true;
        }
        return false;
    };
    QDirIterator folders(workspace.m_root, QDir::Dirs | QDir::NoDotAndDotDot,
                         QDirIterator::Subdirectories);
    while (folders.hasNext()) {
        const QString path = folders.next();
        // Folders of other files (sources, fixtures) stay out of the tree; a new one shows.
        if (QDir(path).isEmpty() &&
            !skipped(QDir(workspace.m_root).relativeFilePath(path).split(QLatin1Char('/'))))
            workspace.m_folders.append(path);
    }
    workspace.m_folders.sort();

    QStringList paths;
    // Name filters ("*.http") would be compiled to regular expressions; a suffix test, as
    // case-insensitive as QDir's filters, loads no PCRE2 code.
    QDirIterator it(workspace.m_root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.endsWith(QLatin1String(".http"), Qt::CaseInsensitive) &&
            !path.endsWith(QLatin1String(".rest"), Qt::CaseInsensitive))
            continue;
        const QString relative = QDir(workspace.m_root).relativeFilePath(path);
        // Skip hidden folders (.git, .idea) and installed packages.
        const QStringList parts = relative.split(QLatin1Char('/'));
        bool skip = false;
        for (qsizetype i = 0; i + 1 < parts.size(); ++i)
            skip = skip || parts[i].startsWith(QLatin1Char('.')) ||
                   parts[i] == QLatin1String("node_modules");
        if (!skip)
            paths.append(path);
    }
    paths.sort();
    for (const QString &path : paths)
        workspace.m_files.append(HttpFileParser::parseFile(path));
    return workspace;
}

const HttpFile *Workspace::file(const QString &path) const
{
    for (const HttpFile &f : m_files) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

QList<Diagnostic> Workspace::diagnostics() const
{
    QList<Diagnostic> all = m_environments.diagnostics() + m_settings.diagnostics;
    for (const HttpFile &f : m_files)
        all += f.diagnostics;
    return all;
}

QString Workspace::rootFor(const QString &path)
{
    const QFileInfo info(path);
    const QString start = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    for (QDir dir(start);;) {
        if (dir.exists(QLatin1String(EnvironmentSet::PublicFileName)) ||
            dir.exists(QLatin1String(EnvironmentSet::PrivateFileName)) ||
            dir.exists(QLatin1String(WorkspaceSettings::FileName)))
            return dir.absolutePath();
        if (!dir.cdUp())
            return start;
    }
}

VariableExpander Workspace::expander(const HttpFile &file, const QString &environment,
                                     const QHash<QString, QString> &overrides) const
{
    QHash<QString, QString> variables = m_environments.variables(environment);
    for (const auto &variable : file.variables)
        variables.insert(variable.first, variable.second);
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        variables.insert(it.key(), it.value());
    VariableExpander expander(variables);
    expander.setDotenvFolder(file.path.isEmpty() ? m_root : QFileInfo(file.path).absolutePath());
    return expander;
}

} // namespace mr
