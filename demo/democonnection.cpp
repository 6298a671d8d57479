#include "democonnection.h"

#include "demorouter.h"
#include "demosocketreset.h"
#include "demotruthheaders.h"

#include <QPointer>
#include <QTcpSocket>

namespace mr {

namespace {
constexpr qint64 GeneratedPiece = 256 * 1024;
constexpr qint64 MaxQueuedBytes = 1024 * 1024;
constexpr int ResetDelayMs = 50;
constexpr int SlowHeadPieces = 4;
} // namespace

DemoConnection::DemoConnection(QTcpSocket *socket, int serial, bool tls, DemoRouter *router,
                               int idleTimeoutMs, int latencyMs, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_router(router)
    , m_serial(serial)
    , m_tls(tls)
    , m_idleTimeoutMs(idleTimeoutMs)
    , m_latencyMs(qMax(0, latencyMs))
{
    m_socket->setParent(this);
    m_idleTimer.setSingleShot(true);
    m_stepTimer.setSingleShot(true);
    m_stepTimer.setTimerType(Qt::PreciseTimer); // delays are promised at least this long
    connect(m_socket, &QTcpSocket::readyRead, this, &DemoConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &DemoConnection::pumpGenerated);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_idleTimer.stop();
        m_stepTimer.stop();
        Q_EMIT closed();
        deleteLater();
    });
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        if (!m_busy && m_buffer.isEmpty())
            closeGracefully();
    });
    // --idle-timeout is about kept-alive connections: the timer starts after a response.
    if (m_latencyMs > 0) {
        // A distant service: what arrives meanwhile waits in the buffer. A new connection
        // costs a round trip for TCP and, over HTTPS, one more for the TLS handshake (TLS
        // 1.3); loopback's own handshake comes on top.
        m_admitted = false;
        QPointer<DemoConnection> self(this);
        QTimer::singleShot(m_tls ? 2 * m_latencyMs : m_latencyMs, Qt::PreciseTimer, this, [self] {
            if (!self)
                return;
            self->m_admitted = true;
            self->onReadyRead();
        });
        return;
    }
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &DemoConnection::onReadyRead, Qt::QueuedConnection);
}

void DemoConnection::onReadyRead()
{
    if (m_closing) {
        m_socket->readAll();
        return;
    }
    m_buffer += m_socket->readAll();
    m_idleTimer.stop();
    if (!m_busy && m_admitted)
        processBuffer();
}

void DemoConnection::processBuffer()
{
    if (m_busy || m_closing)
        return;
    const DemoRequestReader::Status status = m_reader.read(&m_buffer);
    if (m_reader.takeContinueExpected())
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (status == DemoRequestReader::Status::NeedMore) {
        if (m_buffer.isEmpty() && m_idleTimeoutMs > 0 && m_requestCount > 0)
            m_idleTimer.start(m_idleTimeoutMs);
        return;
    }
    ++m_requestCount;
    if (status == DemoRequestReader::Status::Error) {
        DemoResponse r = DemoResponse::error(m_reader.errorStatus(), m_reader.errorString());
        r.closeAfter = true;
        m_headOnly = false;
        m_keepAlive = false;
        m_requestMinorVersion = 1;
        answer(std::move(r));
        return;
    }
    const DemoRequest request = m_reader.takeRequest();
    DemoRequestContext context;
    context.connectionSerial = m_serial;
    context.requestIndex = m_requestCount;
    context.clientAddress = m_socket->peerAddress();
    context.clientPort = m_socket->peerPort();
    context.tls = m_tls;
    context.localHost = m_socket->localAddress().toString();
    context.localPort = m_socket->localPort();
    DemoResponse response = m_router->route(request, context);
    m_headOnly = request.method == "HEAD";
    m_keepAlive = request.wantsKeepAlive() && !response.closeAfter;
    m_requestMinorVersion = request.minorVersion;
    answer(std::move(response));
}

void DemoConnection::answer(DemoResponse response)
{
    m_busy = true;
    m_response = std::move(response);
    m_response.delayMs += m_latencyMs; // the first byte crosses the simulated distance
    if (m_response.delayMs > 0) {
        disconnect(&m_stepTimer, nullptr, this, nullptr);
        connect(&m_stepTimer, &QTimer::timeout, this, &DemoConnection::begin);
        m_stepTimer.start(m_response.delayMs);
    } else {
        begin();
    }
}

QByteArray DemoConnection::head() const
{
    const DemoResponse &r = m_response;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' +
                     DemoResponse::reasonPhrase(r.status) + "\r\n";
    out += "Server: microrequests-demo\r\n";
    out += r.headers.toWireFormat();
    DemoRequestContext truth;
    truth.connectionSerial = m_serial;
    truth.requestIndex = m_requestCount;
    truth.clientPort = m_socket->peerPort();
    out += DemoTruthHeaders::of(truth, m_latencyMs).toWireFormat();
    if (!DemoResponse::statusForbidsBody(r.status)) {
        if (!r.chunks.isEmpty())
            out += "Transfer-Encoding: chunked\r\n";
        else
            out += "Content-Length: " +
                   QByteArray::number(r.generator ? r.generatedLength : r.body.size()) + "\r\n";
    }
    if (!m_keepAlive)
        out += "Connection: close\r\n";
    else if (m_requestMinorVersion == 0)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";
    return out;
}

