#pragma once

#include "collectiondraft.h"
#include "shellwords.h"

namespace mr {

// Reads curl command lines — one or many, as "Copy as cURL" and API docs give them — into
// requests. It aims at what reaches the server: -X, -H, -d and the --data-* family, --json,
// -F/--form(-string), -u with --basic/--digest, -b, -G, -I, -T, -A, -e, -r, --oauth2-bearer,
// --url-query, and the send options curl has (-L: without it, # @no-redirect, as curl does not
// follow redirects; --connect-timeout, -m, --retry, --http1.1, --http2 (on https; on http:// it
// is the h2c Upgrade, noted), --http2-prior-knowledge). Options that only shape curl's
// output are accepted quietly; anything else — unknown options, -k, proxies, client
// certificates — is reported where it stands, never silently dropped.
class CurlImporter
{
public:
    static bool looksLike(const QByteArray &data);
    static CollectionDraft read(const QByteArray &data, const QString &path);
};

} // namespace mr
