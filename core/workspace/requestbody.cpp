#include "requestbody.h"

#include <QDir>

#include "base/diagnostic.h"
#include "urlquery.h"
#include "workspace/multipartbodywriter.h"
#include "workspace/requestsanitizer.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace mr {

namespace {

bool isContentType(const RequestDefinition::Header &header)
{
    return header.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0;
}

QString mimeOf(const QString &contentType)
{
    return contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
}

bool isMultipart(const QString &contentType)
{
    return mimeOf(contentType).startsWith(QLatin1String("multipart/"));
}

bool isForm(const QString &contentType)
{
    return mimeOf(contentType) == QLatin1String("application/x-www-form-urlencoded");
}

QString boundaryIn(const QString &contentType)
{
    static const QRegularExpression parameter(
        QStringLiteral(";\\s*boundary\\s*=\\s*\"?([^\";]+)\"?"),
        QRegularExpression::CaseInsensitiveOption);
    return parameter.match(contentType).captured(1).trimmed();
}

// A Content-Disposition parameter ("name", "filename"), quoted or not.
QString dispositionParameter(const QString &value, const QString &parameter)
{
    const QRegularExpression re(
        QStringLiteral("(?:^|;)\\s*%1\\s*=\\s*(?:\"([^\"]*)\"|([^;]*))").arg(parameter),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(value);
    return m.hasCaptured(1) ? m.captured(1) : m.captured(2).trimmed();
}

// One multipart part from its lines (the first is its "--boundary" line).
RequestBody::Part parsePart(const QStringList &lines)
{
    RequestBody::Part part;
    int i = 1;
    for (; i < lines.size() && !lines[i].trimmed().isEmpty(); ++i) {
        const QString &line = lines[i];
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString name = line.left(qMax<qsizetype>(colon, 0)).trimmed();
        const QString value = line.mid(colon + 1).trimmed();
        if (colon > 0 &&
            name.compare(QLatin1String("Content-Disposition"), Qt::CaseInsensitive) == 0) {
            part.name = dispositionParameter(value, QStringLiteral("name"));
            part.fileName = dispositionParameter(value, QStringLiteral("filename"));
        } else if (colon > 0 &&
                   name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0) {
            part.contentType = value;
        } else {
            part.otherHeaders.append(line);
        }
    }
    const QStringList content = lines.mid(i + 1);
    if (content.size() == 1 && content.first().startsWith(QLatin1String("< ")))
        part.filePath = content.first().mid(2).trimmed();
    else
        part.value = content.join(QLatin1Char('\n'));
    part.raw = lines.join(QLatin1Char('\n'));
    return part;
}

// Body lines the parser would take for something else ("###" starts a request, "> ", ">>"
// and "<> " response handlers) get a leading space, as RequestSanitizer::bodyText does; "< "
// lines stay, since in a .http body they are file includes the user may mean.
QString bodyLines(const QString &text)
{
    QString body = text;
    body.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    body.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QStringList lines = body.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (line.startsWith(QLatin1String("###")) || line.startsWith(QLatin1String("> ")) ||
            line.startsWith(QLatin1String(">>")) || line.startsWith(QLatin1String("<> ")))
            line.prepend(QLatin1Char(' '));
    }
    return lines.join(QLatin1Char('\n'));
}

void setContentType(RequestDefinition *request, const QString &contentType)
{
    if (contentType.trimmed().isEmpty()) {
        request->headers.removeIf(isContentType);
        return;
    }
    for (RequestDefinition::Header &header : request->headers) {
        if (isContentType(header)) {
            header.value = contentType.trimmed();
            return;
        }
    }
    request->headers.append({QStringLiteral("Content-Type"), contentType.trimmed(), 0});
}

} // namespace

