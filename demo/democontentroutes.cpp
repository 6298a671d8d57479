#include "democontentroutes.h"

#include "demoecho.h"
#include "http/contentencoder.h"

#include <QJsonArray>

#include <zlib.h>

namespace mr {

namespace {

constexpr qint64 MaxGeneratedBytes = qint64(1) << 30;
constexpr int MaxStreamLines = 100000;
constexpr int MaxStreamIntervalMs = 10000;

const char SampleJson[] = R"({
  "slideshow": {
    "author": "Yours Truly",
    "date": "date of publication",
    "slides": [
      { "title": "Wake up to WonderWidgets!", "type": "all" },
      { "items": [ "Why <em>WonderWidgets</em> are great", "Who <em>buys</em> WonderWidgets" ],
        "title": "Overview", "type": "all" }
    ],
    "title": "Sample Slide Show"
  }
}
)";

const char SampleHtml[] = R"(<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Microrequests demo</title></head>
<body>
  <h1>Microrequests demo service</h1>
  <p>An HTML page, for the response preview.</p>
</body>
</html>
)";

// A 120×80 PNG drawn here (zlib for the pixels, its crc32 for the chunks), so the response
// preview has an image to show without a file in the repository.
QByteArray samplePng()
{
    const int width = 120, height = 80;
    QByteArray raw;
    raw.reserve((width * 3 + 1) * height);
    for (int y = 0; y < height; ++y) {
        raw.append('\0'); // filter: none
        for (int x = 0; x < width; ++x) {
            const bool ring = qAbs((x - 60) * (x - 60) + (y - 40) * (y - 40) - 900) < 120;
            raw.append(char(ring ? 0xff : 0x15 + x));
            raw.append(char(ring ? 0xff : 0x65 + y));
            raw.append(char(ring ? 0xff : 0xc0));
        }
    }
    uLongf packedSize = compressBound(uLong(raw.size()));
    QByteArray packed(qsizetype(packedSize), '\0');
    compress(reinterpret_cast<Bytef *>(packed.data()), &packedSize,
             reinterpret_cast<const Bytef *>(raw.constData()), uLong(raw.size()));
    packed.truncate(qsizetype(packedSize));
    const auto bigEndian = [](quint32 v) {
        const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
        return QByteArray(b, 4);
    };
    const auto chunk = [&bigEndian](const char *type, const QByteArray &data) {
        const QByteArray body = QByteArray(type, 4) + data;
        return bigEndian(quint32(data.size())) + body +
               bigEndian(quint32(
                   crc32(0, reinterpret_cast<const Bytef *>(body.constData()), uInt(body.size()))));
    };
    const QByteArray header =
        bigEndian(width) + bigEndian(height) + QByteArray("\x08\x02\0\0\0", 5);
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + chunk("IDAT", packed) +
           chunk("IEND", QByteArray());
}

const char SampleXml[] = R"(<?xml version="1.0" encoding="utf-8"?>
<slideshow title="Sample Slide Show" date="Date of publication" author="Yours Truly">
  <slide type="all"><title>Wake up to WonderWidgets!</title></slide>
  <slide type="all">
    <title>Overview</title>
    <item>Why <em>WonderWidgets</em> are great</item>
    <item>Who <em>buys</em> WonderWidgets</item>
  </slide>
</slideshow>
)";

// The JSON body of /json/{bytes}: a prefix, fixed-width items and a padding string that
// makes the total exactly the size asked for, so any byte range can be produced alone.
struct JsonLayout {
    QByteArray prefix;
    QByteArray suffix;
    qint64 itemCount = 0;
    static constexpr qint64 ItemWidth = 128; // the fixed part is 102 bytes

    static QByteArray item(qint64 index)
    {
        QByteArray text = QByteArray(R"({"id":)") +
                          QByteArray::number(index).rightJustified(10, ' ') + R"(,"name":"item-)" +
                          QByteArray::number(index).rightJustified(10, '0') +
                          R"(","active":true,"score":0.5,"tags":["alpha","beta"],"note":")";
        text += QByteArray(ItemWidth - text.size() - 2, 'n');
        text += "\"}";
        return text;
    }
    qint64 itemsLength() const { return itemCount == 0 ? 0 : itemCount * (ItemWidth + 1) - 1; }
    qint64 total() const { return prefix.size() + itemsLength() + suffix.size(); }

    QByteArray range(qint64 offset, qint64 maxBytes) const
    {
        QByteArray out;
        const qint64 end = qMin(total(), offset + maxBytes);
        qint64 pos = offset;
        while (pos < end) {
            if (pos < prefix.size()) {
                out += prefix.mid(pos, end - pos);
            } else if (pos < prefix.size() + itemsLength()) {
                const qint64 local = pos - prefix.size();
                const qint64 index = local / (ItemWidth + 1);
                QByteArray text = item(index);
                if (index + 1 < itemCount)
                    text += ',';
                out += text.mid(local % (ItemWidth + 1), end - pos);
            } else {
                out += suffix.mid(pos - prefix.size() - itemsLength(), end - pos);
            }
            pos = offset + out.size();
        }
        return out;
    }
};

