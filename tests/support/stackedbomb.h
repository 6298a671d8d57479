#pragma once

#include <QByteArray>

// Content-Encoding bombs made of two stacked codings ("gzip, gzip" or "zstd, zstd") where
// each coding on its own stays under its ratio limit (40:1 for gzip, 100:1 for zstd): the
// inner stream decodes at about 39:1 or 83:1, and is itself so regular that the outer coding
// shrinks it a thousandfold. Only a budget for the whole chain refuses them.
class StackedBomb
{
public:
    // The body as sent (the coding applied twice); periods × 132 KiB of zeros once decoded.
    static QByteArray build(const QByteArray &coding, int periods);
    // The inner stream alone (the coding applied once).
    static QByteArray inner(const QByteArray &coding, int periods);
    // How many bytes the body decodes to.
    static qint64 decodedSize(const QByteArray &coding, int periods);
};
