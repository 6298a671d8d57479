#include "httpheaderparser.h"

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

std::optional<qint64> HttpHeaderParser::contentLength(const HttpHeaders &headers)
{
    qint64 length = -1;
    for (const QByteArray &field : headers.values("Content-Length")) {
        for (const QByteArray &item : field.split(',')) {
            const QByteArray digits = item.trimmed();
            bool ok = !digits.isEmpty() && digits.size() <= 18;
            for (char c : digits)
                ok = ok && c >= '0' && c <= '9';
            const qint64 value = ok ? digits.toLongLong(&ok) : -1;
            if (!ok || (length >= 0 && value != length))
                return std::nullopt;
            length = value;
        }
    }
    return length;
}

static QByteArrayView trimmedOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

bool HttpHeaderParser::parse(QByteArrayView block, HttpHeaders *headers, QString *error,
                             const Limits &limits)
{
    int lineNumber = 0;
    qsizetype pos = 0;
    while (pos < block.size()) {
        ++lineNumber;
        qsizetype end = block.indexOf(QByteArrayView("\r\n"), pos);
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
        const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
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
