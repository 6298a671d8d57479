#include "bodyformatter.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

namespace mr {

bool BodyFormatter::looksLikeJson(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type == "application/json" || type.endsWith("+json") || type == "application/x-ndjson" ||
           type == "text/json";
}

BodyFormatter::Result BodyFormatter::format(const QByteArray &body, const QByteArray &contentType)
{
    Result result;
    if (body.isEmpty())
        return result;
    const bool declaredJson = looksLikeJson(contentType);
    const QByteArray trimmed = body.trimmed();
    const bool shapedLikeJson = trimmed.startsWith('{') || trimmed.startsWith('[');
    if (declaredJson || shapedLikeJson) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError) {
            result.kind = Kind::Json;
            result.text = QString::fromUtf8(document.toJson(QJsonDocument::Indented));
            return result;
        }
        if (declaredJson)
            result.note = QStringLiteral("Not valid JSON at byte %1: %2; shown as received.")
                              .arg(error.offset)
                              .arg(error.errorString());
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(body);
    if (decoder.hasError() || body.contains('\0')) {
        result.kind = Kind::Binary;
        result.text =
            QStringLiteral("Binary body, %1. First bytes:\n%2")
                .arg(sizeText(body.size()), QString::fromLatin1(body.left(64).toHex(' ')));
        return result;
    }
    result.kind = Kind::Text;
    result.text = text;
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
