#include "httpfileparser.h"

#include "httpfilelines.h"

#include <QFile>

namespace mr {

namespace {

enum class State { Preamble, Headers, Body, Handlers };

bool isComment(const QString &line)
{
    const QString t = line.trimmed();
    return t.startsWith(QLatin1Char('#')) || t.startsWith(QLatin1String("//"));
}

bool parseDirective(const QString &line, RequestDefinition::Directive *directive)
{
    return HttpFileLines::directive(line, &directive->name, &directive->value);
}

bool parseFileVariable(const QString &line, QPair<QString, QString> *variable)
{
    return HttpFileLines::fileVariable(line, &variable->first, &variable->second);
}

bool isHandlerLine(const QString &line)
{
    return line.startsWith(QLatin1String("> ")) || line.startsWith(QLatin1String(">>")) ||
           line.startsWith(QLatin1String("<> "));
}

class Parser
{
public:
    Parser(const QByteArray &raw, const QString &path)
        : m_raw(raw)
    {
        m_file.path = path;
        m_file.loadedBytes = raw;
    }

    HttpFile run()
    {
        // Cut the bytes into lines (terminators kept) and blocks at "###" lines.
        int crlf = 0;
        int lf = 0;
        QList<QByteArray> rawLines;
        qsizetype pos = 0;
        while (pos < m_raw.size()) {
            qsizetype end = m_raw.indexOf('\n', pos);
            end = end < 0 ? m_raw.size() : end + 1;
            rawLines.append(m_raw.mid(pos, end - pos));
            if (rawLines.last().endsWith("\r\n"))
                ++crlf;
            else if (rawLines.last().endsWith('\n'))
                ++lf;
            pos = end;
        }
        m_file.lineEnding = crlf > lf ? QByteArray("\r\n") : QByteArray("\n");
        m_file.blocks.append(QByteArray());
        startBlock(1, QString(), 0);
        for (int i = 0; i < rawLines.size(); ++i) {
            QString line = QString::fromUtf8(rawLines[i]);
            while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
                line.chop(1);
            if (i == 0 && line.startsWith(QChar(0xfeff)))
                line.remove(0, 1);
            const int number = i + 1;
            if (line.startsWith(QLatin1String("###"))) {
                endBlock(number - 1);
                m_file.blocks.append(QByteArray());
                startBlock(number + 1, line.mid(3).trimmed(), int(m_file.blocks.size()) - 1);
            } else {
                handleLine(line, number);
            }
            m_file.blocks.last() += rawLines[i];
        }
        endBlock(int(rawLines.size()));
        if (m_file.blocks.size() > 1 && m_file.blocks.first().isEmpty()) {
            // The file starts with "###": there is nothing before the first block.
            m_file.blocks.removeFirst();
            for (RequestDefinition &request : m_file.requests)
                --request.block;
        }
        return m_file;
    }

private:
    void startBlock(int firstLine, const QString &separatorName, int block)
    {
        m_request = RequestDefinition();
        m_request.firstLine = firstLine;
        m_request.block = block;
        if (!separatorName.isEmpty()) {
            m_request.name = separatorName;
            m_request.nameSource = RequestDefinition::NameSource::Separator;
        }
        m_state = State::Preamble;
        m_hasRequest = false;
        m_blockFailed = false;
        m_bodyLines.clear();
        m_handlerLines.clear();
    }

    void endBlock(int lastLine)
    {
        if (!m_hasRequest || m_blockFailed)
            return;
        for (QStringList *lines : {&m_bodyLines, &m_handlerLines}) {
            while (!lines->isEmpty() && lines->last().trimmed().isEmpty())
                lines->removeLast();
        }
        m_request.body = m_bodyLines.join(QLatin1Char('\n'));
        m_request.responseHandlers = m_handlerLines.join(QLatin1Char('\n'));
        m_request.lastLine = lastLine;
        QStringList problems;
        m_request.options(&problems);
        for (const QString &problem : problems) {
            Diagnostic d;
            d.file = m_file.path;
            d.line =
                problem.section(QLatin1String("(line "), 1).section(QLatin1Char(')'), 0, 0).toInt();
            d.column = 1;
            d.message = problem;
            d.severity = Diagnostic::Severity::Warning;
            m_file.diagnostics.append(d);
        }
        m_file.requests.append(m_request);
    }

