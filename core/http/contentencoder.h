#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace mr {

// Whole-buffer content codings (gzip, deflate, br, zstd) for the bodies the demo service
// sends. Streaming decoding with limits belongs to the engine.
class ContentEncoder
{
public:
    static bool isSupported(QByteArrayView coding);
    // std::nullopt for an unknown coding or a library failure. fast: the lowest effort
    // (for large synthetic bodies, where the default brotli quality would take minutes).
    static std::optional<QByteArray> encode(QByteArrayView coding, QByteArrayView data,
                                            bool fast = false);
};

} // namespace mr
