#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace mr {

// Finds a word in a big UTF-8 text (a pretty-printed body of many megabytes) fast enough to
// run on each keystroke off the GUI thread: a byte scan, ASCII case folded.
class TextSearch
{
public:
    struct Hit {
        int line;   // 0-based
        int column; // bytes from the line's start
        int length; // bytes
    };

    // Every occurrence of `needle` (case-insensitive for ASCII letters), at most `limit`.
    static QList<Hit> find(const QByteArray &text, const QString &needle, int limit = 100000);
};

} // namespace mr
