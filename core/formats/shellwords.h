#pragma once

#include "base/diagnostic.h"

#include <QList>
#include <QString>

namespace mr {

// Splits POSIX shell command lines — what "Copy as cURL" and API docs hand out — into
// commands and words, the way bash would: '…', "…", $'…' (ANSI-C escapes), backslashes,
// line continuations and # comments; commands end at unquoted newlines, ;, &&, || and |.
// $NAME and ${NAME} outside single quotes become {{$processEnv NAME}}, so an imported request
// still reads the variable at send time. Each word keeps the offset where it starts, for
// file:line:column messages.
class ShellWords
{
public:
    struct Word {
        QString text;
        qsizetype offset = 0;
    };
    struct Command {
        QList<Word> words;
    };

    // An unterminated quote is an error at the quote; the commands before it are returned.
    static QList<Command> split(const QString &text, const QString &path,
                                QList<Diagnostic> *errors);
    // Quotes a word for a POSIX shell: bare when safe, '…' when printable, $'…' otherwise.
    static QString quote(const QString &word);
    static QString quote(const QByteArray &bytes);
};

} // namespace mr
