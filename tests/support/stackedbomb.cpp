#include "stackedbomb.h"

#include "http/contentencoder.h"

#include <zlib.h>

namespace {

constexpr int ZerosPerPeriod = 128 * 1024;
// Stored (uncompressed) zeros after each run of compressed zeros: what brings the ratio of
// one coding down under its limit.
constexpr int GzipStoredPerPeriod = 3300;
constexpr int ZstdRawPerPeriod = 1600;

// A zstd frame written by hand: each period is an RLE block of 128 KiB zeros (4 bytes) and a
// raw block of zeros.
QByteArray zstdInner(int periods)
{
    QByteArray frame("\x28\xb5\x2f\xfd", 4); // magic number
    frame.append(char(0x00));                // no content size, no checksum, no dictionary
    frame.append(char(0x38));                // window of 128 KiB
    const auto blockHeader = [&frame](quint32 header) {
        frame.append(char(header & 0xff));
        frame.append(char((header >> 8) & 0xff));
        frame.append(char((header >> 16) & 0xff));
    };
    for (int i = 0; i < periods; ++i) {
        blockHeader((quint32(ZerosPerPeriod) << 3) | (1u << 1)); // RLE block
        frame.append(char(0));
        const quint32 last = i == periods - 1 ? 1u : 0u;
        blockHeader((quint32(ZstdRawPerPeriod) << 3) | last); // raw block
        frame.append(QByteArray(ZstdRawPerPeriod, '\0'));
    }
    return frame;
}

// A gzip member alternating compressed and stored blocks of zeros.
QByteArray gzipInner(int periods)
{
    z_stream stream{};
    deflateInit2(&stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    QByteArray out;
    const auto run = [&](const QByteArray &input, int flush) {
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
        stream.avail_in = uInt(input.size());
        char buffer[64 * 1024];
        do {
            stream.next_out = reinterpret_cast<Bytef *>(buffer);
            stream.avail_out = sizeof buffer;
            deflate(&stream, flush);
            out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
        } while (stream.avail_out == 0);
    };
    const QByteArray compressed(ZerosPerPeriod, '\0');
    const QByteArray stored(GzipStoredPerPeriod, '\0');
    for (int i = 0; i < periods; ++i) {
        deflateParams(&stream, 9, Z_DEFAULT_STRATEGY);
        run(compressed, Z_BLOCK);
        deflateParams(&stream, 0, Z_DEFAULT_STRATEGY); // level 0: stored blocks
        run(stored, Z_BLOCK);
    }
    run(QByteArray(), Z_FINISH);
    deflateEnd(&stream);
    return out;
}

} // namespace

QByteArray StackedBomb::inner(const QByteArray &coding, int periods)
{
    return coding == "zstd" ? zstdInner(periods) : gzipInner(periods);
}

QByteArray StackedBomb::build(const QByteArray &coding, int periods)
{
    return mr::ContentEncoder::encode(coding, inner(coding, periods)).value_or(QByteArray());
}

qint64 StackedBomb::decodedSize(const QByteArray &coding, int periods)
{
    return qint64(periods) *
           (ZerosPerPeriod + (coding == "zstd" ? ZstdRawPerPeriod : GzipStoredPerPeriod));
}
