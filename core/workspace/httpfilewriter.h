#pragma once

#include "httpfile.h"

namespace mr {

// Writes .http files back. Blocks nobody edited keep their bytes; an edited request is
// rendered in its block's place — its comments and file variables first, then its name and
// directives, request line, headers, body and response handlers, with the block's own line
// endings and trailing blank lines. Saving is atomic (QSaveFile) and refuses to overwrite a
// file that does not parse or that another program changed since it was read.
class HttpFileWriter
{
public:
    static QByteArray renderBlock(const RequestDefinition &request, const QByteArray &originalBlock,
                                  const QByteArray &lineEnding);
    // The file with one request replaced, parsed again.
    static HttpFile replaceRequest(const HttpFile &file, int index,
                                   const RequestDefinition &edited);
    // The file with a request added at its end, parsed again.
    static HttpFile appendRequest(const HttpFile &file, const RequestDefinition &request);
    // The file without one request (its whole block), parsed again.
    static HttpFile removeRequest(const HttpFile &file, int index);
    static bool save(const HttpFile &file, QString *error);
    // Whether save() would write `file`: it parses and the disk still holds what was read
    // (or it is new). False with *error saying which file and what to do.
    static bool canOverwrite(const HttpFile &file, QString *error);
    // A block's lines, each with its terminator, so joining them gives the block back.
    static QList<QByteArray> splitLines(const QByteArray &bytes);
};

} // namespace mr