void DemoConnection::begin()
{
    switch (m_response.fault) {
    case DemoResponse::Fault::Drop: closeGracefully(); return;
    case DemoResponse::Fault::SlowHeaders: writeHeadSlowly(head()); return;
    case DemoResponse::Fault::Reset:
    case DemoResponse::Fault::Truncate: {
        // Announce the whole body, send half of it, then break the connection.
        m_socket->write(head());
        m_socket->write(m_response.body.left(m_response.body.size() / 2));
        m_socket->flush();
        if (m_response.fault == DemoResponse::Fault::Truncate) {
            closeGracefully();
        } else {
            QPointer<DemoConnection> self(this);
            QTimer::singleShot(ResetDelayMs, this, [self] {
                if (self)
                    self->resetConnection();
            });
        }
        return;
    }
    case DemoResponse::Fault::None: break;
    }
    m_socket->write(head());
    writeBody();
}

void DemoConnection::writeHeadSlowly(const QByteArray &fullHead)
{
    // The status line now, the rest of the head in four pieces spread over faultMs.
    const qsizetype firstLine = fullHead.indexOf("\r\n") + 2;
    m_socket->write(fullHead.left(firstLine));
    m_socket->flush();
    auto rest = std::make_shared<QByteArray>(fullHead.mid(firstLine));
    const qsizetype pieceSize = (rest->size() + SlowHeadPieces - 1) / SlowHeadPieces;
    auto written = std::make_shared<int>(0);
    disconnect(&m_stepTimer, nullptr, this, nullptr);
    connect(&m_stepTimer, &QTimer::timeout, this, [this, rest, written, pieceSize] {
        m_socket->write(rest->mid(*written * pieceSize, pieceSize));
        m_socket->flush();
        if (++*written < SlowHeadPieces) {
            m_stepTimer.start(m_response.faultMs / SlowHeadPieces);
        } else {
            writeBody();
        }
    });
    m_stepTimer.start(m_response.faultMs / SlowHeadPieces);
}

void DemoConnection::writeBody()
{
    if (m_headOnly || DemoResponse::statusForbidsBody(m_response.status)) {
        finish();
        return;
    }
    if (!m_response.chunks.isEmpty()) {
        m_nextChunk = 0;
        disconnect(&m_stepTimer, nullptr, this, nullptr);
        connect(&m_stepTimer, &QTimer::timeout, this, &DemoConnection::writeNextChunk);
        writeNextChunk();
        return;
    }
    if (m_response.generator) {
        m_generatedSent = 0;
        m_generating = true;
        pumpGenerated();
        return;
    }
    m_socket->write(m_response.body);
    finish();
}

void DemoConnection::writeNextChunk()
{
    // Without an interval every chunk goes out at once; with one, a chunk per tick.
    do {
        if (m_nextChunk >= m_response.chunks.size()) {
            m_socket->write("0\r\n\r\n");
            finish();
            return;
        }
        const QByteArray &chunk = m_response.chunks[m_nextChunk++];
        m_socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
    } while (m_response.chunkIntervalMs == 0);
    m_socket->flush();
    m_stepTimer.start(m_response.chunkIntervalMs);
}

void DemoConnection::pumpGenerated()
{
    if (!m_generating)
        return;
    while (m_generatedSent < m_response.generatedLength &&
           m_socket->bytesToWrite() < MaxQueuedBytes) {
        const qint64 n = qMin(GeneratedPiece, m_response.generatedLength - m_generatedSent);
        m_socket->write(m_response.generator(m_generatedSent, n));
        m_generatedSent += n;
    }
    if (m_generatedSent >= m_response.generatedLength) {
        m_generating = false;
        finish();
    }
}

void DemoConnection::finish()
{
    m_busy = false;
    m_response = DemoResponse();
    if (!m_keepAlive) {
        closeGracefully();
        return;
    }
    if (m_idleTimeoutMs > 0 && m_buffer.isEmpty())
        m_idleTimer.start(m_idleTimeoutMs);
    if (!m_buffer.isEmpty())
        QMetaObject::invokeMethod(this, &DemoConnection::processBuffer, Qt::QueuedConnection);
}

void DemoConnection::closeGracefully()
{
    m_closing = true;
    m_socket->disconnectFromHost();
}

void DemoConnection::resetConnection()
{
    m_closing = true;
    DemoSocketReset::reset(m_socket);
}

} // namespace mr
