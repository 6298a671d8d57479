#pragma once

#include <QNetworkReply>
#include <QString>
#include <QUrl>

namespace mr {

// A network failure in plain words, with what to try.
struct NetworkErrorText {
    QString message;
    QString hint;

    static NetworkErrorText describe(QNetworkReply::NetworkError error, const QString &detail,
                                     const QUrl &url);
    // A response whose head arrived and whose body did not, whole: how many body bytes came,
    // of how many announced (Content-Length; -1 when not known), and what cut it short.
    static NetworkErrorText incompleteBody(QNetworkReply::NetworkError error, const QString &detail,
                                           qint64 received, qint64 announced);
};

} // namespace mr
