#include "runplan.h"

#include "workspace/namedresponses.h"
#include "workspace/variableexpander.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace mr {

namespace {

void addReferences(const QString &text, QStringList *names)
{
    qsizetype from = 0;
    qsizetype open = 0;
    qsizetype close = 0;
    while (VariableExpander::nextReference(text, from, &open, &close)) {
        NamedResponses::Reference reference;
        if (NamedResponses::parse(text.mid(open + 2, close - open - 2).trimmed(), &reference) &&
            !names->contains(reference.name))
            names->append(reference.name);
        from = close + 2;
    }
}

Diagnostic problem(const QString &file, int line, int column, const QString &message)
{
    Diagnostic d;
    d.file = file;
    d.line = line;
    d.column = column;
    d.message = message;
    return d;
}

bool isHttpFile(const QString &path)
{
    return path.endsWith(QLatin1String(".http"), Qt::CaseInsensitive) ||
           path.endsWith(QLatin1String(".rest"), Qt::CaseInsensitive);
}

// "*" is any text and "?" one character, "/" included (request names hold URLs; Qt 6.4's
// wildcard conversion treats "/" as a path separator).
QRegularExpression globToRegularExpression(const QString &glob)
{
    QString pattern;
    for (const QChar c : glob) {
        if (c == QLatin1Char('*'))
            pattern += QLatin1String(".*");
        else if (c == QLatin1Char('?'))
            pattern += QLatin1Char('.');
        else
            pattern += QRegularExpression::escape(QString(c));
    }
    return QRegularExpression(QStringLiteral("\\A(?:%1)\\z").arg(pattern));
}

} // namespace

const HttpFile &RunPlan::fileOf(const Item &item) const
{
    static const HttpFile none;
    const HttpFile *file = workspaces.at(item.workspace).file(item.file);
    return file ? *file : none;
}

QStringList RunPlan::referencedNames(const RequestDefinition &request, const HttpFile &file)
{
    QStringList names;
    addReferences(request.url, &names);
    for (const RequestDefinition::Header &header : request.headers)
        addReferences(header.value, &names);
    addReferences(request.body, &names);
    // A file variable may hold a reference ("@token = {{login.response.body.$.token}}"):
    // any of them counts, which at worst runs a request later than it could.
    for (const auto &variable : file.variables)
        addReferences(variable.second, &names);
    return names;
}

RunPlan RunPlan::build(const QStringList &paths, const QStringList &filters,
                       const QString &environment)
{
    RunPlan plan;
    QStringList roots;
    QList<QRegularExpression> globs;
    for (const QString &filter : filters)
        globs.append(globToRegularExpression(filter));

    QSet<QPair<QString, int>> chosen;
    bool anyRequest = false;
    for (const QString &argument : paths) {
        QString path = argument;
        int line = 0;
        static const QRegularExpression withLine(QStringLiteral("^(.+):(\\d+)$"));
        if (const QRegularExpressionMatch m = withLine.match(argument);
            m.hasMatch() && !QFileInfo::exists(argument) && QFileInfo(m.captured(1)).isFile()) {
            path = m.captured(1);
            line = m.captured(2).toInt();
        }
        const QFileInfo info(path);
        if (!info.exists()) {
            plan.problems.append(problem(argument, 0, 0,
                                         QStringLiteral("no such file or folder; give a workspace "
                                                        "folder, a .http file or file.http:LINE")));
            continue;
        }
        if (info.isFile() && !isHttpFile(path)) {
            plan.problems.append(
                problem(argument, 0, 0, QStringLiteral("not a .http or .rest file")));
            continue;
        }
        const QString root = Workspace::rootFor(info.absoluteFilePath());
        int index = int(roots.indexOf(root));
        if (index < 0) {
            index = int(roots.size());
            roots.append(root);
            plan.workspaces.append(Workspace::load(root));
            const Workspace &loaded = plan.workspaces.last();
            for (const Diagnostic &d : loaded.environments().diagnostics()) {
                if (d.severity == Diagnostic::Severity::Error)
                    plan.problems.append(d);
            }
            if (!environment.isEmpty() && !loaded.environments().contains(environment)) {
                const QStringList names = loaded.environments().names();
                plan.problems.append(problem(
                    QDir(root).filePath(QLatin1String(EnvironmentSet::PublicFileName)), 0, 0,
                    names.isEmpty()
                        ? QStringLiteral("no environment \"%1\": the workspace has none")
                              .arg(environment)
                        : QStringLiteral("no environment \"%1\"; there are: %2")
                              .arg(environment, names.join(QStringLiteral(", ")))));
            }
        }
        const Workspace &workspace = plan.workspaces.at(index);
        const QString target = info.absoluteFilePath();
        bool lineFound = line == 0;
        for (const HttpFile &file : workspace.files()) {
            const bool inside = info.isDir()
                                    ? file.path.startsWith(QDir(target).absolutePath() + '/')
                                    : QFileInfo(file.path).absoluteFilePath() == target;
            if (!inside)
                continue;
            for (const Diagnostic &d : file.diagnostics) {
                if (d.severity == Diagnostic::Severity::Error)
                    plan.problems.append(d);
            }
            for (int i = 0; i < file.requests.size(); ++i) {
                const RequestDefinition &request = file.requests.at(i);
                if (line > 0 && (line < request.firstLine || line > request.lastLine))
                    continue;
                lineFound = true;
                anyRequest = true;
                if (!globs.isEmpty() &&
                    std::none_of(globs.begin(), globs.end(), [&](const QRegularExpression &g) {
                        return g.match(request.displayName()).hasMatch();
                    }))
                    continue;
                if (chosen.contains({file.path, i}))
                    continue;
                chosen.insert({file.path, i});
                if (request.isWebSocket()) {
                    plan.notes.append(QStringLiteral("%1:%2: a WebSocket request; not run")
                                          .arg(file.path)
                                          .arg(request.requestLine));
                    continue;
                }
                for (const RequestAssertion &assertion : request.assertions) {
                    if (!assertion.isValid())
                        plan.problems.append(problem(file.path, assertion.line,
                                                     assertion.problemColumn, assertion.problem));
                }
                Item item;
                item.workspace = index;
                item.file = file.path;
                item.requestIndex = i;
                item.request = request;
                item.dependsOn = referencedNames(request, file);
                plan.items.append(item);
            }
        }
        if (!lineFound) {
            plan.problems.append(problem(path, line, 1,
                                         QStringLiteral("no request at line %1; give a line "
                                                        "inside a request")
                                             .arg(line)));
        }
    }
    if (plan.problems.isEmpty() && plan.items.isEmpty()) {
        plan.problems.append(problem(paths.join(QLatin1Char(' ')), 0, 0,
                                     !filters.isEmpty() && anyRequest
                                         ? QStringLiteral("no request matches --filter %1")
                                               .arg(filters.join(QStringLiteral(" or ")))
                                         : QStringLiteral("no requests to run")));
    }
    return plan;
}

} // namespace mr
