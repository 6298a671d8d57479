// libFuzzer: the chunked decoder never crashes and decodes the same bytes however they are
// split.
#include "http/chunkeddecoder.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    mr::ChunkedDecoder whole;
    QByteArray wholeOut;
    const qsizetype used = whole.feed(input, &wholeOut);
    if (used > input.size())
        __builtin_trap();

    mr::ChunkedDecoder split;
    QByteArray splitOut;
    for (qsizetype i = 0; i < input.size() && !split.isDone() && !split.hasError(); ++i)
        split.feed(input.mid(i, 1), &splitOut);
    if (whole.isDone() != split.isDone() || (whole.isDone() && wholeOut != splitOut))
        __builtin_trap();
    return 0;
}
