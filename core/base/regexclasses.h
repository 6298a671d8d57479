#pragma once

#include <QStringView>

namespace mr {

// What QRegularExpression (PCRE2 in UTF mode, without UseUnicodePropertiesOption, as the code
// it replaces compiled it) counts as \s, \w and \d: ASCII only. For the matchers written by hand
// on the run path: a run that compiles no pattern loads no PCRE2 code and no JIT memory.
// tests/core/workspace/tst_httpfilelines holds each matcher against the pattern it replaces.
class RegexClasses
{
public:
    // [\t\n\v\f\r ]
    static bool isSpace(QChar c) { return c == u' ' || (c >= u'\t' && c <= u'\r'); }
    // [0-9A-Za-z_]
    static bool isWord(QChar c)
    {
        return isDigit(c) || c == u'_' || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z');
    }
    // [0-9]
    static bool isDigit(QChar c) { return c >= u'0' && c <= u'9'; }

    // The end of the run of \s starting at `i`.
    static qsizetype skipSpaces(QStringView text, qsizetype i);
    // QRegularExpression matches no string holding a lone surrogate (not UTF-16).
    static bool isValidUtf16(QStringView text);
};

} // namespace mr
