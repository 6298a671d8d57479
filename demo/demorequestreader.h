#pragma once

#include "demorequest.h"
#include "http/chunkeddecoder.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace mr {

// Reads requests one at a time from a connection's receive buffer. Strict: anything
// malformed is an error with the status to answer (400, 413, 431, 501, 505), after which
// the connection must close, since the framing can no longer be trusted.
class DemoRequestReader
{
public:
    struct Limits {
        qsizetype maxHeadBytes = 64 * 1024;
        int maxFields = 100;
        qint64 maxBodyBytes = 256 * 1024 * 1024;
    };
    enum class Status { NeedMore, Ready, Error };

    DemoRequestReader() = default;
    explicit DemoRequestReader(const Limits &limits)
        : m_limits(limits)
    {}

    // Consumes what it uses from *buffer.
    Status read(QByteArray *buffer);
    // After Ready: the request; the reader is then ready for the next one.
    DemoRequest takeRequest();

    // True once the head of a request that sent "Expect: 100-continue" is read and its body
    // is still to come; cleared by the call.
    bool takeContinueExpected();

    int errorStatus() const { return m_errorStatus; }
    QString errorString() const { return m_errorString; }

private:
    enum class Phase { Head, FixedBody, ChunkedBody, Ready };
    Status fail(int status, const QString &message);
    Status parseHead(const QByteArray &head);

    Limits m_limits;
    Phase m_phase = Phase::Head;
    DemoRequest m_request;
    qint64 m_bodyRemaining = 0;
    ChunkedDecoder m_chunked;
    bool m_continueExpected = false;
    int m_errorStatus = 0;
    QString m_errorString;
};

} // namespace mr
