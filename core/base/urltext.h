#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace mr {

// A URL's text forms, kept per thread for the URLs seen last. A run writes the same URL on
// the wire, masks it and reports it in every iteration, and QUrl::toEncoded()/toString()
// build the text anew each time (about a tenth of a run's work per request). The key is the
// URL's shared data: a copy held here keeps it alive, and a holder that modifies its URL
// detaches from it first, so a key never stands for another URL.
class UrlText
{
public:
    static QByteArray encoded(const QUrl &url,
                              QUrl::FormattingOptions options = QUrl::FullyEncoded);
    static QString text(const QUrl &url, QUrl::FormattingOptions options = QUrl::PrettyDecoded);

    // How many URLs a thread keeps; past that it starts again (URLs with generated values
    // all differ).
    static constexpr qsizetype Kept = 512;
};

} // namespace mr
