#include "jsonreporter.h"

#include "base/urltext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QStringDecoder>
#include <cmath>
#include <cstring>

namespace mr {

namespace {

// The first `limit` bytes of a body, not cut inside a UTF-8 character.
QByteArray keptPart(const QByteArray &body, qint64 limit)
{
    QByteArray kept = body.left(limit);
    if (!kept.isEmpty() && kept.size() < body.size()) {
        // A cut inside a character would make UTF-8 text look binary: cut before it.
        qsizetype lead = kept.size() - 1;
        while (lead > 0 && kept.size() - lead < 4 && (uchar(kept[lead]) & 0xC0) == 0x80)
            --lead;
        const uchar first = uchar(kept.at(qMax<qsizetype>(lead, 0)));
        const int length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
        if (lead >= 0 && kept.size() - lead < length)
            kept.truncate(lead);
    }
    return kept;
}

// The body (at most `limit` bytes) as text when it is UTF-8, else as base64.
void addBody(QJsonObject *object, const QByteArray &body, qint64 size, qint64 limit)
{
    const QByteArray kept = keptPart(body, limit);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(kept);
    if (!decoder.hasError())
        object->insert(QStringLiteral("body"), text);
    else
        object->insert(QStringLiteral("bodyBase64"), QString::fromLatin1(kept.toBase64()));
    object->insert(QStringLiteral("bodySize"), double(size));
    object->insert(QStringLiteral("bodyTruncated"), size > kept.size());
}

double rounded(double ms)
{
    return ms < 0 ? -1 : std::round(ms * 1000.0) / 1000.0;
}

QJsonObject timings(const PhaseTimings &t)
{
    return QJsonObject{
        {QStringLiteral("blocked"), rounded(t.blocked)}, {QStringLiteral("dns"), rounded(t.dns)},
        {QStringLiteral("tcp"), rounded(t.tcp)},         {QStringLiteral("tls"), rounded(t.tls)},
        {QStringLiteral("send"), rounded(t.send)},       {QStringLiteral("wait"), rounded(t.wait)},
        {QStringLiteral("receive"), rounded(t.receive)}};
}

QString outcomeName(AssertionResult::Outcome outcome)
{
    switch (outcome) {
    case AssertionResult::Outcome::Passed: return QStringLiteral("passed");
    case AssertionResult::Outcome::Failed: return QStringLiteral("failed");
    case AssertionResult::Outcome::Skipped: break;
    }
    return QStringLiteral("skipped");
}

// The JSON of one step written straight into bytes, as QJsonDocument::toJson(Compact) writes
// stepObject(): keys in the same (sorted) order, numbers and strings formatted alike, with
// no QJsonObject built on the way. tst_jsonreporter checks that the bytes are the same.
class StepWriter
{
public:
    explicit StepWriter(QByteArray *out)
        : m_out(*out)
        , m_size(out->size())
    {}
    // The buffer ends where the writing did (grow() makes it longer ahead of time).
    ~StepWriter() { m_out.resize(m_size); }
    StepWriter(const StepWriter &) = delete;
    StepWriter &operator=(const StepWriter &) = delete;

