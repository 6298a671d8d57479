#pragma once

#include "workspace/workspace.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace mr {

// Writes .http files as a Postman Collection v2.1 that newman and Postman send the way
// Microrequests sends the files: sub-folders and files become folders (a file named like its
// folder fills that folder), {{variables}} stay variables, with the environment's public
// values and the files' "@name = value" lines as collection variables (secrets are never
// written), JetBrains' dynamic variables become Postman's ({{$uuid}} → {{$guid}}), the
// "Basic/Digest user password" shorthands Postman auth, "< ./file" bodies file bodies and
// multipart bodies with files form data. Headers Postman would add on its own (Postman-Token,
// Cache-Control, a guessed Content-Type) are switched off through protocolProfileBehavior's
// disabledSystemHeaders, so the server sees the same request; the HTTP version a request
// insists on (# @http1, # @http2, or its request line) becomes protocolVersion. "?? …"
// assertions become the request's test script (PostmanTestScript). What a collection cannot
// hold (response handlers, our other directives, "?? connection" and "?? js" assertions,
// WebSocket blocks) is reported.
class PostmanExporter
{
public:
    struct Result {
        QByteArray json;
        // "file:line: request: what was not exported, and what to do"; an assertion's
        // "file:line:column: request: …"
        QStringList problems;
        int requests = 0;
    };

    // `files` lie under `base` (a folder); the collection is called `name`. `environment`
    // (may be empty) picks the environment whose public values become collection variables
    // on top of "$shared". File bodies are written relative to the workspace root: run newman
    // with --working-dir set to it.
    static Result collection(const Workspace &workspace, const QList<HttpFile> &files,
                             const QString &base, const QString &name, const QString &environment);

    // Postman's spelling of a text's {{variables}}; what has no Postman equivalent is left
    // as written and described in *problems.
    static QString postmanVariables(const QString &text, QStringList *problems);
};

} // namespace mr
