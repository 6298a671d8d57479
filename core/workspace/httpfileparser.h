#pragma once

#include "httpfile.h"

namespace mr {

// Reads the .http format of the JetBrains HTTP Client and VS Code REST Client: requests
// separated by "###" lines, "# @name" and other "# @directive" comments, "@var = value" file
// variables, a request line ("METHOD URL [HTTP/x]" or just a URL), header lines, an empty
// line, a body, and response handlers ("> …", "<> …") that are kept but not run, and httpyac's
// assertions ("?? status == 200"), kept in place and read into RequestDefinition::assertions.
// A bad request is reported and skipped; the others still load.
class HttpFileParser
{
public:
    static HttpFile parse(const QByteArray &bytes, const QString &path);
    static HttpFile parse(const QString &text, const QString &path);
    // Reads the file (UTF-8); a file that can't be read gives a diagnostic.
    static HttpFile parseFile(const QString &path);

    static bool isMethod(const QString &token);
};

} // namespace mr
