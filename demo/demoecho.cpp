#include "demoecho.h"

#include "demomultipart.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>

namespace mr {

static QByteArray hostOf(const DemoRequest &request, const DemoRequestContext &context)
{
    const QByteArray host = request.headers.value("Host");
    if (!host.isEmpty())
        return host;
    return context.localHost.toUtf8() + ':' + QByteArray::number(context.localPort);
}

QString DemoEcho::url(const DemoRequest &request, const DemoRequestContext &context)
{
    if (!request.target.startsWith('/'))
        return QString::fromUtf8(request.target);
    return QString::fromUtf8((context.tls ? "https://" : "http://") + hostOf(request, context) +
                             request.target);
}

QByteArray DemoEcho::absoluteUrl(const QByteArray &pathAndQuery, const DemoRequest &request,
                                 const DemoRequestContext &context)
{
    return (context.tls ? "https://" : "http://") + hostOf(request, context) + pathAndQuery;
}

QJsonObject DemoEcho::headers(const DemoRequest &request)
{
    QJsonObject result;
    for (const auto &field : request.headers.fields()) {
        const QString name = QString::fromLatin1(field.first);
        const QString value = QString::fromUtf8(field.second);
        const QString previous = result.value(name).toString();
        result.insert(name, previous.isEmpty() ? value : previous + QStringLiteral(", ") + value);
    }
    return result;
}

QJsonObject DemoEcho::args(const QUrlQuery &query)
{
    QJsonObject result;
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        const QJsonValue previous = result.value(item.first);
        if (previous.isUndefined()) {
            result.insert(item.first, item.second);
        } else {
            QJsonArray list = previous.isArray() ? previous.toArray() : QJsonArray{previous};
            list.append(item.second);
            result.insert(item.first, list);
        }
    }
    return result;
}

QJsonObject DemoEcho::connection(const DemoRequestContext &context)
{
    QJsonObject result{{QStringLiteral("serial"), context.connectionSerial},
                       {QStringLiteral("request"), context.requestIndex},
                       {QStringLiteral("client_port"), int(context.clientPort)}};
    if (context.isHttp2())
        result.insert(QStringLiteral("stream"), context.streamId);
    return result;
}

QString DemoEcho::bodyText(const QByteArray &data, const QByteArray &contentType)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(data);
    if (!decoder.hasError() && !data.contains('\0'))
        return text;
    const QByteArray type = contentType.isEmpty() ? "application/octet-stream" : contentType;
    return QString::fromLatin1("data:" + type + ";base64," + data.toBase64());
}

QJsonObject DemoEcho::describe(const DemoRequest &request, const DemoRequestContext &context,
                               int parts)
{
    QJsonObject result;
    if (parts & Method)
        result.insert(QStringLiteral("method"), QString::fromLatin1(request.method));
    if (parts & Url)
        result.insert(QStringLiteral("url"), url(request, context));
    if (parts & Args)
        result.insert(QStringLiteral("args"), args(request.query));
    if (parts & Headers)
        result.insert(QStringLiteral("headers"), headers(request));
    if (parts & Origin)
        result.insert(QStringLiteral("origin"), context.clientAddress.toString());
    if (parts & Body) {
        const QByteArray contentType = request.headers.value("Content-Type");
        const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
        QJsonObject form;
        QJsonObject files;
        QString data;
        if (mediaType == "application/x-www-form-urlencoded") {
            QByteArray plusDecoded = request.body;
            plusDecoded.replace('+', ' ');
            form = args(QUrlQuery(QString::fromLatin1(plusDecoded)));
        } else if (mediaType == "multipart/form-data") {
            const auto parsedParts = DemoMultipart::parse(request.body, contentType);
            for (const DemoMultipart::Part &part : parsedParts) {
                const QString text = bodyText(part.data, part.contentType);
                if (part.fileName.isNull())
                    form.insert(part.name, text);
                else
                    files.insert(part.name, text);
            }
        } else {
            data = bodyText(request.body, contentType);
        }
        QJsonParseError parseError{};
        const QJsonDocument json = QJsonDocument::fromJson(request.body, &parseError);
        QJsonValue jsonValue;
        if (parseError.error == QJsonParseError::NoError && !request.body.isEmpty())
            jsonValue = json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array());
        result.insert(QStringLiteral("data"), data);
        result.insert(QStringLiteral("json"), jsonValue);
        result.insert(QStringLiteral("form"), form);
        result.insert(QStringLiteral("files"), files);
    }
    if (parts & Connection)
        result.insert(QStringLiteral("connection"), connection(context));
    return result;
}

} // namespace mr
