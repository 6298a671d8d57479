#include "credentialnames.h"

#include <string_view>

namespace mr {

namespace {

// "X-Api_Key" → "xapikey": the spellings of one name compare equal.
QString normalized(const QString &name)
{
    QString n = name.toLower();
    n.remove(QLatin1Char('-'));
    n.remove(QLatin1Char('_'));
    n.remove(QLatin1Char('.'));
    return n;
}

// The end of a name as normalized() makes it, without allocating: its last Size characters
// and the length of the whole. For names in ASCII, and for bytes read as Latin-1, whose
// letters beyond ASCII never lower to ASCII: what the rules below compare is the same.
class NormalizedTail
{
public:
    template<typename Char>
    NormalizedTail(const Char *chars, qsizetype size)
    {
        // Past Size characters, only "longer than any name compared" matters.
        for (qsizetype i = size - 1; i >= 0 && m_length <= Size; --i) {
            const auto c = static_cast<unsigned>(chars[i]);
            if (c == '-' || c == '_' || c == '.')
                continue;
            if (m_length < Size)
                m_chars[Size - 1 - m_length] = char(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            ++m_length;
        }
    }
    char last() const { return m_length > 0 ? m_chars[Size - 1] : '\0'; }
    bool endsWith(std::string_view end) const
    {
        const std::string_view tail = this->tail();
        return tail.size() >= end.size() && tail.substr(tail.size() - end.size()) == end;
    }
    bool is(std::string_view whole) const
    {
        return m_length == qsizetype(whole.size()) && tail() == whole;
    }

private:
    static constexpr qsizetype Size = 16; // more than the longest name compared below
    std::string_view tail() const
    {
        const qsizetype kept = qMin(m_length, Size);
        return std::string_view(m_chars + Size - kept, size_t(kept));
    }
    char m_chars[Size] = {};
    qsizetype m_length = 0;
};

bool isApiKey(const NormalizedTail &n)
{
    return n.endsWith("apikey") || n.endsWith("apitoken") || n.is("xauthtoken");
}

// isApiKey(), or ends with "token", "secret", "password", "passwd", "accesskey", "authkey",
// "privatekey" or "sessionid", or is "key", "auth", "xauth" or "xkey". By the last character,
// so that most names are told apart at once.
bool isCredential(const NormalizedTail &n)
{
    switch (n.last()) {
    case 'n': return n.endsWith("token"); // "apitoken" and "xauthtoken" too
    case 't': return n.endsWith("secret");
    case 'd': return n.endsWith("password") || n.endsWith("passwd") || n.endsWith("sessionid");
    case 'y':
        return n.endsWith("apikey") || n.endsWith("accesskey") || n.endsWith("authkey") ||
               n.endsWith("privatekey") || n.is("key") || n.is("xkey");
    case 'h': return n.is("auth") || n.is("xauth");
    default: return false;
    }
}

// isCredential() for a name in ASCII or Latin-1, where most names are told apart by their last
// character (not a separator) alone, before their end is normalized.
template<typename Char>
bool isCredentialChars(const Char *chars, qsizetype size)
{
    const auto separator = [](Char c) { return c == '-' || c == '_' || c == '.'; };
    qsizetype i = size - 1;
    while (i >= 0 && separator(chars[i]))
        --i;
    if (i < 0)
        return false;
    qsizetype j = i - 1; // the character before the last
    while (j >= 0 && separator(chars[j]))
        --j;
    const unsigned before = j < 0 ? 0u : static_cast<unsigned>(chars[j]) | 0x20u;
    // The last two say no to most names ("Host", "Accept", "Content-Length" end in "st", "pt",
    // "th"), so only a few are normalized: "-en", "-et", "-ey", "-rd", "-wd", "-id", "-th".
    switch (static_cast<unsigned>(chars[i]) | 0x20u) { // ASCII letters in lower case
    case 'n':
    case 't':
    case 'y':
        if (before != 'e')
            return false;
        break;
    case 'd':
        if (before != 'r' && before != 'w' && before != 'i')
            return false;
        break;
    case 'h':
        if (before != 't')
            return false;
        break;
    default: return false;
    }
    return isCredential(NormalizedTail(chars, i + 1));
}

// Beyond ASCII, QString::toLower may lower a letter to ASCII (the Kelvin sign to 'k'): such a
// name takes the slow way, through normalized().
bool isAscii(QStringView name)
{
    for (const QChar c : name) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

} // namespace

bool CredentialNames::isApiKeyName(const QString &name)
{
    if (isAscii(name))
        return isApiKey(NormalizedTail(name.utf16(), name.size()));
    const QString n = normalized(name);
    return n.endsWith(QLatin1String("apikey")) || n.endsWith(QLatin1String("apitoken")) ||
           n == QLatin1String("xauthtoken");
}

bool CredentialNames::isCredentialName(const QString &name)
{
    if (isAscii(name))
        return isCredentialChars(name.utf16(), name.size());
    if (isApiKeyName(name))
        return true;
    const QString n = normalized(name);
    for (const char *end : {"token", "secret", "password", "passwd", "accesskey", "authkey",
                            "privatekey", "sessionid"}) {
        if (n.endsWith(QLatin1String(end)))
            return true;
    }
    for (const char *whole : {"key", "auth", "xauth", "xkey"}) {
        if (n == QLatin1String(whole))
            return true;
    }
    return false;
}

bool CredentialNames::isCredentialName(QByteArrayView latin1Name)
{
    return isCredentialChars(latin1Name.data(), latin1Name.size());
}

} // namespace mr
