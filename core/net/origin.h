#pragma once

#include <QString>
#include <QUrl>

namespace mr {

// Where a connection goes: scheme, host and port. Connections are named "origin#serial".
struct Origin {
    QString scheme; // "http" or "https"
    QString host;   // lower-case; IPv6 without brackets
    quint16 port = 0;

    static Origin fromUrl(const QUrl &url);
    bool isTls() const { return scheme == QLatin1String("https"); }
    // "127.0.0.1:8080" for http, "https://example.com:443" for https.
    QString toString() const;
    // The Host header value: the port only when it is not the scheme's default.
    QByteArray hostHeader() const;
};

} // namespace mr
