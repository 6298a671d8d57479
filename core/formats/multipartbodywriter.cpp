#include "multipartbodywriter.h"

#include "requestsanitizer.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace mr {

namespace {

QString boundaryIn(const QString &contentType)
{
    static const QRegularExpression parameter(
        QStringLiteral(";\\s*boundary\\s*=\\s*\"?([^\";]+)\"?"),
        QRegularExpression::CaseInsensitiveOption);
    return parameter.match(contentType).captured(1).trimmed();
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
            header.value = header.value.trimmed() + QStringLiteral("; boundary=") + boundary;
        }
        break;
    }
    if (!hasContentType) {
        boundary = boundaryIn(mimeType);
        if (boundary.isEmpty())
            boundary = RequestSanitizer::boundaryFor(texts);
        request->headers.append({QStringLiteral("Content-Type"),
                                 QStringLiteral("multipart/form-data; boundary=") + boundary, 0});
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
