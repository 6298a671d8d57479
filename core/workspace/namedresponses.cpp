#include "namedresponses.h"

#include "content/jsonpath.h"
#include "content/jsonprettyprinter.h"
#include "net/exchange.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace mr {

namespace {

bool isNameCharacter(QChar c)
{
    // REST Client's names are \w+; "-" is common in .http files written by hand.
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-');
}

// The value a JSONPath match stands for in a request: strings without their quotes, the
// rest as written.
QString matchText(QByteArrayView match)
{
    if (match.startsWith('"')) {
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + match.toByteArray() + "]");
        if (wrapped.isArray())
            return wrapped.array().at(0).toString();
    }
    return QString::fromUtf8(match);
}

} // namespace

void NamedResponses::remember(const QString &name, const Entry &entry)
{
    m_entries.insert(name, entry);
}

void NamedResponses::remember(const QString &name, const Exchange &exchange)
{
    Entry entry;
    entry.request.headers = exchange.request.headers;
    entry.request.body = exchange.request.body;
    entry.request.bodySize = exchange.request.body.size();
    entry.status = exchange.status;
    entry.error = exchange.error;
    entry.response.headers = exchange.responseHeaders;
    entry.response.bodySize = exchange.responseBodySize;
    if (exchange.responseBodyFile.isEmpty()) {
        entry.response.body = exchange.responseBody;
        entry.response.bodySize = exchange.responseBody.size();
    } else if (exchange.responseBodySize > MaxBodySize) {
        entry.response.bodyTooLarge = true;
    } else {
        QFile file(exchange.responseBodyFile);
        if (file.open(QIODevice::ReadOnly))
            entry.response.body = file.read(MaxBodySize + 1);
        entry.response.bodyTooLarge = !file.isOpen() || entry.response.body.size() > MaxBodySize;
        if (entry.response.bodyTooLarge)
            entry.response.body.clear();
    }
    remember(name, entry);
}

const NamedResponses::Entry *NamedResponses::entry(const QString &name) const
{
    const auto found = m_entries.constFind(name);
    return found == m_entries.constEnd() ? nullptr : &found.value();
}

QStringList NamedResponses::names() const
{
    QStringList names = m_entries.keys();
    names.sort();
    return names;
}

bool NamedResponses::parse(const QString &expression, Reference *reference)
{
    qsizetype nameEnd = 0;
    while (nameEnd < expression.size() && isNameCharacter(expression.at(nameEnd)))
        ++nameEnd;
    if (nameEnd == 0 || nameEnd >= expression.size() || expression.at(nameEnd) != QLatin1Char('.'))
        return false;
    const QStringView rest = QStringView(expression).mid(nameEnd + 1);
    Reference parsed;
    parsed.name = expression.left(nameEnd);
    qsizetype partEnd = 0;
    if (rest.startsWith(QLatin1String("response.body"))) {
        partEnd = 13;
    } else if (rest.startsWith(QLatin1String("response.headers"))) {
        parsed.body = false;
        partEnd = 16;
    } else if (rest.startsWith(QLatin1String("request.body"))) {
        parsed.response = false;
        partEnd = 12;
    } else if (rest.startsWith(QLatin1String("request.headers"))) {
        parsed.response = false;
        parsed.body = false;
        partEnd = 15;
    } else {
        return false;
    }
    if (rest.size() > partEnd) {
        if (rest.at(partEnd) != QLatin1Char('.'))
            return false; // "login.response.bodyText" is some other variable
        parsed.path = rest.mid(partEnd + 1).trimmed().toString();
    }
    *reference = parsed;
    return true;
}

NamedResponses::Match NamedResponses::resolve(const QString &expression, QString *value,
                                              QString *reason) const
{
    Reference ref;
    if (!parse(expression, &ref))
        return Match::NotAReference;
    const QString side = ref.response ? QStringLiteral("response") : QStringLiteral("request");
    const Entry *found = entry(ref.name);
    if (!found) {
        *reason = QStringLiteral("%1 has not been sent yet: send the request named %1 first")
                      .arg(ref.name);
        return Match::Unresolved;
    }
    if (ref.response && found->status == 0) {
        *reason =
            QStringLiteral("%1 got no response the last time it was sent (%2): send it "
                           "again")
                .arg(ref.name, found->error.isEmpty() ? QStringLiteral("no answer") : found->error);
        return Match::Unresolved;
    }
    if (ref.response && ref.body && !found->error.isEmpty()) {
        // A status came but the body did not arrive whole: a value from it would be a guess.
        *reason = QStringLiteral("%1's response body did not arrive whole the last time it was "
                                 "sent (%2): send it again")
                      .arg(ref.name, found->error);
        return Match::Unresolved;
    }
    const Message &message = ref.response ? found->response : found->request;
    if (ref.path.isEmpty()) {
        *reason =
            ref.body
                ? QStringLiteral("say which part of %1's %2 body: .* for all of it, "
                                 "or a JSONPath such as .$.id")
                      .arg(ref.name, side)
                : QStringLiteral("say which header of %1's %2: .headers.Name").arg(ref.name, side);
        return Match::Unresolved;
    }
    if (!ref.body) {
        const QByteArray name = ref.path.toLatin1();
        if (!message.headers.contains(name)) {
            *reason = QStringLiteral("%1's %2 has no header %3").arg(ref.name, side, ref.path);
            return Match::Unresolved;
        }
        *value = QString::fromUtf8(message.headers.combinedValue(name));
        return Match::Resolved;
    }
    if (message.bodyTooLarge) {
        *reason = QStringLiteral("%1's %2 body (%3) is too large to use in other requests")
                      .arg(ref.name, side, QLocale::system().formattedDataSize(message.bodySize));
        return Match::Unresolved;
    }
    if (ref.path == QLatin1String("*")) {
        *value = QString::fromUtf8(message.body);
        return Match::Resolved;
    }
    if (!ref.path.startsWith(QLatin1Char('$'))) {
        *reason = QStringLiteral("\"%1\" is not a JSONPath (it starts with $, as in $.id); XPath "
                                 "for XML bodies is not supported")
                      .arg(ref.path);
        return Match::Unresolved;
    }
    JsonPath::Error pathError;
    const std::optional<JsonPath> path = JsonPath::compile(ref.path, &pathError);
    if (!path) {
        *reason = QStringLiteral("JSONPath %1: %2").arg(ref.path, pathError.text());
        return Match::Unresolved;
    }
    if (message.body.isEmpty()) {
        *reason = QStringLiteral("%1's %2 body is empty, so %3 matches nothing")
                      .arg(ref.name, side, ref.path);
        return Match::Unresolved;
    }
    const JsonPrettyPrinter::Error jsonError = JsonPrettyPrinter::validate(message.body);
    if (jsonError.isError()) {
        *reason = QStringLiteral("%1's %2 body is not JSON (%3), so %4 cannot match")
                      .arg(ref.name, side, jsonError.text(), ref.path);
        return Match::Unresolved;
    }
    const QList<QByteArrayView> matches = path->evaluate(message.body);
    if (matches.isEmpty()) {
        *reason =
            QStringLiteral("%1 matches nothing in %2's %3 body").arg(ref.path, ref.name, side);
        return Match::Unresolved;
    }
    *value = matchText(matches.first());
    return Match::Resolved;
}

} // namespace mr
