#pragma once

#include <QString>

namespace mr {

// How text from an OpenAPI description is written into a .http file: names, URL parts,
// comments and bodies that the .http reader takes as they were meant.
class OpenApiText
{
public:
    // Where percent-encoded text goes in a URL, which decides what stays as written.
    enum class UrlPart {
        Query,            // a query parameter's name or value
        QueryAllReserved, // one whose parameter allows reserved characters (allowReserved)
        PathSegment,      // a value in a path segment ("/" encoded too)
        PathTemplate,     // the path template's own text: only what a URL cannot hold is encoded
    };
    static QString encoded(const QString &text, UrlPart part);

    // A name usable as a {{variable}} and an "@name = value" line.
    static QString variableName(const QString &name);
    // A token, as HTTP wants, that a .http file reads as a header: a line starting with "#" is
    // a comment there, and one starting with "&" right under the request line continues the
    // query.
    static bool isHeaderName(const QString &name);
    static QString oneLine(const QString &text);
    // One comment line: "# text". Line breaks inside would end the comment, and "# @word"
    // would read as a directive.
    static QString comment(const QString &text);
    // Line breaks as a .http file keeps them; trailing blank lines are not part of a body there.
    static QString normalized(QString text);
};

} // namespace mr
