// libFuzzer: the response parser never crashes or over-reads, and gives the same response
// however the bytes are split.
#include "http/httpresponseparser.h"

#include <cstddef>
#include <cstdint>

namespace {

struct Outcome {
    bool complete = false;
    bool error = false;
    int status = 0;
    QByteArray body;
};

Outcome parse(const QByteArray &input, qsizetype step, bool head)
{
    mr::HttpResponseParser parser;
    parser.setHeadRequest(head);
    Outcome outcome;
    for (qsizetype i = 0; i < input.size() && !parser.isComplete() && !parser.hasError();
         i += step) {
        mr::HttpResponseParser::Output out;
        const QByteArrayView piece = QByteArrayView(input).sliced(i, qMin(step, input.size() - i));
        if (parser.feed(piece, &out) > piece.size())
            __builtin_trap();
        outcome.body += out.body;
    }
    if (!parser.isComplete() && !parser.hasError()) {
        mr::HttpResponseParser::Output out;
        parser.finishOnClose(&out);
        outcome.body += out.body;
    }
    outcome.complete = parser.isComplete();
    outcome.error = parser.hasError();
    outcome.status = parser.headReceived() ? parser.head().status : 0;
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const bool head = data[0] & 1;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const Outcome whole = parse(input, qMax<qsizetype>(1, input.size()), head);
    const Outcome split = parse(input, 3, head);
    if (whole.complete != split.complete || whole.error != split.error ||
        whole.status != split.status || (whole.complete && whole.body != split.body))
        __builtin_trap();
    return 0;
}
