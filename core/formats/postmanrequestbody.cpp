#include "postmanrequestbody.h"

#include "postmancontext.h"
#include "workspace/multipartbodywriter.h"
#include "workspace/requestsanitizer.h"

#include <QHash>
#include <QJsonDocument>

namespace mr {

namespace {

// The Content-Type Postman sends for the language picked in its editor.
QString languageContentType(const QString &language)
{
    if (language == QLatin1String("json") || language == QLatin1String("xml") ||
        language == QLatin1String("javascript"))
        return QStringLiteral("application/") + language;
    if (language == QLatin1String("html"))
        return QStringLiteral("text/html");
    if (language == QLatin1String("text"))
        return QStringLiteral("text/plain");
    return QString();
}

} // namespace

PostmanRequestBody::PostmanRequestBody(PostmanContext &context)
    : m_context(context)
{}

void PostmanRequestBody::read(const QJsonValue &value, const QString &pointer,
                              const QString &subject, bool guessesContentType,
                              RequestDefinition *request)
{
    if (!value.isObject())
        return;
    const QJsonObject body = value.toObject();
    const QString mode = body.value(QLatin1String("mode")).toString();
    if (mode.isEmpty())
        return;
    if (body.value(QLatin1String("disabled")).toBool()) {
        m_context.note(PostmanContext::at(pointer, "disabled"),
                       QStringLiteral("%1: the disabled %2 body is not imported")
                           .arg(subject, PostmanContext::shortened(mode)));
        return;
    }
    QStringList problems;
    auto setContentType = [&](const QString &type) {
        if (!PostmanContext::hasHeader(*request, QStringLiteral("Content-Type")))
            request->headers.append({QStringLiteral("Content-Type"), type, 0});
    };
    const QString modePointer = JsonPositions::child(pointer, mode);
    if (mode == QLatin1String("raw")) {
        const QString raw = PostmanContext::text(body.value(QLatin1String("raw")));
        if (raw.isEmpty())
            return;
        const QString language = body.value(QLatin1String("options"))
                                     .toObject()
                                     .value(QLatin1String("raw"))
                                     .toObject()
                                     .value(QLatin1String("language"))
                                     .toString();
        // Postman sends text/plain when no language is picked, unless told not to.
        if (!languageContentType(language).isEmpty())
            setContentType(languageContentType(language));
        else if (language.isEmpty() && guessesContentType)
            setContentType(QStringLiteral("text/plain"));
        request->body =
            RequestSanitizer::bodyText(m_context.convert(raw, modePointer, subject), &problems);
    } else if (mode == QLatin1String("urlencoded")) {
        const QJsonArray params = body.value(mode).toArray();
        QStringList pairs;
        for (int i = 0; i < params.size(); ++i) {
            const QJsonObject p = params[i].toObject();
            const QString paramPointer = JsonPositions::child(modePointer, i);
            const QString key = p.value(QLatin1String("key")).toString();
            if (m_context.skipsDisabled(p, paramPointer, subject, QStringLiteral("form field"),
                                        key))
                continue;
            const QString fieldValue = PostmanContext::text(p.value(QLatin1String("value")));
            if (key.isEmpty() && fieldValue.isEmpty())
                continue;
            pairs.append(RequestSanitizer::encodeComponent(
                             m_context.convert(key, paramPointer, subject), true) +
                         QLatin1Char('=') +
                         RequestSanitizer::encodeComponent(
                             m_context.convert(fieldValue, paramPointer, subject), true));
        }
        if (pairs.isEmpty())
            return;
        setContentType(QStringLiteral("application/x-www-form-urlencoded"));
        request->body = pairs.join(QLatin1Char('&'));
    } else if (mode == QLatin1String("formdata")) {
        readFormData(body.value(mode).toArray(), modePointer, subject, request);
    } else if (mode == QLatin1String("file")) {
        const QJsonObject file = body.value(mode).toObject();
        const QString src = file.value(QLatin1String("src")).toString();
        const QString content = file.value(QLatin1String("content")).toString();
        if (!src.isEmpty()) {
            if (src.contains(QLatin1Char('\n')) || src.contains(QLatin1Char('\r'))) {
                m_context.note(modePointer,
                               QStringLiteral("%1: the body file name has a line break; "
                                              "the body is not imported")
                                   .arg(subject));
                return;
            }
            request->body = QStringLiteral("< ") + src;
            m_context.noteFileOutside(PostmanContext::at(modePointer, "src"), subject, src);
        } else if (!content.isEmpty()) {
            request->body = RequestSanitizer::bodyText(content, &problems);
        } else {
            m_context.note(
                modePointer,
                QStringLiteral("%1: the file body names no file; not imported").arg(subject));
        }
    } else if (mode == QLatin1String("graphql")) {
        readGraphql(body.value(mode).toObject(), modePointer, subject, request, &problems);
        setContentType(QStringLiteral("application/json"));
    } else {
        m_context.note(PostmanContext::at(pointer, "mode"),
                       QStringLiteral("%1: the body mode \"%2\" is not imported")
                           .arg(subject, PostmanContext::shortened(mode)));
    }
    m_context.notes(pointer, subject, problems);
}

// Postman sends GraphQL as {"query": …, "variables": {…}}; so does the .http body.
void PostmanRequestBody::readGraphql(const QJsonObject &graphql, const QString &pointer,
                                     const QString &subject, RequestDefinition *request,
                                     QStringList *problems)
{
    const QString query = m_context.convert(graphql.value(QLatin1String("query")).toString(),
                                            PostmanContext::at(pointer, "query"), subject);
    const QJsonValue variables = graphql.value(QLatin1String("variables"));
    QString variablesText;
    if (variables.isObject()) {
        variablesText = PostmanContext::text(variables);
    } else if (variables.isString() && !variables.toString().trimmed().isEmpty()) {
        const QString given = variables.toString().trimmed();
        QJsonParseError error{};
        const QJsonDocument parsed = QJsonDocument::fromJson(given.toUtf8(), &error);
        if (error.error == QJsonParseError::NoError && parsed.isObject()) {
            variablesText =
                QString::fromUtf8(QJsonDocument(parsed.object()).toJson(QJsonDocument::Compact));
        } else {
            variablesText = given;
            m_context.note(
                PostmanContext::at(pointer, "variables"),
                QStringLiteral("%1: the GraphQL variables are not a JSON object as written "
                               "(a {{variable}} outside quotes?); written into the body as "
                               "they are")
                    .arg(subject));
        }
    }
    variablesText =
        m_context.convert(variablesText, PostmanContext::at(pointer, "variables"), subject);
    QString json = QStringLiteral("{\"query\":") + PostmanContext::jsonString(query);
    if (!variablesText.isEmpty())
        json += QStringLiteral(",\"variables\":") + variablesText;
    json += QLatin1Char('}');
    request->body = RequestSanitizer::bodyText(json, problems);
}

// [{"key", "value", "type": "text"|"file", "src": path or [paths], "contentType"}]
void PostmanRequestBody::readFormData(const QJsonArray &params, const QString &pointer,
                                      const QString &subject, RequestDefinition *request)
{
    QList<MultipartBodyWriter::Part> parts;
    QStringList problems;
    for (const auto &[p, paramPointer] : PostmanContext::objectsOf(params, pointer)) {
        MultipartBodyWriter::Part part;
        part.name =
            m_context.convert(p.value(QLatin1String("key")).toString(), paramPointer, subject);
        if (m_context.skipsDisabled(p, paramPointer, subject, QStringLiteral("form field"),
                                    part.name))
            continue;
        part.contentType = p.value(QLatin1String("contentType")).toString().trimmed();
        if (p.value(QLatin1String("type")).toString() == QLatin1String("file")) {
            const QJsonValue src = p.value(QLatin1String("src"));
            QStringList files;
            if (src.isArray()) {
                const QJsonArray list = src.toArray();
                for (const QJsonValue &file : list)
                    files.append(file.toString());
            } else {
                files.append(src.toString());
            }
            files.removeAll(QString());
            if (files.isEmpty())
                m_context.note(paramPointer,
                               QStringLiteral("%1: the file field \"%2\" names no file; "
                                              "not imported")
                                   .arg(subject, PostmanContext::shortened(part.name)));
            for (const QString &file : std::as_const(files)) {
                if (file.contains(QLatin1Char('\n')) || file.contains(QLatin1Char('\r'))) {
                    m_context.note(paramPointer,
                                   QStringLiteral("%1: a file of the field \"%2\" has a "
                                                  "line break in its name; not imported")
                                       .arg(subject, PostmanContext::shortened(part.name)));
                    continue;
                }
                MultipartBodyWriter::Part filePart = part;
                filePart.fileName = file;
                filePart.filePath = file;
                parts.append(filePart);
                m_context.noteFileOutside(PostmanContext::at(paramPointer, "src"), subject, file);
            }
            continue;
        }
        const QString value = PostmanContext::text(p.value(QLatin1String("value")));
        if (part.name.isEmpty() && value.isEmpty())
            continue;
        part.value = RequestSanitizer::bodyText(m_context.convert(value, paramPointer, subject),
                                                &problems, true);
        parts.append(part);
    }
    if (parts.isEmpty()) {
        m_context.notes(pointer, subject, problems);
        return;
    }
    MultipartBodyWriter::write(parts, request);
    m_context.notes(pointer, subject, problems);
}

} // namespace mr
