#pragma once

#include "collectiondraft.h"

#include <QByteArray>
#include <QString>

namespace mr {

// Reads a HAR 1.2 log (browser dev tools, proxies, our own HarWriter) into a collection draft:
// each entry's request becomes a request named "METHOD /path", in a file named after the HAR
// file, or after its page when the log has pages (a browser session of several pages reads
// better split by page). What the engine sets itself (HTTP/2 pseudo-headers, Host when it
// matches the URL, Content-Length, Connection…) is dropped and listed once per file; cookies
// come from the Cookie header, or from the cookies array when there is none. Responses,
// binary bodies and non-HTTP entries (data:, ws:…) are reported, not imported.
class HarImporter
{
public:
    static bool looksLike(const QByteArray &data);
    static CollectionDraft read(const QByteArray &data, const QString &path);
};

} // namespace mr
