#include "requestwriter.h"

#include "base/urltext.h"

#include <cstring>

namespace mr {

QByteArray RequestWriter::target(const QUrl &url)
{
    QByteArray path =
        UrlText::encoded(url, QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (path.isEmpty() || path.startsWith('?'))
        path.prepend('/');
    return path;
}

QByteArray RequestWriter::head(const TransferRequest &request, bool keepAlive,
                               const QByteArray &hostHeader)
{
    // The engine owns the framing and the connection's persistence.
    const auto written = [keepAlive](const QByteArray &name) {
        return name.compare("Content-Length", Qt::CaseInsensitive) != 0 &&
               name.compare("Transfer-Encoding", Qt::CaseInsensitive) != 0 &&
               (keepAlive || name.compare("Connection", Qt::CaseInsensitive) != 0);
    };
    const QByteArray path = target(request.url);
    const bool host = !request.headers.contains("Host");
    const QByteArray hostValue =
        !host ? QByteArray() : (hostHeader.isEmpty() ? request.origin.hostHeader() : hostHeader);
    const QByteArray length =
        request.hasBody ? QByteArray::number(request.bodySize()) : QByteArray();

    // Measured first, then written with memcpy into one buffer: a head is written for every
    // request, and appending piece by piece costs several times more.
    qsizetype size = request.method.size() + 1 + path.size() + 11; // " HTTP/1.1\r\n"
    if (host)
        size += 6 + hostValue.size() + 2;
    for (const auto &field : request.headers.fields()) {
        if (written(field.first))
            size += field.first.size() + 2 + field.second.size() + 2;
    }
    if (request.hasBody)
        size += 16 + length.size() + 2;
    if (!keepAlive)
        size += 19;
    size += 2;

    QByteArray out(size, Qt::Uninitialized);
    char *p = out.data();
    const auto put = [&p](QByteArrayView bytes) {
        std::memcpy(p, bytes.data(), size_t(bytes.size()));
        p += bytes.size();
    };
    put(request.method);
    put(" ");
    put(path);
    put(" HTTP/1.1\r\n");
    if (host) {
        put("Host: ");
        put(hostValue);
        put("\r\n");
    }
    for (const auto &field : request.headers.fields()) {
        if (!written(field.first))
            continue;
        put(field.first);
        put(": ");
        put(field.second);
        put("\r\n");
    }
    if (request.hasBody) {
        put("Content-Length: ");
        put(length);
        put("\r\n");
    }
    if (!keepAlive)
        put("Connection: close\r\n");
    put("\r\n");
    Q_ASSERT(p == out.constData() + out.size());
    return out;
}

} // namespace mr
