#include "urltext.h"

#include <QHash>

namespace mr {

namespace {

struct Key {
    const void *data;
    int options;
    bool encoded;
    bool operator==(const Key &other) const
    {
        return data == other.data && options == other.options && encoded == other.encoded;
    }
    friend size_t qHash(const Key &key, size_t seed = 0)
    {
        return qHashMulti(seed, key.data, key.options, key.encoded);
    }
};

struct Entry {
    QUrl kept; // holds the shared data the key points at
    QByteArray encoded;
    QString text;
};

QHash<Key, Entry> &kept()
{
    thread_local QHash<Key, Entry> entries;
    return entries;
}

// The shared data of `url`, without detaching it (data_ptr() is not const).
const void *sharedData(const QUrl &url)
{
    return const_cast<QUrl &>(url).data_ptr();
}

template<typename Make>
const Entry &entryFor(const QUrl &url, QUrl::FormattingOptions options, bool encoded, Make make)
{
    QHash<Key, Entry> &entries = kept();
    const Key key{sharedData(url), int(options), encoded};
    if (const auto it = entries.constFind(key); it != entries.cend())
        return *it;
    if (entries.size() >= UrlText::Kept)
        entries.clear();
    Entry entry{url, {}, {}};
    make(&entry);
    return *entries.insert(key, std::move(entry));
}

} // namespace

QByteArray UrlText::encoded(const QUrl &url, QUrl::FormattingOptions options)
{
    if (sharedData(url) == nullptr) // an empty URL has no data to key by
        return url.toEncoded(options);
    return entryFor(url, options, true,
                    [&](Entry *entry) { entry->encoded = url.toEncoded(options); })
        .encoded;
}

QString UrlText::text(const QUrl &url, QUrl::FormattingOptions options)
{
    if (sharedData(url) == nullptr)
        return url.toString(options);
    return entryFor(url, options, false, [&](Entry *entry) { entry->text = url.toString(options); })
        .text;
}

} // namespace mr
