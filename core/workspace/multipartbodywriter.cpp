#include "multipartbodywriter.h"

#include "requestsanitizer.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace mr {

namespace {

const QRegularExpression &boundaryParameter()
{
    static const QRegularExpression parameter(
        QStringLiteral(";\\s*boundary\\s*=\\s*\"?([^\";]*)\"?"),
        QRegularExpression::CaseInsensitiveOption);
    return parameter;
}

// RFC 2046, 5.1.1: 1 to 70 of these characters, not ending in a space. Anything else (a line
// break from an imported content type) would break the body's delimiter lines.
bool isBoundary(const QString &text)
{
    static const QRegularExpression bchars(QStringLiteral("^[0-9A-Za-z'()+_,\\-./:=? ]{0,69}"
                                                          "[0-9A-Za-z'()+_,\\-./:=?]$"));
    return bchars.match(text).hasMatch();
}

QString boundaryIn(const QString &contentType)
{
    const QString boundary = boundaryParameter().match(contentType).captured(1).trimmed();
    return isBoundary(boundary) ? boundary : QString();
}

// The content type with its boundary parameter (if any) replaced by `boundary`.
QString withBoundary(const QString &contentType, const QString &boundary)
{
    QString value = RequestSanitizer::singleLine(contentType);
    value.remove(boundaryParameter());
    return value.trimmed() + QStringLiteral("; boundary=") + boundary;
}

// A header parameter's value: one line, without the quotes that would end it.
QString parameterValue(const QString &text)
{
    return RequestSanitizer::singleLine(text).replace(QLatin1Char('"'), QLatin1String("%22"));
}

} // namespace

void MultipartBodyWriter::write(const QList<Part> &parts, RequestDefinition *request,
                                const QString &mimeType)
{
    QStringList texts;
    for (const Part &part : parts)
        texts << part.name << part.value;
    QString boundary;
    bool hasContentType = false;
    for (RequestDefinition::Header &header : request->headers) {
        if (header.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) != 0)
            continue;
        hasContentType = true;
        boundary = boundaryIn(header.value);
        if (boundary.isEmpty()) {
            boundary = RequestSanitizer::boundaryFor(texts);
            header.value = withBoundary(header.value, boundary);
        }
        break;
    }
    if (!hasContentType) {
        // The source's media type and parameters are kept; only its boundary may be replaced.
        const QString type = mimeType.trimmed().isEmpty() ? QStringLiteral("multipart/form-data")
                                                          : mimeType.trimmed();
        boundary = boundaryIn(type);
        QString value = RequestSanitizer::singleLine(type);
        if (boundary.isEmpty()) {
            boundary = RequestSanitizer::boundaryFor(texts);
            value = withBoundary(type, boundary);
        }
        request->headers.append({QStringLiteral("Content-Type"), value, 0});
    }
    QStringList lines;
    for (const Part &part : parts) {
        lines.append(QStringLiteral("--") + boundary);
        QString disposition = QStringLiteral("Content-Disposition: form-data; name=\"%1\"")
                                  .arg(parameterValue(part.name));
        if (!part.fileName.isEmpty())
            disposition += QStringLiteral("; filename=\"%1\"")
                               .arg(parameterValue(QFileInfo(part.fileName).fileName()));
        lines.append(disposition);
        if (!part.contentType.isEmpty())
            lines.append(QStringLiteral("Content-Type: ") +
                         RequestSanitizer::singleLine(part.contentType));
        lines.append(QString());
        lines.append(part.filePath.isEmpty() ? part.value : QStringLiteral("< ") + part.filePath);
    }
    if (!parts.isEmpty())
        lines.append(QStringLiteral("--") + boundary + QStringLiteral("--"));
    request->body = lines.join(QLatin1Char('\n'));
}

} // namespace mr
