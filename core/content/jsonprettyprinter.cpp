#include "jsonprettyprinter.h"

#include <cstring>
#include <vector>

namespace mr {

namespace {

// Cancel is checked about once per this many input bytes.
constexpr qint64 CancelCheckBytes = 1 << 20;

// Writes into a QByteArray or QString grown by hand: one append per token through
// QByteArray::append is several times slower than writing through a raw pointer.
template<typename Container, typename Char>
class BufferSink
{
public:
    BufferSink(qint64 inputSize, qint64 maxSize)
        : m_max(maxSize)
    {
        reserve(qMin<qint64>(inputSize + inputSize / 2 + 4096, m_max));
    }
    bool overflowed() const { return m_overflow; }
    void put(char c)
    {
        if (ensure(1))
            m_data[m_size++] = Char(c);
    }
    void putAscii(const char *s, qint64 n)
    {
        if (!ensure(n))
            return;
        if constexpr (sizeof(Char) == 1) {
            std::memcpy(m_data + m_size, s, size_t(n));
        } else {
            for (qint64 i = 0; i < n; ++i)
                m_data[m_size + i] = Char(uchar(s[i]));
        }
        m_size += n;
    }
    // One validated UTF-8 sequence of n bytes encoding the code point.
    void putSequence(const char *s, int n, char32_t codePoint)
    {
        if constexpr (sizeof(Char) == 1) {
            Q_UNUSED(codePoint);
            putAscii(s, n);
        } else {
            Q_UNUSED(s);
            Q_UNUSED(n);
            if (codePoint < 0x10000) {
                if (ensure(1))
                    m_data[m_size++] = Char(codePoint);
            } else if (ensure(2)) {
                codePoint -= 0x10000;
                m_data[m_size++] = Char(0xD800 + (codePoint >> 10));
                m_data[m_size++] = Char(0xDC00 + (codePoint & 0x3FF));
            }
        }
    }
    void newline(qint64 spaces)
    {
        if (!ensure(spaces + 1))
            return;
        m_data[m_size++] = Char('\n');
        for (qint64 i = 0; i < spaces; ++i)
            m_data[m_size + i] = Char(' ');
        m_size += spaces;
    }
    Container take()
    {
        m_buffer.resize(m_size);
        m_buffer.squeeze();
        return std::move(m_buffer);
    }

private:
    bool ensure(qint64 n)
    {
        if (m_size + n <= m_capacity)
            return true;
        if (m_overflow || m_size + n > m_max) {
            m_overflow = true;
            return false;
        }
        reserve(qMin(m_max, qMax(m_size + n, m_capacity + m_capacity / 2)));
        return true;
    }
    void reserve(qint64 capacity)
    {
        m_buffer.resize(capacity);
        m_data = reinterpret_cast<Char *>(m_buffer.data());
        m_capacity = capacity;
    }

