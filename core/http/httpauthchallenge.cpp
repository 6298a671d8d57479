#include "httpauthchallenge.h"

#include "httpheaderparser.h"

namespace mr {

QHash<QByteArray, QByteArray> HttpAuthChallenge::parseParameters(const QByteArray &text)
{
    QHash<QByteArray, QByteArray> result;
    qsizetype pos = 0;
    const qsizetype n = text.size();
    auto skipSpaceAndCommas = [&] {
        while (pos < n && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == ','))
            ++pos;
    };
    skipSpaceAndCommas();
    while (pos < n) {
        const qsizetype nameStart = pos;
        while (pos < n && text[pos] != '=' && text[pos] != ',' && text[pos] != ' ')
            ++pos;
        const QByteArray name = text.mid(nameStart, pos - nameStart).toLower();
        while (pos < n && text[pos] == ' ')
            ++pos;
        if (pos >= n || text[pos] != '=') {
            skipSpaceAndCommas();
            continue;
        }
        ++pos;
        while (pos < n && text[pos] == ' ')
            ++pos;
        QByteArray value;
        if (pos < n && text[pos] == '"') {
            ++pos;
            while (pos < n && text[pos] != '"') {
                if (text[pos] == '\\' && pos + 1 < n)
                    ++pos;
                value += text[pos++];
            }
            ++pos;
        } else {
            while (pos < n && text[pos] != ',' && text[pos] != ' ')
                value += text[pos++];
        }
        result.insert(name, value);
        skipSpaceAndCommas();
    }
    return result;
}

QList<HttpAuthChallenge> HttpAuthChallenge::fromHeaders(const HttpHeaders &headers,
                                                        const QByteArray &name)
{
    // A field may carry several challenges: "Basic realm=a, Digest realm=b, nonce=c". A new
    // challenge starts where a token is followed by a space instead of "=".
    QList<HttpAuthChallenge> challenges;
    for (const QByteArray &value : headers.values(name)) {
        const QList<QByteArray> items = value.split(',');
        QByteArray current;
        auto flush = [&] {
            const QByteArray text = current.trimmed();
            current.clear();
            if (text.isEmpty())
                return;
            const qsizetype space = text.indexOf(' ');
            HttpAuthChallenge challenge;
            challenge.scheme = (space < 0 ? text : text.left(space)).toLower();
            if (space > 0)
                challenge.parameters = parseParameters(text.mid(space + 1));
            challenges.append(challenge);
        };
        bool inQuotes = false;
        for (const QByteArray &item : items) {
            const QByteArray trimmed = item.trimmed();
            const qsizetype space = trimmed.indexOf(' ');
            const qsizetype equals = trimmed.indexOf('=');
            const bool startsChallenge =
                !inQuotes && !trimmed.isEmpty() &&
                HttpHeaderParser::isToken(space < 0 ? trimmed : trimmed.left(space)) &&
                (equals < 0 || (space >= 0 && space < equals));
            if (startsChallenge)
                flush();
            if (!current.isEmpty())
                current += ',';
            current += item;
            if (item.count('"') % 2 == 1)
                inQuotes = !inQuotes;
        }
        flush();
    }
    return challenges;
}

} // namespace mr
