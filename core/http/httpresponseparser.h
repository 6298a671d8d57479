#pragma once

#include "chunkeddecoder.h"
#include "httpresponsehead.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace mr {

// Reads one HTTP/1.1 response incrementally, framing its body as RFC 9112 §6.3 says:
// no body for HEAD, 1xx, 204 and 304; chunked (with trailers) when Transfer-Encoding ends
// in chunked; Content-Length; otherwise until the connection closes. Interim 1xx responses
// are collected and skipped. Strict and bounded: a malformed or oversized head is an error.
class HttpResponseParser
{
public:
    struct Limits {
        qsizetype maxHeadBytes = 256 * 1024;
        int maxFields = 1000;
    };
    enum class State { StatusLine, Body, Complete, Error };

    // What one feed produced.
    struct Output {
        QList<HttpResponseHead> informational; // 100, 102, 103…
        bool headReady = false;                // the final head arrived in this feed
        QByteArray body;                       // body bytes (decoded from chunked framing)
        bool complete = false;                 // the response ended in this feed
    };

    HttpResponseParser() = default;
    explicit HttpResponseParser(const Limits &limits)
        : m_limits(limits)
    {}

    // Call before the first feed when the request was HEAD (its response has no body).
    void setHeadRequest(bool head) { m_headRequest = head; }

    // Consumes bytes of this response from input and returns how many; bytes after the end
    // of the response are left alone (they would belong to the next one).
    qsizetype feed(QByteArrayView input, Output *output);
    // The connection closed: completes a close-delimited body, otherwise an error.
    void finishOnClose(Output *output);

    State state() const { return m_state; }
    bool isComplete() const { return m_state == State::Complete; }
    bool hasError() const { return m_state == State::Error; }
    QString errorString() const { return m_error; }
    // The error is a limit (too many header fields, too large a head), not malformed bytes.
    bool limitExceeded() const { return m_limitExceeded; }
    bool headReceived() const { return m_state == State::Body || m_state == State::Complete; }
    const HttpResponseHead &head() const { return m_head; }
    const HttpHeaders &trailers() const { return m_chunked.trailers(); }
    // -1 when the length is not known in advance (chunked or close-delimited).
    qint64 contentLength() const { return m_contentLength; }
    qint64 bodyBytesReceived() const { return m_bodyReceived; }
    // Whether the connection may carry another request after this response: not after
    // Connection: close, an HTTP/1.0 response without keep-alive, a close-delimited body, or
    // a response framed by both Transfer-Encoding and Content-Length (RFC 9112 §6.3).
    bool keepAlive() const;

private:
    enum class Framing { None, Length, Chunked, UntilClose };
    bool parseHead(QByteArrayView head);
    void failHeadTooLarge();
    void fail(const QString &message, bool limit = false);

    Limits m_limits;
    bool m_headRequest = false;
    State m_state = State::StatusLine;
    Framing m_framing = Framing::None;
    HttpResponseHead m_head;
    QByteArray m_headBuffer;
    qint64 m_contentLength = -1;
    bool m_lengthOverridden = false; // Content-Length beside Transfer-Encoding
    qint64 m_bodyReceived = 0;
    ChunkedDecoder m_chunked;
    QString m_error;
    bool m_limitExceeded = false;
};

} // namespace mr
