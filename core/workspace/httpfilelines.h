#pragma once

#include <QString>

namespace mr {

// The lines of a .http file that the parser recognises by their shape, read by hand as the
// patterns in the comments read them (QRegularExpression's ASCII \s, \w and \d:
// base/regexclasses.h), so that loading a collection compiles no pattern.
// tests/core/workspace/tst_httpfilelines holds each against its pattern.
class HttpFileLines
{
public:
    // "# @name value", "// @name=value", "# @no-redirect":
    // ^\s*(?:#+|//)\s*@([\w.-]+)\s*(?:=\s*)?(.*)$ — the name and the value, trimmed.
    static bool directive(const QString &line, QString *name, QString *value);
    // "@host = example.com": ^@([A-Za-z_][\w.-]*)\s*=\s*(.*)$ — the name and the value, trimmed.
    static bool fileVariable(const QString &line, QString *name, QString *value);
    // A header's name, an RFC 9110 token: ^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$
    static bool isToken(const QString &text);
    // ^[A-Z][A-Z-]*$
    static bool isMethod(const QString &text);
    // "file.http:12": ^(.+):(\d+)$ — the path and the line's digits.
    static bool pathWithLine(const QString &argument, QString *path, QString *line);
};

} // namespace mr
