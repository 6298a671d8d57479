#include "textsearch.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace mr {

QList<TextSearch::Hit> TextSearch::find(const QByteArray &text, const QString &needle, int limit)
{
    QList<Hit> hits;
    const QByteArray pattern = needle.toUtf8();
    if (pattern.isEmpty() || limit <= 0)
        return hits;
    const auto lower = [](char c) { return char(std::tolower(static_cast<unsigned char>(c))); };
    const QByteArray folded = pattern.toLower();
    const char first = folded.at(0);
    const char firstUpper = char(std::toupper(static_cast<unsigned char>(first)));
    const char *data = text.constData();
    const qsizetype size = text.size();
    const qsizetype length = folded.size();

    int line = 0;
    qsizetype lineStart = 0;
    qsizetype counted = 0; // newlines are counted up to here
    // The next place each spelling of the first byte occurs, found again only once passed:
    // rescanning for a rare spelling at every hit of a common one would be quadratic.
    const auto nextOf = [data, size](char c, qsizetype from) -> qsizetype {
        const void *at = from < size ? std::memchr(data + from, c, size_t(size - from)) : nullptr;
        return at ? static_cast<const char *>(at) - data : size;
    };
    qsizetype nextLower = nextOf(first, 0);
    qsizetype nextUpper = first == firstUpper ? size : nextOf(firstUpper, 0);
    for (qsizetype i = 0; i + length <= size;) {
        if (nextLower < i)
            nextLower = nextOf(first, i);
        if (nextUpper < i && first != firstUpper)
            nextUpper = nextOf(firstUpper, i);
        i = std::min(nextLower, nextUpper);
        if (i + length > size)
            break;
        bool same = true;
        for (qsizetype k = 1; k < length && same; ++k)
            same = lower(data[i + k]) == folded.at(k);
        if (same) {
            for (const char *p = data + counted; p < data + i;) {
                const char *nl =
                    static_cast<const char *>(std::memchr(p, '\n', size_t(data + i - p)));
                if (!nl)
                    break;
                ++line;
                lineStart = nl - data + 1;
                p = nl + 1;
            }
            counted = i;
            hits.append({line, int(i - lineStart), int(length)});
            if (hits.size() >= limit)
                break;
            i += length;
        } else {
            ++i;
        }
    }
    return hits;
}

} // namespace mr
