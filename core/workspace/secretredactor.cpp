#include "secretredactor.h"

#include "base/urltext.h"
#include "environmentset.h"
#include "http/credentialnames.h"
#include "requestauth.h"
#include "requestdefinition.h"
#include "variableexpander.h"

#include <algorithm>
#include <cstring>

namespace mr {

namespace {

// As QByteArray::trimmed() trims.
QByteArrayView trimmedView(QByteArrayView bytes)
{
    const auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
    };
    qsizetype begin = 0;
    qsizetype end = bytes.size();
    while (begin < end && space(bytes[begin]))
        ++begin;
    while (end > begin && space(bytes[end - 1]))
        --end;
    return bytes.sliced(begin, end - begin);
}

// `name` in any case is `lower` (a name in lower-case ASCII).
bool isName(QByteArrayView name, const char *lower)
{
    const auto size = qsizetype(std::strlen(lower));
    if (name.size() != size)
        return false;
    for (qsizetype i = 0; i < size; ++i) {
        const char c = name[i];
        if ((c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c) != lower[i])
            return false;
    }
    return true;
}

qsizetype indexOf(QByteArrayView bytes, char c, qsizetype from = 0)
{
    if (from >= bytes.size())
        return -1;
    const void *found = std::memchr(bytes.data() + from, c, size_t(bytes.size() - from));
    return found ? static_cast<const char *>(found) - bytes.data() : -1;
}

// Whether `pattern` (not empty) occurs in `bytes`: the first byte by memchr, then the rest
// compared. For the few short patterns of a redactor in short headers and bodies this is
// much cheaper than QByteArray::contains(), which sets up a general search each time.
bool containsBytes(QByteArrayView bytes, QByteArrayView pattern)
{
    const qsizetype last = bytes.size() - pattern.size(); // the last start that fits
    const char first = pattern.front();
    for (qsizetype from = 0; from <= last;) {
        const qsizetype at = indexOf(bytes.first(last + 1), first, from);
        if (at < 0)
            return false;
        if (std::memcmp(bytes.data() + at + 1, pattern.data() + 1, size_t(pattern.size() - 1)) == 0)
            return true;
        from = at + 1;
    }
    return false;
}

// The same for text, by UTF-16 units.
bool containsText(QStringView text, QStringView pattern)
{
    const qsizetype last = text.size() - pattern.size();
    const char16_t *const chars = text.utf16();
    const char16_t *const p = pattern.utf16();
    for (qsizetype at = 0; at <= last; ++at) {
        if (chars[at] == p[0] &&
            std::memcmp(chars + at + 1, p + 1, size_t(pattern.size() - 1) * sizeof(char16_t)) == 0)
            return true;
    }
    return false;
}

bool isForm(const HttpHeaders &headers)
{
    return headers.value("Content-Type").toLower().contains("application/x-www-form-urlencoded");
}

// A query or form component as text, with "+" read both ways (a space in forms, itself in
// URLs): either may be what a secret is compared with.
QStringList decodedForms(const QByteArray &raw)
{
    const QString plain = QUrl::fromPercentEncoding(raw);
    const QString form = QUrl::fromPercentEncoding(QByteArray(raw).replace('+', ' '));
    return plain == form ? QStringList{plain} : QStringList{plain, form};
}

// The forms a value takes in text: as it is, percent-encoded (URLs, form bodies) and
// escaped in a JSON string (echoed bodies, reports); values shorter than `minimum` have none.
void addPatterns(QStringList *patterns, const QStringList &values, qsizetype minimum)
{
    for (const QString &value : values) {
        if (value.size() < minimum)
            continue;
        QString json = value;
        json.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        json.replace(QLatin1Char('"'), QLatin1String("\\\""));
        for (const QString &form :
             {value, QString::fromLatin1(QUrl::toPercentEncoding(value)), json}) {
            if (!patterns->contains(form))
                patterns->append(form);
        }
    }
}

} // namespace

SecretRedactor SecretRedactor::disabled()
{
    SecretRedactor redactor;
    redactor.m_enabled = false;
    return redactor;
}

