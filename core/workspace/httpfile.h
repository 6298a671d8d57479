#pragma once

#include "base/diagnostic.h"
#include "requestdefinition.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace mr {

// A parsed .http file: its requests, its "@name = value" variables and what was wrong, and
// its bytes cut into blocks (where "###" lines begin), so that writing it back changes only
// the blocks that were edited.
struct HttpFile {
    QString path;
    QList<RequestDefinition> requests;
    QList<QPair<QString, QString>> variables; // in file order
    QList<Diagnostic> diagnostics;
    QList<QByteArray> blocks; // joined, they are the file, byte for byte
    QByteArray lineEnding = "\n";
    QByteArray loadedBytes; // as read from disk (to notice changes by other programs)

    bool hasErrors() const;
    // Where `request` is now: at `hint` when it is still there, else the one request with its
    // content (requests added or removed above it move it); -1 when it is gone or ambiguous.
    int locate(const RequestDefinition &request, int hint) const;
    QByteArray bytes() const { return blocks.join(); }
};

} // namespace mr
