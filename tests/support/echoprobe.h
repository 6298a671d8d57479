#pragma once

#include "http/httprequest.h"

#include <QJsonObject>
#include <QStringList>

namespace mr {
class HttpClient;
}

// What reached the demo service, from its /anything echo, made comparable across clients:
// the connection and origin dropped, header names lower-cased, headers each client adds on its
// own removed, and a multipart boundary (each client picks its own) replaced by "BOUNDARY".
class EchoProbe
{
public:
    // Headers that say which client sent a request, not what the request is.
    static const QStringList &clientHeaders();

    static QJsonObject comparable(const QJsonObject &echo,
                                  const QStringList &ignoredHeaders = clientHeaders());
    static QJsonObject comparable(const QByteArray &echoJson, QString *error,
                                  const QStringList &ignoredHeaders = clientHeaders());
    // Sends through our engine and waits (30 s at most) for the echo.
    static QJsonObject send(mr::HttpClient &client, const mr::HttpRequest &request, QString *error);
    // The first difference between two echoes as "key: a != b", or empty.
    static QString difference(const QJsonObject &a, const QJsonObject &b);
};
