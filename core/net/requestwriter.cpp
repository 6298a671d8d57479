#include "requestwriter.h"

namespace mr {

QByteArray RequestWriter::target(const QUrl &url)
{
    QByteArray path =
        url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (path.isEmpty() || path.startsWith('?'))
        path.prepend('/');
    return path;
}

QByteArray RequestWriter::head(const TransferRequest &request, bool keepAlive,
                               const QByteArray &hostHeader)
{
    QByteArray out;
    out.reserve(256 + request.headers.size() * 48);
    out += request.method;
    out += ' ';
    out += target(request.url);
    out += " HTTP/1.1\r\n";
    if (!request.headers.contains("Host")) {
        out += "Host: ";
        out += hostHeader.isEmpty() ? request.origin.hostHeader() : hostHeader;
        out += "\r\n";
    }
    for (const auto &field : request.headers.fields()) {
        const QByteArray &name = field.first;
        // The engine owns the framing and the connection's persistence.
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
            name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0 ||
            (!keepAlive && name.compare("Connection", Qt::CaseInsensitive) == 0))
            continue;
        out += name;
        out += ": ";
        out += field.second;
        out += "\r\n";
    }
    if (request.hasBody) {
        out += "Content-Length: ";
        out += QByteArray::number(request.bodySize());
        out += "\r\n";
    }
    if (!keepAlive)
        out += "Connection: close\r\n";
    out += "\r\n";
    return out;
}

} // namespace mr