    Container m_buffer;
    Char *m_data = nullptr;
    qint64 m_size = 0;
    qint64 m_capacity = 0;
    qint64 m_max = 0;
    bool m_overflow = false;
};

// Validation only: every write is dropped.
class NullSink
{
public:
    bool overflowed() const { return false; }
    void put(char) {}
    void putAscii(const char *, qint64) {}
    void putSequence(const char *, int, char32_t) {}
    void newline(qint64) {}
};

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Length of the valid UTF-8 sequence at p (first byte >= 0x80), or 0 when invalid.
int utf8Sequence(const uchar *p, const uchar *end, char32_t *codePoint)
{
    const uchar b0 = p[0];
    int length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        value = b0 & 0x1F;
        minimum = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        value = b0 & 0x0F;
        minimum = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        value = b0 & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (end - p < length)
        return 0;
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (p[i] & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    *codePoint = value;
    return length;
}

struct Frame {
    bool object = false;
    int fold = -1; // index in the fold list
};

template<typename Sink>
class Printer
{
public:
    Printer(const QByteArray &input, const JsonPrettyPrinter::Options &options, Sink &sink,
            bool recordFolds)
        : m_begin(input.constData())
        , m_p(input.constData())
        , m_end(input.constData() + input.size())
        , m_lastCheck(input.constData())
        , m_options(options)
        , m_sink(sink)
        , m_recordFolds(recordFolds)
    {}

    // Fills error/cancelled; returns true when the whole input was printed.
    bool run()
    {
        // A UTF-8 byte order mark is not JSON, but some servers send one.
        if (m_end - m_p >= 3 && std::memcmp(m_p, "\xEF\xBB\xBF", 3) == 0)
            m_p += 3;
        bool first = true;
        while (true) {
            skipSpace();
            if (!first) {
                if (m_p == m_end)
                    return !m_sink.overflowed() || fail(m_p, overflowMessage());
                if (!m_options.allowSequence)
                    return fail(m_p, QStringLiteral("unexpected text after the JSON value"));
                m_sink.newline(0);
                ++line;
            }
            first = false;
            if (!value())
                return false;
            if (m_sink.overflowed())
                return fail(m_p, overflowMessage());
        }
    }

    QList<JsonPrettyPrinter::FoldRegion> folds;
    int line = 0;
    qint64 errorOffset = -1;
    QString errorMessage;
    bool cancelled = false;

private:
    QString overflowMessage() const
    {
        return QStringLiteral("the indented text would be too large (the nesting is too deep)");
    }

    bool fail(const char *at, const QString &message)
    {
        errorOffset = at - m_begin;
        errorMessage = message;
        return false;
    }

    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }

    void newline(int depth)
    {
        m_sink.newline(qint64(depth) * m_options.indent);
        ++line;
    }

    bool checkCancel()
    {
        if (m_p - m_lastCheck < CancelCheckBytes)
            return true;
        m_lastCheck = m_p;
        if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed)) {
            cancelled = true;
            return false;
        }
        // Stop early rather than fill memory to the limit and discard it.
        if (m_sink.overflowed())
            return fail(m_p, overflowMessage());
        return true;
    }

    // Opens an object or array at m_p; returns false on error. Empty ones print as {} / [].
    bool open(std::vector<Frame> &stack)
    {
        // Empty ones count too: the depth is what the input nests, not what gets indented.
        if (int(stack.size()) >= m_options.maxDepth)
            return fail(m_p,
                        QStringLiteral("nesting deeper than %1 levels").arg(m_options.maxDepth));
        const bool object = *m_p == '{';
        m_sink.put(*m_p++);
        skipSpace();
        if (m_p < m_end && *m_p == (object ? '}' : ']')) {
            m_sink.put(*m_p++);
            return true;
        }
        Frame frame;
        frame.object = object;
        if (m_recordFolds) {
            // Recorded at the opening so the list comes out sorted by start line.
            frame.fold = int(folds.size());
            folds.append({line, line});
        }
        stack.push_back(frame);
        newline(int(stack.size()));
        return true;
    }

