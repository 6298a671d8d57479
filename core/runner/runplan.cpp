#include "runplan.h"

#include "workspace/httpfilelines.h"
#include "workspace/namedresponses.h"
#include "workspace/variableexpander.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <tuple>

namespace mr {

namespace {

// What the {{…}} in `text` hold, trimmed, in order, each once.
void addExpressions(const QString &text, QStringList *expressions)
{
    qsizetype from = 0;
    qsizetype open = 0;
    qsizetype close = 0;
    while (VariableExpander::nextReference(text, from, &open, &close)) {
        const QString expression = text.mid(open + 2, close - open - 2).trimmed();
        if (!expressions->contains(expression))
            expressions->append(expression);
        from = close + 2;
    }
}

// The request's own text that may hold {{…}}: URL, headers, body, and the expected values of
// its assertions (checked with the same variables once it is answered).
QStringList requestTexts(const RequestDefinition &request)
{
    QStringList texts{request.url};
    for (const RequestDefinition::Header &header : request.headers)
        texts.append(header.value);
    texts.append(request.body);
    for (const RequestAssertion &assertion : request.assertions)
        texts.append(assertion.expected);
    return texts;
}

// The named requests a request takes values from, through its own text or the file variables
// it uses ("@token = {{login.response.body.$.token}}", then "Bearer {{token}}"): narrower than
// referencedNames, which counts every file variable; what is worth sending for it.
QStringList namesUsed(const RequestDefinition &request, const HttpFile &file)
{
    QStringList expressions;
    for (const QString &text : requestTexts(request))
        addExpressions(text, &expressions);
    for (qsizetype i = 0; i < expressions.size(); ++i) { // grows as variables are followed
        for (const auto &variable : file.variables) {
            if (variable.first == expressions.at(i))
                addExpressions(variable.second, &expressions);
        }
    }
    QStringList names;
    for (const QString &expression : std::as_const(expressions)) {
        NamedResponses::Reference reference;
        if (NamedResponses::parse(expression, &reference) && !names.contains(reference.name))
            names.append(reference.name);
    }
    return names;
}

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

// A request of a workspace by position: its file's index in files(), its index in that file.
// Ordered as a folder run sends them.
struct RequestAt {
    int workspace = 0;
    int file = 0;
    int request = 0;
    bool operator==(const RequestAt &other) const
    {
        return std::tie(workspace, file, request) ==
               std::tie(other.workspace, other.file, other.request);
    }
    bool operator<(const RequestAt &other) const
    {
        return std::tie(workspace, file, request) <
               std::tie(other.workspace, other.file, other.request);
    }
};

int fileIndexOf(const Workspace &workspace, const QString &path)
{
    for (int i = 0; i < workspace.files().size(); ++i) {
        if (workspace.files().at(i).path == path)
            return i;
    }
    return -1;
}

// The request that {{name.response…}} in the request at `from` means, as the window resolves
// it after sending the workspace's requests top to bottom: the latest of that name above it in
// its file; else in the other files, the latest in an earlier file, else the first in a later
// one. Below it in its own file does not count: running the file would not have sent it yet.
std::optional<RequestAt> resolveName(const Workspace &workspace, const RequestAt &from,
                                     const QString &name)
{
    const QList<HttpFile> &files = workspace.files();
    const auto named = [&](int file, int request) {
        const RequestDefinition &candidate = files.at(file).requests.at(request);
        return candidate.name == name && !candidate.isWebSocket();
    };
    for (int r = from.request - 1; r >= 0; --r) {
        if (named(from.file, r))
            return RequestAt{from.workspace, from.file, r};
    }
    for (int f = from.file - 1; f >= 0; --f) {
        for (int r = int(files.at(f).requests.size()) - 1; r >= 0; --r) {
            if (named(f, r))
                return RequestAt{from.workspace, f, r};
        }
    }
    for (int f = from.file + 1; f < files.size(); ++f) {
        for (int r = 0; r < files.at(f).requests.size(); ++r) {
            if (named(f, r))
                return RequestAt{from.workspace, f, r};
        }
    }
    return std::nullopt;
}

// Puts before each chosen request the ones it takes values from that the plan does not send
// before it, transitively; each once, dependencies first, otherwise in file order.
void addDependencies(RunPlan *plan)
{
    const auto requestOf = [plan](const RequestAt &at) -> const RequestDefinition & {
        return plan->workspaces.at(at.workspace).files().at(at.file).requests.at(at.request);
    };
    const auto fileOf = [plan](const RequestAt &at) -> const HttpFile & {
        return plan->workspaces.at(at.workspace).files().at(at.file);
    };
    const auto where = [&](const RequestAt &at) {
        const Workspace &workspace = plan->workspaces.at(at.workspace);
        return QStringLiteral("%1:%2")
            .arg(QDir(workspace.root()).relativeFilePath(fileOf(at).path))
            .arg(requestOf(at).requestLine);
    };
    const auto addNote = [plan](const QString &note) {
        if (!plan->notes.contains(note))
            plan->notes.append(note);
    };

    struct Needed {
        RequestAt at;
        RequestAt neededBy;
        QList<RequestAt> needs; // among the ones added for the same chosen request
    };

    QList<RunPlan::Item> items;
    std::set<RequestAt> placed;
    for (const RunPlan::Item &chosen : std::as_const(plan->items)) {
        const int file = fileIndexOf(plan->workspaces.at(chosen.workspace), chosen.file);
        if (file < 0) { // not a file of its workspace: nothing to resolve names against
            items.append(chosen);
            continue;
        }
        const RequestAt chosenAt{chosen.workspace, file, chosen.requestIndex};
        if (placed.count(chosenAt) > 0)
            continue; // chosen too, but already added for an earlier request: sent once
        QList<Needed> needed;
        QList<RequestAt> path; // the requests being followed, for cycles
        const std::function<void(const RequestAt &)> follow = [&](const RequestAt &at) {
            path.append(at);
            const Workspace &workspace = plan->workspaces.at(at.workspace);
            for (const QString &name : namesUsed(requestOf(at), fileOf(at))) {
                const std::optional<RequestAt> dependency = resolveName(workspace, at, name);
                if (!dependency || placed.count(*dependency) > 0)
                    continue; // found nowhere (fails when sent, saying so), or sent before
                if (path.contains(*dependency)) {
                    addNote(QStringLiteral("%1 (%2) and %3 (%4) take values from each other; "
                                           "%1 is sent first, without %3's")
                                .arg(requestOf(at).displayName(), where(at),
                                     requestOf(*dependency).displayName(), where(*dependency)));
                    continue;
                }
                const auto known = std::find_if(needed.begin(), needed.end(),
                                                [&](const Needed &n) { return n.at == at; });
                if (known != needed.end() && !known->needs.contains(*dependency))
                    known->needs.append(*dependency);
                if (std::any_of(needed.begin(), needed.end(),
                                [&](const Needed &n) { return n.at == *dependency; }))
                    continue;
                needed.append(Needed{*dependency, at, {}});
                follow(*dependency);
            }
            path.removeLast();
        };
        follow(chosenAt);

        // Dependencies first; among those ready, the one earliest in file order.
        while (!needed.isEmpty()) {
            const auto ready = [&](const Needed &candidate) {
                return std::none_of(needed.begin(), needed.end(), [&](const Needed &other) {
                    return candidate.needs.contains(other.at);
                });
            };
            auto next = needed.end();
            for (auto it = needed.begin(); it != needed.end(); ++it) {
                if (ready(*it) && (next == needed.end() || it->at < next->at))
                    next = it;
            }
            if (next == needed.end()) // only a cycle is left: file order
                next =
                    std::min_element(needed.begin(), needed.end(),
                                     [](const Needed &a, const Needed &b) { return a.at < b.at; });
            const RequestDefinition &request = requestOf(next->at);
            RunPlan::Item item;
            item.workspace = next->at.workspace;
            item.file = fileOf(next->at).path;
            item.requestIndex = next->at.request;
            item.request = request;
            item.dependsOn = RunPlan::referencedNames(request, fileOf(next->at));
            item.neededBy = requestOf(next->neededBy).displayName();
            for (const RequestAssertion &assertion : request.assertions) {
                if (!assertion.isValid())
                    plan->problems.append(problem(item.file, assertion.line,
                                                  assertion.problemColumn, assertion.problem));
            }
            addNote(QStringLiteral("%1 added: %2 (%3) takes values from it")
                        .arg(request.displayName(), item.neededBy, where(next->neededBy)));
            placed.insert(next->at);
            items.append(item);
            needed.erase(next);
        }
        placed.insert(chosenAt);
        items.append(chosen);
    }
    plan->items = items;
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
    for (const QString &text : requestTexts(request))
        addReferences(text, &names);
    // A file variable may hold a reference ("@token = {{login.response.body.$.token}}"):
    // any of them counts, which at worst runs a request later than it could.
    for (const auto &variable : file.variables)
        addReferences(variable.second, &names);
    return names;
}

QStringList RunPlan::referencedNames(const QString &text)
{
    QStringList names;
    addReferences(text, &names);
    return names;
}

RunPlan RunPlan::build(const QStringList &paths, const QStringList &filters,
                       const QString &environment, Dependencies dependencies)
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
        QString filePath;
        QString digits;
        if (HttpFileLines::pathWithLine(argument, &filePath, &digits) &&
            !QFileInfo::exists(argument) && QFileInfo(filePath).isFile()) {
            path = filePath;
            line = digits.toInt();
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
    if (dependencies == Dependencies::Include)
        addDependencies(&plan);
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
