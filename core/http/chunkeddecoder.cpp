#include "chunkeddecoder.h"

#include "httpheaderparser.h"

namespace mr {

namespace {
constexpr qsizetype MaxLineLength = 4096;
constexpr qsizetype MaxTrailerBytes = 64 * 1024;
} // namespace

void ChunkedDecoder::fail(const QString &message)
{
    m_state = State::Error;
    m_error = message;
}

// Collects one CRLF-terminated line across feeds; returns the position after what it used.
qsizetype ChunkedDecoder::takeLine(QByteArrayView input, qsizetype pos, QByteArray *line,
                                   bool *complete)
{
    const qsizetype lf = input.indexOf('\n', pos);
    const qsizetype end = lf < 0 ? input.size() : lf + 1;
    line->append(input.sliced(pos, end - pos));
    *complete = lf >= 0;
    if (line->size() > MaxLineLength)
        fail(QStringLiteral("chunked body: line longer than %1 bytes").arg(MaxLineLength));
    return end;
}

qsizetype ChunkedDecoder::feed(QByteArrayView input, QByteArray *output)
{
    qsizetype pos = 0;
    while (pos < input.size() && m_state != State::Done && m_state != State::Error) {
        switch (m_state) {
        case State::Size: {
            bool complete = false;
            pos = takeLine(input, pos, &m_line, &complete);
            if (!complete || m_state == State::Error)
                break;
            QByteArray sizeText = m_line.trimmed();
            m_line.clear();
            const qsizetype semicolon = sizeText.indexOf(';'); // chunk extensions are ignored
            if (semicolon >= 0)
                sizeText = sizeText.left(semicolon).trimmed();
            bool ok = false;
            const qint64 size = sizeText.toLongLong(&ok, 16);
            if (!ok || size < 0 || sizeText.isEmpty() || sizeText.size() > 15) {
                fail(QStringLiteral("chunked body: invalid chunk size \"%1\"")
                         .arg(QString::fromLatin1(sizeText.left(40))));
                break;
            }
            m_remaining = size;
            m_state = size == 0 ? State::Trailers : State::Data;
            break;
        }
        case State::Data: {
            const qsizetype n = qMin<qint64>(m_remaining, input.size() - pos);
            output->append(input.sliced(pos, n));
            pos += n;
            m_remaining -= n;
            m_decoded += n;
            if (m_remaining == 0)
                m_state = State::DataEnd;
            break;
        }
        case State::DataEnd: {
            bool complete = false;
            pos = takeLine(input, pos, &m_line, &complete);
            if (!complete || m_state == State::Error)
                break;
            if (m_line != "\r\n" && m_line != "\n")
                fail(QStringLiteral("chunked body: missing CRLF after chunk data"));
            else
                m_state = State::Size;
            m_line.clear();
            break;
        }
        case State::Trailers: {
            bool complete = false;
            pos = takeLine(input, pos, &m_line, &complete);
            if (!complete || m_state == State::Error)
                break;
            if (m_line == "\r\n" || m_line == "\n") {
                QString error;
                if (!HttpHeaderParser::parse(m_trailerBlock, &m_trailers, &error))
                    fail(QStringLiteral("chunked body trailer: ") + error);
                else
                    m_state = State::Done;
            } else {
                m_trailerBlock += m_line;
                if (m_trailerBlock.size() > MaxTrailerBytes)
                    fail(QStringLiteral("chunked body: trailers exceed %1 bytes")
                             .arg(MaxTrailerBytes));
            }
            m_line.clear();
            break;
        }
        case State::Done:
        case State::Error: break;
        }
    }
    return pos;
}

} // namespace mr