RequestBody RequestBody::read(const RequestDefinition &request)
{
    RequestBody body;
    for (const RequestDefinition::Header &header : request.headers) {
        if (isContentType(header)) {
            body.contentType = header.value;
            break;
        }
    }
    const QString &text = request.body;
    if (text.isEmpty())
        return body;
    if (!text.contains(QLatin1Char('\n')) && text.startsWith(QLatin1String("< "))) {
        body.mode = Mode::Binary;
        body.filePath = text.mid(2).trimmed();
        return body;
    }
    if (isForm(body.contentType) && !text.contains(QLatin1Char('\n'))) {
        QList<UrlQuery::Param> params = UrlQuery::splitQuery(text);
        for (UrlQuery::Param &param : params) {
            body.fields.append({param.name, param.value, true});
            param.hasValue = true; // as applyTo() writes a field
        }
        // "a" (no "=") would be written back as "a=": such a body stays raw, unchanged.
        if (UrlQuery::joinQuery(params, true) == text) {
            body.mode = Mode::Form;
            return body;
        }
        body.fields.clear();
    }
    const QString boundary = boundaryIn(body.contentType);
    if (isMultipart(body.contentType) && !boundary.isEmpty()) {
        const QString delimiter = QStringLiteral("--") + boundary;
        const QString close = delimiter + QStringLiteral("--");
        const QStringList lines = text.split(QLatin1Char('\n'));
        int i = 0;
        while (i < lines.size() && lines[i].trimmed() != delimiter)
            ++i;
        if (i < lines.size()) {
            body.mode = Mode::Multipart;
            body.m_preamble = lines.mid(0, i);
            while (i < lines.size() && lines[i].trimmed() == delimiter) {
                int end = i + 1;
                while (end < lines.size() && lines[end].trimmed() != delimiter &&
                       lines[end].trimmed() != close)
                    ++end;
                body.parts.append(parsePart(lines.mid(i, end - i)));
                i = end;
            }
            body.m_epilogue = lines.mid(i);
            body.m_readAsMultipart = true;
            return body;
        }
    }
    body.mode = Mode::Raw;
    body.text = text;
    return body;
}

void RequestBody::applyTo(RequestDefinition *request) const
{
    switch (mode) {
    case Mode::None:
        request->body.clear();
        setContentType(request, contentType);
        return;
    case Mode::Raw:
        request->body = bodyLines(text);
        setContentType(request, contentType);
        return;
    case Mode::Binary:
        request->body = QStringLiteral("< ") + filePath.trimmed();
        setContentType(request, contentType);
        return;
    case Mode::Form: {
        QList<UrlQuery::Param> params;
        for (const Field &field : fields) {
            UrlQuery::Param param;
            param.name = field.name;
            param.value = field.value;
            param.enabled = field.enabled;
            params.append(param);
        }
        request->body = UrlQuery::joinQuery(params, true);
        setContentType(request, contentType.isEmpty()
                                    ? QStringLiteral("application/x-www-form-urlencoded")
                                    : contentType);
        return;
    }
    case Mode::Multipart: break;
    }

    QString type =
        isMultipart(contentType) ? contentType.trimmed() : QStringLiteral("multipart/form-data");
    QString boundary = boundaryIn(type);
    QList<MultipartBodyWriter::Part> written;
    QStringList texts;
    for (const Part &part : parts) {
        if (!part.enabled)
            continue;
        MultipartBodyWriter::Part out;
        out.name = part.name;
        out.value = bodyLines(part.value);
        out.filePath = part.filePath.trimmed();
        out.fileName = part.fileName.isEmpty() && part.isFile() ? QFileInfo(out.filePath).fileName()
                                                                : part.fileName;
        out.contentType = part.contentType;
        written.append(out);
        texts << part.name << part.value << part.otherHeaders;
    }
    if (boundary.isEmpty()) {
        boundary = RequestSanitizer::boundaryFor(texts);
        type += QStringLiteral("; boundary=") + boundary;
    }
    setContentType(request, type);
    const QString delimiter = QStringLiteral("--") + boundary;
    if (written.isEmpty()) {
        request->body.clear();
        return;
    }

    // MultipartBodyWriter lays out edited parts; unedited ones keep their lines.
    RequestDefinition scratch;
    scratch.headers.append({QStringLiteral("Content-Type"), type, 0});
    QStringList lines = m_preamble;
    int next = 0;
    for (const Part &part : parts) {
        if (!part.enabled)
            continue;
        const MultipartBodyWriter::Part &out = written[next++];
        if (!part.raw.isEmpty() && parsePart(part.raw.split(QLatin1Char('\n'))) == part &&
            part.raw.section(QLatin1Char('\n'), 0, 0).trimmed() == delimiter) {
            lines += part.raw.split(QLatin1Char('\n'));
            continue;
        }
        MultipartBodyWriter::write({out}, &scratch);
        QStringList partLines = scratch.body.split(QLatin1Char('\n'));
        partLines.removeLast(); // the closing boundary
        const qsizetype blank = partLines.indexOf(QString());
        for (qsizetype h = 0; h < part.otherHeaders.size(); ++h)
            partLines.insert(blank + h, part.otherHeaders[h]);
        lines += partLines;
    }
    QStringList epilogue = m_epilogue;
    if (!epilogue.isEmpty() && epilogue.first().trimmed() != delimiter + QStringLiteral("--"))
        epilogue.first() = delimiter + QStringLiteral("--");
    else if (!m_readAsMultipart)
        epilogue.append(delimiter + QStringLiteral("--"));
    lines += epilogue;
    request->body = lines.join(QLatin1Char('\n'));
}

