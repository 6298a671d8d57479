#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>
#include <vector>

namespace mr {

class DecodingStage;

// Streaming decoder of a Content-Encoding chain (gzip, x-gzip, deflate, br, zstd). It refuses
// decompression bombs with one budget for the whole chain, measured against the bytes on the
// wire: past a threshold of decoded bytes the expansion ratio may not exceed the chain's limit
// (as Qt's own check: 40 for gzip/deflate, 100 for br/zstd; a chain gets the highest of its
// codings', never their product), and the decoded total may not exceed a hard limit. Stages
// pass their output on in small pieces, so no stage ever holds a whole body; at most two
// codings are stacked unless configured (curl and urllib3 cap them after CVE-2022-32206).
class ContentDecoder
{
public:
    struct Limits {
        qint64 maxDecodedBytes = qint64(4) << 30;      // 4 GiB
        qint64 ratioCheckThreshold = 10 * 1024 * 1024; // 10 MiB, as Qt
        int maxCodings = 2;
    };

    ~ContentDecoder();
    // nullptr with *error for an unknown or too long chain ("identity" alone gives nullptr
    // and no error: nothing to decode).
    static std::unique_ptr<ContentDecoder> create(const QByteArray &contentEncoding,
                                                  const Limits &limits, QString *error);
    static bool isSupported(const QByteArray &coding);

    // Appends decoded bytes; false with errorString() on corrupt input or a bomb.
    bool decode(QByteArrayView input, QByteArray *output);
    // The body ended: false when the stream was cut short.
    bool finish(QByteArray *output);
    QString errorString() const { return m_error; }
    qint64 encodedBytes() const { return m_encoded; }
    qint64 decodedBytes() const { return m_decoded; }

    // The most bytes this decoder held at once: pieces between stages plus what one call of
    // decode() or finish() appended. Bounded by the budget, whatever the chain.
    qint64 peakHeldBytes() const { return m_peakHeld; }
    // The same, the highest of every decoder in the process since the last reset (for tests
    // that can reach the decoder only through a socket).
    static qint64 largestHeldBytes();
    static void resetLargestHeldBytes();

private:
    ContentDecoder() = default;
    // Runs input through stage `index` and the ones after it, piece by piece.
    bool pushThrough(size_t index, QByteArrayView input, QByteArray *output);
    bool withinBudget(qint64 decoded);
    void noteHeld(const QByteArray &output);

    std::vector<std::unique_ptr<DecodingStage>> m_stages; // in decoding order
    std::vector<qint64> m_stageOutput;                    // bytes each stage has produced
    std::vector<QByteArray> m_pieces;                     // each stage's output buffer
    QByteArray m_codings;                                 // as named, for messages
    Limits m_limits;
    double m_maxRatio = 0;
    qint64 m_encoded = 0;
    qint64 m_decoded = 0;
    qint64 m_inFlight = 0;      // bytes between stages right now
    qsizetype m_outputBase = 0; // size of the output before the current call
    qint64 m_peakHeld = 0;
    QString m_error;
};

} // namespace mr
