#include "jsontext.h"

namespace mr::JsonText {

namespace {

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

} // namespace

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

const char *skipSpace(const char *p, const char *end)
{
    while (p < end && isSpace(*p))
        ++p;
    return p;
}

const char *skipString(const char *p, const char *end)
{
    ++p;
    while (p < end) {
        if (*p == '\\')
            p += 2;
        else if (*p == '"')
            return p + 1;
        else
            ++p;
    }
    return end;
}

const char *skipValue(const char *p, const char *end)
{
    if (p >= end)
        return end;
    if (*p == '"')
        return skipString(p, end);
    if (*p == '{' || *p == '[') {
        int depth = 0;
        while (p < end) {
            const char c = *p;
            if (c == '"') {
                p = skipString(p, end);
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return p + 1;
            }
            ++p;
        }
        return end;
    }
    while (p < end && *p != ',' && *p != ']' && *p != '}' && !isSpace(*p))
        ++p;
    return p;
}

QByteArray decodeString(QByteArrayView raw)
{
    const QByteArrayView inner = raw.sliced(1, raw.size() - 2);
    if (!inner.contains('\\'))
        return inner.toByteArray();
    QByteArray out;
    out.reserve(inner.size());
    for (qsizetype i = 0; i < inner.size(); ++i) {
        const char c = inner[i];
        if (c != '\\' || i + 1 >= inner.size()) {
            out += c;
            continue;
        }
        const char e = inner[++i];
        switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            char32_t unit = char32_t(inner.sliced(i + 1, 4).toByteArray().toUInt(nullptr, 16));
            i += 4;
            // A surrogate pair spells one code point in two escapes.
            if (unit >= 0xD800 && unit <= 0xDBFF && i + 6 < inner.size() && inner[i + 1] == '\\' &&
                inner[i + 2] == 'u') {
                const char32_t low =
                    char32_t(inner.sliced(i + 3, 4).toByteArray().toUInt(nullptr, 16));
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
            }
            appendUtf8(out, unit);
            break;
        }
        default: out += e; break; // " \ /
        }
    }
    return out;
}

} // namespace mr::JsonText
