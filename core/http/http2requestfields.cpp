#include "http2requestfields.h"

namespace mr {

namespace {

QByteArray lowerCased(const QByteArray &name)
{
    QByteArray lower = name;
    for (char &c : lower) {
        if (c >= 'A' && c <= 'Z')
            c = char(c + ('a' - 'A'));
    }
    return lower;
}

// Every token of every Connection field: those names are hop-by-hop (RFC 9110 §7.6.1).
QList<QByteArrayView> connectionTokens(const HttpHeaders &headers)
{
    QList<QByteArrayView> tokens;
    for (const HttpHeaders::Field &field : headers.fields()) {
        if (!HttpHeaders::sameName(field.first, "connection"))
            continue;
        QByteArrayView rest = field.second;
        while (!rest.isEmpty()) {
            const qsizetype comma = rest.indexOf(',');
            const QByteArrayView token =
                HttpHeaders::trimmedOws(comma < 0 ? rest : rest.first(comma));
            if (!token.isEmpty())
                tokens.append(token);
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
        }
    }
    return tokens;
}

bool listed(const QList<QByteArrayView> &tokens, QByteArrayView name)
{
    for (QByteArrayView token : tokens) {
        if (HttpHeaders::sameName(token, name))
            return true;
    }
    return false;
}

} // namespace

bool Http2RequestFields::isConnectionSpecific(QByteArrayView name)
{
    for (QByteArrayView forbidden :
         {QByteArrayView("connection"), QByteArrayView("keep-alive"),
          QByteArrayView("proxy-connection"), QByteArrayView("transfer-encoding"),
          QByteArrayView("upgrade")}) {
        if (HttpHeaders::sameName(name, forbidden))
            return true;
    }
    return false;
}

QList<Http2RequestFields::Field>
Http2RequestFields::build(const QByteArray &method, const QByteArray &scheme,
                          const QByteArray &authority, const QByteArray &path,
                          const HttpHeaders &headers, bool hasBody, qint64 bodySize)
{
    const QByteArray host = HttpHeaders::trimmedOws(headers.value("host")).toByteArray();
    const QList<QByteArrayView> hopByHop = connectionTokens(headers);

    QList<Field> fields;
    fields.reserve(headers.size() + 5);
    fields.append(Field(":method", method));
    fields.append(Field(":scheme", scheme));
    fields.append(Field(":authority", host.isEmpty() ? authority : host));
    fields.append(Field(":path", path.isEmpty() ? QByteArray("/") : path));

    for (const HttpHeaders::Field &field : headers.fields()) {
        const QByteArray &name = field.first;
        // A caller's pseudo-header would duplicate ours or smuggle one in.
        if (name.startsWith(':') || isConnectionSpecific(name) || listed(hopByHop, name) ||
            HttpHeaders::sameName(name, "host") || HttpHeaders::sameName(name, "content-length"))
            continue;
        if (HttpHeaders::sameName(name, "te")) {
            if (headers.hasToken("te", "trailers") && !fields.contains(Field("te", "trailers")))
                fields.append(Field("te", "trailers"));
            continue;
        }
        fields.append(Field(lowerCased(name), field.second));
    }
    if (hasBody && bodySize >= 0)
        fields.append(Field("content-length", QByteArray::number(bodySize)));
    return fields;
}

QByteArray Http2RequestFields::transcript(const QList<Field> &fields)
{
    QByteArray method, path, authority;
    qsizetype size = 16;
    for (const Field &field : fields) {
        if (field.first == ":method")
            method = field.second;
        else if (field.first == ":path")
            path = field.second;
        else if (field.first == ":authority")
            authority = field.second;
        size += field.first.size() + field.second.size() + 4;
    }

    QByteArray text;
    text.reserve(size);
    text += method + ' ' + path + " HTTP/2\r\n";
    if (!authority.isEmpty())
        text += "host: " + authority + "\r\n";
    for (const Field &field : fields) {
        if (field.first.startsWith(':'))
            continue;
        text += field.first + ": " + field.second + "\r\n";
    }
    text += "\r\n";
    return text;
}

} // namespace mr
