#include "exchangecodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mr {

namespace {

QJsonArray headersArray(const HttpHeaders &headers)
{
    QJsonArray array;
    for (const HttpHeaders::Field &field : headers.fields())
        array.append(
            QJsonArray{QString::fromLatin1(field.first), QString::fromLatin1(field.second)});
    return array;
}

HttpHeaders headersFrom(const QJsonArray &array)
{
    HttpHeaders headers;
    for (const QJsonValue &value : array) {
        const QJsonArray pair = value.toArray();
        if (pair.size() == 2)
            headers.append(pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1());
    }
    return headers;
}

QString latin1(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes);
}

QJsonObject attemptObject(const Attempt &attempt)
{
    const PhaseTimings &t = attempt.timings;
    return QJsonObject{
        {QStringLiteral("startedAt"), attempt.startedAt.isValid()
                                          ? QJsonValue(attempt.startedAt.toMSecsSinceEpoch())
                                          : QJsonValue()},
        {QStringLiteral("phases"),
         QJsonArray{t.blocked, t.dns, t.tcp, t.tls, t.send, t.wait, t.receive}},
        {QStringLiteral("connectionId"), attempt.connectionId},
        {QStringLiteral("connectionSerial"), attempt.connectionSerial},
        {QStringLiteral("localPort"), attempt.localPort},
        {QStringLiteral("remoteAddress"), attempt.remoteAddress},
        {QStringLiteral("remotePort"), attempt.remotePort},
        {QStringLiteral("connectFailures"), QJsonArray::fromStringList(attempt.connectFailures)},
        {QStringLiteral("reused"), attempt.reused},
        {QStringLiteral("requestIndex"), attempt.requestIndex},
        {QStringLiteral("streamId"), attempt.streamId},
        {QStringLiteral("streamsInFlight"), attempt.streamsInFlight},
        {QStringLiteral("httpVersion"), latin1(attempt.httpVersion)},
        {QStringLiteral("proxy"), attempt.proxy},
        {QStringLiteral("tlsProtocol"), attempt.tlsProtocol},
        {QStringLiteral("tlsCipher"), attempt.tlsCipher},
        {QStringLiteral("certificateChain"), QJsonArray::fromStringList(attempt.certificateChain)},
        {QStringLiteral("requestHead"), latin1(attempt.requestHead)},
        {QStringLiteral("responseHeaders"), headersArray(attempt.responseHeaders)},
        {QStringLiteral("status"), attempt.status},
        {QStringLiteral("error"), int(attempt.error)},
        {QStringLiteral("errorString"), attempt.errorString},
        {QStringLiteral("outcome"), attempt.outcome},
    };
}

Attempt attemptFrom(const QJsonObject &object)
{
    Attempt attempt;
    const QJsonValue startedAt = object.value(QStringLiteral("startedAt"));
    if (startedAt.isDouble())
        attempt.startedAt = QDateTime::fromMSecsSinceEpoch(startedAt.toInteger());
    const QJsonArray phases = object.value(QStringLiteral("phases")).toArray();
    if (phases.size() == 7) {
        PhaseTimings &t = attempt.timings;
        t.blocked = phases.at(0).toDouble(-1);
        t.dns = phases.at(1).toDouble(-1);
        t.tcp = phases.at(2).toDouble(-1);
        t.tls = phases.at(3).toDouble(-1);
        t.send = phases.at(4).toDouble();
        t.wait = phases.at(5).toDouble();
        t.receive = phases.at(6).toDouble();
    }
    attempt.connectionId = object.value(QStringLiteral("connectionId")).toString();
    attempt.connectionSerial = object.value(QStringLiteral("connectionSerial")).toInt();
    attempt.localPort = quint16(object.value(QStringLiteral("localPort")).toInt());
    attempt.remoteAddress = object.value(QStringLiteral("remoteAddress")).toString();
    attempt.remotePort = quint16(object.value(QStringLiteral("remotePort")).toInt());
    for (const QJsonValue &failure : object.value(QStringLiteral("connectFailures")).toArray())
        attempt.connectFailures.append(failure.toString());
    attempt.reused = object.value(QStringLiteral("reused")).toBool();
    attempt.requestIndex = object.value(QStringLiteral("requestIndex")).toInt();
    attempt.streamId = object.value(QStringLiteral("streamId")).toInt();
    attempt.streamsInFlight = object.value(QStringLiteral("streamsInFlight")).toInt();
    attempt.httpVersion = object.value(QStringLiteral("httpVersion")).toString().toLatin1();
    attempt.proxy = object.value(QStringLiteral("proxy")).toString();
    attempt.tlsProtocol = object.value(QStringLiteral("tlsProtocol")).toString();
    attempt.tlsCipher = object.value(QStringLiteral("tlsCipher")).toString();
    for (const QJsonValue &line : object.value(QStringLiteral("certificateChain")).toArray())
        attempt.certificateChain.append(line.toString());
    attempt.requestHead = object.value(QStringLiteral("requestHead")).toString().toLatin1();
    attempt.responseHeaders =
        headersFrom(object.value(QStringLiteral("responseHeaders")).toArray());
    attempt.status = object.value(QStringLiteral("status")).toInt();
    attempt.error = QNetworkReply::NetworkError(object.value(QStringLiteral("error")).toInt());
    attempt.errorString = object.value(QStringLiteral("errorString")).toString();
    attempt.outcome = object.value(QStringLiteral("outcome")).toString();
    return attempt;
}

} // namespace

QByteArray ExchangeCodec::headersToJson(const HttpHeaders &headers)
{
    return QJsonDocument(headersArray(headers)).toJson(QJsonDocument::Compact);
}

HttpHeaders ExchangeCodec::headersFromJson(const QByteArray &json)
{
    return headersFrom(QJsonDocument::fromJson(json).array());
}

QByteArray ExchangeCodec::attemptsToJson(const QList<Attempt> &attempts)
{
    QJsonArray array;
    for (const Attempt &attempt : attempts)
        array.append(attemptObject(attempt));
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<Attempt> ExchangeCodec::attemptsFromJson(const QByteArray &json)
{
    QList<Attempt> attempts;
    for (const QJsonValue &value : QJsonDocument::fromJson(json).array()) {
        if (value.isObject())
            attempts.append(attemptFrom(value.toObject()));
    }
    return attempts;
}

} // namespace mr
