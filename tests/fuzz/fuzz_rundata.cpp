// libFuzzer: a --data file (CSV, or JSON when it starts with "[") either gives rows or one
// problem with a position inside the file; never a crash. Every CSV row has the header's names.
#include "runner/rundata.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const bool json = input.startsWith('[');
    QList<mr::RunData::Row> rows;
    mr::Diagnostic problem;
    const QString path = json ? QStringLiteral("data.json") : QStringLiteral("data.csv");
    const bool ok = json ? mr::RunData::parseJson(input, path, &rows, &problem)
                         : mr::RunData::parseCsv(input, path, &rows, &problem);
    if (!ok) {
        if (problem.message.isEmpty() || problem.line < 0 || problem.column < 0 ||
            problem.line > input.count('\n') + 2)
            __builtin_trap();
        return 0;
    }
    if (!json && !rows.isEmpty()) {
        const QList<QString> names = rows.first().keys();
        for (const mr::RunData::Row &row : rows) {
            if (row.size() != names.size())
                __builtin_trap();
        }
    }
    return 0;
}
