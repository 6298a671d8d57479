// core/http: the HTTP/1.1 wire vocabulary shared by the engine and the demo service —
// header lists, request values, chunked framing and content codings. No sockets here.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QPair>

namespace mr {

// An ordered list of header fields as they appear on the wire. Names keep their spelling;
// lookups ignore case, as RFC 9110 says.
class HttpHeaders
{
public:
    using Field = QPair<QByteArray, QByteArray>;

    void append(const QByteArray &name, const QByteArray &value);
    // Replaces every field of that name with one, keeping the first one's position.
    void set(const QByteArray &name, const QByteArray &value);
    void remove(const QByteArray &name);

    bool contains(const QByteArray &name) const;
    QByteArray value(const QByteArray &name, const QByteArray &fallback = {}) const;
    QList<QByteArray> values(const QByteArray &name) const;
    // All values of a name joined with ", " (how a recipient may combine them).
    QByteArray combinedValue(const QByteArray &name) const;
    // True when a comma-separated header (Connection, Transfer-Encoding…) lists the token.
    bool hasToken(const QByteArray &name, const QByteArray &token) const;

    const QList<Field> &fields() const { return m_fields; }
    // [{"name": …, "value": …}, …] in order, as HAR and our JSON reports write them.
    QJsonArray toJsonArray() const;
    bool isEmpty() const { return m_fields.isEmpty(); }
    qsizetype size() const { return m_fields.size(); }

    // "Name: value\r\n" for each field.
    QByteArray toWireFormat() const;

    friend bool operator==(const HttpHeaders &a, const HttpHeaders &b)
    {
        return a.m_fields == b.m_fields;
    }

private:
    QList<Field> m_fields;
};

} // namespace mr
