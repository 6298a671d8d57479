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
};

} // namespace mr