    void error(int line, int column, const QString &message)
    {
        Diagnostic d;
        d.file = m_file.path;
        d.line = line;
        d.column = column;
        d.message = message;
        m_file.diagnostics.append(d);
        m_blockFailed = true;
    }

    void handleLine(const QString &line, int number)
    {
        if (m_blockFailed)
            return;
        if (RequestAssertion::isAssertionLine(line)) {
            handleAssertion(line, number);
            return;
        }
        switch (m_state) {
        case State::Preamble: handlePreamble(line, number); return;
        case State::Headers: handleHeader(line, number); return;
        case State::Body:
            if (isHandlerLine(line)) {
                m_state = State::Handlers;
                m_handlerLines.append(line);
            } else {
                if (m_bodyLines.isEmpty())
                    m_request.bodyLine = number;
                m_bodyLines.append(line);
            }
            return;
        case State::Handlers: m_handlerLines.append(line); return;
        }
    }

    // "?? status == 200" (httpyac) may stand anywhere in a block. Its line stays where it was
    // written: among the comments above the request line, else with the response handlers.
    void handleAssertion(const QString &line, int number)
    {
        const RequestAssertion assertion = RequestAssertion::parse(line, number);
        if (!assertion.isValid()) {
            Diagnostic d;
            d.file = m_file.path;
            d.line = number;
            d.column = assertion.problemColumn;
            d.message = assertion.problem;
            d.severity = Diagnostic::Severity::Warning;
            m_file.diagnostics.append(d);
        }
        m_request.assertions.append(assertion);
        if (m_state == State::Preamble) {
            m_request.comments.append(line);
            return;
        }
        m_state = State::Handlers;
        m_handlerLines.append(line);
    }

    void handlePreamble(const QString &line, int number)
    {
        if (isComment(line)) {
            RequestDefinition::Directive directive;
            if (parseDirective(line, &directive)) {
                directive.line = number;
                if (directive.name == QLatin1String("name")) {
                    m_request.name = directive.value;
                    m_request.nameSource = RequestDefinition::NameSource::Directive;
                } else {
                    m_request.directives.append(directive);
                }
                return;
            }
            m_request.comments.append(line);
            return;
        }
        if (line.trimmed().isEmpty()) {
            m_request.comments.append(line);
            return;
        }
        QPair<QString, QString> variable;
        if (parseFileVariable(line, &variable)) {
            m_file.variables.append(variable);
            m_request.comments.append(line); // kept in place when the block is rewritten
            return;
        }
        parseRequestLine(line, number);
    }

    // Words split at white space, except inside {{…}}: "{{$processEnv HOST}}" is one word.
    static QStringList requestLineTokens(const QString &line)
    {
        QStringList tokens;
        QString current;
        bool inVariable = false;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const QChar c = line[i];
            if (!inVariable && c == QLatin1Char('{') && line.mid(i, 2) == QLatin1String("{{"))
                inVariable = line.indexOf(QLatin1String("}}"), i + 2) > 0;
            else if (inVariable && c == QLatin1Char('}') && line.mid(i, 2) == QLatin1String("}}"))
                inVariable = false, current += c, ++i;
            if (c.isSpace() && !inVariable) {
                if (!current.isEmpty())
                    tokens.append(current);
                current.clear();
                continue;
            }
            current += line[i];
        }
        if (!current.isEmpty())
            tokens.append(current);
        return tokens;
    }