SecretRedactor SecretRedactor::forEnvironment(const EnvironmentSet &environments,
                                              const QString &environment)
{
    SecretRedactor redactor;
    const QHash<QString, QString> secrets = environments.secretVariables(environment);
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        redactor.insertValue(it.value());
    redactor.updatePatterns();
    return redactor;
}

SecretRedactor SecretRedactor::forRequest(const RequestDefinition &request,
                                          const VariableExpander &expander,
                                          const EnvironmentSet &environments,
                                          const QString &environment, bool *fixed)
{
    // forEnvironment(), with the secret variables gathered once and the patterns made once.
    SecretRedactor redactor;
    const QHash<QString, QString> secrets = environments.secretVariables(environment);
    for (const QString &value : secrets)
        redactor.insertValue(value);
    bool allFixed = true;
    // A value is what it expands to; one that does not expand fully was not sent as written.
    const auto expanded = [&expander, &allFixed, fixed](const QString &text) {
        if (fixed && allFixed)
            allFixed = expander.isFixed(text);
        const VariableExpander::Result result = expander.expand(text);
        return result.unresolved.isEmpty() ? result.text : QString();
    };
    for (const QString &value : secrets) {
        if (value.contains(QLatin1String("{{")))
            redactor.insertValue(expanded(value));
    }
    // What an auth helper wrote counts as a secret too.
    const RequestAuth auth = RequestAuth::read(request);
    switch (auth.kind) {
    case RequestAuth::Kind::None: break;
    case RequestAuth::Kind::Basic:
    case RequestAuth::Kind::Digest: redactor.insertValue(expanded(auth.password)); break;
    case RequestAuth::Kind::Bearer: redactor.insertValue(expanded(auth.token)); break;
    case RequestAuth::Kind::ApiKey:
        if (auth.where == RequestAuth::Where::Header)
            redactor.addHeaderName(expanded(auth.keyName).toLatin1());
        else
            redactor.addParamName(expanded(auth.keyName));
        redactor.insertValue(expanded(auth.keyValue));
        break;
    }
    redactor.updatePatterns();
    if (fixed)
        *fixed = allFixed;
    return redactor;
}

void SecretRedactor::addValue(const QString &value)
{
    if (insertValue(value))
        updatePatterns();
}

bool SecretRedactor::insertValue(const QString &value)
{
    if (value.trimmed().isEmpty() || value == QLatin1String(mask()) || m_values.contains(value))
        return false;
    m_values.append(value);
    return true;
}

bool SecretRedactor::insertCookieValue(const QString &value)
{
    if (value.trimmed().isEmpty() || m_cookieValues.contains(value))
        return false;
    m_cookieValues.append(value);
    return true;
}

void SecretRedactor::updatePatterns()
{
    QStringList patterns;
    addPatterns(&patterns, m_values, MinimumLengthInText);
    addPatterns(&patterns, m_cookieValues, MinimumCookieLengthInText);
    // Longest first, so a secret inside another is masked after it.
    std::stable_sort(patterns.begin(), patterns.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
    m_patternsUtf8.clear();
    m_patternsUtf8.reserve(patterns.size());
    for (const QString &pattern : std::as_const(patterns))
        m_patternsUtf8.append(pattern.toUtf8());
    m_patterns = patterns;
}

void SecretRedactor::addHeaderName(const QByteArray &name)
{
    if (!name.trimmed().isEmpty())
        m_headerNames.insert(name.trimmed().toLower());
}

void SecretRedactor::addParamName(const QString &name)
{
    if (!name.isEmpty())
        m_paramNames.insert(name.toLower());
}

qsizetype SecretRedactor::longestValue() const
{
    qsizetype longest = 0;
    for (const QByteArray &pattern : m_patternsUtf8)
        longest = qMax(longest, pattern.size());
    return longest;
}

SecretRedactor::HeaderKind SecretRedactor::headerKind(QByteArrayView name) const
{
    name = trimmedView(name);
    if (isName(name, "authorization") || isName(name, "proxy-authorization"))
        return HeaderKind::Authorization;
    if (isName(name, "cookie"))
        return HeaderKind::Cookie;
    if (isName(name, "set-cookie"))
        return HeaderKind::SetCookie;
    return isSecretHeader(name) ? HeaderKind::Secret : HeaderKind::Plain;
}

bool SecretRedactor::isSecretHeader(QByteArrayView trimmedName) const
{
    return (!m_headerNames.isEmpty() &&
            m_headerNames.contains(trimmedName.toByteArray().toLower())) ||
           CredentialNames::isCredentialName(trimmedName);
}

bool SecretRedactor::isSecretParam(const QString &name) const
{
    return m_paramNames.contains(name.toLower()) || CredentialNames::isCredentialName(name);
}

bool SecretRedactor::isSecretParam(QByteArrayView encodedName) const
{
    // Without '%' and in ASCII, the name decodes to itself: no need to decode it.
    for (const char c : encodedName) {
        if (c == '%' || static_cast<unsigned char>(c) >= 0x80)
            return isSecretParam(QUrl::fromPercentEncoding(encodedName.toByteArray()));
    }
    return (!m_paramNames.isEmpty() &&
            m_paramNames.contains(QString::fromLatin1(encodedName).toLower())) ||
           CredentialNames::isCredentialName(encodedName);
}

bool SecretRedactor::isWholeSecret(const QString &value) const
{
    return m_values.contains(value);
}

bool SecretRedactor::isWholeSecret(QByteArrayView utf8) const
{
    if (m_values.isEmpty())
        return false;
    for (const char c : utf8) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return isWholeSecret(QString::fromUtf8(utf8));
    }
    // In ASCII, UTF-8 is Latin-1: compared as it is, not made a QString first.
    const QLatin1String ascii(utf8.data(), utf8.size());
    for (const QString &value : m_values) {
        if (value == ascii)
            return true;
    }
    return false;
}

