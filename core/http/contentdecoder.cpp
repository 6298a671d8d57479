#include "contentdecoder.h"

#include <QList>

#include <atomic>
#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

namespace mr {

// One coding of the chain. step() decodes from *input (advancing it) into at most `capacity`
// bytes of out; the driver calls it again while input remains or output is pending, and
// passes each piece on before asking for the next, so a stage never holds more than a piece.
class DecodingStage
{
public:
    virtual ~DecodingStage() = default;
    virtual bool step(QByteArrayView *input, char *out, qsizetype capacity, qsizetype *written,
                      QString *error) = 0;
    // Output is waiting that the last step had no room for.
    virtual bool hasPendingOutput() const = 0;
    // The body ended: false (with the error set) when the stream was cut short.
    virtual bool finish(QString *error) = 0;
    // The expansion this coding may reach past the threshold.
    virtual double maxRatio() const = 0;
};

namespace {

constexpr qsizetype Piece = 64 * 1024;
constexpr qsizetype MaxRawDeflatePrefix = 1024;
std::atomic<qint64> largestHeld{0};

class ZlibStage : public DecodingStage
{
public:
    explicit ZlibStage(bool gzip)
        : m_gzip(gzip)
    {
        // 32 + 15: gzip or zlib, detected from the header. "deflate" servers sometimes send
        // raw deflate (no zlib header); that is retried below with -15.
        m_ok = inflateInit2(&m_stream, m_gzip ? 16 + MAX_WBITS : 32 + MAX_WBITS) == Z_OK;
    }
    ~ZlibStage() override { inflateEnd(&m_stream); }

    bool step(QByteArrayView *input, char *out, qsizetype capacity, qsizetype *written,
              QString *error) override
    {
        *written = 0;
        m_pending = false;
        while (true) {
            if (!m_ok) {
                *error = QStringLiteral("zlib could not start");
                return false;
            }
            if (m_ended) { // bytes after the end of the stream are ignored
                *input = {};
                return true;
            }
            const bool replaying = !m_replay.isEmpty();
            const QByteArrayView source = replaying ? QByteArrayView(m_replay) : *input;
            m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(source.data()));
            m_stream.avail_in = uInt(source.size());
            m_stream.next_out = reinterpret_cast<Bytef *>(out + *written);
            m_stream.avail_out = uInt(capacity - *written);
            const int rc = inflate(&m_stream, Z_NO_FLUSH);
            const qsizetype consumed = source.size() - qsizetype(m_stream.avail_in);
            if (rc == Z_DATA_ERROR && !m_gzip && !m_triedRaw && m_stream.total_out == 0 &&
                m_prefix.size() + consumed <= MaxRawDeflatePrefix) {
                // Raw deflate, without the zlib wrapper: start again from the first byte.
                m_triedRaw = true;
                inflateEnd(&m_stream);
                m_stream = z_stream{};
                m_ok = inflateInit2(&m_stream, -MAX_WBITS) == Z_OK;
                m_replay = m_prefix + source.first(consumed).toByteArray();
                m_prefix.clear();
                *input = input->sliced(consumed);
                continue;
            }
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
                *error = QStringLiteral("corrupt %1 data (%2)")
                             .arg(m_gzip ? QStringLiteral("gzip") : QStringLiteral("deflate"),
                                  QString::fromLatin1(m_stream.msg ? m_stream.msg : "zlib error"));
                return false;
            }
            if (replaying) {
                m_replay.remove(0, consumed);
            } else {
                // Kept until the first output, in case the raw-deflate retry needs them again
                // (a wrong zlib header shows within two bytes; past a few, no retry).
                if (!m_gzip && !m_triedRaw && m_stream.total_out == 0) {
                    m_prefix += source.first(consumed);
                    if (m_prefix.size() > MaxRawDeflatePrefix) {
                        m_triedRaw = true;
                        m_prefix.clear();
                    }
                }
                *input = input->sliced(consumed);
            }
            *written = capacity - qsizetype(m_stream.avail_out);
            m_ended = rc == Z_STREAM_END;
            const bool full = m_stream.avail_out == 0;
            if (replaying && m_replay.isEmpty() && !m_ended && !full && !input->isEmpty())
                continue; // the replayed bytes are done: on with the new ones
            m_pending = !m_ended && (full || !m_replay.isEmpty());
            return true;
        }
    }
    bool hasPendingOutput() const override { return m_pending; }
    bool finish(QString *error) override
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
    bool m_pending = false;
    bool m_triedRaw = false;
    QByteArray m_prefix; // input consumed before any output
    QByteArray m_replay; // input to decode again as raw deflate
};

