#pragma once

#include "base/diagnostic.h"
#include "workspace/workspace.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mr {

// What a collection run sends: the requests chosen from workspace folders, .http files or
// "file.http:LINE", in file order, each with the names of the earlier requests it takes
// values from ({{login.response.body.$.token}}), so a runner knows which may run in parallel.
// A chosen request brings along the named requests it takes values from, and theirs, when
// they were not chosen (a filter or LINE picked "me", which needs "login"): each is placed
// before the first request that needs it, marked with `neededBy`, and stated in a note.
// Building it reads the files; anything unreadable, an unknown environment or an assertion
// that can't be read is a problem reported as file:line:column, and nothing should run.
struct RunPlan {
    struct Item {
        int workspace = 0; // index in workspaces
        QString file;      // absolute path of its .http file
        int requestIndex = 0;
        RequestDefinition request;
        QStringList dependsOn; // names of requests whose exchanges it references
        QString neededBy;      // not chosen: added for this request (its display name)
    };

    // Whether chosen requests bring along the named requests they reference.
    enum class Dependencies { Include, Leave };

    QList<Workspace> workspaces;
    QList<Item> items;
    QList<Diagnostic> problems; // errors: nothing runs
    QStringList notes;          // worth saying, not errors (a WebSocket request left out)

    bool ok() const { return problems.isEmpty(); }
    const HttpFile &fileOf(const Item &item) const;

    // `paths`: folders, .http/.rest files, or "file.http:LINE" (the request around that
    // line). `filters`: globs on request names ("login*"); a request matching any is kept.
    // `environment`: checked to exist in every workspace involved (empty: none).
    // A referenced name resolves as in the window and at send time: the latest request of
    // that name above it in its file, else in the workspace's other files (the latest in an
    // earlier file, else the first in a later one); a name found nowhere is left to fail
    // when sent, with the error that says so.
    static RunPlan build(const QStringList &paths, const QStringList &filters = {},
                         const QString &environment = QString(),
                         Dependencies dependencies = Dependencies::Include);
    // The named requests a request's text (URL, headers, body, assertions' expected values)
    // and its file's variables refer to.
    static QStringList referencedNames(const RequestDefinition &request, const HttpFile &file);
    // The named requests `text` refers to ("{{login.response.body.$.token}}": login).
    static QStringList referencedNames(const QString &text);
};

} // namespace mr
