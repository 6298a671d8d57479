// libFuzzer: the pretty printer never crashes, agrees with its validator, prints the same
// values QJsonDocument reads, and printing its own output changes nothing.
#include "content/jsonprettyprinter.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using mr::JsonPrettyPrinter;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    JsonPrettyPrinter::Options options;
    options.allowSequence = size > 0 && data[0] == ' '; // both modes, chosen by the input
    const JsonPrettyPrinter::Result printed = JsonPrettyPrinter::print(input, options);
    const JsonPrettyPrinter::Error checked =
        JsonPrettyPrinter::validate(input, options.maxDepth, options.allowSequence);
    if (printed.ok == checked.isError() &&
        !printed.error.message.contains(QLatin1String("too large")))
        __builtin_trap();
    if (!printed.ok) {
        if (printed.error.line < 1 || printed.error.column < 1 ||
            printed.error.offset > input.size())
            __builtin_trap();
        return 0;
    }
    if (printed.lineCount != printed.utf8.count('\n') + 1)
        __builtin_trap();
    int previous = -1;
    for (const auto &fold : printed.folds) {
        if (fold.start <= previous || fold.end <= fold.start || fold.end >= printed.lineCount)
            __builtin_trap();
        previous = fold.start;
    }
    // Idempotent: the printed text prints as itself.
    const JsonPrettyPrinter::Result again = JsonPrettyPrinter::print(printed.utf8, options);
    if (!again.ok || again.utf8 != printed.utf8 || !(again.folds == printed.folds))
        __builtin_trap();
    options.output = JsonPrettyPrinter::Output::Utf16;
    const JsonPrettyPrinter::Result text = JsonPrettyPrinter::print(input, options);
    if (!text.ok || text.text != QString::fromUtf8(printed.utf8))
        __builtin_trap();
    // Same values as Qt's reader, where it reads the input at all.
    QJsonParseError error{};
    const QJsonDocument original = QJsonDocument::fromJson(input, &error);
    if (error.error == QJsonParseError::NoError && !options.allowSequence) {
        const QJsonDocument reprinted = QJsonDocument::fromJson(printed.utf8, &error);
        if (error.error != QJsonParseError::NoError || reprinted != original)
            __builtin_trap();
    }
    return 0;
}
