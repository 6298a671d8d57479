#pragma once

#include "httpfile.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace mr {

// Keeps a request's references to files relative to its .http file pointing at the same files
// when the request, its file or a folder above it moves. The references are the body's
// "< path" lines, as RequestResolver reads them (a whole-file body, includes inside a raw body,
// multipart file parts), and the response handlers that name files, kept for other clients
// ("> ./handler.js", ">> ./saved.json", ">>! …", "<> ./previous.json"). Only those lines
// change; every other byte of a block stays. Left as
// written: absolute paths, paths with {{variables}}, and paths that name no existing file
// (checked before the move, so call it before anything is moved on disk).
class FileReferenceRewriter
{
public:
    // A request going from the folder `fromFolder` to `toFolder` (absolute paths). When a
    // file or folder moves with it (`movedFrom` to `movedTo`), a reference to something inside
    // the moved file or folder follows it there.
    FileReferenceRewriter(const QString &fromFolder, const QString &toFolder,
                          const QString &movedFrom = QString(), const QString &movedTo = QString());

    // The reference as it must be written after the move: `path` itself when it still names
    // the same file, else a "./" or "../" path (no "./" when `path` had none).
    QString rewritePath(const QString &path) const;
    // The body (RequestDefinition::body) with its references rewritten.
    QString rewriteBody(const QString &body) const;
    // The response handlers (RequestDefinition::responseHandlers) with theirs rewritten.
    QString rewriteHandlers(const QString &handlers) const;
    // The file's blocks with request `index`'s references rewritten; no line is added or
    // removed, so the file's line numbers still hold.
    QList<QByteArray> rewriteRequest(const HttpFile &file, int index) const;
    // The file with every request's references rewritten, parsed again (loadedBytes kept);
    // *expected: its requests as they must read back.
    HttpFile rewriteFile(const HttpFile &file, QList<RequestDefinition> *expected) const;

private:
    // The line with the path that follows its first `prefix` characters rewritten.
    QString rewriteLine(const QString &line, qsizetype prefix) const;
    QString rewriteBodyLine(const QString &line) const; // a "< path" line, else as it is

    QString m_fromFolder;
    QString m_toFolder;
    QString m_movedFrom;
    QString m_movedTo;
};

} // namespace mr
