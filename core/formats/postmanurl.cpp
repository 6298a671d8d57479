#include "postmanurl.h"

#include "postmancontext.h"
#include "workspace/requestsanitizer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace mr {

PostmanUrl::PostmanUrl(PostmanContext &context)
    : m_context(context)
{}

QString PostmanUrl::read(const QJsonValue &value, const QString &pointer, const QString &subject)
{
    if (value.isString())
        return m_context.convert(value.toString(), pointer, subject);
    const QJsonObject u = value.toObject();
    QString url;
    const QString raw = u.value(QLatin1String("raw")).toString();
    const QJsonArray query = u.value(QLatin1String("query")).toArray();
    const QString queryPointer = PostmanContext::at(pointer, "query");
    if (!raw.trimmed().isEmpty()) {
        url = m_context.convert(raw, PostmanContext::at(pointer, "raw"), subject);
    } else {
        auto joined = [](const QJsonValue &v, QLatin1Char separator) {
            if (!v.isArray())
                return v.toString();
            QStringList parts;
            const QJsonArray array = v.toArray();
            for (const QJsonValue &part : array)
                parts.append(part.isObject()
                                 ? part.toObject().value(QLatin1String("value")).toString()
                                 : PostmanContext::text(part));
            return parts.join(separator);
        };
        const QString protocol = u.value(QLatin1String("protocol")).toString();
        const QString host = joined(u.value(QLatin1String("host")), QLatin1Char('.'));
        const QString port = PostmanContext::text(u.value(QLatin1String("port")));
        const QString path = joined(u.value(QLatin1String("path")), QLatin1Char('/'));
        if (!protocol.isEmpty())
            url += protocol + QStringLiteral("://");
        url += host;
        if (!port.isEmpty())
            url += QLatin1Char(':') + port;
        if (!path.isEmpty())
            url += (path.startsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + path;
        QStringList pairs;
        for (int i = 0; i < query.size(); ++i) {
            const QJsonObject q = query[i].toObject();
            if (q.value(QLatin1String("disabled")).toBool())
                continue; // reported below
            const QString key = q.value(QLatin1String("key")).toString();
            const QJsonValue v = q.value(QLatin1String("value"));
            if (key.isEmpty() && v.toString().isEmpty())
                continue;
            pairs.append(RequestSanitizer::encodeComponent(key) +
                         (v.isNull() || v.isUndefined()
                              ? QString()
                              : QLatin1Char('=') +
                                    RequestSanitizer::encodeComponent(PostmanContext::text(v))));
        }
        if (!pairs.isEmpty())
            url += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
        const QString hash = u.value(QLatin1String("hash")).toString();
        if (!hash.isEmpty())
            url += QLatin1Char('#') + hash;
        url = m_context.convert(url, pointer, subject);
    }
    for (int i = 0; i < query.size(); ++i) {
        const QJsonObject q = query[i].toObject();
        m_context.skipsDisabled(q, JsonPositions::child(queryPointer, i), subject,
                                QStringLiteral("query parameter"),
                                q.value(QLatin1String("key")).toString());
    }

    // Path variables: "/users/:id" with "variable": [{"key": "id", "value": "5"}].
    const QJsonArray variables = u.value(QLatin1String("variable")).toArray();
    for (int i = 0; i < variables.size(); ++i) {
        const QJsonObject v = variables[i].toObject();
        const QString name = v.value(QLatin1String("key")).toString();
        if (name.isEmpty())
            continue;
        const QString variablePointer =
            JsonPositions::child(PostmanContext::at(pointer, "variable"), i);
        const QRegularExpression placeholder(QStringLiteral("/:") +
                                             QRegularExpression::escape(name) +
                                             QStringLiteral("(?=[/?#]|$)"));
        if (!url.contains(placeholder))
            continue;
        const QString valueText =
            m_context.convert(PostmanContext::text(v.value(QLatin1String("value"))),
                              PostmanContext::at(variablePointer, "value"), subject);
        if (valueText.isEmpty()) {
            m_context.note(variablePointer, QStringLiteral("%1: the path variable \":%2\" has no "
                                                           "value; left as written")
                                                .arg(subject, PostmanContext::shortened(name)));
            continue;
        }
        url.replace(placeholder,
                    QStringLiteral("/") + RequestSanitizer::encodeComponent(valueText).replace(
                                              QLatin1Char('/'), QLatin1String("%2F")));
    }
    return url;
}

void PostmanUrl::readHeaders(const QJsonValue &value, const QString &pointer,
                             const QString &subject, RequestDefinition *request)
{
    if (value.isString()) {
        const QStringList lines = value.toString().split(
            QRegularExpression(QStringLiteral("[\\r\\n]+")), Qt::SkipEmptyParts);
        for (const QString &line : lines) {
            const qsizetype colon = line.indexOf(QLatin1Char(':'));
            if (colon <= 0) {
                if (!line.trimmed().isEmpty())
                    m_context.note(pointer,
                                   QStringLiteral("%1: the header line \"%2\" has no \"Name: "
                                                  "value\"; not imported")
                                       .arg(subject, PostmanContext::shortened(line)));
                continue;
            }
            request->headers.append(
                {line.left(colon).trimmed(),
                 m_context.convert(line.mid(colon + 1).trimmed(), pointer, subject), 0});
        }
        return;
    }
    const QJsonArray headers = value.toArray();
    for (const auto &[h, headerPointer] : PostmanContext::objectsOf(headers, pointer)) {
        const QString name = h.value(QLatin1String("key")).toString();
        if (m_context.skipsDisabled(h, headerPointer, subject, QStringLiteral("header"), name))
            continue;
        request->headers.append(
            {m_context.convert(name, PostmanContext::at(headerPointer, "key"), subject),
             m_context.convert(PostmanContext::text(h.value(QLatin1String("value"))),
                               PostmanContext::at(headerPointer, "value"), subject),
             0});
    }
}

void PostmanUrl::appendQuery(QString *url, const QStringList &pairs)
{
    if (pairs.isEmpty())
        return;
    const qsizetype hash = url->indexOf(QLatin1Char('#'));
    QString fragment;
    if (hash >= 0) {
        fragment = url->mid(hash);
        url->truncate(hash);
    }
    *url += (url->contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
            pairs.join(QLatin1Char('&')) + fragment;
}

} // namespace mr
