#pragma once

#include "jsonpositions.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>

namespace mr {

// Reads YAML text (yaml-cpp) into the JSON-like tree QJsonDocument would give, and records
// where each value was, so that an importer works on one tree whatever the input syntax and
// can still say "file:line:column: message". Plain scalars follow the YAML 1.2 core schema
// (true, 12, 1.5, null); quoted and block scalars stay strings. Aliases are expanded (as
// shared values), within caps on the number of values they expand to and on the depth, so
// that an alias bomb or a recursive alias ends in an error instead of exhausting memory or
// the stack for whoever walks the tree. yaml-cpp's exceptions never leave this class.
class YamlDocument
{
public:
    // Larger input is refused before yaml-cpp sees it.
    static constexpr qsizetype MaxBytes = 32 * 1024 * 1024;
    // Values, counting what aliases repeat; an OpenAPI document has far fewer.
    static constexpr qsizetype MaxValues = 1000000;
    // Nesting; deeper documents are refused.
    static constexpr int MaxDepth = 256;

    static YamlDocument parse(const QByteArray &yaml, const QString &file);

    // The first document; null when the text is empty or broken.
    const QJsonValue &value() const { return m_value; }
    const JsonPositions &positions() const { return m_positions; }
    // Broken input (value() is then null).
    const QList<Diagnostic> &errors() const { return m_errors; }
    // What the tree cannot hold: keys that are mappings or sequences, custom tags, more
    // documents after the first.
    const QList<Diagnostic> &warnings() const { return m_warnings; }
    bool hasErrors() const { return !m_errors.isEmpty(); }

private:
    QJsonValue m_value;
    JsonPositions m_positions;
    QList<Diagnostic> m_errors;
    QList<Diagnostic> m_warnings;
};

} // namespace mr
