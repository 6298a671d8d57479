#include "httpheaders.h"

#include <QJsonObject>

namespace mr {

bool HttpHeaders::sameName(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c; };
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i] != b[i] && lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

QByteArrayView HttpHeaders::trimmedOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
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

void HttpHeaders::remove(QByteArrayView name)
{
    m_fields.removeIf([&](const Field &f) { return sameName(f.first, name); });
}

bool HttpHeaders::contains(QByteArrayView name) const
{
    for (const Field &f : m_fields) {
        if (sameName(f.first, name))
            return true;
    }
    return false;
}

QByteArray HttpHeaders::value(QByteArrayView name, const QByteArray &fallback) const
{
    for (const Field &f : m_fields) {
        if (sameName(f.first, name))
            return f.second;
    }
    return fallback;
}

QList<QByteArray> HttpHeaders::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const Field &f : m_fields) {
        if (sameName(f.first, name))
            result.append(f.second);
    }
    return result;
}

QByteArray HttpHeaders::combinedValue(QByteArrayView name) const
{
    return values(name).join(", ");
}

bool HttpHeaders::hasToken(QByteArrayView name, QByteArrayView token) const
{
    for (const Field &f : m_fields) {
        if (!sameName(f.first, name))
            continue;
        QByteArrayView rest = f.second;
        while (true) {
            const qsizetype comma = rest.indexOf(',');
            if (sameName(trimmedOws(comma < 0 ? rest : rest.first(comma)), token))
                return true;
            if (comma < 0)
                break;
            rest = rest.sliced(comma + 1);
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