class BrotliStage : public DecodingStage
{
public:
    BrotliStage()
        : m_state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr))
    {}
    ~BrotliStage() override { BrotliDecoderDestroyInstance(m_state); }

    bool step(QByteArrayView *input, char *out, qsizetype capacity, qsizetype *written,
              QString *error) override
    {
        *written = 0;
        if (m_ended) {
            *input = {};
            m_pending = false;
            return true;
        }
        size_t availableIn = size_t(input->size());
        const uint8_t *nextIn = reinterpret_cast<const uint8_t *>(input->data());
        size_t availableOut = size_t(capacity);
        uint8_t *nextOut = reinterpret_cast<uint8_t *>(out);
        const BrotliDecoderResult rc = BrotliDecoderDecompressStream(
            m_state, &availableIn, &nextIn, &availableOut, &nextOut, nullptr);
        if (rc == BROTLI_DECODER_RESULT_ERROR) {
            *error = QStringLiteral("corrupt brotli data (%1)")
                         .arg(QString::fromLatin1(
                             BrotliDecoderErrorString(BrotliDecoderGetErrorCode(m_state))));
            return false;
        }
        *input = input->sliced(input->size() - qsizetype(availableIn));
        *written = capacity - qsizetype(availableOut);
        m_ended = rc == BROTLI_DECODER_RESULT_SUCCESS;
        m_pending = rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
        return true;
    }
    bool hasPendingOutput() const override { return m_pending; }
    bool finish(QString *error) override
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
    bool m_pending = false;
};

class ZstdStage : public DecodingStage
{
public:
    ZstdStage()
        : m_stream(ZSTD_createDStream())
    {
        ZSTD_initDStream(m_stream);
    }
    ~ZstdStage() override { ZSTD_freeDStream(m_stream); }

    bool step(QByteArrayView *input, char *out, qsizetype capacity, qsizetype *written,
              QString *error) override
    {
        ZSTD_inBuffer in{input->data(), size_t(input->size()), 0};
        ZSTD_outBuffer outBuffer{out, size_t(capacity), 0};
        const size_t rc = ZSTD_decompressStream(m_stream, &outBuffer, &in);
        if (ZSTD_isError(rc)) {
            *error = QStringLiteral("corrupt zstd data (%1)")
                         .arg(QString::fromLatin1(ZSTD_getErrorName(rc)));
            return false;
        }
        *input = input->sliced(qsizetype(in.pos));
        *written = qsizetype(outBuffer.pos);
        m_frameDone = rc == 0;
        m_pending = outBuffer.pos == outBuffer.size; // the output was full: more may be waiting
        return true;
    }
    bool hasPendingOutput() const override { return m_pending; }
    bool finish(QString *error) override
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
    bool m_pending = false;
};

std::unique_ptr<DecodingStage> makeStage(const QByteArray &coding)
{
    if (coding == "gzip" || coding == "x-gzip")
        return std::make_unique<ZlibStage>(true);
    if (coding == "deflate")
        return std::make_unique<ZlibStage>(false);
    if (coding == "br")
        return std::make_unique<BrotliStage>();
    if (coding == "zstd")
        return std::make_unique<ZstdStage>();
    return nullptr;
}

} // namespace