    // One complete value, iteratively so nesting cannot overflow the stack.
    bool value()
    {
        std::vector<Frame> stack;
        bool expectKey = false;
        while (true) {
            if (!checkCancel())
                return false;
            skipSpace();
            if (expectKey) {
                if (m_p == m_end)
                    return fail(m_p, QStringLiteral("the body ends inside an object"));
                if (*m_p != '"')
                    return fail(m_p, QStringLiteral("expected a member name in double quotes"));
                if (!string())
                    return false;
                skipSpace();
                if (m_p == m_end || *m_p != ':')
                    return fail(m_p, QStringLiteral("expected ':' after the member name"));
                ++m_p;
                m_sink.putAscii(": ", 2);
                skipSpace();
                expectKey = false;
            }
            if (m_p == m_end)
                return fail(m_p,
                            stack.empty()
                                ? QStringLiteral("expected a JSON value, found the end of the body")
                                : QStringLiteral("expected a value, found the end of the body"));
            const char c = *m_p;
            if (c == '{' || c == '[') {
                const size_t depth = stack.size();
                if (!open(stack))
                    return false;
                if (stack.size() > depth) {
                    expectKey = stack.back().object;
                    continue;
                }
            } else if (c == '"') {
                if (!string())
                    return false;
            } else if (c == '-' || isDigit(c)) {
                if (!number())
                    return false;
            } else if (c == 't' || c == 'f' || c == 'n') {
                if (!literal())
                    return false;
            } else {
                return fail(m_p, QStringLiteral("expected a value (object, array, string, number, "
                                                "true, false or null)"));
            }
            // After a value: a separator or the end of the enclosing containers.
            while (true) {
                if (stack.empty())
                    return true;
                skipSpace();
                const Frame frame = stack.back();
                const char closer = frame.object ? '}' : ']';
                if (m_p == m_end)
                    return fail(m_p, frame.object
                                         ? QStringLiteral("the body ends inside an object")
                                         : QStringLiteral("the body ends inside an array"));
                if (*m_p == ',') {
                    ++m_p;
                    m_sink.put(',');
                    newline(int(stack.size()));
                    expectKey = frame.object;
                    break;
                }
                if (*m_p != closer)
                    return fail(m_p,
                                frame.object
                                    ? QStringLiteral("expected ',' or '}' after an object member")
                                    : QStringLiteral("expected ',' or ']' after an array element"));
                ++m_p;
                stack.pop_back();
                newline(int(stack.size()));
                m_sink.put(closer);
                if (frame.fold >= 0)
                    folds[frame.fold].end = line;
            }
        }
    }

    bool string()
    {
        const char *start = m_p;
        m_sink.put('"');
        ++m_p;
        while (true) {
            // The common case: a run of plain ASCII, copied at once.
            const char *run = m_p;
            while (m_p < m_end) {
                const uchar u = uchar(*m_p);
                if (u < 0x20 || u >= 0x80 || u == '"' || u == '\\')
                    break;
                ++m_p;
            }
            m_sink.putAscii(run, m_p - run);
            if (m_p == m_end)
                return fail(start, QStringLiteral("the string starting here is never closed"));
            const uchar u = uchar(*m_p);
            if (u == '"') {
                m_sink.put('"');
                ++m_p;
                return true;
            }
            if (u == '\\') {
                if (m_end - m_p < 2)
                    return fail(start, QStringLiteral("the string starting here is never closed"));
                const char e = m_p[1];
                if (e == 'u') {
                    if (m_end - m_p < 6 || !isHex(m_p[2]) || !isHex(m_p[3]) || !isHex(m_p[4]) ||
                        !isHex(m_p[5]))
                        return fail(m_p,
                                    QStringLiteral("'\\u' must be followed by four hex digits"));
                    m_sink.putAscii(m_p, 6);
                    m_p += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' ||
                           e == 'r' || e == 't') {
                    m_sink.putAscii(m_p, 2);
                    m_p += 2;
                } else {
                    return fail(m_p, QStringLiteral("unknown escape in a string (use \\\" \\\\ \\/ "
                                                    "\\b \\f \\n \\r \\t or \\uXXXX)"));
                }
                continue;
            }
            if (u < 0x20)
                return fail(
                    m_p,
                    QStringLiteral("control character U+%1 in a string must be escaped")
                        .arg(QString::number(u, 16).toUpper().rightJustified(4, QLatin1Char('0'))));
            char32_t codePoint = 0;
            const int length = utf8Sequence(reinterpret_cast<const uchar *>(m_p),
                                            reinterpret_cast<const uchar *>(m_end), &codePoint);
            if (length == 0)
                return fail(m_p, QStringLiteral("invalid UTF-8 in a string"));
            m_sink.putSequence(m_p, length, codePoint);
            m_p += length;
        }
    }

