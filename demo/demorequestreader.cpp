#include "demorequestreader.h"

#include "http/httpheaderparser.h"

namespace mr {

DemoRequestReader::Status DemoRequestReader::fail(int status, const QString &message)
{
    m_errorStatus = status;
    m_errorString = message;
    return Status::Error;
}

DemoRequestReader::Status DemoRequestReader::read(QByteArray *buffer)
{
    if (m_errorStatus != 0)
        return Status::Error;
    if (m_phase == Phase::Head) {
        // RFC 9112 §2.2: ignore empty lines before a request line.
        while (buffer->startsWith("\r\n"))
            buffer->remove(0, 2);
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        if (end < 0) {
            if (buffer->size() > m_limits.maxHeadBytes)
                return fail(
                    431,
                    QStringLiteral("request head larger than %1 bytes").arg(m_limits.maxHeadBytes));
            return Status::NeedMore;
        }
        if (end + 4 > m_limits.maxHeadBytes)
            return fail(
                431,
                QStringLiteral("request head larger than %1 bytes").arg(m_limits.maxHeadBytes));
        const QByteArray head = buffer->left(end + 2);
        buffer->remove(0, end + 4);
        if (parseHead(head) == Status::Error)
            return Status::Error;
    }
    if (m_phase == Phase::FixedBody) {
        const qsizetype n = qMin<qint64>(m_bodyRemaining, buffer->size());
        m_request.body.append(buffer->constData(), n);
        buffer->remove(0, n);
        m_bodyRemaining -= n;
        if (m_bodyRemaining == 0)
            m_phase = Phase::Ready;
    }
    if (m_phase == Phase::ChunkedBody) {
        const qsizetype used = m_chunked.feed(*buffer, &m_request.body);
        buffer->remove(0, used);
        if (m_chunked.hasError())
            return fail(400, m_chunked.errorString());
        if (m_request.body.size() > m_limits.maxBodyBytes)
            return fail(
                413,
                QStringLiteral("request body larger than %1 bytes").arg(m_limits.maxBodyBytes));
        if (m_chunked.isDone()) {
            for (const auto &field : m_chunked.trailers().fields())
                m_request.headers.append(field.first, field.second);
            m_phase = Phase::Ready;
        }
    }
    return m_phase == Phase::Ready ? Status::Ready : Status::NeedMore;
}

DemoRequestReader::Status DemoRequestReader::parseHead(const QByteArray &head)
{
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArray requestLine = head.left(lineEnd);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !HttpHeaderParser::isToken(parts[0]) || parts[1].isEmpty())
        return fail(400, QStringLiteral("malformed request line"));
    const QByteArray &version = parts[2];
    if (!version.startsWith("HTTP/") || version.size() != 8 || version[6] != '.')
        return fail(400, QStringLiteral("malformed HTTP version"));
    if (version[5] != '1')
        return fail(505, QStringLiteral("only HTTP/1.x is served here"));
    if (version[7] != '0' && version[7] != '1')
        return fail(505, QStringLiteral("unsupported HTTP version"));

    m_request = DemoRequest();
    m_request.method = parts[0];
    m_request.minorVersion = version[7] - '0';
    if (!m_request.setTarget(parts[1]))
        return fail(400, QStringLiteral("malformed request target"));

    QString error;
    HttpHeaderParser::Limits limits;
    limits.maxFields = m_limits.maxFields;
    if (!HttpHeaderParser::parse(QByteArrayView(head).sliced(lineEnd + 2), &m_request.headers,
                                 &error, limits))
        return fail(error.startsWith(QStringLiteral("more than")) ? 431 : 400, error);

    const QList<QByteArray> lengths = m_request.headers.values("Content-Length");
    const bool hasTransferEncoding = m_request.headers.contains("Transfer-Encoding");
    if (hasTransferEncoding && !lengths.isEmpty())
        return fail(400, QStringLiteral("both Transfer-Encoding and Content-Length"));
    if (hasTransferEncoding) {
        if (m_request.headers.combinedValue("Transfer-Encoding").trimmed().toLower() != "chunked")
            return fail(501, QStringLiteral("only the chunked transfer coding is supported"));
        m_chunked = ChunkedDecoder();
        m_phase = Phase::ChunkedBody;
    } else if (!lengths.isEmpty()) {
        const std::optional<qint64> parsed = HttpHeaderParser::contentLength(m_request.headers);
        if (!parsed)
            return fail(400, QStringLiteral("invalid Content-Length"));
        const qint64 length = *parsed;
        if (length > m_limits.maxBodyBytes)
            return fail(
                413,
                QStringLiteral("request body larger than %1 bytes").arg(m_limits.maxBodyBytes));
        m_bodyRemaining = length;
        m_phase = length > 0 ? Phase::FixedBody : Phase::Ready;
    } else {
        m_phase = Phase::Ready;
    }
    m_continueExpected = m_phase != Phase::Ready && m_request.minorVersion == 1 &&
                         m_request.headers.value("Expect").toLower() == "100-continue";
    return Status::NeedMore;
}

DemoRequest DemoRequestReader::takeRequest()
{
    m_phase = Phase::Head;
    m_continueExpected = false;
    return std::exchange(m_request, DemoRequest());
}

bool DemoRequestReader::takeContinueExpected()
{
    return std::exchange(m_continueExpected, false);
}

} // namespace mr
