// libFuzzer: JSONPath compiles or reports a column inside the expression, and evaluating it
// on a valid document never crashes and yields valid JSON. Input: expression, newline, document.
#include "content/jsonpath.h"
#include "content/jsonprettyprinter.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    if (newline < 0)
        return 0;
    const QString expression = QString::fromUtf8(input.left(newline));
    const QByteArray document = input.mid(newline + 1);
    mr::JsonPath::Error error;
    const std::optional<mr::JsonPath> path = mr::JsonPath::compile(expression, &error);
    if (!path) {
        if (error.column < 1 || error.column > expression.size() + 1 || error.message.isEmpty())
            __builtin_trap();
        return 0;
    }
    if (mr::JsonPrettyPrinter::validate(document).isError())
        return 0;
    const QByteArray joined = mr::JsonPath::joined(path->evaluate(document));
    if (mr::JsonPrettyPrinter::validate(joined).isError())
        __builtin_trap();
    return 0;
}
