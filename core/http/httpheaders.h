// core/http: the HTTP/1.1 wire vocabulary shared by the engine and the demo service —
// header lists, request values, chunked framing and content codings. No sockets here.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
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
    // Lookups take views: a name written as a literal costs no allocation (they run for
    // every field of every response).
    void remove(QByteArrayView name);

    bool contains(QByteArrayView name) const;
    QByteArray value(QByteArrayView name, const QByteArray &fallback = {}) const;
    QList<QByteArray> values(QByteArrayView name) const;
    // All values of a name joined with ", " (how a recipient may combine them).
    QByteArray combinedValue(QByteArrayView name) const;
    // True when a comma-separated header (Connection, Transfer-Encoding…) lists the token.
    bool hasToken(QByteArrayView name, QByteArrayView token) const;
    // Header names and tokens compare without regard to ASCII case (RFC 9110 §5.1).
    static bool sameName(QByteArrayView a, QByteArrayView b);
    // Without the optional whitespace (spaces and tabs) around a field value or list item.
    static QByteArrayView trimmedOws(QByteArrayView v);

    const QList<Field> &fields() const { return m_fields; }
    // [{"name": …, "value": …}, …] in order, as HAR and our JSON reports write them.
    QJsonArray toJsonArray() const;
    void reserve(qsizetype fields) { m_fields.reserve(fields); }
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
