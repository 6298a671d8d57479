#include "bodyformatter.h"

#include <QStringDecoder>

namespace mr {

namespace {

QByteArray mediaType(const QByteArray &contentType)
{
    return contentType.split(';').first().trimmed().toLower();
}

// Newline-delimited JSON: several values, one after another.
bool isJsonSequence(const QByteArray &type)
{
    return type == "application/x-ndjson" || type == "application/jsonl" ||
           type == "application/json-seq" || type == "application/x-jsonlines";
}

bool looksLikeHtml(const QByteArray &body)
{
    // Only the start matters; skip leading whitespace and compare case-insensitively.
    qsizetype i = 0;
    while (i < body.size() && i < 1024 && QChar::isSpace(uchar(body.at(i))))
        ++i;
    const QByteArray head = body.mid(i, 16).toLower();
    return head.startsWith("<!doctype html") || head.startsWith("<html");
}

QString decodedText(const QByteArray &body, bool *binary)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(body);
    *binary = decoder.hasError() || body.contains('\0');
    return text;
}

} // namespace

bool BodyFormatter::looksLikeJson(const QByteArray &contentType)
{
    const QByteArray type = mediaType(contentType);
    return type == "application/json" || type.endsWith("+json") || isJsonSequence(type) ||
           type == "text/json";
}

QString BodyFormatter::imageFormat(const QByteArray &body)
{
    if (body.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("PNG");
    if (body.startsWith("\xFF\xD8\xFF"))
        return QStringLiteral("JPEG");
    if (body.startsWith("GIF87a") || body.startsWith("GIF89a"))
        return QStringLiteral("GIF");
    if (body.size() >= 12 && body.startsWith("RIFF") && body.mid(8, 4) == "WEBP")
        return QStringLiteral("WebP");
    if (body.startsWith("BM") && body.size() >= 26)
        return QStringLiteral("BMP");
    if (body.startsWith(QByteArray("\x00\x00\x01\x00", 4)))
        return QStringLiteral("ICO");
    return QString();
}

BodyFormatter::Kind BodyFormatter::sniff(const QByteArray &body, const QByteArray &contentType)
{
    if (body.isEmpty())
        return Kind::Empty;
    const QByteArray type = mediaType(contentType);
    // The bytes win over the header: servers label images application/octet-stream (or worse).
    if (!imageFormat(body).isEmpty() || type.startsWith("image/"))
        return Kind::Image;
    if (type == "text/html" || type == "application/xhtml+xml" || looksLikeHtml(body))
        return Kind::Html;
    const QByteArray trimmed = body.left(1024).trimmed();
    if (looksLikeJson(contentType) || trimmed.startsWith('{') || trimmed.startsWith('['))
        return Kind::Json;
    const QByteArray head = body.left(4096);
    if (head.contains('\0'))
        return Kind::Binary;
    // A character cut at the end of the head is not an error: leave its bytes out.
    qsizetype length = head.size();
    if (body.size() > length) {
        qsizetype k = length;
        while (k > length - 3 && (uchar(head.at(k - 1)) & 0xC0) == 0x80)
            --k;
        if (uchar(head.at(k - 1)) >= 0xC0)
            length = k - 1;
    }
    bool binary = false;
    decodedText(head.left(length), &binary);
    return binary ? Kind::Binary : Kind::Text;
}

BodyFormatter::Result BodyFormatter::format(const QByteArray &body, const QByteArray &contentType)
{
    return format(body, contentType, nullptr);
}

BodyFormatter::Result BodyFormatter::format(const QByteArray &body, const QByteArray &contentType,
                                            const std::atomic_bool *cancel)
{
    return format(body, contentType, cancel, Encoding::Utf16);
}

BodyFormatter::Result BodyFormatter::format(const QByteArray &body, const QByteArray &contentType,
                                            const std::atomic_bool *cancel, Encoding encoding)
{
    Result result = formatText(body, contentType, cancel, encoding);
    if (encoding == Encoding::Utf8 && result.utf8.isEmpty() && !result.text.isEmpty()) {
        result.utf8 = result.text.toUtf8();
        result.text.clear();
    }
    return result;
}

BodyFormatter::Result BodyFormatter::formatText(const QByteArray &body,
                                                const QByteArray &contentType,
                                                const std::atomic_bool *cancel, Encoding encoding)
{
    Result result;
    result.kind = sniff(body, contentType);
    if (result.kind == Kind::Empty)
        return result;
    if (result.kind == Kind::Image) {
        const QString format = imageFormat(body);
        const QString type =
            format.isEmpty() ? QString::fromLatin1(mediaType(contentType)) : format;
        // SVG is text: show its source; the view may also render it.
        bool binary = false;
        const QString text = decodedText(body, &binary);
        result.text = format.isEmpty() && !binary
                          ? text
                          : QStringLiteral("%1 image, %2").arg(type, sizeText(body.size()));
        return result;
    }
    if (result.kind == Kind::Json) {
        JsonPrettyPrinter::Options options;
        options.output = encoding == Encoding::Utf8 ? JsonPrettyPrinter::Output::Utf8
                                                    : JsonPrettyPrinter::Output::Utf16;
        options.allowSequence = isJsonSequence(mediaType(contentType));
        options.cancel = cancel;
        JsonPrettyPrinter::Result printed = JsonPrettyPrinter::print(body, options);
        if (printed.cancelled) {
            result.cancelled = true;
            return result;
        }
        if (printed.ok) {
            result.text = std::move(printed.text);
            result.utf8 = std::move(printed.utf8);
            result.folds = std::move(printed.folds);
            return result;
        }
        if (looksLikeJson(contentType))
            result.note = QStringLiteral("Not valid JSON at %1; shown as received.")
                              .arg(printed.error.text());
    }
    bool binary = false;
    QString text = decodedText(body, &binary);
    if (binary) {
        result.kind = Kind::Binary;
        result.text =
            QStringLiteral("Binary body, %1. First bytes:\n%2")
                .arg(sizeText(body.size()), QString::fromLatin1(body.left(64).toHex(' ')));
        return result;
    }
    if (result.kind != Kind::Html)
        result.kind = Kind::Text;
    if (encoding == Encoding::Utf8)
        result.utf8 = body; // readable as it is: shared, not copied
    else
        result.text = std::move(text);
    return result;
}

QString BodyFormatter::sizeText(qint64 bytes)
{
    if (bytes < 1000)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 1000 * 1000)
        return QStringLiteral("%1 kB").arg(double(bytes) / 1000, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(double(bytes) / 1e6, 0, 'f', 1);
}

} // namespace mr