ContentDecoder::~ContentDecoder() = default;

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
    const QByteArray named = codings.join(", ");
    if (codings.size() > limits.maxCodings) {
        *error = QStringLiteral("Content-Encoding \"%1\" stacks %2 codings; at most %3 are "
                                "decoded")
                     .arg(QString::fromLatin1(named))
                     .arg(codings.size())
                     .arg(limits.maxCodings);
        return nullptr;
    }
    std::unique_ptr<ContentDecoder> decoder(new ContentDecoder);
    decoder->m_limits = limits;
    decoder->m_codings = named;
    // Codings are listed in the order they were applied: decode from the last.
    for (auto it = codings.crbegin(); it != codings.crend(); ++it) {
        std::unique_ptr<DecodingStage> stage = makeStage(*it);
        if (!stage) {
            *error =
                QStringLiteral("unsupported Content-Encoding \"%1\"").arg(QString::fromLatin1(*it));
            return nullptr;
        }
        decoder->m_maxRatio = qMax(decoder->m_maxRatio, stage->maxRatio());
        decoder->m_stages.push_back(std::move(stage));
    }
    decoder->m_stageOutput.assign(decoder->m_stages.size(), 0);
    decoder->m_pieces.assign(decoder->m_stages.size(), QByteArray(Piece, Qt::Uninitialized));
    return decoder;
}

qint64 ContentDecoder::largestHeldBytes()
{
    return largestHeld.load();
}

void ContentDecoder::resetLargestHeldBytes()
{
    largestHeld.store(0);
}

void ContentDecoder::noteHeld(const QByteArray &output)
{
    const qint64 held = m_inFlight + (output.size() - m_outputBase);
    if (held <= m_peakHeld)
        return;
    m_peakHeld = held;
    qint64 largest = largestHeld.load();
    while (held > largest && !largestHeld.compare_exchange_weak(largest, held)) {
    }
}

bool ContentDecoder::withinBudget(qint64 decoded)
{
    // Every stage's output is measured against the bytes on the wire: the chain as a whole
    // may expand no more than its most generous coding would alone.
    if (decoded > m_limits.maxDecodedBytes) {
        m_error = QStringLiteral("the decoded body exceeds %1 bytes; refused")
                      .arg(m_limits.maxDecodedBytes);
        return false;
    }
    if (decoded > m_limits.ratioCheckThreshold &&
        double(decoded) > m_maxRatio * double(qMax<qint64>(1, m_encoded))) {
        m_error = QStringLiteral("decompression bomb refused: %1 bytes (%2) expanded to more "
                                 "than %3 (over %4:1)")
                      .arg(m_encoded)
                      .arg(QString::fromLatin1(m_codings))
                      .arg(decoded)
                      .arg(m_maxRatio);
        return false;
    }
    return true;
}

bool ContentDecoder::pushThrough(size_t index, QByteArrayView input, QByteArray *output)
{
    if (index == m_stages.size()) {
        output->append(input.data(), input.size());
        m_decoded += input.size();
        noteHeld(*output);
        return true;
    }
    DecodingStage &stage = *m_stages[index];
    char *piece = m_pieces[index].data();
    while (!input.isEmpty() || stage.hasPendingOutput()) {
        const qsizetype before = input.size();
        qsizetype written = 0;
        if (!stage.step(&input, piece, Piece, &written, &m_error))
            return false;
        if (index == 0)
            m_encoded += before - input.size();
        if (written == 0 && input.size() == before && !stage.hasPendingOutput())
            break; // no progress: the stage needs more input than there is
        m_stageOutput[index] += written;
        if (!withinBudget(m_stageOutput[index]))
            return false;
        m_inFlight += written;
        noteHeld(*output);
        const bool passed = pushThrough(index + 1, QByteArrayView(piece, written), output);
        m_inFlight -= written;
        if (!passed)
            return false;
    }
    return true;
}

bool ContentDecoder::decode(QByteArrayView input, QByteArray *output)
{
    m_outputBase = output->size();
    return pushThrough(0, input, output);
}

bool ContentDecoder::finish(QByteArray *output)
{
    if (m_encoded == 0)
        return true; // an empty body (HEAD, 204) may still name its coding
    m_outputBase = output->size();
    // Each stage in turn gives what it still holds to the next, then must have ended.
    for (size_t i = 0; i < m_stages.size(); ++i) {
        if (!pushThrough(i, {}, output) || !m_stages[i]->finish(&m_error))
            return false;
    }
    return true;
}

} // namespace mr
