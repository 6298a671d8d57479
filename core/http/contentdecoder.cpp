#include "contentdecoder.h"

#include <QList>

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

namespace mr {

namespace {

constexpr int MaxCodings = 5;
constexpr qsizetype Chunk = 64 * 1024;

class ZlibDecoder : public ContentDecoder
{
public:
    explicit ZlibDecoder(bool gzip)
        : m_gzip(gzip)
    {
        // 32 + 15: gzip or zlib, detected from the header. "deflate" servers sometimes send
        // raw deflate (no zlib header); that is retried below with -15.
        m_ok = inflateInit2(&m_stream, m_gzip ? 16 + MAX_WBITS : 32 + MAX_WBITS) == Z_OK;
    }
    ~ZlibDecoder() override { inflateEnd(&m_stream); }

protected:
    bool decodeStage(QByteArrayView input, QByteArray *output, QString *error) override
    {
        if (!m_ok) {
            *error = QStringLiteral("zlib could not start");
            return false;
        }
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
        m_stream.avail_in = uInt(input.size());
        while (m_stream.avail_in > 0 && !m_ended) {
            char buffer[Chunk];
            m_stream.next_out = reinterpret_cast<Bytef *>(buffer);
            m_stream.avail_out = sizeof buffer;
            const int rc = inflate(&m_stream, Z_NO_FLUSH);
            if (rc == Z_DATA_ERROR && !m_gzip && !m_triedRaw && m_stream.total_out == 0) {
                m_triedRaw = true; // raw deflate, without the zlib wrapper
                inflateEnd(&m_stream);
                m_stream = z_stream{};
                inflateInit2(&m_stream, -MAX_WBITS);
                return decodeStage(input, output, error);
            }
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
                *error = QStringLiteral("corrupt %1 data (%2)")
                             .arg(m_gzip ? QStringLiteral("gzip") : QStringLiteral("deflate"),
                                  QString::fromLatin1(m_stream.msg ? m_stream.msg : "zlib error"));
                return false;
            }
            output->append(buffer, qsizetype(sizeof buffer - m_stream.avail_out));
            if (!withinLimits(*output, input.size() - qint64(m_stream.avail_in), error))
                return false;
            if (rc == Z_STREAM_END)
                m_ended = true;
            if (rc == Z_BUF_ERROR)
                break;
        }
        return true;
    }
    bool finishStage(QByteArray *, QString *error) override
    {
        if (!m_ended && (m_stream.total_in > 0 || m_gzip)) {
            *error = QStringLiteral("the %1 stream ended early").arg(m_gzip ? "gzip" : "deflate");
            return false;
        }
        return true;
    }
    double maxRatio() const override { return 40; }

private:
    z_stream m_stream{};
    bool m_gzip;
    bool m_ok = false;
    bool m_ended = false;
    bool m_triedRaw = false;
};

class BrotliDecoder : public ContentDecoder
{
public:
    BrotliDecoder()
        : m_state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr))
    {}
    ~BrotliDecoder() override { BrotliDecoderDestroyInstance(m_state); }

protected:
    bool decodeStage(QByteArrayView input, QByteArray *output, QString *error) override
    {
        size_t availableIn = size_t(input.size());
        const uint8_t *nextIn = reinterpret_cast<const uint8_t *>(input.data());
        while (true) {
            uint8_t buffer[Chunk];
            size_t availableOut = sizeof buffer;
            uint8_t *nextOut = buffer;
            const BrotliDecoderResult rc = BrotliDecoderDecompressStream(
                m_state, &availableIn, &nextIn, &availableOut, &nextOut, nullptr);
            output->append(reinterpret_cast<const char *>(buffer),
                           qsizetype(sizeof buffer - availableOut));
            if (!withinLimits(*output, input.size() - qint64(availableIn), error))
                return false;
            if (rc == BROTLI_DECODER_RESULT_ERROR) {
                *error = QStringLiteral("corrupt brotli data (%1)")
                             .arg(QString::fromLatin1(
                                 BrotliDecoderErrorString(BrotliDecoderGetErrorCode(m_state))));
                return false;
            }
            if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
                m_ended = true;
                return true;
            }
            if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
                return true;
        }
    }
    bool finishStage(QByteArray *, QString *error) override
    {
        if (!m_ended) {
            *error = QStringLiteral("the brotli stream ended early");
            return false;
        }
        return true;
    }
    double maxRatio() const override { return 100; }

private:
    BrotliDecoderState *m_state;
    bool m_ended = false;
};