void RequestBody::setMode(Mode newMode)
{
    if (newMode == mode)
        return;
    // Carry what fits over: one-line form text <-> fields <-> text parts.
    if (newMode == Mode::Form && mode == Mode::Raw && !text.contains(QLatin1Char('\n')) &&
        fields.isEmpty()) {
        for (const UrlQuery::Param &param : UrlQuery::splitQuery(text))
            fields.append({param.name, param.value, true});
    } else if (newMode == Mode::Form && mode == Mode::Multipart && fields.isEmpty()) {
        for (const Part &part : std::as_const(parts)) {
            if (!part.isFile())
                fields.append({part.name, part.value, part.enabled});
        }
    } else if (newMode == Mode::Multipart && mode == Mode::Form && parts.isEmpty()) {
        for (const Field &field : std::as_const(fields)) {
            Part part;
            part.name = field.name;
            part.value = field.value;
            part.enabled = field.enabled;
            parts.append(part);
        }
    }
    const bool structured = isForm(contentType) || isMultipart(contentType);
    switch (newMode) {
    case Mode::None: contentType.clear(); break;
    case Mode::Raw:
        if (contentType.isEmpty() || structured)
            contentType = contentTypeFor(RawType::Json);
        break;
    case Mode::Form: contentType = QStringLiteral("application/x-www-form-urlencoded"); break;
    case Mode::Multipart:
        if (!isMultipart(contentType))
            contentType = QStringLiteral("multipart/form-data");
        break;
    case Mode::Binary:
        if (structured)
            contentType = QStringLiteral("application/octet-stream");
        break;
    }
    mode = newMode;
}

RequestBody::RawType RequestBody::rawType(const QString &contentType)
{
    const QString mime = mimeOf(contentType);
    if (mime == QLatin1String("application/json") || mime.endsWith(QLatin1String("+json")))
        return RawType::Json;
    if (mime == QLatin1String("application/xml") || mime == QLatin1String("text/xml") ||
        mime.endsWith(QLatin1String("+xml")))
        return RawType::Xml;
    if (mime == QLatin1String("text/plain"))
        return RawType::Text;
    return RawType::Other;
}

QString RequestBody::contentTypeFor(RawType type)
{
    switch (type) {
    case RawType::Json: return QStringLiteral("application/json");
    case RawType::Xml: return QStringLiteral("application/xml");
    case RawType::Text: return QStringLiteral("text/plain");
    case RawType::Other: return {};
    }
    return {};
}

namespace {

// A JSON checker that accepts "{{…}}" where a value or a key may stand, and says what it
// expected where it stopped (QJsonDocument's messages and offsets are terser).
class JsonChecker
{
public:
    explicit JsonChecker(const QString &text)
        : m_text(text)
    {}

