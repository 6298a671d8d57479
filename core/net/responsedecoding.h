#pragma once

#include "http/contentdecoder.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace mr {

class HttpHeaders;

// One response's content decoding, in the engine thread: the decoder its Content-Encoding
// asks for, the decoded bytes so far, and why decoding failed. An HTTP/1.1 connection keeps
// one per response; an HTTP/2 stream will keep its own.
class ResponseDecoding
{
public:
    // Begins a response: a decoder when the request wants decoded content and the head names
    // a coding. False when the coding can't be decoded (errorString() says why).
    bool start(const HttpHeaders &headers, bool decodeContent);
    // Whether the body is being decoded; without a decoder its bytes pass through as they are.
    bool isDecoding() const { return m_decoder != nullptr; }
    // Appends the plain bytes of a piece of body; false with errorString() on corrupt input.
    bool decode(const QByteArray &body, QByteArray *plain);
    // The body ended: the decoder's last bytes. It decodes nothing more afterwards.
    bool finish(QByteArray *tail);
    qint64 decodedBytes() const { return m_decodedBytes; }
    // "Decompression failed: …", as the failed request reports it.
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &detail);

    std::unique_ptr<ContentDecoder> m_decoder;
    qint64 m_decodedBytes = 0;
    QString m_error;
};

} // namespace mr
