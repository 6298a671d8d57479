#include "historyentry.h"

#include "workspace/httpfileparser.h"

namespace mr {

namespace {

// Headers on the wire that the client writes itself when a request has none (HttpClient and
// RequestWriter): written into a request, they would pin a port or, for Accept-Encoding,
// turn off decoding.
bool isWrittenByTheClient(const HttpHeaders::Field &field)
{
    const QByteArray name = field.first.toLower();
    return name == "host" || name == "content-length" || name == "connection" ||
           (name == "user-agent" && field.second == "Microrequests") ||
           (name == "accept-encoding" && field.second == "gzip, deflate, br, zstd");
}

} // namespace

QString HistorySummary::connectionLabel() const
{
    if (connectionId.isEmpty())
        return {};
    return reused ? QStringLiteral("#%1 reused").arg(connectionSerial)
                  : QStringLiteral("#%1 new").arg(connectionSerial);
}

QString HistorySummary::displayName() const
{
    if (!requestName.isEmpty())
        return requestName;
    return method + QLatin1Char(' ') + url;
}

RequestDefinition HistoryEntry::requestDefinition() const
{
    if (!source.definition.isEmpty()) {
        const HttpFile parsed = HttpFileParser::parse(source.definition, source.filePath);
        if (parsed.requests.size() == 1)
            return parsed.requests.first();
    }
    const HttpRequest &sent = exchange.request;
    RequestDefinition request;
    request.name = source.requestName;
    request.nameSource = request.name.isEmpty() ? RequestDefinition::NameSource::None
                                                : RequestDefinition::NameSource::Directive;
    request.method = QString::fromLatin1(sent.method);
    request.url = sent.url.toString();
    for (const HttpHeaders::Field &field : sent.headers.fields()) {
        if (!isWrittenByTheClient(field))
            request.headers.append(
                {QString::fromUtf8(field.first), QString::fromUtf8(field.second), 0});
    }
    request.body = QString::fromUtf8(sent.body);
    return request;
}

} // namespace mr
