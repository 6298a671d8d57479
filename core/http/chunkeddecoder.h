#pragma once

#include "httpheaders.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mr {

// Incremental decoder of the chunked transfer coding (RFC 9112 §7.1), trailers included.
// Feed it bytes as they arrive; it consumes only what belongs to the chunked body, so the
// bytes after it (a pipelined next message) stay with the caller.
class ChunkedDecoder
{
public:
    enum class State { Size, Data, DataEnd, Trailers, Done, Error };

    // Decodes from input, appending payload to *output. Returns how many bytes of input
    // were consumed; stops at the end of the body or at an error.
    qsizetype feed(QByteArrayView input, QByteArray *output);

    bool isDone() const { return m_state == State::Done; }
    bool hasError() const { return m_state == State::Error; }
    QString errorString() const { return m_error; }
    const HttpHeaders &trailers() const { return m_trailers; }
    qint64 decodedBytes() const { return m_decoded; }

private:
    qsizetype takeLine(QByteArrayView input, qsizetype pos, QByteArray *line, bool *complete);
    void fail(const QString &message);

    State m_state = State::Size;
    QByteArray m_line;
    QByteArray m_trailerBlock;
    qint64 m_remaining = 0;
    qint64 m_decoded = 0;
    HttpHeaders m_trailers;
    QString m_error;
};

} // namespace mr
