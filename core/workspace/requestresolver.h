#pragma once

#include "http/httprequest.h"
#include "requestdefinition.h"
#include "variableexpander.h"

namespace mr {

// Turns a RequestDefinition into an HttpRequest ready to send: variables expanded, the URL
// checked, headers in bytes, JetBrains' "Basic user password" and "Digest user password"
// shorthands applied, and the # @directives as send options. The body is bytes, or, when it
// reads files ("< ./file" lines, relative to the .http file's folder; multipart bodies joined
// with CRLF), parts that stream the files while sending: no file is read here. Only regular
// files are read (a device, FIFO, socket or folder is refused), up to a size limit, and a file
// outside the workspace (after symlinks) only with the user's consent.
class RequestResolver
{
public:
    // Which files a request's body may read.
    struct FileAccess {
        QString baseFolder;         // relative paths start here (the .http file's folder)
        QString workspaceRoot;      // files outside it need consent; empty: baseFolder
        bool allowOutside = false;  // every file outside is allowed (run --allow-outside-files)
        QStringList allowedOutside; // these files (as BodyFile::path gives them) are allowed
        qint64 sizeLimit = BodyPart::DefaultFileLimit; // the body's files together, in bytes
    };
    // A file the body reads.
    struct BodyFile {
        QString path; // absolute, symlinks resolved: what is read
        qint64 size = 0;
        int bodyLine = 0;     // its "< path" line in the body, 1-based
        bool outside = false; // outside the workspace
    };

    struct Result {
        HttpRequest request;
        QStringList unresolved; // variables that had no value
        // Why each unresolved reference to a named request has no value; such a request is
        // not sent (error lists them), where an unknown variable in a header or body is.
        QHash<QString, QString> reasons;
        QString error; // why it can't be sent; empty when it can
        QList<BodyFile> bodyFiles;
        // The error is only that the body reads files outside the workspace that were not
        // allowed: ask the user (the window) or refuse (run without --allow-outside-files).
        bool needsConsent = false;

        bool ok() const { return error.isEmpty(); }
        QList<BodyFile> outsideFiles() const;
        // "body: 3 files, 120.0 MB" before sending; empty when the body reads no file.
        QString bodySummary() const;
    };

    // What resolve() takes from a definition alone, the same each time it is sent: the API
    // key headers and params the engine keeps to their origin, the body's lines. Made once by
    // prepare() for a request sent many times (a run's).
    struct Prepared {
        QStringList credentialHeaders;
        QStringList credentialQueryItems; // decoded
        QStringList bodyLines;            // the body split at '\n'
    };

    static Result resolve(const RequestDefinition &definition, const VariableExpander &expander,
                          const QString &baseFolder = QString());
    // `prepared`: what prepare(definition) gave; nullptr: made here.
    static Result resolve(const RequestDefinition &definition, const VariableExpander &expander,
                          const FileAccess &files, const Prepared *prepared = nullptr);
    static Prepared prepare(const RequestDefinition &definition);
    // "1.5 GB": sizes as the resolver's messages and the window show them (1 GB = 1024 MB).
    static QString sizeText(qint64 bytes);
};

} // namespace mr
