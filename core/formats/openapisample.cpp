#include "openapisample.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace mr {

OpenApiSample OpenApiSample::of(const QJsonValue &value)
{
    OpenApiSample s;
    s.scalar = value;
    return s;
}

OpenApiSample OpenApiSample::ofKind(Kind kind)
{
    OpenApiSample s;
    s.kind = kind;
    return s;
}

void OpenApiSample::insert(const QString &key, OpenApiSample value)
{
    for (auto &member : members) {
        if (member.first == key) {
            member.second = std::move(value);
            return;
        }
    }
    members.emplace_back(key, std::move(value));
}

QString OpenApiSample::scalarJson(const QJsonValue &value)
{
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2)); // without "[" and "]"
}

void OpenApiSample::writeJson(const OpenApiSample &sample, int indent, bool pretty, QString *out)
{
    const QString pad = pretty ? QString(2 * (indent + 1), QLatin1Char(' ')) : QString();
    const QString end = pretty ? QString(2 * indent, QLatin1Char(' ')) : QString();
    const QString newline = pretty ? QStringLiteral("\n") : QString();
    switch (sample.kind) {
    case OpenApiSample::Kind::Scalar: *out += scalarJson(sample.scalar); return;
    case OpenApiSample::Kind::Array:
        if (sample.items.empty()) {
            *out += QStringLiteral("[]");
            return;
        }
        *out += QLatin1Char('[') + newline;
        for (size_t i = 0; i < sample.items.size(); ++i) {
            *out += pad;
            writeJson(sample.items[i], indent + 1, pretty, out);
            *out += (i + 1 < sample.items.size() ? QStringLiteral(",") : QString()) + newline;
        }
        *out += end + QLatin1Char(']');
        return;
    case OpenApiSample::Kind::Object:
        if (sample.members.empty()) {
            *out += QStringLiteral("{}");
            return;
        }
        *out += QLatin1Char('{') + newline;
        for (size_t i = 0; i < sample.members.size(); ++i) {
            *out += pad + scalarJson(sample.members[i].first) +
                    (pretty ? QStringLiteral(": ") : QStringLiteral(":"));
            writeJson(sample.members[i].second, indent + 1, pretty, out);
            *out += (i + 1 < sample.members.size() ? QStringLiteral(",") : QString()) + newline;
        }
        *out += end + QLatin1Char('}');
        return;
    }
}

QString OpenApiSample::toJson(const OpenApiSample &sample, bool pretty)
{
    QString out;
    writeJson(sample, 0, pretty, &out);
    return out;
}

QString OpenApiSample::toText(const OpenApiSample &sample)
{
    if (sample.kind != OpenApiSample::Kind::Scalar)
        return toJson(sample, false);
    if (sample.scalar.isString())
        return sample.scalar.toString();
    if (sample.scalar.isNull())
        return QString();
    return scalarJson(sample.scalar);
}

} // namespace mr
