#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace mr {

// What one tool said about one request in a differential test: passed or not, and each
// assertion's outcome in the order of its `??` lines (a peer's: of its tests).
struct AssertionVerdict {
    bool passed = false;
    QStringList outcomes; // "passed" or "failed"
    QStringList errors;   // the peer's messages for failed assertions

    // "failed [passed, failed]"
    QString describe() const;
    // Ours by request name, from the file `microrequests run --reporter json=FILE` wrote;
    // empty when it can't be read.
    static QHash<QString, AssertionVerdict> fromRunReport(const QString &path);
};

} // namespace mr