class ZstdDecoder : public ContentDecoder
{
public:
    ZstdDecoder()
        : m_stream(ZSTD_createDStream())
    {
        ZSTD_initDStream(m_stream);
    }
    ~ZstdDecoder() override { ZSTD_freeDStream(m_stream); }

protected:
    bool decodeStage(QByteArrayView input, QByteArray *output, QString *error) override
    {
        ZSTD_inBuffer in{input.data(), size_t(input.size()), 0};
        while (in.pos < in.size || m_pendingOutput) {
            char buffer[Chunk];
            ZSTD_outBuffer out{buffer, sizeof buffer, 0};
            const size_t rc = ZSTD_decompressStream(m_stream, &out, &in);
            if (ZSTD_isError(rc)) {
                *error = QStringLiteral("corrupt zstd data (%1)")
                             .arg(QString::fromLatin1(ZSTD_getErrorName(rc)));
                return false;
            }
            output->append(buffer, qsizetype(out.pos));
            if (!withinLimits(*output, qint64(in.pos), error))
                return false;
            m_frameDone = rc == 0;
            m_pendingOutput = out.pos == out.size; // the output was full: more may be waiting
        }
        return true;
    }
    bool finishStage(QByteArray *, QString *error) override
    {
        if (!m_frameDone) {
            *error = QStringLiteral("the zstd stream ended early");
            return false;
        }
        return true;
    }
    double maxRatio() const override { return 100; }

private:
    ZSTD_DStream *m_stream;
    bool m_frameDone = false;
    bool m_pendingOutput = false;
};

std::unique_ptr<ContentDecoder> makeStage(const QByteArray &coding)
{
    if (coding == "gzip" || coding == "x-gzip")
        return std::make_unique<ZlibDecoder>(true);
    if (coding == "deflate")
        return std::make_unique<ZlibDecoder>(false);
    if (coding == "br")
        return std::make_unique<BrotliDecoder>();
    if (coding == "zstd")
        return std::make_unique<ZstdDecoder>();
    return nullptr;
}

} // namespace

bool ContentDecoder::isSupported(const QByteArray &coding)
{
    const QByteArray c = coding.trimmed().toLower();
    return c == "gzip" || c == "x-gzip" || c == "deflate" || c == "br" || c == "zstd" ||
           c == "identity";
}

std::unique_ptr<ContentDecoder> ContentDecoder::create(const QByteArray &contentEncoding,
                                                       const Limits &limits, QString *error)
{
    QList<QByteArray> codings;
    for (const QByteArray &item : contentEncoding.split(',')) {
        const QByteArray coding = item.trimmed().toLower();
        if (!coding.isEmpty() && coding != "identity")
            codings.append(coding);
    }
    if (codings.isEmpty())
        return nullptr;
    if (codings.size() > MaxCodings) {
        *error = QStringLiteral("the response is encoded %1 times; at most %2 codings are decoded")
                     .arg(codings.size())
                     .arg(MaxCodings);
        return nullptr;
    }
    // Codings are listed in the order they were applied: decode from the last.
    std::unique_ptr<ContentDecoder> chain;
    for (const QByteArray &coding : codings) {
        std::unique_ptr<ContentDecoder> stage = makeStage(coding);
        if (!stage) {
            *error = QStringLiteral("unsupported Content-Encoding \"%1\"")
                         .arg(QString::fromLatin1(coding));
            return nullptr;
        }
        stage->m_limits = limits;
        stage->m_next = std::move(chain);
        chain = std::move(stage);
    }
    return chain;
}

bool ContentDecoder::withinLimits(const QByteArray &output, qint64 consumed, QString *error)
{
    const qint64 decoded = m_decoded + (output.size() - m_outputBase);
    const qint64 encoded = m_encoded + consumed;
    if (decoded > m_limits.maxDecodedBytes) {
        *error = QStringLiteral("the decoded body exceeds %1 bytes; refused")
                     .arg(m_limits.maxDecodedBytes);
        return false;
    }
    if (decoded > m_limits.ratioCheckThreshold &&
        double(decoded) > maxRatio() * double(qMax<qint64>(1, encoded))) {
        *error = QStringLiteral("decompression bomb refused: %1 bytes expanded to more than %2 "
                                "(over %3:1)")
                     .arg(encoded)
                     .arg(decoded)
                     .arg(maxRatio());
        return false;
    }
    return true;
}

bool ContentDecoder::decode(QByteArrayView input, QByteArray *output)
{
    const qsizetype before = output->size();
    m_outputBase = before;
    if (!decodeStage(input, output, &m_error))
        return false;
    m_encoded += input.size();
    m_decoded += output->size() - before;
    if (!m_next)
        return true;
    // Feed what this stage produced into the stage applied before it.
    QByteArray mine = output->mid(before);
    output->truncate(before);
    if (!m_next->decode(mine, output)) {
        m_error = m_next->errorString();
        return false;
    }
    return true;
}

bool ContentDecoder::finish(QByteArray *output)
{
    if (m_encoded == 0)
        return true; // an empty body (HEAD, 204) may still name its coding
    const qsizetype before = output->size();
    m_outputBase = before;
    if (!finishStage(output, &m_error))
        return false;
    if (!m_next)
        return true;
    QByteArray mine = output->mid(before);
    output->truncate(before);
    if (!m_next->decode(mine, output) || !m_next->finish(output)) {
        m_error = m_next->errorString();
        return false;
    }
    return true;
}

} // namespace mr
