// core/content: understanding response bodies — what kind they are and how to show them.
#pragma once

#include <QByteArray>
#include <QString>

namespace mr {

// Turns a body into text for display: JSON indented, text as UTF-8, binary summarised.
class BodyFormatter
{
public:
    enum class Kind { Empty, Json, Text, Binary };

    struct Result {
        Kind kind = Kind::Empty;
        QString text;
        QString note; // e.g. why a JSON-typed body is shown raw
    };

    static Result format(const QByteArray &body, const QByteArray &contentType);
    static bool looksLikeJson(const QByteArray &contentType);
    // "1.2 kB", "512 B"
    static QString sizeText(qint64 bytes);
};

} // namespace mr
