#include "demomultipart.h"

#include "http/httpheaderparser.h"

namespace mr {

// Reads name="value" parameters of a header such as Content-Disposition.
static QByteArray parameter(const QByteArray &header, const QByteArray &name)
{
    const QList<QByteArray> items = header.split(';');
    for (const QByteArray &raw : items) {
        const QByteArray item = raw.trimmed();
        const qsizetype eq = item.indexOf('=');
        if (eq <= 0 || item.left(eq).trimmed().toLower() != name)
            continue;
        QByteArray value = item.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}

QList<DemoMultipart::Part> DemoMultipart::parse(const QByteArray &body,
                                                const QByteArray &contentType)
{
    const QByteArray boundary = parameter(contentType, "boundary");
    if (boundary.isEmpty())
        return {};
    const QByteArray delimiter = "--" + boundary;
    QList<Part> parts;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            break; // closing delimiter
        if (body.mid(pos, 2) != "\r\n")
            return {};
        pos += 2;
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        if (headEnd < 0)
            return {};
        const qsizetype next = body.indexOf("\r\n" + delimiter, headEnd + 4);
        if (next < 0)
            return {};
        HttpHeaders headers;
        QString error;
        if (!HttpHeaderParser::parse(QByteArrayView(body).sliced(pos, headEnd - pos), &headers,
                                     &error))
            return {};
        const QByteArray disposition = headers.value("Content-Disposition");
        Part part;
        part.name = QString::fromUtf8(parameter(disposition, "name"));
        if (disposition.contains("filename="))
            part.fileName = QString::fromUtf8(parameter(disposition, "filename"));
        part.contentType = headers.value("Content-Type");
        part.data = body.mid(headEnd + 4, next - headEnd - 4);
        parts.append(part);
        pos = next + 2;
    }
    return parts;
}

} // namespace mr