    // Empty when valid; else the message, with *offset where it is.
    QString check(qsizetype *offset)
    {
        skipSpace();
        if (m_pos < m_text.size()) {
            value(0);
            if (m_error.isEmpty()) {
                skipSpace();
                if (m_pos < m_text.size())
                    fail(QStringLiteral("unexpected %1 after the end of the JSON value")
                             .arg(found()));
            }
        }
        *offset = m_errorAt;
        return m_error;
    }

private:
    static constexpr int MaxDepth = 500;

    void fail(const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
            m_errorAt = m_pos;
        }
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }
    QString found() const
    {
        if (atEnd())
            return QStringLiteral("end of text");
        return QStringLiteral("\"%1\"").arg(m_text.at(m_pos));
    }
    void skipSpace()
    {
        while (!atEnd() && QStringView(u" \t\r\n").contains(m_text.at(m_pos)))
            ++m_pos;
    }
    bool placeholder()
    {
        if (!QStringView(m_text).mid(m_pos).startsWith(QLatin1String("{{")))
            return false;
        const qsizetype close = m_text.indexOf(QLatin1String("}}"), m_pos + 2);
        if (close < 0) {
            fail(QStringLiteral("\"{{\" without a closing \"}}\""));
            return true;
        }
        m_pos = close + 2;
        return true;
    }

    void value(int depth)
    {
        if (depth > MaxDepth) {
            fail(QStringLiteral("nested too deeply"));
            return;
        }
        if (placeholder())
            return;
        const QChar c = peek();
        if (c == QLatin1Char('{'))
            object(depth);
        else if (c == QLatin1Char('['))
            array(depth);
        else if (c == QLatin1Char('"'))
            string();
        else if (c == QLatin1Char('-') || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            number();
        else if (!literal(QStringLiteral("true")) && !literal(QStringLiteral("false")) &&
                 !literal(QStringLiteral("null")))
            fail(QStringLiteral("expected a value (a string in double quotes, a number, an "
                                "object, an array, true, false, null or a {{variable}}) but "
                                "found %1")
                     .arg(found()));
    }

    bool literal(const QString &word)
    {
        if (!QStringView(m_text).mid(m_pos).startsWith(word))
            return false;
        const qsizetype end = m_pos + word.size();
        if (end < m_text.size() && m_text.at(end).isLetterOrNumber())
            return false;
        m_pos = end;
        return true;
    }

    void object(int depth)
    {
        ++m_pos; // {
        skipSpace();
        if (peek() == QLatin1Char('}')) {
            ++m_pos;
            return;
        }
        while (m_error.isEmpty()) {
            skipSpace();
            if (peek() == QLatin1Char('"'))
                string();
            else if (!placeholder())
                fail(peek() == QLatin1Char('}')
                         ? QStringLiteral("a comma before \"}\" must be followed by a key")
                         : QStringLiteral("expected a key in double quotes but found %1")
                               .arg(found()));
            if (!m_error.isEmpty())
                return;
            skipSpace();
            if (peek() != QLatin1Char(':')) {
                fail(QStringLiteral("expected \":\" after the key but found %1").arg(found()));
                return;
            }
            ++m_pos;
            skipSpace();
            value(depth + 1);
            if (!m_error.isEmpty())
                return;
            skipSpace();
            if (peek() == QLatin1Char('}')) {
                ++m_pos;
                return;
            }
            if (peek() != QLatin1Char(',')) {
                fail(QStringLiteral("expected \",\" or \"}\" after the value but found %1")
                         .arg(found()));
                return;
            }
            ++m_pos;
        }
    }

    void array(int depth)
    {
        ++m_pos; // [
        skipSpace();
        if (peek() == QLatin1Char(']')) {
            ++m_pos;
            return;
        }
        while (m_error.isEmpty()) {
            skipSpace();
            if (peek() == QLatin1Char(']')) {
                fail(QStringLiteral("a comma before \"]\" must be followed by a value"));
                return;
            }
            value(depth + 1);
            if (!m_error.isEmpty())
                return;
            skipSpace();
            if (peek() == QLatin1Char(']')) {
                ++m_pos;
                return;
            }
            if (peek() != QLatin1Char(',')) {
                fail(QStringLiteral("expected \",\" or \"]\" after the value but found %1")
                         .arg(found()));
                return;
            }
            ++m_pos;
        }
    }

    void string()
    {
        const qsizetype start = m_pos;
        ++m_pos; // "
        while (!atEnd()) {
            const QChar c = m_text.at(m_pos);
            if (c == QLatin1Char('"')) {
                ++m_pos;
                return;
            }
            if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
                fail(QStringLiteral("the string has a line break; close it with \" or write "
                                    "the break as \\n"));
                return;
            }
            if (c.unicode() < 0x20) {
                fail(QStringLiteral("a control character in a string must be escaped"));
                return;
            }
            if (c == QLatin1Char('\\')) {
                ++m_pos;
                const QChar e = peek();
                if (e == QLatin1Char('u')) {
                    for (int k = 1; k <= 4; ++k) {
                        const QChar h = m_pos + k < m_text.size() ? m_text.at(m_pos + k) : QChar();
                        if (!h.isDigit() && !QStringView(u"abcdefABCDEF").contains(h)) {
                            fail(QStringLiteral("\\u must be followed by four hex digits"));
                            return;
                        }
                    }
                    m_pos += 4;
                } else if (!QStringView(u"\"\\/bfnrt").contains(e) || atEnd()) {
                    --m_pos;
                    fail(QStringLiteral("unknown escape \\%1 in a string").arg(e));
                    return;
                }
            }
            ++m_pos;
        }
        m_pos = start;
        fail(QStringLiteral("the string is not closed (a \" is missing)"));
    }

