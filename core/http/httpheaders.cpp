#include "httpheaders.h"

#include <QJsonObject>

namespace mr {

static bool sameName(const QByteArray &a, const QByteArray &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

void HttpHeaders::append(const QByteArray &name, const QByteArray &value)
{
    m_fields.append({name, value});
}

void HttpHeaders::set(const QByteArray &name, const QByteArray &value)
{
    bool replaced = false;
    for (qsizetype i = 0; i < m_fields.size();) {
        if (!sameName(m_fields[i].first, name)) {
            ++i;
        } else if (!replaced) {
            m_fields[i].second = value;
            replaced = true;
            ++i;
        } else {
            m_fields.removeAt(i);
        }
    }
    if (!replaced)
        append(name, value);
}

void HttpHeaders::remove(const QByteArray &name)
{
    m_fields.removeIf([&](const Field &f) { return sameName(f.first, name); });
}

bool HttpHeaders::contains(const QByteArray &name) const
{
    for (const Field &f : m_fields) {
        if (sameName(f.first, name))
            return true;
    }
    return false;
}

QByteArray HttpHeaders::value(const QByteArray &name, const QByteArray &fallback) const
{
    for (const Field &f : m_fields) {
        if (sameName(f.first, name))
            return f.second;
    }
    return fallback;
}

QList<QByteArray> HttpHeaders::values(const QByteArray &name) const
{
    QList<QByteArray> result;
    for (const Field &f : m_fields) {
        if (sameName(f.first, name))
            result.append(f.second);
    }
    return result;
}

QByteArray HttpHeaders::combinedValue(const QByteArray &name) const
{
    return values(name).join(", ");
}

bool HttpHeaders::hasToken(const QByteArray &name, const QByteArray &token) const
{
    for (const Field &f : m_fields) {
        if (!sameName(f.first, name))
            continue;
        const QList<QByteArray> parts = f.second.split(',');
        for (const QByteArray &part : parts) {
            if (sameName(part.trimmed(), token))
                return true;
        }
    }
    return false;
}

QByteArray HttpHeaders::toWireFormat() const
{
    QByteArray out;
    for (const Field &f : m_fields) {
        out += f.first;
        out += ": ";
        out += f.second;
        out += "\r\n";
    }
    return out;
}

QJsonArray HttpHeaders::toJsonArray() const
{
    QJsonArray out;
    for (const Field &field : m_fields)
        out.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(field.first)},
                               {QStringLiteral("value"), QString::fromUtf8(field.second)}});
    return out;
}

} // namespace mr
