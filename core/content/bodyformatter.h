// core/content: understanding response bodies — what kind they are and how to show them.
#pragma once

#include "jsonprettyprinter.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>

namespace mr {

// Turns a body into text for display: JSON indented, text as UTF-8, binary summarised.
// Synchronous; BodyFormatJob runs it off the GUI thread for big bodies.
class BodyFormatter
{
public:
    enum class Kind { Empty, Json, Text, Binary, Image, Html };

    struct Result {
        Kind kind = Kind::Empty;
        QString text;                               // unless asked for UTF-8
        QByteArray utf8;                            // when asked for UTF-8
        QString note;                               // e.g. why a JSON-typed body is shown raw
        QList<JsonPrettyPrinter::FoldRegion> folds; // JSON only: lines of text
        bool cancelled = false;
    };

    static Result format(const QByteArray &body, const QByteArray &contentType);
    // Stops early (result.cancelled) once *cancel is set.
    static Result format(const QByteArray &body, const QByteArray &contentType,
                         const std::atomic_bool *cancel);
    enum class Encoding { Utf16, Utf8 };
    // With Encoding::Utf8 the text is in result.utf8: half the memory of a QString for a big
    // body, and a body that is already readable text is shared, not copied.
    static Result format(const QByteArray &body, const QByteArray &contentType,
                         const std::atomic_bool *cancel, Encoding encoding);
    // What the body is, from its Content-Type and its first bytes; Json when it is declared
    // or shaped so (format() falls back to Text when it does not parse).
    static Kind sniff(const QByteArray &body, const QByteArray &contentType);
    static bool looksLikeJson(const QByteArray &contentType);
    // "PNG", "JPEG", "GIF", "WebP", "BMP", "ICO" from the magic bytes; empty if none.
    static QString imageFormat(const QByteArray &body);
    // "1.2 kB", "512 B"
    static QString sizeText(qint64 bytes);

private:
    static Result formatText(const QByteArray &body, const QByteArray &contentType,
                             const std::atomic_bool *cancel, Encoding encoding);
};

} // namespace mr
