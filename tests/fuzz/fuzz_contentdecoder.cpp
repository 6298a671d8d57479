// libFuzzer: the content decoder never crashes, never holds more than its budget, and decodes
// a body the same however it is split.
#include "http/contentdecoder.h"

#include <cstddef>
#include <cstdint>

namespace {

const char *const Chains[] = {"gzip",          "deflate",      "br",       "zstd",
                              "gzip, gzip",    "zstd, zstd",   "gzip, br", "br, zstd",
                              "deflate, gzip", "zstd, deflate"};

struct Outcome {
    bool ok = false;
    QByteArray body;
};

Outcome decode(const char *chain, const QByteArray &input, qsizetype step)
{
    mr::ContentDecoder::Limits limits;
    limits.maxDecodedBytes = 1024 * 1024;
    limits.ratioCheckThreshold = 64 * 1024;
    QString error;
    const auto decoder = mr::ContentDecoder::create(chain, limits, &error);
    if (!decoder)
        __builtin_trap();
    Outcome outcome;
    outcome.ok = true;
    for (qsizetype i = 0; i < input.size() && outcome.ok; i += step)
        outcome.ok = decoder->decode(QByteArrayView(input).sliced(i, qMin(step, input.size() - i)),
                                     &outcome.body);
    if (outcome.ok)
        outcome.ok = decoder->finish(&outcome.body);
    // The budget: the hard limit, and past the threshold 100 times the bytes received, plus
    // the pieces passing between stages.
    const qint64 slack = 4 * 64 * 1024;
    const qint64 budget =
        qMin(limits.maxDecodedBytes,
             qMax(limits.ratioCheckThreshold, 100 * qMax<qint64>(1, decoder->encodedBytes()))) +
        slack;
    if (decoder->decodedBytes() > limits.maxDecodedBytes + slack ||
        decoder->peakHeldBytes() > budget || outcome.body.size() != decoder->decodedBytes())
        __builtin_trap();
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const char *chain = Chains[data[0] % (sizeof Chains / sizeof *Chains)];
    const qsizetype step = 1 + data[1] % 97;
    const QByteArray input(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    const Outcome whole = decode(chain, input, qMax<qsizetype>(1, input.size()));
    const Outcome split = decode(chain, input, step);
    if (whole.ok && split.ok && whole.body != split.body)
        __builtin_trap();
    return 0;
}
