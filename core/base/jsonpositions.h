#pragma once

#include "base/diagnostic.h"

#include <QHash>
#include <QString>

namespace mr {

// Where each value of a JSON (or YAML) document starts, by JSON Pointer (RFC 6901:
// "/item/0/request/url"), so that importers can say "file:line:column: message" about a
// value QJsonDocument has already parsed (it keeps no positions).
class JsonPositions
{
public:
    // Scans JSON text. Assumes the text already parsed with QJsonDocument; on malformed
    // text it records what it found before the fault.
    static JsonPositions scan(const QString &json);

    // Records a value's position (1-based); the YAML reader uses this.
    void add(const QString &pointer, int line, int column);
    // A Diagnostic at the value, or at its nearest ancestor that has a position.
    Diagnostic at(const QString &file, const QString &pointer, const QString &message,
                  Diagnostic::Severity severity = Diagnostic::Severity::Error) const;
    // As at(), but always with a position: the document's start when nothing nearer has one
    // (what importers report, since a user must be able to go there).
    Diagnostic located(const QString &file, const QString &pointer, const QString &message,
                       Diagnostic::Severity severity = Diagnostic::Severity::Error) const;

    // "/a/b" + "c~d/e" → "/a/b/c~0d~1e"
    static QString child(const QString &pointer, const QString &key);
    static QString child(const QString &pointer, qsizetype index);

private:
    struct Position {
        int line = 0;
        int column = 0;
    };
    QHash<QString, Position> m_positions;
};

} // namespace mr