bool SecretRedactor::collect(QByteArrayView name, QByteArrayView value)
{
    const HeaderKind kind = headerKind(name);
    if (kind == HeaderKind::Plain)
        return false;
    const QByteArray v = trimmedView(value).toByteArray();
    bool added = false;
    switch (kind) {
    case HeaderKind::Plain: break;
    case HeaderKind::Authorization: {
        const qsizetype space = v.indexOf(' ');
        const QByteArray credentials = space < 0 ? v : v.mid(space + 1).trimmed();
        added |= insertValue(QString::fromUtf8(credentials));
        if (space > 0 && v.left(space).compare("Basic", Qt::CaseInsensitive) == 0) {
            const auto decoded = QByteArray::fromBase64Encoding(
                credentials, QByteArray::AbortOnBase64DecodingErrors);
            const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
            if (colon >= 0)
                added |= insertValue(QString::fromUtf8(decoded.decoded.mid(colon + 1)));
        }
        break;
    }
    case HeaderKind::Cookie:
        for (const QByteArray &pair : v.split(';')) {
            const qsizetype equals = pair.indexOf('=');
            if (equals >= 0)
                added |= insertCookieValue(QString::fromUtf8(pair.mid(equals + 1).trimmed()));
        }
        break;
    case HeaderKind::SetCookie: {
        const QByteArray first = v.left(v.indexOf(';') < 0 ? v.size() : v.indexOf(';'));
        const qsizetype equals = first.indexOf('=');
        if (equals >= 0)
            added |= insertCookieValue(QString::fromUtf8(first.mid(equals + 1).trimmed()));
        break;
    }
    case HeaderKind::Secret: added |= insertValue(QString::fromUtf8(v)); break;
    }
    return added;
}

bool SecretRedactor::collectQuery(const QByteArray &query)
{
    bool added = false;
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0 || !isSecretParam(QByteArrayView(pair).first(equals)))
            continue;
        const QByteArray raw = pair.mid(equals + 1);
        added |= insertValue(QString::fromLatin1(raw));
        for (const QString &value : decodedForms(raw))
            added |= insertValue(value);
    }
    return added;
}

