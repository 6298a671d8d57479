#include "echoprobe.h"

#include "net/exchangejob.h"
#include "net/httpclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>

using namespace mr;

const QStringList &EchoProbe::clientHeaders()
{
    static const QStringList headers{
        QStringLiteral("user-agent"), QStringLiteral("accept-encoding"),
        QStringLiteral("connection"), QStringLiteral("host"), QStringLiteral("accept-language"),
        // curl's "Expect: 100-continue" on uploads is a transport handshake, not the request
        QStringLiteral("expect")};
    return headers;
}

QJsonObject EchoProbe::comparable(const QJsonObject &echo, const QStringList &ignoredHeaders)
{
    QJsonObject out = echo;
    out.remove(QStringLiteral("connection"));
    out.remove(QStringLiteral("origin"));
    QJsonObject headers;
    const QJsonObject received = echo.value(QStringLiteral("headers")).toObject();
    bool multipart = false;
    for (auto it = received.begin(); it != received.end(); ++it) {
        multipart = multipart ||
                    (it.key().compare(QLatin1String("content-type"), Qt::CaseInsensitive) == 0 &&
                     it.value().toString().startsWith(QLatin1String("multipart/")));
    }
    for (auto it = received.begin(); it != received.end(); ++it) {
        const QString name = it.key().toLower();
        if (ignoredHeaders.contains(name))
            continue;
        QString value = it.value().toString();
        // "Accept: */*" (curl's default) says what no Accept says (RFC 9110 §12.5.1).
        if (name == QLatin1String("accept") && value == QLatin1String("*/*"))
            continue;
        if (multipart && name == QLatin1String("content-type"))
            value.replace(QRegularExpression(QStringLiteral("boundary=.*")),
                          QStringLiteral("boundary=BOUNDARY"));
        if (multipart && name == QLatin1String("content-length"))
            continue; // boundaries of different lengths
        headers.insert(name, value);
    }
    out.insert(QStringLiteral("headers"), headers);
    return out;
}

QJsonObject EchoProbe::comparable(const QByteArray &echoJson, QString *error,
                                  const QStringList &ignoredHeaders)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(echoJson, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("not an echo (%1): %2")
                     .arg(parseError.errorString(), QString::fromUtf8(echoJson.left(300)));
        return {};
    }
    return comparable(document.object(), ignoredHeaders);
}

QJsonObject EchoProbe::send(HttpClient &client, const HttpRequest &request, QString *error)
{
    ExchangeJob *job = client.send(request);
    QEventLoop loop;
    QObject::connect(job, &ExchangeJob::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!job->isFinished())
        loop.exec();
    const Exchange exchange = job->exchange();
    const bool finished = job->isFinished();
    delete job;
    if (!finished || exchange.status != 200) {
        *error = QStringLiteral("%1 %2: status %3")
                     .arg(QString::fromLatin1(request.method), request.url.toString())
                     .arg(exchange.status);
        return {};
    }
    return comparable(exchange.responseBody, error);
}

QString EchoProbe::difference(const QJsonObject &a, const QJsonObject &b)
{
    QStringList keys = a.keys() + b.keys();
    keys.removeDuplicates();
    for (const QString &key : keys) {
        if (a.value(key) != b.value(key))
            return QStringLiteral("%1: %2 != %3")
                .arg(key,
                     QString::fromUtf8(QJsonDocument(QJsonObject{{key, a.value(key)}})
                                           .toJson(QJsonDocument::Compact)),
                     QString::fromUtf8(QJsonDocument(QJsonObject{{key, b.value(key)}})
                                           .toJson(QJsonDocument::Compact)));
    }
    return {};
}
