#pragma once

#include "http/httpheaders.h"

#include <QSslCertificate>
#include <QSslSocket>
#include <QUrl>
#include <memory>
#include <optional>

// A deliberately small HTTP/1.1 client for tests: writes exact bytes, reads one response at
// a time with blocking waits. The server must run in another thread (DemoServerThread).
class RawHttpConnection
{
public:
    struct Response {
        int status = 0;
        QByteArray reason;
        mr::HttpHeaders headers;
        QByteArray body;
        mr::HttpHeaders trailers;
        bool chunked = false;
        QList<int> informational; // 1xx statuses seen before this one
    };

    bool connectTo(const QUrl &base, int timeoutMs = 5000);
    bool connectEncrypted(const QUrl &base, const QList<QSslCertificate> &caCertificates,
                          int timeoutMs = 5000);
    bool send(const QByteArray &bytes);
    // A GET (or other method) with Host and optional extra header lines ("Name: value\r\n").
    bool sendRequest(const QByteArray &method, const QByteArray &target,
                     const QByteArray &extraHeaders = {}, const QByteArray &body = {});
    std::optional<Response> readResponse(bool headRequest = false, int timeoutMs = 5000);
    // True when the server closed (FIN or reset) within the timeout.
    bool waitForClose(int timeoutMs = 5000);

    quint16 localPort() const { return m_socket ? m_socket->localPort() : 0; }
    QSslSocket *socket() const { return m_socket.get(); }
    QString lastError() const { return m_error; }
    QByteArray pendingBytes() const { return m_buffer; }

private:
    bool fill(int timeoutMs);
    std::optional<QByteArray> readHead(int timeoutMs);

    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_host;
    QByteArray m_buffer;
    QString m_error;
};
