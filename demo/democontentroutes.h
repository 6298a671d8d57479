#pragma once

#include "demoroute.h"

#include <QHash>

namespace mr {

// Endpoints that produce bodies: /json, /json/{bytes}, /bytes/{n}, /stream/{n}, /html, /xml,
// /gzip, /deflate, /brotli, /zstd and /status/{code}.
class DemoContentRoutes : public DemoRoute
{
public:
    // Also /bomb/{gzip|deflate|br|zstd}?size=N: N zero bytes, compressed — a decompression bomb.
    std::optional<DemoResponse> route(const DemoRequest &request, const QStringList &segments,
                                      const DemoRequestContext &context) override;

    // Exactly `size` bytes of valid JSON (at least minimumJsonSize()), generated on demand.
    static DemoResponse generatedJson(qint64 size);
    static qint64 minimumJsonSize(qint64 size);
    static DemoResponse randomBytes(qint64 size, quint64 seed);

private:
    static DemoResponse status(const QStringList &segments);
    static DemoResponse stream(const DemoRequest &request, const QStringList &segments,
                               const DemoRequestContext &context);
    static DemoResponse encoded(const DemoRequest &request, const QString &name,
                                const DemoRequestContext &context);
    DemoResponse bomb(const DemoRequest &request, const QStringList &segments);

    QHash<QString, QByteArray> m_bombs; // built once per coding and size
};

} // namespace mr
