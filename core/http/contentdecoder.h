#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>

namespace mr {

// Streaming decoder of a Content-Encoding chain (gzip, x-gzip, deflate, br, zstd; at most five
// codings, as curl and urllib3 cap them after CVE-2022-32206). It refuses decompression
// bombs: past a threshold of decoded bytes the expansion ratio may not exceed the coding's
// limit (as Qt's own check: 40 for gzip/deflate, 100 for br/zstd), and the decoded total
// may not exceed a hard limit.
class ContentDecoder
{
public:
    struct Limits {
        qint64 maxDecodedBytes = qint64(4) << 30;      // 4 GiB
        qint64 ratioCheckThreshold = 10 * 1024 * 1024; // 10 MiB, as Qt
    };

    virtual ~ContentDecoder() = default;
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

protected:
    ContentDecoder() = default;
    virtual bool decodeStage(QByteArrayView input, QByteArray *output, QString *error) = 0;
    virtual bool finishStage(QByteArray *output, QString *error) = 0;
    virtual double maxRatio() const = 0;
    // Called by stages after each piece of output: false (with the error set) stops a bomb
    // before it is inflated. consumed: input bytes of the current call used so far.
    bool withinLimits(const QByteArray &output, qint64 consumed, QString *error);

private:
    qsizetype m_outputBase = 0; // size of the output before the current call

    std::unique_ptr<ContentDecoder> m_next; // the coding applied before this one
    Limits m_limits;
    qint64 m_encoded = 0;
    qint64 m_decoded = 0;
    QString m_error;
};

} // namespace mr
