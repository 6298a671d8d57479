// core/content: understanding response bodies — what kind they are and how to show them.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>

namespace mr {

// Indents JSON in one pass over the raw UTF-8 bytes, validating as it goes. Unlike
// QJsonDocument it builds no tree, keeps member order and number spelling, and records
// where each multi-line object or array starts and ends so a view can fold it.
class JsonPrettyPrinter
{
public:
    // Lines are 0-based lines of the printed text; start < end.
    struct FoldRegion {
        int start = 0;
        int end = 0;
        friend bool operator==(const FoldRegion &a, const FoldRegion &b)
        {
            return a.start == b.start && a.end == b.end;
        }
    };

    struct Error {
        qint64 offset = -1; // byte offset in the input; -1: no error
        int line = 0;       // 1-based, in the input
        int column = 0;     // 1-based, in characters (code points)
        QString message;    // plain words, e.g. "expected ',' or '}' after an object member"
        bool isError() const { return offset >= 0; }
        // "line 3, column 7: expected ..."
        QString text() const;
    };

    enum class Output { Utf8, Utf16, None };

    struct Options {
        Output output = Output::Utf8;
        int indent = 2;
        // Deeper input is an error, not a stack overflow or a runaway.
        int maxDepth = 10000;
        // Printed text larger than this is an error (deep nesting can multiply the size);
        // 0 picks 16 × the input + 16 MiB.
        qint64 maxOutputSize = 0;
        // Accept several top-level values separated by whitespace (NDJSON, JSON lines).
        bool allowSequence = false;
        // Checked now and then; when set, print() stops and reports cancelled.
        const std::atomic_bool *cancel = nullptr;
    };

    struct Result {
        bool ok = false;
        bool cancelled = false;
        QByteArray utf8;         // Output::Utf8
        QString text;            // Output::Utf16
        QList<FoldRegion> folds; // sorted by start
        int lineCount = 0;
        Error error;
    };

    static Result print(const QByteArray &json, const Options &options);
    static Result print(const QByteArray &json) { return print(json, Options()); }
    // Only checks the input; no text, no folds.
    static Error validate(const QByteArray &json, int maxDepth = 10000, bool allowSequence = false);
    // Line and column (1-based, columns in code points) of a byte offset.
    static Error locate(const QByteArray &json, qint64 offset, const QString &message);
};

} // namespace mr
