#include "rawhttpconnection.h"

#include "http/chunkeddecoder.h"
#include "http/httpheaderparser.h"

#include <QElapsedTimer>
#include <QSslConfiguration>

bool RawHttpConnection::connectTo(const QUrl &base, int timeoutMs)
{
    m_socket = std::make_unique<QSslSocket>();
    m_host = (base.host() + QLatin1Char(':') + QString::number(base.port())).toUtf8();
    m_socket->connectToHost(base.host(), quint16(base.port()));
    if (!m_socket->waitForConnected(timeoutMs)) {
        m_error = m_socket->errorString();
        return false;
    }
    return true;
}

bool RawHttpConnection::connectEncrypted(const QUrl &base, const QList<QSslCertificate> &ca,
                                         int timeoutMs)
{
    m_socket = std::make_unique<QSslSocket>();
    m_host = (base.host() + QLatin1Char(':') + QString::number(base.port())).toUtf8();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(ca);
    m_socket->setSslConfiguration(config);
    m_socket->connectToHostEncrypted(base.host(), quint16(base.port()));
    if (!m_socket->waitForEncrypted(timeoutMs)) {
        m_error = m_socket->errorString();
        return false;
    }
    return true;
}

bool RawHttpConnection::send(const QByteArray &bytes)
{
    if (!m_socket || m_socket->write(bytes) != bytes.size())
        return false;
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(5000))
            return false;
    }
    return true;
}

bool RawHttpConnection::sendRequest(const QByteArray &method, const QByteArray &target,
                                    const QByteArray &extraHeaders, const QByteArray &body)
{
    QByteArray request =
        method + ' ' + target + " HTTP/1.1\r\nHost: " + m_host + "\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n" + body;
    return send(request);
}

bool RawHttpConnection::fill(int timeoutMs)
{
    if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(timeoutMs)) {
        m_error = m_socket->errorString();
        return false;
    }
    m_buffer += m_socket->readAll();
    return true;
}

std::optional<QByteArray> RawHttpConnection::readHead(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!m_buffer.contains("\r\n\r\n")) {
        if (!fill(int(qMax<qint64>(1, timeoutMs - timer.elapsed()))))
            return std::nullopt;
    }
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    const QByteArray head = m_buffer.left(end + 2);
    m_buffer.remove(0, end + 4);
    return head;
}

std::optional<RawHttpConnection::Response> RawHttpConnection::readResponse(bool headRequest,
                                                                           int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    auto remaining = [&] { return int(qMax<qint64>(1, timeoutMs - timer.elapsed())); };
    Response response;
    while (true) {
        const auto head = readHead(remaining());
        if (!head)
            return std::nullopt;
        const qsizetype lineEnd = head->indexOf("\r\n");
        const QList<QByteArray> statusLine = head->left(lineEnd).split(' ');
        if (statusLine.size() < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            m_error = QStringLiteral("bad status line");
            return std::nullopt;
        }
        response.status = statusLine[1].toInt();
        response.reason = head->left(lineEnd).mid(statusLine[0].size() + statusLine[1].size() + 2);
        response.headers = mr::HttpHeaders();
        QString error;
        if (!mr::HttpHeaderParser::parse(QByteArrayView(*head).sliced(lineEnd + 2),
                                         &response.headers, &error)) {
            m_error = error;
            return std::nullopt;
        }
        if (response.status >= 200)
            break;
        response.informational.append(response.status);
    }
    if (headRequest || response.status == 204 || response.status == 304)
        return response;
    if (response.headers.hasToken("Transfer-Encoding", "chunked")) {
        response.chunked = true;
        mr::ChunkedDecoder decoder;
        while (true) {
            const qsizetype used = decoder.feed(m_buffer, &response.body);
            m_buffer.remove(0, used);
            if (decoder.isDone())
                break;
            if (decoder.hasError()) {
                m_error = decoder.errorString();
                return std::nullopt;
            }
            if (!fill(remaining()))
                return std::nullopt;
        }
        response.trailers = decoder.trailers();
        return response;
    }
    if (response.headers.contains("Content-Length")) {
        const qint64 length = response.headers.value("Content-Length").toLongLong();
        while (m_buffer.size() < length) {
            if (!fill(remaining())) {
                response.body = m_buffer;
                m_buffer.clear();
                return std::nullopt;
            }
        }
        response.body = m_buffer.left(length);
        m_buffer.remove(0, length);
        return response;
    }
    // Close-delimited.
    while (m_socket->state() == QAbstractSocket::ConnectedState && fill(remaining())) {
    }
    response.body = m_buffer + m_socket->readAll();
    m_buffer.clear();
    return response;
}

bool RawHttpConnection::waitForClose(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (m_socket->state() != QAbstractSocket::UnconnectedState) {
        if (timer.elapsed() > timeoutMs)
            return false;
        if (m_socket->waitForReadyRead(int(qMax<qint64>(1, timeoutMs - timer.elapsed()))))
            m_buffer += m_socket->readAll();
    }
    return true;
}