    bool number()
    {
        const char *start = m_p;
        if (*m_p == '-')
            ++m_p;
        if (m_p == m_end || !isDigit(*m_p))
            return fail(m_p, QStringLiteral("expected a digit in the number"));
        if (*m_p == '0') {
            ++m_p;
            if (m_p < m_end && isDigit(*m_p))
                return fail(m_p, QStringLiteral("a number cannot have a leading zero"));
        } else {
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (m_p == m_end || !isDigit(*m_p))
                return fail(m_p, QStringLiteral("expected a digit after the decimal point"));
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p == m_end || !isDigit(*m_p))
                return fail(m_p, QStringLiteral("expected a digit in the exponent"));
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        m_sink.putAscii(start, m_p - start);
        return true;
    }

    bool literal()
    {
        static const char *const words[] = {"true", "false", "null"};
        for (const char *word : words) {
            if (*m_p != word[0])
                continue;
            const qint64 length = qint64(std::strlen(word));
            if (m_end - m_p >= length && std::memcmp(m_p, word, size_t(length)) == 0) {
                m_sink.putAscii(m_p, length);
                m_p += length;
                return true;
            }
        }
        return fail(m_p, QStringLiteral("expected a value (object, array, string, number, true, "
                                        "false or null)"));
    }

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    const char *m_lastCheck;
    const JsonPrettyPrinter::Options &m_options;
    Sink &m_sink;
    bool m_recordFolds;
};

template<typename Sink>
void runPrinter(const QByteArray &json, const JsonPrettyPrinter::Options &options, Sink &sink,
                bool recordFolds, JsonPrettyPrinter::Result &result)
{
    Printer<Sink> printer(json, options, sink, recordFolds);
    result.ok = printer.run();
    result.cancelled = printer.cancelled;
    if (!result.ok && !result.cancelled) {
        result.error = JsonPrettyPrinter::locate(json, printer.errorOffset, printer.errorMessage);
        return;
    }
    if (result.ok) {
        result.folds = std::move(printer.folds);
        result.folds.squeeze();
        result.lineCount = printer.line + 1;
    }
}

} // namespace

QString JsonPrettyPrinter::Error::text() const
{
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

JsonPrettyPrinter::Result JsonPrettyPrinter::print(const QByteArray &json, const Options &options)
{
    Result result;
    const qint64 maxSize = options.maxOutputSize > 0
                               ? options.maxOutputSize
                               : 16 * qint64(json.size()) + (qint64(16) << 20);
    switch (options.output) {
    case Output::Utf8: {
        BufferSink<QByteArray, char> sink(json.size(), maxSize);
        runPrinter(json, options, sink, true, result);
        if (result.ok)
            result.utf8 = sink.take();
        break;
    }
    case Output::Utf16: {
        BufferSink<QString, char16_t> sink(json.size(), maxSize);
        runPrinter(json, options, sink, true, result);
        if (result.ok)
            result.text = sink.take();
        break;
    }
    case Output::None: {
        NullSink sink;
        runPrinter(json, options, sink, false, result);
        break;
    }
    }
    return result;
}

JsonPrettyPrinter::Error JsonPrettyPrinter::validate(const QByteArray &json, int maxDepth,
                                                     bool allowSequence)
{
    Options options;
    options.output = Output::None;
    options.maxDepth = maxDepth;
    options.allowSequence = allowSequence;
    return print(json, options).error;
}

JsonPrettyPrinter::Error JsonPrettyPrinter::locate(const QByteArray &json, qint64 offset,
                                                   const QString &message)
{
    Error error;
    error.offset = qBound<qint64>(0, offset, json.size());
    error.message = message;
    const char *data = json.constData();
    qint64 lineStart = 0;
    int line = 1;
    for (qint64 i = 0; i < error.offset; ++i) {
        if (data[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    int column = 1;
    for (qint64 i = lineStart; i < error.offset; ++i) {
        // Continuation bytes belong to the character before them.
        if ((uchar(data[i]) & 0xC0) != 0x80)
            ++column;
    }
    error.line = line;
    error.column = column;
    return error;
}

} // namespace mr
