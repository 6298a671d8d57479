#include "insomniarequestbody.h"

#include "insomniacontext.h"
#include "workspace/multipartbodywriter.h"
#include "workspace/requestsanitizer.h"

#include <QJsonArray>

namespace mr {

InsomniaRequestBody::InsomniaRequestBody(InsomniaContext &context, const QString &subject,
                                         RequestDefinition *request)
    : m_context(context)
    , m_subject(subject)
    , m_request(request)
{}

void InsomniaRequestBody::read(const QJsonObject &body, const QString &pointer)
{
    const QString mimeType = body.value(QLatin1String("mimeType")).toString().trimmed();
    const QString lower = mimeType.toLower();
    QStringList problems;
    auto setContentType = [&](const QString &value) {
        if (!value.isEmpty() &&
            !InsomniaContext::hasHeader(*m_request, QStringLiteral("Content-Type")))
            m_request->headers.append({QStringLiteral("Content-Type"), value, 0});
    };
    // Form and multipart bodies list their fields in "params".
    const QJsonArray params = body.value(QLatin1String("params")).toArray();
    const QString paramsPointer = JsonPositions::child(pointer, QStringLiteral("params"));
    if (lower == QLatin1String("application/x-www-form-urlencoded")) {
        QStringList pairs;
        for (const auto &[p, at] : InsomniaContext::objectsOf(params, paramsPointer)) {
            const QString name = p.value(QLatin1String("name")).toString();
            if (m_context.skipsDisabled(p, at, m_subject, QStringLiteral("form field"), name))
                continue;
            if (name.isEmpty() && p.value(QLatin1String("value")).toString().isEmpty())
                continue;
            pairs.append(
                RequestSanitizer::encodeComponent(m_context.convert(name, at, m_subject), true) +
                QLatin1Char('=') +
                RequestSanitizer::encodeComponent(
                    m_context.convert(p.value(QLatin1String("value")).toString(), at, m_subject),
                    true));
        }
        setContentType(mimeType);
        m_request->body = pairs.join(QLatin1Char('&'));
    } else if (lower.startsWith(QLatin1String("multipart/"))) {
        readMultipart(params, paramsPointer, pointer);
    } else if (!body.value(QLatin1String("fileName")).toString().isEmpty() &&
               body.value(QLatin1String("text")).toString().isEmpty()) {
        setContentType(mimeType);
        const QString fileName = body.value(QLatin1String("fileName")).toString();
        m_request->body = QStringLiteral("< ") + fileName;
        if (m_request->body.contains(QLatin1Char('\n')) ||
            m_request->body.contains(QLatin1Char('\r'))) {
            m_context.note(pointer,
                           QStringLiteral("%1: the body file name has a line break; the body "
                                          "is not imported")
                               .arg(m_subject));
            m_request->body.clear();
        } else {
            m_context.noteFileOutside(JsonPositions::child(pointer, QStringLiteral("fileName")),
                                      m_subject, fileName);
        }
    } else if (body.contains(QLatin1String("text"))) {
        const QString text =
            m_context.convert(body.value(QLatin1String("text")).toString(),
                              JsonPositions::child(pointer, QStringLiteral("text")), m_subject);
        // Insomnia sends GraphQL as a JSON document, which the text already is.
        setContentType(lower == QLatin1String("application/graphql")
                           ? QStringLiteral("application/json")
                           : mimeType);
        m_request->body = RequestSanitizer::bodyText(text, &problems);
    }
    m_context.notes(pointer, m_subject, problems);
}

void InsomniaRequestBody::readMultipart(const QJsonArray &params, const QString &paramsPointer,
                                        const QString &pointer)
{
    QList<MultipartBodyWriter::Part> parts;
    QStringList problems;
    for (const auto &[p, at] : InsomniaContext::objectsOf(params, paramsPointer)) {
        MultipartBodyWriter::Part part;
        part.name = m_context.convert(p.value(QLatin1String("name")).toString(), at, m_subject);
        if (m_context.skipsDisabled(p, at, m_subject, QStringLiteral("form field"), part.name))
            continue;
        const bool isFile = p.value(QLatin1String("type")).toString() == QLatin1String("file");
        if (isFile) {
            part.fileName = p.value(QLatin1String("fileName")).toString();
            if (part.fileName.isEmpty() || part.fileName.contains(QLatin1Char('\n')) ||
                part.fileName.contains(QLatin1Char('\r'))) {
                m_context.note(at,
                               QStringLiteral("%1: the file field \"%2\" has no usable file name; "
                                              "not imported")
                                   .arg(m_subject, InsomniaContext::shortened(part.name)));
                continue;
            }
            part.filePath = part.fileName;
            part.contentType = p.value(QLatin1String("contentType")).toString().trimmed();
            m_context.noteFileOutside(JsonPositions::child(at, QStringLiteral("fileName")),
                                      m_subject, part.filePath);
        } else {
            if (part.name.isEmpty() && p.value(QLatin1String("value")).toString().isEmpty())
                continue;
            part.value = RequestSanitizer::bodyText(
                m_context.convert(p.value(QLatin1String("value")).toString(), at, m_subject),
                &problems, true);
        }
        parts.append(part);
    }
    MultipartBodyWriter::write(parts, m_request);
    m_context.notes(pointer, m_subject, problems);
}

} // namespace mr
