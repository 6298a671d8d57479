#include "httpresponseparser.h"

#include "httpheaderparser.h"

namespace mr {

void HttpResponseParser::failHeadTooLarge()
{
    fail(QStringLiteral("the response head is too large: more than %1 bytes")
             .arg(m_limits.maxHeadBytes),
         true);
}

void HttpResponseParser::fail(const QString &message, bool limit)
{
    m_state = State::Error;
    m_error = message;
    m_limitExceeded = limit;
}

bool HttpResponseParser::keepAlive() const
{
    if (m_framing == Framing::UntilClose || m_state == State::Error || m_lengthOverridden)
        return false;
    if (m_head.headers.hasToken("Connection", "close"))
        return false;
    if (m_head.minorVersion == 0)
        return m_head.headers.hasToken("Connection", "keep-alive");
    return true;
}

qsizetype HttpResponseParser::feed(QByteArrayView input, Output *output)
{
    qsizetype pos = 0;
    while (pos < input.size() && (m_state == State::StatusLine || m_state == State::Body)) {
        if (m_state == State::StatusLine) {
            // Find the end of the head, possibly across feeds. A head that arrives whole (the
            // usual case) is parsed where it lies, without a copy.
            const QByteArrayView rest = input.sliced(pos);
            const qsizetype already = m_headBuffer.size();
            if (already > 0)
                m_headBuffer.append(rest);
            const QByteArrayView searched = already > 0 ? QByteArrayView(m_headBuffer) : rest;
            const qsizetype end =
                HttpHeaderParser::indexOfBlankLine(searched, qMax<qsizetype>(0, already - 3));
            if (end < 0) {
                if (already == 0)
                    m_headBuffer.append(rest);
                if (m_headBuffer.size() > m_limits.maxHeadBytes)
                    failHeadTooLarge();
                return input.size();
            }
            if (end + 4 > m_limits.maxHeadBytes) {
                failHeadTooLarge();
                return input.size();
            }
            pos += end + 4 - already;
            QByteArray buffered; // the head, when it came in pieces
            QByteArrayView head = searched.first(end + 2);
            if (already > 0) {
                buffered = m_headBuffer.left(end + 2);
                m_headBuffer.clear();
                head = buffered;
            }
            while (head.startsWith("\r\n")) // stray empty lines before a status line
                head = head.sliced(2);
            if (head.isEmpty())
                continue;
            if (!parseHead(head))
                return pos;
            if (m_head.status < 200) {
                output->informational.append(m_head);
                m_head = HttpResponseHead();
                continue; // the final response follows
            }
            output->headReady = true;
            if (m_state == State::Complete)
                output->complete = true;
            continue;
        }
        // Body.
        const QByteArrayView rest = input.sliced(pos);
        switch (m_framing) {
        case Framing::Length: {
            const qsizetype n = qMin<qint64>(rest.size(), m_contentLength - m_bodyReceived);
            output->body.append(rest.first(n));
            m_bodyReceived += n;
            pos += n;
            if (m_bodyReceived == m_contentLength) {
                m_state = State::Complete;
                output->complete = true;
            }
            break;
        }
        case Framing::Chunked: {
            const qsizetype before = output->body.size();
            pos += m_chunked.feed(rest, &output->body);
            m_bodyReceived += output->body.size() - before;
            if (m_chunked.hasError()) {
                fail(m_chunked.errorString());
            } else if (m_chunked.isDone()) {
                m_state = State::Complete;
                output->complete = true;
            }
            break;
        }
        case Framing::UntilClose:
            output->body.append(rest);
            m_bodyReceived += rest.size();
            pos = input.size();
            break;
        case Framing::None:
            m_state = State::Complete;
            output->complete = true;
            break;
        }
    }
    return pos;
}

void HttpResponseParser::finishOnClose(Output *output)
{
    switch (m_state) {
    case State::StatusLine:
        fail(m_headBuffer.isEmpty() && m_head.status == 0
                 ? QStringLiteral("the server closed the connection without responding")
                 : QStringLiteral("the server closed the connection in the middle of the "
                                  "response head"));
        return;
    case State::Body:
        if (m_framing == Framing::UntilClose) {
            m_state = State::Complete;
            output->complete = true;
        } else if (m_framing == Framing::Length) {
            fail(QStringLiteral("the server closed the connection after %1 of %2 body bytes")
                     .arg(m_bodyReceived)
                     .arg(m_contentLength));
        } else {
            fail(QStringLiteral("the server closed the connection before the last chunk (after "
                                "%1 body bytes)")
                     .arg(m_bodyReceived));
        }
        return;
    case State::Complete:
    case State::Error: return;
    }
}

bool HttpResponseParser::parseHead(QByteArrayView head)
{
    const qsizetype lineEnd = HttpHeaderParser::indexOfCrLf(head, 0);
    const QByteArrayView line = head.first(lineEnd);
    // HTTP/1.x SP 3DIGIT [SP reason]
    const bool shapeOk = line.size() >= 12 && line.startsWith("HTTP/1.") && line[8] == ' ' &&
                         (line[7] == '0' || line[7] == '1') &&
                         (line.size() == 12 || line[12] == ' ');
    int status = 0;
    if (shapeOk) {
        for (int i = 9; i < 12; ++i) {
            if (line[i] < '0' || line[i] > '9') {
                status = -1;
                break;
            }
            status = status * 10 + (line[i] - '0');
        }
    }
    if (!shapeOk || status < 100) {
        const QByteArray shown = line.first(qMin<qsizetype>(line.size(), 60)).toByteArray();
        fail(line.startsWith("HTTP/2") || line.startsWith("PRI ")
                 ? QStringLiteral("the server answered with HTTP/2 framing on an HTTP/1.1 "
                                  "connection")
                 : QStringLiteral("malformed status line \"%1\"")
                       .arg(QString::fromLatin1(shown.toPercentEncoding(" /.:"))));
        return false;
    }
    m_head.minorVersion = line[7] - '0';
    m_head.status = status;
    m_head.reasonPhrase = line.size() > 13 ? line.sliced(13).toByteArray() : QByteArray();
    m_head.headers = HttpHeaders();
    m_head.headers.reserve(16); // most responses have fewer: no regrowth while parsing
    QString error;
    HttpHeaderParser::Limits limits;
    limits.maxFields = m_limits.maxFields;
    if (!HttpHeaderParser::parse(head.sliced(lineEnd + 2), &m_head.headers, &error, limits)) {
        if (m_head.headers.size() >= limits.maxFields)
            fail(QStringLiteral("too many header fields: more than %1").arg(limits.maxFields),
                 true);
        else
            fail(QStringLiteral("malformed response header: ") + error);
        return false;
    }
    if (status < 200) {
        if (status == 101) {
            fail(QStringLiteral("the server switched protocols (101), which an HTTP request "
                                "cannot follow"));
            return false;
        }
        return true;
    }

    m_state = State::Body;
    m_bodyReceived = 0;
    m_contentLength = -1;
    m_lengthOverridden = false;
    if (m_headRequest || status == 204 || status == 304) {
        m_framing = Framing::None;
        m_contentLength = 0;
        m_state = State::Complete;
        return true;
    }
    if (m_head.headers.contains("Transfer-Encoding")) {
        // Transfer-Encoding overrides Content-Length (RFC 9112 §6.3 item 3), and a response
        // with both may be an attempt at smuggling: its connection is closed after it.
        m_lengthOverridden = m_head.headers.contains("Content-Length");
        const QList<QByteArray> codings =
            m_head.headers.combinedValue("Transfer-Encoding").split(',');
        if (codings.last().trimmed().compare("chunked", Qt::CaseInsensitive) == 0) {
            m_framing = Framing::Chunked;
            m_chunked = ChunkedDecoder();
        } else {
            m_framing = Framing::UntilClose;
        }
        return true;
    }
    const std::optional<qint64> length = HttpHeaderParser::contentLength(m_head.headers);
    if (!length) {
        fail(
            QStringLiteral("invalid Content-Length \"%1\"")
                .arg(QString::fromLatin1(m_head.headers.combinedValue("Content-Length").left(40))));
        return false;
    }
    if (*length >= 0) {
        m_contentLength = *length;
        m_framing = Framing::Length;
        if (*length == 0)
            m_state = State::Complete;
        return true;
    }
    m_framing = Framing::UntilClose;
    return true;
}

} // namespace mr