    // "HTTP/1.1", any "HTTP/…" word, or "HTTP/2 (Prior Knowledge)" as the JetBrains HTTP
    // Client writes it for cleartext HTTP/2.
    static bool isHttpVersion(const QStringList &words)
    {
        if (words.isEmpty() || !words[0].startsWith(QLatin1String("HTTP/")))
            return false;
        if (words.size() == 1)
            return true;
        return words.size() == 3 && words[0] == QLatin1String("HTTP/2") &&
               words[1].compare(QLatin1String("(Prior"), Qt::CaseInsensitive) == 0 &&
               words[2].compare(QLatin1String("Knowledge)"), Qt::CaseInsensitive) == 0;
    }

    void parseRequestLine(const QString &line, int number)
    {
        const QStringList tokens = requestLineTokens(line);
        const int column = int(line.indexOf(tokens.first())) + 1;
        m_request.requestLine = number;
        if (tokens.size() == 1) {
            m_request.url = tokens[0];
        } else if (HttpFileParser::isMethod(tokens[0]) &&
                   (tokens.size() == 2 || isHttpVersion(tokens.mid(2)))) {
            m_request.method = tokens[0];
            m_request.url = tokens[1];
            if (tokens.size() > 2) { // the version as written, its inner spaces kept
                const qsizetype urlAt = line.indexOf(tokens[1], column - 1 + tokens[0].size());
                const qsizetype at = line.indexOf(tokens[2], urlAt + tokens[1].size());
                m_request.httpVersion = line.mid(at).trimmed();
            }
        } else if (!HttpFileParser::isMethod(tokens[0])) {
            error(number, column,
                  QStringLiteral("expected a request line \"METHOD URL [HTTP/1.1]\"; \"%1\" is "
                                 "not a method (write it in capitals, e.g. GET)")
                      .arg(tokens[0]));
            return;
        } else {
            error(number, column + int(tokens[0].size()) + 1,
                  QStringLiteral("expected \"METHOD URL [HTTP/1.1]\"; spaces in the URL must be "
                                 "written as %20"));
            return;
        }
        m_hasRequest = true;
        m_state = State::Headers;
        m_headerSeen = false;
    }

    void handleHeader(const QString &line, int number)
    {
        if (line.trimmed().isEmpty()) {
            m_state = State::Body;
            return;
        }
        const QString trimmed = line.trimmed();
        // Query continuation lines right under the request line: "  ?a=1", "  &b=2".
        if (!m_headerSeen && (line.front().isSpace() || trimmed.startsWith(QLatin1Char('?')) ||
                              trimmed.startsWith(QLatin1Char('&')))) {
            m_request.url += trimmed;
            return;
        }
        if (isHandlerLine(line)) { // a handler right after the headers, without a body
            m_state = State::Handlers;
            m_handlerLines.append(line);
            return;
        }
        if (isComment(line))
            return;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString name = colon > 0 ? line.left(colon).trimmed() : QString();
        if (colon <= 0 || !HttpFileLines::isToken(name)) {
            error(number, 1,
                  QStringLiteral("expected a header \"Name: value\", or an empty line before the "
                                 "body"));
            return;
        }
        m_request.headers.append({name, line.mid(colon + 1).trimmed(), number});
        m_headerSeen = true;
    }

    const QByteArray &m_raw;
    HttpFile m_file;
    RequestDefinition m_request;
    State m_state = State::Preamble;
    bool m_hasRequest = false;
    bool m_blockFailed = false;
    bool m_headerSeen = false;
    QStringList m_bodyLines;
    QStringList m_handlerLines;
};

} // namespace

bool HttpFileParser::isMethod(const QString &token)
{
    return HttpFileLines::isMethod(token);
}

HttpFile HttpFileParser::parse(const QByteArray &bytes, const QString &path)
{
    return Parser(bytes, path).run();
}

HttpFile HttpFileParser::parse(const QString &text, const QString &path)
{
    return parse(text.toUtf8(), path);
}

HttpFile HttpFileParser::parseFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        HttpFile result;
        result.path = path;
        Diagnostic d;
        d.file = path;
        d.message = QStringLiteral("cannot read the file: %1").arg(file.errorString());
        result.diagnostics.append(d);
        return result;
    }
    return parse(file.readAll(), path);
}

} // namespace mr
