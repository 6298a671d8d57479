#include "httpheaderparser.h"

#include <cstring>

namespace mr {

bool HttpHeaderParser::isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

// Both searches look for '\n' with memchr and check what precedes it: several times faster
// than a generic substring search on the short lines of a head.
static qsizetype indexOfLineFeedAfter(QByteArrayView data, qsizetype from, int crlfs)
{
    const qsizetype needle = 2 * crlfs;
    for (qsizetype pos = from + needle - 1; pos < data.size(); ++pos) {
        const void *hit = std::memchr(data.data() + pos, '\n', size_t(data.size() - pos));
        if (!hit)
            return -1;
        pos = static_cast<const char *>(hit) - data.data();
        const qsizetype start = pos + 1 - needle;
        bool found = true;
        for (qsizetype i = 0; i < needle && found; ++i)
            found = data[start + i] == (i % 2 ? '\n' : '\r');
        if (found)
            return start;
    }
    return -1;
}

qsizetype HttpHeaderParser::indexOfCrLf(QByteArrayView data, qsizetype from)
{
    return indexOfLineFeedAfter(data, from, 1);
}

qsizetype HttpHeaderParser::indexOfBlankLine(QByteArrayView data, qsizetype from)
{
    return indexOfLineFeedAfter(data, from, 2);
}

std::optional<qint64> HttpHeaderParser::contentLength(const HttpHeaders &headers)
{
    // Every field and every comma-separated item must name the same length (RFC 9112 §6.3).
    qint64 length = -1;
    for (const HttpHeaders::Field &field : headers.fields()) {
        if (!HttpHeaders::sameName(field.first, "Content-Length"))
            continue;
        QByteArrayView rest = field.second;
        while (true) {
            const qsizetype comma = rest.indexOf(',');
            const QByteArrayView digits = (comma < 0 ? rest : rest.first(comma)).trimmed();
            if (digits.isEmpty() || digits.size() > 18)
                return std::nullopt;
            qint64 value = 0;
            for (char c : digits) {
                if (c < '0' || c > '9')
                    return std::nullopt;
                value = value * 10 + (c - '0');
            }
            if (length >= 0 && value != length)
                return std::nullopt;
            length = value;
            if (comma < 0)
                break;
            rest = rest.sliced(comma + 1);
        }
    }
    return length;
}

bool HttpHeaderParser::parse(QByteArrayView block, HttpHeaders *headers, QString *error,
                             const Limits &limits)
{
    int lineNumber = 0;
    qsizetype pos = 0;
    while (pos < block.size()) {
        ++lineNumber;
        qsizetype end = indexOfCrLf(block, pos);
        if (end < 0)
            end = block.size();
        const QByteArrayView line = block.sliced(pos, end - pos);
        pos = end + 2;
        if (line.isEmpty())
            continue;
        if (line.front() == ' ' || line.front() == '\t') {
            *error = QStringLiteral("header line %1: folded header lines are not allowed")
                         .arg(lineNumber);
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            *error = QStringLiteral("header line %1: expected \"Name: value\"").arg(lineNumber);
            return false;
        }
        const QByteArrayView name = line.first(colon);
        if (!isToken(name)) {
            *error = QStringLiteral("header line %1: invalid header name \"%2\"")
                         .arg(lineNumber)
                         .arg(QString::fromLatin1(name));
            return false;
        }
        const QByteArrayView value = HttpHeaders::trimmedOws(line.sliced(colon + 1));
        for (char c : value) {
            if (c == '\0' || c == '\r' || c == '\n') {
                *error = QStringLiteral("header line %1: control character in value of %2")
                             .arg(lineNumber)
                             .arg(QString::fromLatin1(name));
                return false;
            }
        }
        if (headers->size() >= limits.maxFields) {
            *error = QStringLiteral("more than %1 header fields").arg(limits.maxFields);
            return false;
        }
        headers->append(name.toByteArray(), value.toByteArray());
    }
    return true;
}

} // namespace mr
