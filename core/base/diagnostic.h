#pragma once

#include <QList>
#include <QString>

namespace mr {

// A problem in a user's file, reported as "file:line:column: message" (1-based).
struct Diagnostic {
    enum class Severity { Error, Warning };

    QString file;
    int line = 0;
    int column = 0;
    QString message;
    Severity severity = Severity::Error;

    QString toString() const;
    // Line and column (1-based) of a character offset in a text.
    static Diagnostic at(const QString &file, const QString &text, qsizetype offset,
                         const QString &message);
};

} // namespace mr
