#pragma once

#include "workspace/diagnostic.h"
#include "workspace/workspace.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mr {

// What a collection run sends: the requests chosen from workspace folders, .http files or
// "file.http:LINE", in file order, each with the names of the earlier requests it takes
// values from ({{login.response.body.$.token}}), so a runner knows which may run in parallel.
// Building it reads the files; anything unreadable, an unknown environment or an assertion
// that can't be read is a problem reported as file:line:column, and nothing should run.
struct RunPlan {
    struct Item {
        int workspace = 0; // index in workspaces
        QString file;      // absolute path of its .http file
        int requestIndex = 0;
        RequestDefinition request;
        QStringList dependsOn; // names of requests whose exchanges it references
    };

    QList<Workspace> workspaces;
    QList<Item> items;
    QList<Diagnostic> problems; // errors: nothing runs
    QStringList notes;          // worth saying, not errors (a WebSocket request left out)

    bool ok() const { return problems.isEmpty(); }
    const HttpFile &fileOf(const Item &item) const;

    // `paths`: folders, .http/.rest files, or "file.http:LINE" (the request around that
    // line). `filters`: globs on request names ("login*"); a request matching any is kept.
    // `environment`: checked to exist in every workspace involved (empty: none).
    static RunPlan build(const QStringList &paths, const QStringList &filters = {},
                         const QString &environment = QString());
    // The named requests a request's text (and its file's variables) refer to.
    static QStringList referencedNames(const RequestDefinition &request, const HttpFile &file);
};

} // namespace mr
