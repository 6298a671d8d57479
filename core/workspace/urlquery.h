#pragma once

#include <QList>
#include <QString>

namespace mr {

// A URL as written in a .http file, cut into what the params table edits: the part before
// "?", the query's params in order, and the fragment. Nothing is decoded or re-encoded, so
// split() then join() gives the text back exactly (for any URL a request line can hold:
// white space, which it cannot, is the one thing join() encodes); {{variables}} are never
// cut, even when they hold "?", "&", "#" or "=".
//
// Disabled params: the .http format has no way to write a param that is not sent, so join()
// leaves them out and they live only in the editor's memory (keepDisabledFrom() carries them
// over when the URL is split again after an edit); closing the editor forgets them.
class UrlQuery
{
public:
    struct Param {
        QString name;         // as written, still encoded
        QString value;        // as written, still encoded
        bool hasValue = true; // false for "flag" in "?flag&a=1": written without "="
        bool enabled = true;  // disabled ones are not written (see above)

        friend bool operator==(const Param &a, const Param &b)
        {
            return a.name == b.name && a.value == b.value && a.hasValue == b.hasValue &&
                   a.enabled == b.enabled;
        }
    };

    QString base;             // everything before "?" (or before "#" without a query)
    QList<Param> params;      // empty pieces ("a=1&&b=2", a trailing "&") are kept as params
    QString fragment;         // after "#", without it
    bool hasFragment = false; // "#" was written (maybe with nothing after it)
    bool emptyQuery = false;  // a "?" with nothing after it; kept while no param is added

    static UrlQuery split(const QString &url);
    // The URL text: enabled params joined with "&", each written as it is except characters
    // that would change the URL's structure ("&", "#", "=" in a name, white space), which are
    // percent-encoded outside {{variables}}.
    QString join() const;

    // A query string ("a=1&b") as params, and back; the form body editor uses them too. With
    // form (an x-www-form-urlencoded body, where "#" and spaces mean nothing special) only
    // "&", "=" in a name and line breaks are encoded.
    static QList<Param> splitQuery(const QString &query);
    static QString joinQuery(const QList<Param> &params, bool form = false);

    // Puts the previous split's disabled params back, at their old positions (clamped), so
    // that re-reading the URL the editor just wrote does not drop them.
    void keepDisabledFrom(const UrlQuery &previous);

    friend bool operator==(const UrlQuery &a, const UrlQuery &b)
    {
        return a.base == b.base && a.params == b.params && a.fragment == b.fragment &&
               a.hasFragment == b.hasFragment && a.emptyQuery == b.emptyQuery;
    }
};

} // namespace mr
