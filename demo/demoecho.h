#pragma once

#include "demorequest.h"

#include <QJsonObject>

namespace mr {

// httpbin's description of a request (method, url, args, headers, origin, data, json, form,
// files), plus the connection that carried it. Shared by the routes that echo.
class DemoEcho
{
public:
    enum Part {
        Method = 0x1,
        Url = 0x2,
        Args = 0x4,
        Headers = 0x8,
        Origin = 0x10,
        Body = 0x20, // data, json, form, files
        Connection = 0x40,
        Everything = 0x7f,
    };

    static QJsonObject describe(const DemoRequest &request, const DemoRequestContext &context,
                                int parts = Everything);
    static QString url(const DemoRequest &request, const DemoRequestContext &context);
    // Absolute URL of a path on this service, for Location headers that must be absolute.
    static QByteArray absoluteUrl(const QByteArray &pathAndQuery, const DemoRequest &request,
                                  const DemoRequestContext &context);
    static QJsonObject headers(const DemoRequest &request);
    static QJsonObject args(const QUrlQuery &query);
    static QJsonObject connection(const DemoRequestContext &context);
    // UTF-8 text as is; anything else as a base64 data: URL, like httpbin.
    static QString bodyText(const QByteArray &data, const QByteArray &contentType);
};

} // namespace mr
