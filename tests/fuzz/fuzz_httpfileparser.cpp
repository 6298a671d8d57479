// libFuzzer: any text is either parsed or reported with a valid line and column.
#include "workspace/httpfileparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const mr::HttpFile file = mr::HttpFileParser::parse(text, QStringLiteral("fuzz.http"));
    const qsizetype lines = text.count(QLatin1Char('\n')) + 1;
    for (const mr::Diagnostic &d : file.diagnostics) {
        if (d.line < 1 || d.line > lines || d.column < 1)
            __builtin_trap();
    }
    for (const mr::RequestDefinition &r : file.requests) {
        if (r.requestLine < 1 || r.requestLine > lines || r.method.isEmpty())
            __builtin_trap();
    }
    return 0;
}