SecretRedactor SecretRedactor::withSecretsOf(const Exchange &exchange) const
{
    SecretRedactor all = *this;
    if (!m_enabled)
        return all;
    bool added = false;
    const HttpRequest &request = exchange.request;
    for (const HttpHeaders::Field &field : request.headers.fields())
        added |= all.collect(field.first, field.second);
    if (request.url.hasQuery())
        added |= all.collectQuery(request.url.query(QUrl::FullyEncoded).toLatin1());
    added |= all.insertValue(request.url.password());
    if (isForm(request.headers))
        added |= all.collectQuery(request.body);
    for (const HttpHeaders *headers : {&exchange.responseHeaders, &exchange.trailers}) {
        for (const HttpHeaders::Field &field : headers->fields())
            added |= all.collect(field.first, field.second);
    }
    for (const Attempt &attempt : exchange.attempts) {
        // The head as written: the engine's own Authorization (a Digest answer) is only there.
        const QByteArrayView head = attempt.requestHead;
        qsizetype sentField = 0; // the next of the request's headers a line may be
        qsizetype from = 0;
        for (qsizetype i = 0; from <= head.size(); ++i) {
            qsizetype next = indexOf(head, '\n', from);
            next = next < 0 ? head.size() : next;
            const QByteArrayView line = trimmedView(head.sliced(from, next - from));
            from = next + 1;
            if (i == 0) {
                const qsizetype question = indexOf(line, '?');
                const qsizetype end = question < 0 ? -1 : indexOf(line, ' ', question);
                if (question >= 0)
                    added |= all.collectQuery(
                        line.sliced(question + 1)
                            .first(end < 0 ? line.size() - question - 1 : end - question - 1)
                            .toByteArray());
            } else if (const qsizetype colon = indexOf(line, ':'); colon > 0) {
                // A line that is one of the request's headers (most are) was collected above.
                const QList<HttpHeaders::Field> &fields = request.headers.fields();
                if (sentField < fields.size() && fields[sentField].first == line.first(colon) &&
                    trimmedView(fields[sentField].second) == trimmedView(line.sliced(colon + 1))) {
                    ++sentField;
                    continue;
                }
                added |= all.collect(line.first(colon), line.sliced(colon + 1));
            }
        }
        // Most often the final attempt's are the response's, collected above already.
        if (attempt.responseHeaders == exchange.responseHeaders)
            continue;
        for (const HttpHeaders::Field &field : attempt.responseHeaders.fields())
            added |= all.collect(field.first, field.second);
    }
    if (added)
        all.updatePatterns();
    return all;
}

QByteArray SecretRedactor::redactedHeaderValue(QByteArrayView name, const QByteArray &value) const
{
    const HeaderKind kind = headerKind(name);
    if (kind == HeaderKind::Authorization) { // the scheme says what kind of credentials went
        const QByteArray v = value.trimmed();
        const qsizetype space = v.indexOf(' ');
        return space > 0 ? v.left(space) + ' ' + mask() : mask();
    }
    if (kind == HeaderKind::Cookie) { // the names say which cookies went
        QList<QByteArray> pairs;
        for (const QByteArray &pair : value.split(';')) {
            const QByteArray trimmed = pair.trimmed();
            const qsizetype equals = trimmed.indexOf('=');
            if (!trimmed.isEmpty())
                pairs.append(equals < 0 ? mask() : trimmed.left(equals + 1) + mask());
        }
        return pairs.join("; ");
    }
    if (kind == HeaderKind::SetCookie) { // the name and attributes stay
        const qsizetype semicolon = value.indexOf(';');
        const QByteArray first = value.left(semicolon < 0 ? value.size() : semicolon).trimmed();
        const qsizetype equals = first.indexOf('=');
        return (equals < 0 ? mask() : first.left(equals + 1) + mask()) +
               (semicolon < 0 ? QByteArray() : redactedBytes(value.mid(semicolon)));
    }
    if (kind == HeaderKind::Secret || isWholeSecret(trimmedView(value)))
        return mask();
    return redactedBytes(value);
}

bool SecretRedactor::isSecretPair(QByteArrayView pair) const
{
    const qsizetype equals = indexOf(pair, '=');
    if (equals < 0 || equals + 1 == pair.size())
        return false;
    if (isSecretParam(pair.first(equals)))
        return true;
    if (m_values.isEmpty())
        return false;
    const QByteArrayView raw = pair.sliced(equals + 1);
    // Without '%' and '+', both decoded forms are the bytes as UTF-8: compared as they are.
    if (indexOf(raw, '%') < 0 && indexOf(raw, '+') < 0)
        return isWholeSecret(raw);
    bool secret = false;
    for (const QString &value : decodedForms(raw.toByteArray()))
        secret = secret || isWholeSecret(value);
    return secret;
}