std::optional<JsonLayout> jsonLayout(qint64 size)
{
    JsonLayout layout;
    layout.prefix = R"({"size":)" + QByteArray::number(size) + R"(,"items":[)";
    const QByteArray suffixHead = R"(],"padding":")";
    const QByteArray suffixTail = "\"}";
    const qint64 available = size - layout.prefix.size() - suffixHead.size() - suffixTail.size();
    if (available < 0)
        return std::nullopt;
    layout.itemCount =
        available >= JsonLayout::ItemWidth ? (available + 1) / (JsonLayout::ItemWidth + 1) : 0;
    const qint64 padding = available - layout.itemsLength();
    layout.suffix = suffixHead + QByteArray(padding, ' ') + suffixTail;
    return layout;
}

quint64 splitMix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

qint64 DemoContentRoutes::minimumJsonSize(qint64 size)
{
    return QByteArray(R"({"size":,"items":[],"padding":""})").size() +
           QByteArray::number(size).size();
}

DemoResponse DemoContentRoutes::generatedJson(qint64 size)
{
    const auto layout = jsonLayout(size);
    if (!layout)
        return DemoResponse::error(
            400,
            QStringLiteral("/json/{bytes} needs at least %1 bytes").arg(minimumJsonSize(size)));
    DemoResponse r;
    r.headers.append("Content-Type", "application/json");
    r.generatedLength = layout->total();
    r.generator = [layout = *layout](qint64 offset, qint64 maxBytes) {
        return layout.range(offset, maxBytes);
    };
    return r;
}

DemoResponse DemoContentRoutes::randomBytes(qint64 size, quint64 seed)
{
    DemoResponse r;
    r.headers.append("Content-Type", "application/octet-stream");
    r.generatedLength = size;
    r.generator = [seed](qint64 offset, qint64 maxBytes) {
        // Byte p is byte p % 8 of word p / 8: any range can be produced on its own.
        QByteArray out(maxBytes, Qt::Uninitialized);
        char *data = out.data();
        qint64 i = 0;
        while (i < maxBytes) {
            const qint64 pos = offset + i;
            const quint64 word = splitMix64(seed ^ splitMix64(quint64(pos / 8)));
            for (qint64 b = pos % 8; b < 8 && i < maxBytes; ++b, ++i)
                data[i] = char((word >> (b * 8)) & 0xff);
        }
        return out;
    };
    return r;
}

std::optional<DemoResponse> DemoContentRoutes::route(const DemoRequest &request,
                                                     const QStringList &segments,
                                                     const DemoRequestContext &context)
{
    const QString first = segments.value(0);
    if (first == QLatin1String("json")) {
        if (segments.size() == 1)
            return DemoResponse::text(SampleJson, "application/json");
        const auto size = integerSegment(segments, 1, 0, MaxGeneratedBytes);
        if (!size || segments.size() != 2)
            return DemoResponse::error(
                400, QStringLiteral("use /json/{bytes} with bytes ≤ %1").arg(MaxGeneratedBytes));
        return generatedJson(*size);
    }
    if (first == QLatin1String("bytes")) {
        const auto size = integerSegment(segments, 1, 0, MaxGeneratedBytes);
        if (!size || segments.size() != 2)
            return DemoResponse::error(
                400, QStringLiteral("use /bytes/{n} with n ≤ %1").arg(MaxGeneratedBytes));
        return randomBytes(*size,
                           request.query.queryItemValue(QStringLiteral("seed")).toULongLong());
    }
    if (first == QLatin1String("stream"))
        return stream(request, segments, context);
    if (segments.size() == 1 && first == QLatin1String("html"))
        return DemoResponse::text(SampleHtml, "text/html; charset=utf-8");
    if (segments.size() == 2 && first == QLatin1String("image") &&
        segments.at(1) == QLatin1String("png"))
        return DemoResponse::text(samplePng(), "image/png");
    if (segments.size() == 1 && first == QLatin1String("xml"))
        return DemoResponse::text(SampleXml, "application/xml");
    if (segments.size() == 1 &&
        (first == QLatin1String("gzip") || first == QLatin1String("deflate") ||
         first == QLatin1String("brotli") || first == QLatin1String("zstd")))
        return encoded(request, first, context);
    if (first == QLatin1String("status"))
        return status(segments);
    if (first == QLatin1String("bomb"))
        return bomb(request, segments);
    return std::nullopt;
}

