#pragma once

#include "httpheaders.h"

#include <QByteArrayView>
#include <QString>

namespace mr {

// Parses the field lines of a message head (everything after the start line, without the
// final empty line) strictly: a bad line is an error, never silently dropped or folded.
class HttpHeaderParser
{
public:
    struct Limits {
        int maxFields = 200;
    };

    static bool isToken(QByteArrayView text);
    // On error, returns false and sets *error to a message naming the 1-based field line.
    static bool parse(QByteArrayView block, HttpHeaders *headers, QString *error,
                      const Limits &limits);
    static bool parse(QByteArrayView block, HttpHeaders *headers, QString *error)
    {
        return parse(block, headers, error, Limits());
    }
};

} // namespace mr
