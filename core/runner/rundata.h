#pragma once

#include "base/diagnostic.h"

#include <QHash>
#include <QList>
#include <QString>

namespace mr {

// The rows of variables a run's iterations take, from --data: a CSV file (the first row
// names the variables; RFC 4180 quoting) or a JSON array of objects (newman's formats).
// A file that can't be read is a Diagnostic at file:line:column.
class RunData
{
public:
    using Row = QHash<QString, QString>;

    static bool load(const QString &path, QList<Row> *rows, Diagnostic *problem);
    static bool parseCsv(const QByteArray &bytes, const QString &path, QList<Row> *rows,
                         Diagnostic *problem);
    static bool parseJson(const QByteArray &bytes, const QString &path, QList<Row> *rows,
                          Diagnostic *problem);
};

} // namespace mr
