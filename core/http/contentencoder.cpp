#include "contentencoder.h"

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

namespace mr {

namespace {

// windowBits 15 gives the zlib format, which is what HTTP calls "deflate"; 31 gives gzip.
std::optional<QByteArray> zlibCompress(QByteArrayView data, int windowBits, bool fast)
{
    z_stream stream{};
    if (deflateInit2(&stream, fast ? Z_BEST_SPEED : Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits,
                     8, Z_DEFAULT_STRATEGY) != Z_OK)
        return std::nullopt;
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))) + 32, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    const qsizetype produced = qsizetype(stream.total_out);
    deflateEnd(&stream);
    if (rc != Z_STREAM_END)
        return std::nullopt;
    out.truncate(produced);
    return out;
}

std::optional<QByteArray> brotliCompress(QByteArrayView data, bool fast)
{
    size_t size = BrotliEncoderMaxCompressedSize(size_t(data.size()));
    if (size == 0)
        size = size_t(data.size()) + 1024;
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    if (!BrotliEncoderCompress(fast ? 1 : BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW,
                               BROTLI_MODE_GENERIC, size_t(data.size()),
                               reinterpret_cast<const uint8_t *>(data.data()), &size,
                               reinterpret_cast<uint8_t *>(out.data())))
        return std::nullopt;
    out.truncate(qsizetype(size));
    return out;
}

std::optional<QByteArray> zstdCompress(QByteArrayView data, bool fast)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(data.size()))), Qt::Uninitialized);
    const size_t size = ZSTD_compress(out.data(), size_t(out.size()), data.data(),
                                      size_t(data.size()), fast ? 1 : 3);
    if (ZSTD_isError(size))
        return std::nullopt;
    out.truncate(qsizetype(size));
    return out;
}

} // namespace

bool ContentEncoder::isSupported(QByteArrayView coding)
{
    return coding == "gzip" || coding == "deflate" || coding == "br" || coding == "zstd" ||
           coding == "identity";
}

std::optional<QByteArray> ContentEncoder::encode(QByteArrayView coding, QByteArrayView data,
                                                 bool fast)
{
    if (coding == "gzip")
        return zlibCompress(data, 31, fast);
    if (coding == "deflate")
        return zlibCompress(data, 15, fast);
    if (coding == "br")
        return brotliCompress(data, fast);
    if (coding == "zstd")
        return zstdCompress(data, fast);
    if (coding == "identity")
        return data.toByteArray();
    return std::nullopt;
}

} // namespace mr
