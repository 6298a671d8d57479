#pragma once

#include "diagnostic.h"
#include "requestdefinition.h"

#include <QList>
#include <QPair>
#include <QString>

namespace mr {

// A parsed .http file: its requests, its "@name = value" variables and what was wrong.
struct HttpFile {
    QString path;
    QList<RequestDefinition> requests;
    QList<QPair<QString, QString>> variables; // in file order
    QList<Diagnostic> diagnostics;

    bool hasErrors() const;
};

} // namespace mr