QByteArray SecretRedactor::redactedQuery(const QByteArray &query) const
{
    // Pair by pair as views, as split('&') and join('&') would go: the query is made anew
    // only from the first pair that is masked, and most queries have none.
    QByteArray result;
    bool changed = false;
    qsizetype from = 0;
    for (;;) {
        const qsizetype amp = indexOf(query, '&', from);
        const qsizetype end = amp < 0 ? query.size() : amp;
        const QByteArrayView pair = QByteArrayView(query).sliced(from, end - from);
        const bool masked = isSecretPair(pair);
        if (masked || changed) {
            if (!changed) {
                result = query.left(from); // with the '&' before this pair
                changed = true;
            } else {
                result += '&';
            }
            if (masked) {
                result += pair.first(indexOf(pair, '=') + 1);
                result += mask();
            } else {
                result += pair;
            }
        }
        if (amp < 0)
            break;
        from = amp + 1;
    }
    return changed ? result : query;
}

QByteArray SecretRedactor::redactedHead(const QByteArray &head, const HttpHeaders &sent,
                                        const HttpHeaders &sentRedacted) const
{
    const QList<HttpHeaders::Field> &fields = sent.fields();
    qsizetype field = 0; // the next of `fields` a line may be
    // Line by line, as views: only a line that changes is made anew, and the head is copied
    // only when one does.
    const QByteArrayView all = head;
    QByteArray changed;   // the head up to `copied`, once a line changed
    qsizetype copied = 0; // what of the head is in `changed` already
    bool anyChanged = false;
    qsizetype from = 0;
    for (qsizetype i = 0; from <= all.size(); ++i) {
        qsizetype next = indexOf(all, '\n', from);
        next = next < 0 ? all.size() : next;
        QByteArrayView line = all.sliced(from, next - from);
        const bool cr = line.endsWith('\r');
        if (cr)
            line.chop(1);
        QByteArray redacted; // the line anew, when it changes
        bool lineChanged = false;
        if (i == 0) { // METHOD target HTTP/1.1
            const qsizetype question = indexOf(line, '?');
            if (question >= 0) {
                qsizetype end = indexOf(line, ' ', question);
                end = end < 0 ? line.size() : end;
                const QByteArrayView query = line.sliced(question + 1, end - question - 1);
                const QByteArray redactedQ =
                    redactedQuery(QByteArray::fromRawData(query.data(), query.size()));
                lineChanged = redactedQ != QByteArray::fromRawData(query.data(), query.size());
                if (lineChanged)
                    redacted = line.first(question + 1).toByteArray() + redactedQ +
                               line.sliced(end).toByteArray();
            }
        } else if (const qsizetype colon = indexOf(line, ':'); colon > 0) {
            const QByteArrayView trimmed = trimmedView(line.sliced(colon + 1));
            const QByteArray value = QByteArray::fromRawData(trimmed.data(), trimmed.size());
            // redactedHeaderValue() of the same name and value gives the same.
            const bool known = field < fields.size() && fields[field].first == line.first(colon) &&
                               fields[field].second == value;
            const QByteArray redactedValue = known ? sentRedacted.fields().at(field).second
                                                   : redactedHeaderValue(line.first(colon), value);
            if (known)
                ++field;
            lineChanged = redactedValue != value;
            if (lineChanged)
                redacted = line.first(colon).toByteArray() + ": " + redactedValue;
        }
        if (lineChanged) {
            anyChanged = true;
            changed += all.sliced(copied, from - copied);
            changed += redacted;
            if (cr)
                changed += '\r';
            copied = next;
        }
        from = next + 1;
    }
    if (!anyChanged)
        return redactedBytes(head);
    changed += all.sliced(copied);
    return redactedBytes(changed);
}

HttpHeaders SecretRedactor::redacted(const HttpHeaders &headers) const
{
    if (!m_enabled)
        return headers;
    // The headers as they are until a value changes.
    const QList<HttpHeaders::Field> &fields = headers.fields();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        QByteArray value = redactedHeaderValue(fields[i].first, fields[i].second);
        if (value == fields[i].second)
            continue;
        HttpHeaders result;
        result.reserve(fields.size());
        for (qsizetype j = 0; j < i; ++j)
            result.append(fields[j].first, fields[j].second);
        result.append(fields[i].first, value);
        for (qsizetype j = i + 1; j < fields.size(); ++j)
            result.append(fields[j].first, redactedHeaderValue(fields[j].first, fields[j].second));
        return result;
    }
    return headers;
}

