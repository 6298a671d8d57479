#include "servertiming.h"

namespace mr {

namespace {

// Splits at `separator` outside double quotes.
QList<QByteArray> splitOutsideQuotes(const QByteArray &text, char separator)
{
    QList<QByteArray> parts;
    QByteArray current;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (quoted && c == '\\' && i + 1 < text.size()) {
            current += c;
            current += text.at(++i);
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        if (c == separator && !quoted) {
            parts.append(current.trimmed());
            current.clear();
            continue;
        }
        current += c;
    }
    parts.append(current.trimmed());
    return parts;
}

QByteArray unquoted(const QByteArray &value)
{
    if (value.size() < 2 || !value.startsWith('"') || !value.endsWith('"'))
        return value;
    QByteArray out;
    for (qsizetype i = 1; i + 1 < value.size(); ++i) {
        if (value.at(i) == '\\' && i + 2 < value.size())
            ++i;
        out += value.at(i);
    }
    return out;
}

bool isToken(const QByteArray &text)
{
    static const QByteArray extra = QByteArrayLiteral("!#$%&'*+-.^_`|~");
    if (text.isEmpty())
        return false;
    for (char c : text) {
        const bool alnum =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && !extra.contains(c))
            return false;
    }
    return true;
}

} // namespace

QList<ServerTiming::Metric> ServerTiming::parse(const HttpHeaders &responseHeaders)
{
    QList<Metric> metrics;
    for (const QByteArray &field : responseHeaders.values(QByteArrayLiteral("Server-Timing"))) {
        for (const QByteArray &entry : splitOutsideQuotes(field, ',')) {
            const QList<QByteArray> parts = splitOutsideQuotes(entry, ';');
            if (!isToken(parts.value(0)))
                continue;
            Metric metric;
            metric.name = parts.value(0);
            for (qsizetype i = 1; i < parts.size(); ++i) {
                const qsizetype equals = parts[i].indexOf('=');
                const QByteArray name = parts[i].left(equals).trimmed().toLower();
                const QByteArray value =
                    equals < 0 ? QByteArray() : unquoted(parts[i].mid(equals + 1).trimmed());
                // The spec: only the first of each parameter counts.
                if (name == "dur" && metric.durationMs < 0) {
                    bool ok = false;
                    const double ms = value.toDouble(&ok);
                    if (ok && ms >= 0)
                        metric.durationMs = ms;
                } else if (name == "desc" && metric.description.isEmpty()) {
                    metric.description = QString::fromUtf8(value);
                }
            }
            metrics.append(metric);
        }
    }
    return metrics;
}

double ServerTiming::durationOf(const HttpHeaders &responseHeaders, const QByteArray &name)
{
    for (const Metric &metric : parse(responseHeaders)) {
        if (metric.name.compare(name, Qt::CaseInsensitive) == 0)
            return metric.durationMs;
    }
    return -1;
}

int ServerTiming::simulatedLatencyMs(const HttpHeaders &responseHeaders)
{
    const double ms = durationOf(responseHeaders, simulatedLatencyName());
    return ms > 0 ? int(ms + 0.5) : -1;
}

QByteArray ServerTiming::format(const Metric &metric)
{
    QByteArray out = metric.name;
    if (metric.durationMs >= 0)
        out += ";dur=" + QByteArray::number(metric.durationMs, 'g', 12);
    if (!metric.description.isEmpty()) {
        QByteArray desc = metric.description.toUtf8();
        desc.replace('\\', "\\\\").replace('"', "\\\"");
        out += ";desc=\"" + desc + '"';
    }
    return out;
}

} // namespace mr
