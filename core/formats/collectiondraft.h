#pragma once

#include "base/diagnostic.h"
#include "workspace/requestdefinition.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

namespace mr {

// A collection read from another tool's format (Postman, Insomnia, HAR, curl, OpenAPI),
// before it is written into a workspace as .http files and environments. Importers fill it;
// CollectionWriter writes it.
struct CollectionDraft {
    using Variables = QList<QPair<QString, QString>>;

    struct File {
        QString path;        // relative to the workspace, '/'-separated, ending in ".http"
        Variables variables; // written as "@name = value" lines at the top of the file
        QList<RequestDefinition> requests;
    };

    QString name;
    QList<File> files;
    // Environment name → variables, for http-client.env.json; "$shared" reaches every one.
    QMap<QString, Variables> environments;
    // Secrets (for http-client.private.env.json, which the workspace's .gitignore lists).
    QMap<QString, Variables> privateEnvironments;
    // What the input held that a .http file cannot express, with where it was: reported to
    // the user, never silently dropped. Severity Warning.
    QList<Diagnostic> notes;
    // The input is broken; nothing is written.
    QList<Diagnostic> errors;

    bool hasErrors() const { return !errors.isEmpty(); }
    int requestCount() const;
    // A file name from a request or folder name: no path separators or characters that
    // trouble a file system or a shell; never empty.
    static QString safeFileName(const QString &name);
};

} // namespace mr
