#pragma once

#include "attempt.h"
#include "http/httpresponsehead.h"

#include <QList>
#include <QMetaType>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslError>
#include <optional>

namespace mr {

// What happened to a transfer since the last update: the engine sends at most one per
// socket read, so a small response reaches the caller's thread in one queued call.
struct TransferUpdate {
    enum Flag {
        StartedConnecting = 0x1,
        Encrypted = 0x2,
        RequestSent = 0x4,
        Head = 0x8,
        Data = 0x10,
        UploadProgress = 0x20,
        SslErrors = 0x40,
        Finished = 0x80,
    };
    int flags = 0;

    HttpResponseHead head;
    QByteArray data;
    qint64 bytesReceived = 0;
    qint64 bytesTotal = -1;
    bool contentDecoded = false; // data is decoded; Content-Length no longer describes it
    qint64 bytesSent = 0;
    qint64 bytesToSend = 0;
    QList<QSslError> sslErrors;
    std::optional<QSslConfiguration> tlsConfiguration; // with Encrypted

    // With Finished:
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    bool requestMayHaveLeft = false; // a byte of the last attempt's request reached the socket
    QList<Attempt> attempts;
    HttpHeaders trailers;
    QByteArray requestHead; // the request line and headers as written
    // The kept-alive connection closed before any response byte and re-sending is safe, but a
    // one-time Authorization must not go twice: the caller re-sends with a fresh answer.
    bool resendWithFreshAnswer = false;
    double durationMs = 0;
};

} // namespace mr

Q_DECLARE_METATYPE(mr::TransferUpdate)
