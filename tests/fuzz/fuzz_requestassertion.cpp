// libFuzzer: any "??" line parses into a usable assertion or a problem whose column lies
// inside the line; never a crash.
#include "workspace/requestassertion.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString line = QStringLiteral("?? ") +
                         QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size))
                             .section(QLatin1Char('\n'), 0, 0);
    const mr::RequestAssertion assertion = mr::RequestAssertion::parse(line, 1);
    if (!assertion.isValid()) {
        if (assertion.problemColumn < 1 || assertion.problemColumn > line.size() + 1)
            __builtin_trap();
        return 0;
    }
    if (assertion.description().isEmpty())
        __builtin_trap();
    return 0;
}
