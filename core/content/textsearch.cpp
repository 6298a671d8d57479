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
    for (qsizetype i = 0; i + length <= size;) {
        // Jump to the next byte that can start a match.
        const char *a = static_cast<const char *>(std::memchr(data + i, first, size_t(size - i)));
        const char *b =
            first == firstUpper
                ? nullptr
                : static_cast<const char *>(std::memchr(data + i, firstUpper, size_t(size - i)));
        const char *next = !a ? b : !b ? a : std::min(a, b);
        if (!next)
            break;
        i = next - data;
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
