#pragma once

#include "httpheaders.h"

#include <QByteArrayView>
#include <QString>
#include <optional>

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
    // Where the first "\r\n" at or after `from` starts, or -1.
    static qsizetype indexOfCrLf(QByteArrayView data, qsizetype from);
    // Where the first "\r\n\r\n" (the end of a head) at or after `from` starts, or -1.
    static qsizetype indexOfBlankLine(QByteArrayView data, qsizetype from);
    // The message's Content-Length: -1 when absent, std::nullopt when malformed or when
    // several values disagree (RFC 9112 §6.3: such a message can't be framed safely).
    static std::optional<qint64> contentLength(const HttpHeaders &headers);
    // On error, returns false and sets *error to a message naming the 1-based field line.
    static bool parse(QByteArrayView block, HttpHeaders *headers, QString *error,
                      const Limits &limits);
    static bool parse(QByteArrayView block, HttpHeaders *headers, QString *error)
    {
        return parse(block, headers, error, Limits());
    }
};

} // namespace mr
