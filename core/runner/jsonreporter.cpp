#include "jsonreporter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>
#include <cmath>

namespace mr {

namespace {

// The body (at most `limit` bytes) as text when it is UTF-8, else as base64.
void addBody(QJsonObject *object, const QByteArray &body, qint64 size, qint64 limit)
{
    QByteArray kept = body.left(limit);
    if (!kept.isEmpty() && kept.size() < body.size()) {
        // A cut inside a character would make UTF-8 text look binary: cut before it.
        qsizetype lead = kept.size() - 1;
        while (lead > 0 && kept.size() - lead < 4 && (uchar(kept[lead]) & 0xC0) == 0x80)
            --lead;
        const uchar first = uchar(kept.at(qMax<qsizetype>(lead, 0)));
        const int length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
        if (lead >= 0 && kept.size() - lead < length)
            kept.truncate(lead);
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(kept);
    if (!decoder.hasError())
        object->insert(QStringLiteral("body"), text);
    else
        object->insert(QStringLiteral("bodyBase64"), QString::fromLatin1(kept.toBase64()));
    object->insert(QStringLiteral("bodySize"), double(size));
    object->insert(QStringLiteral("bodyTruncated"), size > kept.size());
}

double rounded(double ms)
{
    return ms < 0 ? -1 : std::round(ms * 1000.0) / 1000.0;
}

QJsonObject timings(const PhaseTimings &t)
{
    return QJsonObject{
        {QStringLiteral("blocked"), rounded(t.blocked)}, {QStringLiteral("dns"), rounded(t.dns)},
        {QStringLiteral("tcp"), rounded(t.tcp)},         {QStringLiteral("tls"), rounded(t.tls)},
        {QStringLiteral("send"), rounded(t.send)},       {QStringLiteral("wait"), rounded(t.wait)},
        {QStringLiteral("receive"), rounded(t.receive)}};
}

QString outcomeName(AssertionResult::Outcome outcome)
{
    switch (outcome) {
    case AssertionResult::Outcome::Passed: return QStringLiteral("passed");
    case AssertionResult::Outcome::Failed: return QStringLiteral("failed");
    case AssertionResult::Outcome::Skipped: break;
    }
    return QStringLiteral("skipped");
}

} // namespace

void JsonReporter::begin(const RunPlan &plan, int iterations)
{
    Q_UNUSED(plan)
    Q_UNUSED(iterations)
    const QJsonObject head{
        {QStringLiteral("tool"), QStringLiteral("microrequests")},
        {QStringLiteral("version"), QCoreApplication::applicationVersion()},
        {QStringLiteral("startedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    QByteArray text = QJsonDocument(head).toJson(QJsonDocument::Compact);
    text.chop(1); // the closing brace: the exchanges follow
    m_out->write(text + ",\"exchanges\":[\n");
}

QJsonObject JsonReporter::stepObject(const RunStep &step) const
{
    const Exchange &e = step.exchange;
    QJsonObject object{{QStringLiteral("iteration"), step.iteration},
                       {QStringLiteral("name"), step.name},
                       {QStringLiteral("file"), step.file},
                       {QStringLiteral("line"), step.line},
                       {QStringLiteral("passed"), step.passed()},
                       {QStringLiteral("startedMs"), rounded(step.startedMs)}};
    if (!step.neededBy.isEmpty())
        object.insert(QStringLiteral("neededBy"), step.neededBy);
    if (!step.error.isEmpty())
        object.insert(QStringLiteral("error"), step.error);
    if (!e.hint.isEmpty())
        object.insert(QStringLiteral("hint"), e.hint);
    if (step.sent) {
        QJsonObject request{{QStringLiteral("method"), QString::fromLatin1(e.request.method)},
                            {QStringLiteral("url"), e.request.url.toString()},
                            {QStringLiteral("headers"), e.request.headers.toJsonArray()}};
        addBody(&request, e.request.body, e.request.bodySize(), m_bodyLimit);
        object.insert(QStringLiteral("request"), request);
        object.insert(QStringLiteral("durationMs"), rounded(e.durationMs));
    }
    if (e.hasResponse()) {
        QJsonObject response{{QStringLiteral("status"), e.status},
                             {QStringLiteral("complete"), e.isComplete()},
                             {QStringLiteral("reason"), QString::fromLatin1(e.reasonPhrase)},
                             {QStringLiteral("httpVersion"), QString::fromLatin1(e.httpVersion)},
                             {QStringLiteral("headers"), e.responseHeaders.toJsonArray()}};
        addBody(&response, e.responseBody, e.responseBodySize, m_bodyLimit);
        if (!e.responseBodyFile.isEmpty())
            response.insert(QStringLiteral("bodyNotKept"),
                            QStringLiteral("larger than the memory limit"));
        object.insert(QStringLiteral("response"), response);
    } else {
        object.insert(QStringLiteral("response"), QJsonValue::Null);
    }
    if (const Attempt *last = e.finalAttempt(); last && !last->connectionId.isEmpty()) {
        object.insert(QStringLiteral("connection"),
                      QJsonObject{{QStringLiteral("id"), last->connectionId},
                                  {QStringLiteral("reused"), last->reused},
                                  {QStringLiteral("requestOnConnection"), last->requestIndex},
                                  {QStringLiteral("localPort"), int(last->localPort)}});
    } else {
        object.insert(QStringLiteral("connection"), QJsonValue::Null);
    }
    QJsonArray attempts;
    for (const Attempt &attempt : e.attempts) {
        attempts.append(QJsonObject{{QStringLiteral("connection"), attempt.connectionId},
                                    {QStringLiteral("reused"), attempt.reused},
                                    {QStringLiteral("requestOnConnection"), attempt.requestIndex},
                                    {QStringLiteral("status"), attempt.status},
                                    {QStringLiteral("error"), attempt.errorString},
                                    {QStringLiteral("outcome"), attempt.outcome},
                                    {QStringLiteral("timings"), timings(attempt.timings)}});
    }
    object.insert(QStringLiteral("attempts"), attempts);
    QJsonArray assertions;
    for (const AssertionResult &result : step.assertions) {
        QJsonObject a{{QStringLiteral("line"), result.line},
                      {QStringLiteral("assertion"), result.description},
                      {QStringLiteral("outcome"), outcomeName(result.outcome)},
                      {QStringLiteral("message"), result.message()}};
        if (!result.passed()) {
            a.insert(QStringLiteral("expected"), result.expected);
            a.insert(QStringLiteral("actual"), result.actual);
        }
        assertions.append(a);
    }
    object.insert(QStringLiteral("assertions"), assertions);
    return object;
}

void JsonReporter::step(const RunStep &step)
{
    QByteArray text = QJsonDocument(stepObject(step)).toJson(QJsonDocument::Compact);
    if (!m_first)
        text.prepend(",\n");
    m_first = false;
    m_out->write(text);
}

QJsonObject JsonReporter::summaryObject(const RunSummary &s)
{
    return QJsonObject{{QStringLiteral("planned"), s.planned},
                       {QStringLiteral("run"), s.run},
                       {QStringLiteral("passed"), s.passed},
                       {QStringLiteral("failed"), s.failed},
                       {QStringLiteral("notRun"), s.notRun()},
                       {QStringLiteral("assertionsPassed"), s.assertionsPassed},
                       {QStringLiteral("assertionsFailed"), s.assertionsFailed},
                       {QStringLiteral("assertionsSkipped"), s.assertionsSkipped},
                       {QStringLiteral("connectionsOpened"), s.connectionsOpened},
                       {QStringLiteral("reused"), s.reused},
                       {QStringLiteral("attempts"), s.attempts},
                       {QStringLiteral("seconds"), s.seconds},
                       {QStringLiteral("bailed"), s.bailed}};
}

void JsonReporter::finish(const RunSummary &summary)
{
    m_out->write("\n],\"summary\":" +
                 QJsonDocument(summaryObject(summary)).toJson(QJsonDocument::Compact) + "}\n");
}

} // namespace mr