DemoResponse DemoContentRoutes::bomb(const DemoRequest &request, const QStringList &segments)
{
    const QString coding = segments.value(1);
    const QString sizeText = request.query.queryItemValue(QStringLiteral("size"));
    bool ok = true;
    const qint64 size = sizeText.isEmpty() ? qint64(64) * 1024 * 1024 : sizeText.toLongLong(&ok);
    const QByteArray token =
        coding == QLatin1String("brotli") ? QByteArray("br") : coding.toLatin1();
    if (segments.size() != 2 || !ok || size < 0 || size > MaxGeneratedBytes ||
        !ContentEncoder::isSupported(token) || token == "identity")
        return DemoResponse::error(400, QStringLiteral("use /bomb/{gzip|deflate|br|zstd}?size=N"));
    const QString key = QString::fromLatin1(token) + QLatin1Char('/') + QString::number(size);
    if (!m_bombs.contains(key)) {
        const auto compressed = ContentEncoder::encode(token, QByteArray(size, '\0'), true);
        if (!compressed)
            return DemoResponse::error(500, QStringLiteral("could not build the bomb"));
        m_bombs.insert(key, *compressed);
    }
    DemoResponse r = DemoResponse::text(m_bombs.value(key), "application/octet-stream");
    r.headers.append("Content-Encoding", token);
    return r;
}

DemoResponse DemoContentRoutes::status(const QStringList &segments)
{
    const auto code = integerSegment(segments, 1, 200, 599);
    if (!code || segments.size() != 2)
        return DemoResponse::error(400, QStringLiteral("use /status/{code} with 200 ≤ code ≤ 599"));
    DemoResponse r;
    r.status = int(*code);
    switch (r.status) {
    case 301:
    case 302:
    case 303:
    case 307:
    case 308: r.headers.append("Location", "/redirect/1"); break;
    case 401: r.headers.append("WWW-Authenticate", R"(Basic realm="Fake Realm")"); break;
    case 407: r.headers.append("Proxy-Authenticate", R"(Basic realm="Fake Realm")"); break;
    case 418:
        r.headers.append("Content-Type", "text/plain");
        r.body = "I'm a teapot\n";
        break;
    default: break;
    }
    return r;
}

DemoResponse DemoContentRoutes::stream(const DemoRequest &request, const QStringList &segments,
                                       const DemoRequestContext &context)
{
    const auto lines = integerSegment(segments, 1, 0, MaxStreamLines);
    if (!lines || segments.size() != 2)
        return DemoResponse::error(
            400, QStringLiteral("use /stream/{n} with n ≤ %1").arg(MaxStreamLines));
    bool ok = true;
    const QString intervalText = request.query.queryItemValue(QStringLiteral("interval"));
    const int interval = intervalText.isEmpty() ? 0 : intervalText.toInt(&ok);
    if (!ok || interval < 0 || interval > MaxStreamIntervalMs)
        return DemoResponse::error(
            400, QStringLiteral("interval must be 0..%1 ms").arg(MaxStreamIntervalMs));
    DemoResponse r;
    r.headers.append("Content-Type", "application/x-ndjson");
    QJsonObject line = DemoEcho::describe(request, context,
                                          DemoEcho::Url | DemoEcho::Args | DemoEcho::Headers |
                                              DemoEcho::Origin | DemoEcho::Connection);
    for (qint64 i = 0; i < *lines; ++i) {
        line.insert(QStringLiteral("id"), int(i));
        r.chunks.append(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    }
    r.chunkIntervalMs = interval;
    return r;
}

DemoResponse DemoContentRoutes::encoded(const DemoRequest &request, const QString &name,
                                        const DemoRequestContext &context)
{
    struct Coding {
        const char *route;
        const char *token;
        const char *flag;
    };
    static const Coding codings[] = {{"gzip", "gzip", "gzipped"},
                                     {"deflate", "deflate", "deflated"},
                                     {"brotli", "br", "brotli"},
                                     {"zstd", "zstd", "zstd"}};
    for (const Coding &coding : codings) {
        if (name != QLatin1String(coding.route))
            continue;
        QJsonObject body = DemoEcho::describe(request, context,
                                              DemoEcho::Method | DemoEcho::Headers |
                                                  DemoEcho::Origin | DemoEcho::Connection);
        body.insert(QLatin1String(coding.flag), true);
        const QByteArray plain = QJsonDocument(body).toJson(QJsonDocument::Indented);
        const auto compressed = ContentEncoder::encode(coding.token, plain);
        if (!compressed)
            return DemoResponse::error(500, QStringLiteral("could not encode the body"));
        DemoResponse r = DemoResponse::text(*compressed, "application/json");
        r.headers.append("Content-Encoding", coding.token);
        return r;
    }
    return DemoResponse::error(404, QStringLiteral("unknown coding"));
}

} // namespace mr
