#pragma once

#include "workspace/requestdefinition.h"

#include <QString>
#include <QStringList>

namespace mr {

// Makes a request read from another tool's format safe to write into a .http file: text that
// would break the file (line breaks in a URL or header, a body line starting with "###" that
// would start a new request, a "> " line that would read as a response handler…) is fixed and
// each fix is described, so that importers can report it instead of writing a file that reads
// back differently. Also the small encoders importers share.
class RequestSanitizer
{
public:
    // Fixes the name, method, URL and headers and drops the body's trailing blank lines (the
    // .http format cannot keep them). Returns one message per change; *usable is false when the
    // request cannot be written at all (no URL, a method the format cannot hold).
    static QStringList sanitize(RequestDefinition *request, bool *usable);

    // Body text as .http body lines: CRLF and CR become LF (reported unless crlfIsExpected, as
    // for multipart bodies, which are sent with CRLF anyway), and lines the parser would take
    // for something else ("###", "> ", ">>", "<> ", "< ") get a leading space. Messages about
    // what changed go to *problems.
    static QString bodyText(const QString &text, QStringList *problems,
                            bool crlfIsExpected = false);

    // A description as "# " comment lines ("#" for empty lines); a line that would read as a
    // "# @directive" is written "# \@…".
    static QStringList comments(const QString &description);

    // Percent-encodes a query component, leaving {{variables}}, {% tags %} and existing %XX
    // escapes alone (as tools that "smart-encode" URLs do). With form, a form value instead
    // (application/x-www-form-urlencoded): spaces become "+" and "%" is always encoded.
    static QString encodeComponent(const QString &text, bool form = false);

    // Text for one line of a body (a multipart part's name, file name or type): line
    // breaks become spaces.
    static QString singleLine(const QString &text);

    // An Authorization value for Basic or Digest credentials: JetBrains' "Basic user password"
    // shorthand when both are single words, else (Basic, without {{variables}}) the encoded
    // credentials; empty when the .http format cannot say it.
    static QString authorization(bool digest, const QString &user, const QString &password);

    // A multipart boundary that occurs in none of the texts.
    static QString boundaryFor(const QStringList &texts);
};

} // namespace mr
