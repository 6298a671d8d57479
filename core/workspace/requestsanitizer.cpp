#include "requestsanitizer.h"

#include "workspace/httpfileparser.h"

#include <QRegularExpression>

namespace mr {

namespace {

const QRegularExpression &lineBreaks()
{
    static const QRegularExpression re(QStringLiteral("[\\r\\n]+"));
    return re;
}

bool isHeaderName(const QString &name)
{
    static const QRegularExpression token(QStringLiteral(R"(^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$)"));
    // "#" would read as a comment, "&" right under the request line as a query continuation.
    return token.match(name).hasMatch() && !name.startsWith(QLatin1Char('#')) &&
           !name.startsWith(QLatin1Char('&'));
}

bool isHex(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
           (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

// Where a "{{…}}" or "{%…%}" starting at `at` ends (exclusive), or -1.
qsizetype templateEnd(const QString &text, qsizetype at)
{
    for (const auto &[open, close] : {std::pair{"{{", "}}"}, std::pair{"{%", "%}"}}) {
        if (QStringView(text).mid(at).startsWith(QLatin1String(open))) {
            const qsizetype end = text.indexOf(QLatin1String(close), at + 2);
            if (end >= 0)
                return end + 2;
        }
    }
    return -1;
}

QString lineList(const QList<int> &lines)
{
    QStringList numbers;
    for (int line : lines)
        numbers.append(QString::number(line));
    return numbers.join(QStringLiteral(", "));
}

} // namespace

QStringList RequestSanitizer::sanitize(RequestDefinition *request, bool *usable)
{
    QStringList problems;
    *usable = true;

    if (request->name.contains(lineBreaks())) {
        request->name.replace(lineBreaks(), QStringLiteral(" "));
        problems.append(QStringLiteral("the name had line breaks; they became spaces"));
    }
    request->name = request->name.trimmed();

    request->method = request->method.trimmed().toUpper();
    if (!HttpFileParser::isMethod(request->method)) {
        *usable = false;
        problems.append(QStringLiteral("the method \"%1\" cannot be written in a .http file "
                                       "(letters and \"-\" only); the request is not imported")
                            .arg(request->method.left(40)));
    }

    QString url = request->url.trimmed();
    if (url.contains(lineBreaks())) {
        url.remove(lineBreaks());
        problems.append(QStringLiteral("the URL had line breaks; they were removed"));
    }
    static const QRegularExpression space(QStringLiteral("\\s"));
    if (url.contains(space)) {
        url.replace(QLatin1Char(' '), QLatin1String("%20"));
        url.replace(space, QLatin1String("%09"));
        problems.append(QStringLiteral("the URL had spaces; they are written as %20"));
    }
    request->url = url;
    if (url.isEmpty()) {
        *usable = false;
        problems.append(QStringLiteral("the request has no URL; it is not imported"));
    }

    QList<RequestDefinition::Header> headers;
    for (RequestDefinition::Header header : std::as_const(request->headers)) {
        header.name = header.name.trimmed();
        if (header.name.isEmpty() && header.value.trimmed().isEmpty())
            continue; // an empty row of a table editor
        if (!isHeaderName(header.name)) {
            problems.append(QStringLiteral("\"%1\" is not a header name a .http file can hold; "
                                           "the header is left out")
                                .arg(header.name.left(60)));
            continue;
        }
        if (header.value.contains(lineBreaks())) {
            header.value.replace(lineBreaks(), QStringLiteral(" "));
            problems.append(
                QStringLiteral("header %1 had line breaks; they became spaces").arg(header.name));
        }
        header.value = header.value.trimmed();
        headers.append(header);
    }
    request->headers = headers;

    // The parser drops a body's trailing blank lines; drop them here so the file reads back
    // the same.
    QStringList lines = request->body.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    request->body = lines.join(QLatin1Char('\n'));
    return problems;
}

QString RequestSanitizer::bodyText(const QString &text, QStringList *problems, bool crlfIsExpected)
{
    QString body = text;
    if (body.contains(QLatin1Char('\r'))) {
        body.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        body.replace(QLatin1Char('\r'), QLatin1Char('\n'));
        if (!crlfIsExpected)
            problems->append(QStringLiteral("the body's CR/CRLF line ends are written as LF"));
    }
    QStringList lines = body.split(QLatin1Char('\n'));
    QList<int> shifted;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.startsWith(QLatin1String("###")) || line.startsWith(QLatin1String("> ")) ||
            line.startsWith(QLatin1String(">>")) || line.startsWith(QLatin1String("<> ")) ||
            line.startsWith(QLatin1String("< "))) {
            lines[i].prepend(QLatin1Char(' '));
            shifted.append(i + 1);
        }
    }
    if (!shifted.isEmpty())
        problems->append(
            QStringLiteral("body line %1 starts like a .http separator, response handler or file "
                           "include (\"###\", \">\", \"<\"); written with a leading space")
                .arg(lineList(shifted)));
    return lines.join(QLatin1Char('\n'));
}

QStringList RequestSanitizer::comments(const QString &description)
{
    QString text = description;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QStringList lines = text.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    while (!lines.isEmpty() && lines.first().trimmed().isEmpty())
        lines.removeFirst();
    QStringList out;
    for (QString line : std::as_const(lines)) {
        while (!line.isEmpty() && line.back().isSpace())
            line.chop(1);
        if (line.isEmpty()) {
            out.append(QStringLiteral("#"));
            continue;
        }
        const qsizetype first = line.indexOf(QRegularExpression(QStringLiteral("\\S")));
        if (line.at(first) == QLatin1Char('@'))
            line.insert(first, QLatin1Char('\\')); // not a "# @directive"
        out.append(QStringLiteral("# ") + line);
    }
    return out;
}

QString RequestSanitizer::encodeComponent(const QString &text, bool form)
{
    static const QString keptInQuery = QStringLiteral("!$'()*,;:@/?");
    QString out;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype end = templateEnd(text, i);
        if (end > 0) {
            out += QStringView(text).mid(i, end - i);
            i = end;
            continue;
        }
        const QChar c = text.at(i);
        if (!form && c == QLatin1Char('%') && i + 2 < text.size() && isHex(text.at(i + 1)) &&
            isHex(text.at(i + 2))) {
            out += QStringView(text).mid(i, 3);
            i += 3;
            continue;
        }
        if (form && c == QLatin1Char(' ')) {
            out += QLatin1Char('+');
            ++i;
            continue;
        }
        if ((c.unicode() < 128 && (c.isLetterOrNumber() || QStringView(u"-._~").contains(c))) ||
            (!form && keptInQuery.contains(c))) {
            out += c;
            ++i;
            continue;
        }
        const qsizetype length = c.isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const QByteArray utf8 = text.mid(i, length).toUtf8();
        for (const char byte : utf8)
            out += QLatin1Char('%') +
                   QString::number(uchar(byte), 16).rightJustified(2, QLatin1Char('0')).toUpper();
        i += length;
    }
    return out;
}

QString RequestSanitizer::singleLine(const QString &text)
{
    QString line = text;
    line.replace(lineBreaks(), QStringLiteral(" "));
    return line;
}

QString RequestSanitizer::authorization(bool digest, const QString &user, const QString &password)
{
    static const QRegularExpression space(QStringLiteral("\\s"));
    // The shorthand needs two words.
    if (!user.isEmpty() && !password.isEmpty() && !user.contains(space) &&
        !password.contains(space))
        return (digest ? QStringLiteral("Digest ") : QStringLiteral("Basic ")) + user +
               QLatin1Char(' ') + password;
    if (digest || user.contains(QLatin1String("{{")) || password.contains(QLatin1String("{{")))
        return {};
    return QStringLiteral("Basic ") +
           QString::fromLatin1((user + QLatin1Char(':') + password).toUtf8().toBase64());
}

QString RequestSanitizer::boundaryFor(const QStringList &texts)
{
    for (int n = 0;; ++n) {
        const QString boundary =
            QStringLiteral("MicrorequestsBoundary") + (n == 0 ? QString() : QString::number(n));
        bool clashes = false;
        for (const QString &text : texts)
            clashes = clashes || text.contains(boundary);
        if (!clashes)
            return boundary;
    }
}

} // namespace mr
