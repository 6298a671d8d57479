#include "responsedecoding.h"

#include "http/httpheaders.h"

namespace mr {

bool ResponseDecoding::start(const HttpHeaders &headers, bool decodeContent)
{
    m_decoder.reset();
    m_decodedBytes = 0;
    m_error.clear();
    const QByteArray coding = headers.combinedValue("Content-Encoding");
    if (!decodeContent || coding.isEmpty())
        return true;
    QString error;
    m_decoder = ContentDecoder::create(coding, ContentDecoder::Limits(), &error);
    if (!m_decoder && !error.isEmpty())
        return fail(error);
    return true;
}

bool ResponseDecoding::decode(const QByteArray &body, QByteArray *plain)
{
    // Decoded in the engine thread, never in the caller's.
    const qsizetype before = plain->size();
    if (!m_decoder->decode(body, plain))
        return fail(m_decoder->errorString());
    m_decodedBytes += plain->size() - before;
    return true;
}

bool ResponseDecoding::finish(QByteArray *tail)
{
    const qsizetype before = tail->size();
    if (!m_decoder->finish(tail))
        return fail(m_decoder->errorString());
    m_decodedBytes += tail->size() - before;
    m_decoder.reset();
    return true;
}

bool ResponseDecoding::fail(const QString &detail)
{
    // As QNAM: the request fails with UnknownContentError and this message.
    m_decoder.reset();
    m_error = QStringLiteral("Decompression failed: %1").arg(detail);
    return false;
}

} // namespace mr
