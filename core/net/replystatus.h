#pragma once

#include "networkerrortext.h"

#include <QNetworkReply>

namespace mr {

// Whether a finished QNetworkReply — ours or one from Qt's own path — brought a whole response.
// QNAM turns an HTTP error status into a reply error (404: ContentNotFoundError); that error is
// an answer. Any other error once a status arrived (the connection closed or was reset in the
// middle of the body, a timeout, a decoding failure) means the response did not arrive whole.
struct ReplyStatus {
    // The error QNAM gives for an HTTP status (qnetworkreplyhttpimpl / qhttpthreaddelegate);
    // NoError below 400.
    static QNetworkReply::NetworkError errorForStatus(int status);
    // A status, and no error but the status's own.
    static bool isComplete(const QNetworkReply *reply);
    // Why a reply failed, in plain words; empty when it is complete.
    // bodyBytes: how many body bytes it brought.
    static NetworkErrorText failureOf(const QNetworkReply *reply, qint64 bodyBytes);
};

} // namespace mr