    void number()
    {
        auto digits = [&] {
            const qsizetype from = m_pos;
            while (!atEnd() && peek() >= QLatin1Char('0') && peek() <= QLatin1Char('9'))
                ++m_pos;
            return m_pos > from;
        };
        if (peek() == QLatin1Char('-'))
            ++m_pos;
        if (peek() == QLatin1Char('0')) {
            ++m_pos;
            if (peek() >= QLatin1Char('0') && peek() <= QLatin1Char('9')) {
                fail(QStringLiteral("a number cannot start with 0"));
                return;
            }
        } else if (!digits()) {
            fail(QStringLiteral("expected a digit but found %1").arg(found()));
            return;
        }
        if (peek() == QLatin1Char('.')) {
            ++m_pos;
            if (!digits()) {
                fail(QStringLiteral("expected a digit after \".\" but found %1").arg(found()));
                return;
            }
        }
        if (peek() == QLatin1Char('e') || peek() == QLatin1Char('E')) {
            ++m_pos;
            if (peek() == QLatin1Char('+') || peek() == QLatin1Char('-'))
                ++m_pos;
            if (!digits())
                fail(QStringLiteral("expected the exponent's digits but found %1").arg(found()));
        }
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    QString m_error;
    qsizetype m_errorAt = 0;
};

} // namespace

QString RequestBody::validateJson(const QString &json, int *line, int *column)
{
    qsizetype offset = 0;
    const QString error = JsonChecker(json).check(&offset);
    if (error.isEmpty())
        return {};
    const Diagnostic where = Diagnostic::at(QString(), json, offset, error);
    if (line)
        *line = where.line;
    if (column)
        *column = where.column;
    return error;
}

QString RequestBody::filePathFrom(const QString &folder, const QString &absolutePath)
{
    if (folder.isEmpty())
        return absolutePath;
    const QString relative = QDir(folder).relativeFilePath(absolutePath);
    if (QDir::isAbsolutePath(relative)) // another drive: nothing relative to say
        return relative;
    return relative.startsWith(QLatin1String("../")) ? relative : QStringLiteral("./") + relative;
}

} // namespace mr