    void raw(const char *text) { append(text, qsizetype(std::strlen(text))); }
    void key(const char *name)
    {
        const qsizetype length = qsizetype(std::strlen(name));
        char *p = grow(length + 4);
        if (m_needComma)
            *p++ = ',';
        *p++ = '"';
        std::memcpy(p, name, size_t(length));
        p += length;
        *p++ = '"';
        *p++ = ':';
        done(p);
        m_needComma = true;
    }
    void open(char bracket)
    {
        append(bracket);
        m_needComma = false;
    }
    void close(char bracket)
    {
        append(bracket);
        m_needComma = true;
    }
    void element()
    {
        if (m_needComma)
            append(',');
        m_needComma = false;
    }
    void boolean(bool value) { value ? append("true", 4) : append("false", 5); }
    void integer(qint64 value)
    {
        char digits[24];
        char *end = digits + sizeof digits;
        char *p = end;
        quint64 magnitude = value < 0 ? 0 - quint64(value) : quint64(value);
        do {
            *--p = char('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude != 0);
        if (value < 0)
            *--p = '-';
        append(p, end - p);
    }
    // As QJsonValue(double) keeps it: a whole number up to 2^53 as an integer.
    void number(double value)
    {
        if (!std::isfinite(value)) {
            append("null", 4);
        } else if (value == std::trunc(value) && std::fabs(value) <= 9007199254740992.0) {
            integer(qint64(value));
        } else if (!thousandths(value)) {
            const QByteArray text = QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
            append(text.constData(), text.size());
        }
    }
    // A number of thousandths (what rounded() makes) written as QByteArray::number(value, 'g',
    // shortest) writes it, without its general conversion: the decimal itself, trailing
    // zeros cut, is the shortest that reads back as the same double (below 10^15 digits are
    // exact). False for anything else, written the general way.
    bool thousandths(double value)
    {
        const double scaled = value * 1000.0;
        if (!(std::fabs(scaled) < 1e15))
            return false;
        const qint64 n = std::llround(scaled);
        if (double(n) / 1000.0 != value)
            return false;
        quint64 magnitude = n < 0 ? 0 - quint64(n) : quint64(n);
        unsigned fraction = unsigned(magnitude % 1000);
        magnitude /= 1000;
        int fractionDigits = 3;
        while (fractionDigits > 0 && fraction % 10 == 0) {
            fraction /= 10;
            --fractionDigits;
        }
        if (fractionDigits == 0)
            return false; // a whole number: integer() writes those
        char digits[32];
        char *end = digits + sizeof digits;
        char *p = end;
        for (int i = 0; i < fractionDigits; ++i) {
            *--p = char('0' + fraction % 10);
            fraction /= 10;
        }
        *--p = '.';
        do {
            *--p = char('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude != 0);
        if (n < 0)
            *--p = '-';
        append(p, end - p);
        return true;
    }
    void string(QStringView text)
    {
        // At most 6 bytes for a UTF-16 unit (\uXXXX), and the quotes.
        char *p = grow(6 * text.size() + 2);
        *p++ = '"';
        const char16_t *it = text.utf16();
        const char16_t *const end = it + text.size();
        while (it != end) {
            const char16_t u = *it++;
            if (u < 0x80) {
                p = ascii(p, char(u));
            } else if (u < 0x800) {
                *p++ = char(0xC0 | (u >> 6));
                *p++ = char(0x80 | (u & 0x3F));
            } else if (QChar::isHighSurrogate(u) && it != end && QChar::isLowSurrogate(*it)) {
                const char32_t c = QChar::surrogateToUcs4(u, *it++);
                *p++ = char(0xF0 | (c >> 18));
                *p++ = char(0x80 | ((c >> 12) & 0x3F));
                *p++ = char(0x80 | ((c >> 6) & 0x3F));
                *p++ = char(0x80 | (c & 0x3F));
            } else if (QChar::isSurrogate(u)) {
                p = escape(p, u); // a lone surrogate is no UTF-8
            } else {
                *p++ = char(0xE0 | (u >> 12));
                *p++ = char(0x80 | ((u >> 6) & 0x3F));
                *p++ = char(0x80 | (u & 0x3F));
            }
        }
        *p++ = '"';
        done(p);
    }
    // Bytes that are text already: ASCII written as it is, anything else decoded as `decode`
    // would (Latin-1 or UTF-8, invalid sequences replaced the same way).
    void bytes(const QByteArray &text, QString (*decode)(const QByteArray &))
    {
        // Written while checked, in one pass: what is written counts only once done() says so.
        char *p = grow(6 * text.size() + 2);
        *p++ = '"';
        const char *from = text.constData();
        const char *const end = from + text.size();
        while (from != end) {
            // A run of bytes written as they are, copied at once.
            const char *run = from;
            while (run != end && isPlain(*run))
                ++run;
            std::memcpy(p, from, size_t(run - from));
            p += run - from;
            if (run == end)
                break;
            if (uchar(*run) >= 0x80) {
                string(decode(text));
                return;
            }
            p = ascii(p, *run);
            from = run + 1;
        }
        *p++ = '"';
        done(p);
    }
    static bool isAscii(const QByteArray &text)
    {
        for (const char c : text) {
            if (uchar(c) >= 0x80)
                return false;
        }
        return true;
    }

private:
    // Room for `extra` more bytes, written through the pointer returned; done() says where
    // the writing ended. The buffer is made longer only when it must (not resized for each
    // write), and its capacity stays between steps.
    char *grow(qsizetype extra)
    {
        if (m_out.size() < m_size + extra)
            m_out.resize(qMax(m_size + extra, qMax<qsizetype>(2 * m_out.size(), 4096)));
        return m_out.data() + m_size;
    }
    void done(const char *end) { m_size = end - m_out.constData(); }
    void append(const char *text, qsizetype length)
    {
        char *p = grow(length);
        std::memcpy(p, text, size_t(length));
        done(p + length);
    }
    void append(char c)
    {
        char *p = grow(1);
        *p++ = c;
        done(p);
    }

    // Printable ASCII other than the quote and the backslash: written as it is.
    static bool isPlain(char c)
    {
        return uchar(c) >= 0x20 && uchar(c) < 0x80 && c != '"' && c != '\\';
    }
    static char *ascii(char *p, char c)
    {
        if (uchar(c) >= 0x20 && c != '"' && c != '\\') { // most: as it is
            *p++ = c;
            return p;
        }
        switch (c) {
        case '"':
            *p++ = '\\';
            *p++ = '"';
            return p;
        case '\\':
            *p++ = '\\';
            *p++ = '\\';
            return p;
        case '\b':
            *p++ = '\\';
            *p++ = 'b';
            return p;
        case '\f':
            *p++ = '\\';
            *p++ = 'f';
            return p;
        case '\n':
            *p++ = '\\';
            *p++ = 'n';
            return p;
        case '\r':
            *p++ = '\\';
            *p++ = 'r';
            return p;
        case '\t':
            *p++ = '\\';
            *p++ = 't';
            return p;
        default:
            if (uchar(c) < 0x20)
                return escape(p, char16_t(uchar(c)));
            *p++ = c;
            return p;
        }
    }
    static char *escape(char *p, char16_t u)
    {
        static const char digits[] = "0123456789abcdef";
        *p++ = '\\';
        *p++ = 'u';
        *p++ = digits[(u >> 12) & 0xF];
        *p++ = digits[(u >> 8) & 0xF];
        *p++ = digits[(u >> 4) & 0xF];
        *p++ = digits[u & 0xF];
        return p;
    }

    QByteArray &m_out;
    qsizetype m_size; // what is written; m_out may be longer
    bool m_needComma = false;
};

QString latin1(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes);
}

QString utf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes);
}

void writeHeaders(StepWriter *w, const HttpHeaders &headers)
{
    w->open('[');
    for (const HttpHeaders::Field &field : headers.fields()) {
        w->element();
        w->open('{');
        w->key("name");
        w->bytes(field.first, latin1);
        w->key("value");
        w->bytes(field.second, utf8);
        w->close('}');
    }
    w->close(']');
}

// addBody()'s keys and values: "body" or "bodyBase64" (and, for a response, "bodyNotKept"
// between them and "bodySize", where the sorted keys put it).
void writeBody(StepWriter *w, const QByteArray &body, qint64 size, qint64 limit,
               bool notKept = false)
{
    const QByteArray kept = keptPart(body, limit);
    if (StepWriter::isAscii(kept)) {
        w->key("body");
        w->bytes(kept, utf8);
    } else {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder.decode(kept);
        if (!decoder.hasError()) {
            w->key("body");
            w->string(text);
        } else {
            w->key("bodyBase64");
            w->bytes(kept.toBase64(), latin1);
        }
    }
    if (notKept) {
        w->key("bodyNotKept");
        w->raw("\"larger than the memory limit\"");
    }
    w->key("bodySize");
    w->number(double(size));
    w->key("bodyTruncated");
    w->boolean(size > kept.size());
}

void writeTimings(StepWriter *w, const PhaseTimings &t)
{
    w->open('{');
    w->key("blocked");
    w->number(rounded(t.blocked));
    w->key("dns");
    w->number(rounded(t.dns));
    w->key("receive");
    w->number(rounded(t.receive));
    w->key("send");
    w->number(rounded(t.send));
    w->key("tcp");
    w->number(rounded(t.tcp));
    w->key("tls");
    w->number(rounded(t.tls));
    w->key("wait");
    w->number(rounded(t.wait));
    w->close('}');
}

} // namespace

void JsonReporter::begin(const RunPlan &plan, int iterations)
{
    Q_UNUSED(plan)
    Q_UNUSED(iterations)
    const QJsonObject head{
        {QStringLiteral("tool"), QStringLiteral("microrequests")},
        {QStringLiteral("version"), QCoreApplication::applicationVersion()},
        {QStringLiteral("startedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    QByteArray text = QJsonDocument(head).toJson(QJsonDocument::Compact);
    text.chop(1); // the closing brace: the exchanges follow
    m_out->write(text + ",\"exchanges\":[\n");
}

QJsonObject JsonReporter::stepObject(const RunStep &step) const
{
    const Exchange &e = step.exchange;
    QJsonObject object{{QStringLiteral("iteration"), step.iteration},
                       {QStringLiteral("name"), step.name},
                       {QStringLiteral("file"), step.file},
                       {QStringLiteral("line"), step.line},
                       {QStringLiteral("passed"), step.passed()},
                       {QStringLiteral("startedMs"), rounded(step.startedMs)}};
    if (!step.neededBy.isEmpty())
        object.insert(QStringLiteral("neededBy"), step.neededBy);
    if (!step.error.isEmpty())
        object.insert(QStringLiteral("error"), step.error);
    if (!e.hint.isEmpty())
        object.insert(QStringLiteral("hint"), e.hint);
    if (step.sent) {
        QJsonObject request{{QStringLiteral("method"), QString::fromLatin1(e.request.method)},
                            {QStringLiteral("url"), e.request.url.toString()},
                            {QStringLiteral("headers"), e.request.headers.toJsonArray()}};
        addBody(&request, e.request.body, e.request.bodySize(), m_bodyLimit);
        object.insert(QStringLiteral("request"), request);
        object.insert(QStringLiteral("durationMs"), rounded(e.durationMs));
    }
    if (e.hasResponse()) {
        QJsonObject response{{QStringLiteral("status"), e.status},
                             {QStringLiteral("complete"), e.isComplete()},
                             {QStringLiteral("reason"), QString::fromLatin1(e.reasonPhrase)},
                             {QStringLiteral("httpVersion"), QString::fromLatin1(e.httpVersion)},
                             {QStringLiteral("headers"), e.responseHeaders.toJsonArray()}};
        addBody(&response, e.responseBody, e.responseBodySize, m_bodyLimit);
        if (!e.responseBodyFile.isEmpty())
            response.insert(QStringLiteral("bodyNotKept"),
                            QStringLiteral("larger than the memory limit"));
        object.insert(QStringLiteral("response"), response);
    } else {
        object.insert(QStringLiteral("response"), QJsonValue::Null);
    }
    if (const Attempt *last = e.finalAttempt(); last && !last->connectionId.isEmpty()) {
        object.insert(QStringLiteral("connection"),
                      QJsonObject{{QStringLiteral("id"), last->connectionId},
                                  {QStringLiteral("reused"), last->reused},
                                  {QStringLiteral("requestOnConnection"), last->requestIndex},
                                  {QStringLiteral("localPort"), int(last->localPort)}});
    } else {
        object.insert(QStringLiteral("connection"), QJsonValue::Null);
    }
    QJsonArray attempts;
    for (const Attempt &attempt : e.attempts) {
        attempts.append(QJsonObject{{QStringLiteral("connection"), attempt.connectionId},
                                    {QStringLiteral("reused"), attempt.reused},
                                    {QStringLiteral("requestOnConnection"), attempt.requestIndex},
                                    {QStringLiteral("status"), attempt.status},
                                    {QStringLiteral("error"), attempt.errorString},
                                    {QStringLiteral("outcome"), attempt.outcome},
                                    {QStringLiteral("timings"), timings(attempt.timings)}});
    }
    object.insert(QStringLiteral("attempts"), attempts);
    QJsonArray assertions;
    for (const AssertionResult &result : step.assertions) {
        QJsonObject a{{QStringLiteral("line"), result.line},
                      {QStringLiteral("assertion"), result.description},
                      {QStringLiteral("outcome"), outcomeName(result.outcome)},
                      {QStringLiteral("message"), result.message()}};
        if (!result.passed()) {
            a.insert(QStringLiteral("expected"), result.expected);
            a.insert(QStringLiteral("actual"), result.actual);
        }
        assertions.append(a);
    }
    object.insert(QStringLiteral("assertions"), assertions);
    return object;
}

void JsonReporter::writeStep(const RunStep &step, QByteArray *out) const
{
    const Exchange &e = step.exchange;
    StepWriter w(out);
    w.open('{');
    w.key("assertions");
    w.open('[');
    for (const AssertionResult &result : step.assertions) {
        w.element();
        w.open('{');
        const bool passed = result.passed();
        if (!passed) {
            w.key("actual");
            w.string(result.actual);
        }
        w.key("assertion");
        w.string(result.description);
        if (!passed) {
            w.key("expected");
            w.string(result.expected);
        }
        w.key("line");
        w.integer(result.line);
        w.key("message");
        w.string(result.message());
        w.key("outcome");
        w.string(outcomeName(result.outcome));
        w.close('}');
    }
    w.close(']');
    w.key("attempts");
    w.open('[');
    for (const Attempt &attempt : e.attempts) {
        w.element();
        w.open('{');
        w.key("connection");
        w.string(attempt.connectionId);
        w.key("error");
        w.string(attempt.errorString);
        w.key("outcome");
        w.string(attempt.outcome);
        w.key("requestOnConnection");
        w.integer(attempt.requestIndex);
        w.key("reused");
        w.boolean(attempt.reused);
        w.key("status");
        w.integer(attempt.status);
        w.key("timings");
        writeTimings(&w, attempt.timings);
        w.close('}');
    }
    w.close(']');
    w.key("connection");
    if (const Attempt *last = e.finalAttempt(); last && !last->connectionId.isEmpty()) {
        w.open('{');
        w.key("id");
        w.string(last->connectionId);
        w.key("localPort");
        w.integer(last->localPort);
        w.key("requestOnConnection");
        w.integer(last->requestIndex);
        w.key("reused");
        w.boolean(last->reused);
        w.close('}');
    } else {
        w.raw("null");
    }
    if (step.sent) {
        w.key("durationMs");
        w.number(rounded(e.durationMs));
    }
    if (!step.error.isEmpty()) {
        w.key("error");
        w.string(step.error);
    }
    w.key("file");
    w.string(step.file);
    if (!e.hint.isEmpty()) {
        w.key("hint");
        w.string(e.hint);
    }
    w.key("iteration");
    w.integer(step.iteration);
    w.key("line");
    w.integer(step.line);
    w.key("name");
    w.string(step.name);
    if (!step.neededBy.isEmpty()) {
        w.key("neededBy");
        w.string(step.neededBy);
    }
    w.key("passed");
    w.boolean(step.passed());
    if (step.sent) {
        w.key("request");
        w.open('{');
        writeBody(&w, e.request.body, e.request.bodySize(), m_bodyLimit);
        w.key("headers");
        writeHeaders(&w, e.request.headers);
        w.key("method");
        w.bytes(e.request.method, latin1);
        w.key("url");
        w.string(UrlText::text(e.request.url));
        w.close('}');
    }
    w.key("response");
    if (e.hasResponse()) {
        w.open('{');
        writeBody(&w, e.responseBody, e.responseBodySize, m_bodyLimit,
                  !e.responseBodyFile.isEmpty());
        w.key("complete");
        w.boolean(e.isComplete());
        w.key("headers");
        writeHeaders(&w, e.responseHeaders);
        w.key("httpVersion");
        w.bytes(e.httpVersion, latin1);
        w.key("reason");
        w.bytes(e.reasonPhrase, latin1);
        w.key("status");
        w.integer(e.status);
        w.close('}');
    } else {
        w.raw("null");
    }
    w.key("startedMs");
    w.number(rounded(step.startedMs));
    w.close('}');
}

void JsonReporter::step(const RunStep &step)
{
    // One buffer for every step: its capacity stays, so a step costs no allocation for it.
    m_buffer.resize(0);
    if (!m_first)
        m_buffer.append(",\n");
    m_first = false;
    writeStep(step, &m_buffer);
    m_out->write(m_buffer);
}

QJsonObject JsonReporter::summaryObject(const RunSummary &s)
{
    return QJsonObject{{QStringLiteral("planned"), s.planned},
                       {QStringLiteral("run"), s.run},
                       {QStringLiteral("passed"), s.passed},
                       {QStringLiteral("failed"), s.failed},
                       {QStringLiteral("notRun"), s.notRun()},
                       {QStringLiteral("assertionsPassed"), s.assertionsPassed},
                       {QStringLiteral("assertionsFailed"), s.assertionsFailed},
                       {QStringLiteral("assertionsSkipped"), s.assertionsSkipped},
                       {QStringLiteral("connectionsOpened"), s.connectionsOpened},
                       {QStringLiteral("reused"), s.reused},
                       {QStringLiteral("attempts"), s.attempts},
                       {QStringLiteral("seconds"), s.seconds},
                       {QStringLiteral("bailed"), s.bailed}};
}

void JsonReporter::finish(const RunSummary &summary)
{
    m_out->write("\n],\"summary\":" +
                 QJsonDocument(summaryObject(summary)).toJson(QJsonDocument::Compact) + "}\n");
}

} // namespace mr