QUrl SecretRedactor::redacted(const QUrl &url) const
{
    if (!m_enabled || url.isEmpty())
        return url;
    QUrl result = url;
    if (!result.password().isEmpty())
        result.setPassword(QString::fromLatin1(mask()));
    if (result.hasQuery()) {
        const QByteArray query = result.query(QUrl::FullyEncoded).toLatin1();
        if (const QByteArray redactedOne = redactedQuery(query); redactedOne != query)
            result.setQuery(QString::fromLatin1(redactedOne));
    }
    // Parsed anew only when a secret value was found in it (most URLs carry none).
    const QByteArray encoded = UrlText::encoded(result);
    const QByteArray redactedEncoded = redactedBytes(encoded);
    return redactedEncoded == encoded ? result : QUrl::fromEncoded(redactedEncoded);
}

QByteArray SecretRedactor::redactedBytes(const QByteArray &bytes) const
{
    if (!m_enabled || bytes.isEmpty())
        return bytes;
    QByteArray result = bytes;
    for (const QByteArray &pattern : m_patternsUtf8) {
        // replace() would copy the bytes even when it finds none
        if (pattern.isEmpty() ? result.contains(pattern) : containsBytes(result, pattern))
            result.replace(pattern, mask());
    }
    return result;
}

QString SecretRedactor::redactedText(const QString &text) const
{
    if (!m_enabled || text.isEmpty())
        return text;
    QString result = text;
    for (const QString &pattern : m_patterns) {
        if (pattern.isEmpty() ? result.contains(pattern) : containsText(result, pattern))
            result.replace(pattern, QLatin1String(mask()));
    }
    return result;
}

QString SecretRedactor::redactedTemplate(const QString &text) const
{
    if (!m_enabled || text.isEmpty())
        return text;
    QString result;
    qsizetype from = 0;
    qsizetype open = 0;
    qsizetype close = 0;
    while (VariableExpander::nextReference(text, from, &open, &close)) {
        result += redactedText(text.mid(from, open - from)) + text.mid(open, close + 2 - open);
        from = close + 2;
    }
    return result + redactedText(text.mid(from));
}

Exchange SecretRedactor::redacted(const Exchange &exchange) const
{
    if (!m_enabled)
        return exchange;
    return withSecretsOf(exchange).redactedCollected(exchange);
}

Exchange SecretRedactor::redactedCollected(const Exchange &exchange) const
{
    if (!m_enabled)
        return exchange;
    const SecretRedactor &all = *this;
    Exchange x = exchange;
    x.request.url = all.redacted(exchange.request.url);
    x.request.headers = all.redacted(exchange.request.headers);
    x.request.body = all.redactedBytes(isForm(exchange.request.headers)
                                           ? all.redactedQuery(exchange.request.body)
                                           : exchange.request.body);
    x.responseHeaders = all.redacted(exchange.responseHeaders);
    x.trailers = all.redacted(exchange.trailers);
    x.responseBody = all.redactedBytes(exchange.responseBody);
    // The size says what the body holds now, so a masked body does not read as cut short.
    x.responseBodySize = qMax<qint64>(0, exchange.responseBodySize + x.responseBody.size() -
                                             exchange.responseBody.size());
    for (Attempt &attempt : x.attempts) {
        attempt.requestHead =
            all.redactedHead(attempt.requestHead, exchange.request.headers, x.request.headers);
        // The final attempt's are most often the response's: masked the same, masked once.
        attempt.responseHeaders = attempt.responseHeaders == exchange.responseHeaders
                                      ? x.responseHeaders
                                      : all.redacted(attempt.responseHeaders);
        attempt.errorString = all.redactedText(attempt.errorString);
        attempt.outcome = all.redactedText(attempt.outcome);
    }
    x.error = all.redactedText(exchange.error);
    x.hint = all.redactedText(exchange.hint);
    return x;
}

} // namespace mr
