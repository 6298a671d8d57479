#include "jsonpath.h"

#include "jsontext.h"

#include <algorithm>
#include <tuple>
#include <vector>

namespace mr {

// JsonText's functions, used unqualified by the evaluator below.
using namespace JsonText;

// Reads the expression; columns are 1-based positions in the QString.
class JsonPathParser
{
public:
    explicit JsonPathParser(const QString &text)
        : m_text(text)
    {}

    std::optional<JsonPath> parse(JsonPath::Error *error)
    {
        JsonPath path;
        skipSpace();
        if (!take(QLatin1Char('$')))
            return fail(error, QStringLiteral("a JSONPath starts with '$'"));
        while (true) {
            skipSpace();
            if (atEnd())
                return path;
            JsonPath::Step step;
            if (take(QLatin1Char('.'))) {
                if (take(QLatin1Char('.'))) {
                    step.descendant = true;
                    if (peek() == QLatin1Char('[')) {
                        if (!bracket(step))
                            return fail(error);
                        path.m_steps.append(step);
                        continue;
                    }
                }
                if (take(QLatin1Char('*'))) {
                    step.type = JsonPath::Step::Type::Wildcard;
                } else {
                    JsonPath::Item item;
                    if (!name(&item.key.name))
                        return fail(error, step.descendant
                                               ? QStringLiteral("expected a member name, '*' or "
                                                                "'[' after '..'")
                                               : QStringLiteral("expected a member name or '*' "
                                                                "after '.'"));
                    step.items.append(item);
                }
            } else if (peek() == QLatin1Char('[')) {
                if (!bracket(step))
                    return fail(error);
            } else {
                return fail(error, QStringLiteral("expected '.', '..' or '['"));
            }
            path.m_steps.append(step);
        }
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(int ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : QChar();
    }
    bool take(QChar c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    void skipSpace()
    {
        while (!atEnd() && peek().isSpace())
            ++m_pos;
    }
    bool setError(const QString &message)
    {
        if (m_message.isEmpty()) {
            m_message = message;
            m_errorPos = m_pos;
        }
        return false;
    }
    std::optional<JsonPath> fail(JsonPath::Error *error, const QString &message = QString())
    {
        setError(message);
        if (error) {
            error->column = m_errorPos + 1;
            error->message = m_message;
        }
        return std::nullopt;
    }

    static bool isNameChar(QChar c)
    {
        return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') ||
               c == QLatin1Char('$') || c.unicode() >= 0x80;
    }
    bool name(QByteArray *out)
    {
        const int start = m_pos;
        while (!atEnd() && isNameChar(peek()))
            ++m_pos;
        if (m_pos == start)
            return false;
        *out = m_text.mid(start, m_pos - start).toUtf8();
        return true;
    }

    bool quoted(QByteArray *out)
    {
        const QChar quote = peek();
        const int start = m_pos;
        ++m_pos;
        QString value;
        while (!atEnd() && peek() != quote) {
            if (peek() == QLatin1Char('\\') && m_pos + 1 < m_text.size())
                ++m_pos;
            value += peek();
            ++m_pos;
        }
        if (atEnd()) {
            m_pos = start;
            return setError(QStringLiteral("the quoted name starting here is never closed"));
        }
        ++m_pos;
        *out = value.toUtf8();
        return true;
    }

    std::optional<qint64> integer()
    {
        const int start = m_pos;
        if (peek() == QLatin1Char('-'))
            ++m_pos;
        while (!atEnd() && peek().isDigit() && peek().unicode() < 0x80)
            ++m_pos;
        bool ok = false;
        const qint64 value = m_text.mid(start, m_pos - start).toLongLong(&ok);
        if (!ok) {
            m_pos = start;
            return std::nullopt;
        }
        return value;
    }

    bool isQuote() const { return peek() == QLatin1Char('\'') || peek() == QLatin1Char('"'); }
    bool startsInteger() const
    {
        return peek().isDigit() || (peek() == QLatin1Char('-') && peek(1).isDigit());
    }

    // At '['; fills the step's items, wildcard or filter.
    bool bracket(JsonPath::Step &step)
    {
        ++m_pos;
        skipSpace();
        if (take(QLatin1Char('*'))) {
            step.type = JsonPath::Step::Type::Wildcard;
        } else if (take(QLatin1Char('?'))) {
            step.type = JsonPath::Step::Type::Filter;
            skipSpace();
            if (!take(QLatin1Char('(')))
                return setError(QStringLiteral("expected '(' after '?'"));
            if (!filter(step))
                return false;
            skipSpace();
            if (!take(QLatin1Char(')')))
                return setError(QStringLiteral("expected ')' to close the filter"));
        } else {
            while (true) {
                skipSpace();
                JsonPath::Item item;
                if (isQuote()) {
                    if (!quoted(&item.key.name))
                        return false;
                } else if (startsInteger() || peek() == QLatin1Char(':')) {
                    if (!indexOrSlice(item))
                        return false;
                } else {
                    return setError(QStringLiteral("expected a quoted name, an index, a slice, '*' "
                                                   "or '?(' in the brackets"));
                }
                step.items.append(item);
                skipSpace();
                if (!take(QLatin1Char(',')))
                    break;
            }
        }
        skipSpace();
        if (!take(QLatin1Char(']')))
            return setError(QStringLiteral("expected ']' to close the brackets"));
        return true;
    }

    bool indexOrSlice(JsonPath::Item &item)
    {
        std::optional<qint64> first;
        if (startsInteger() && !(first = integer()))
            return setError(QStringLiteral("the index is too large"));
        skipSpace();
        if (!take(QLatin1Char(':'))) {
            item.key.isIndex = true;
            item.key.index = *first;
            return true;
        }
        item.type = JsonPath::Item::Type::Slice;
        item.start = first;
        skipSpace();
        if (startsInteger() && !(item.end = integer()))
            return setError(QStringLiteral("the slice end is too large"));
        skipSpace();
        if (take(QLatin1Char(':'))) {
            skipSpace();
            if (startsInteger()) {
                const int stepStart = m_pos;
                const auto step = integer();
                if (!step || *step == 0) {
                    m_pos = stepStart;
                    return setError(QStringLiteral("a slice step must be a non-zero number"));
                }
                item.step = *step;
            }
        }
        return true;
    }

    bool filter(JsonPath::Step &step)
    {
        skipSpace();
        if (!take(QLatin1Char('@')))
            return setError(QStringLiteral("a filter starts with '@', the element being tested"));
        while (true) {
            JsonPath::Key key;
            if (take(QLatin1Char('.'))) {
                if (!name(&key.name))
                    return setError(QStringLiteral("expected a member name after '.'"));
            } else if (take(QLatin1Char('['))) {
                skipSpace();
                if (isQuote()) {
                    if (!quoted(&key.name))
                        return false;
                } else if (startsInteger()) {
                    const auto index = integer();
                    if (!index)
                        return setError(QStringLiteral("the index is too large"));
                    key.isIndex = true;
                    key.index = *index;
                } else {
                    return setError(QStringLiteral("expected a quoted name or an index"));
                }
                skipSpace();
                if (!take(QLatin1Char(']')))
                    return setError(QStringLiteral("expected ']' to close the brackets"));
            } else {
                break;
            }
            step.filterPath.append(key);
        }
        skipSpace();
        if (peek() == QLatin1Char(')'))
            return true; // existence test
        static const struct {
            const char *text;
            JsonPath::Op op;
        } ops[] = {{"==", JsonPath::Op::Eq}, {"!=", JsonPath::Op::Ne}, {"<=", JsonPath::Op::Le},
                   {">=", JsonPath::Op::Ge}, {"<", JsonPath::Op::Lt},  {">", JsonPath::Op::Gt}};
        bool found = false;
        for (const auto &op : ops) {
            const QLatin1String text(op.text);
            if (QStringView(m_text).mid(m_pos).startsWith(text)) {
                step.op = op.op;
                m_pos += int(text.size());
                found = true;
                break;
            }
        }
        if (!found)
            return setError(peek() == QLatin1Char('=')
                                ? QStringLiteral("use '==' to compare")
                                : QStringLiteral("expected a comparison (==, !=, <, <=, >, >=) or "
                                                 "')'"));
        skipSpace();
        return literal(step.value);
    }

    bool literal(JsonPath::Literal &value)
    {
        using Type = JsonPath::Literal::Type;
        if (isQuote()) {
            value.type = Type::String;
            return quoted(&value.string);
        }
        for (const auto &[word, type, boolean] : {std::make_tuple("true", Type::Bool, true),
                                                  std::make_tuple("false", Type::Bool, false),
                                                  std::make_tuple("null", Type::Null, false)}) {
            const QLatin1String text(word);
            if (QStringView(m_text).mid(m_pos).startsWith(text)) {
                m_pos += int(text.size());
                value.type = type;
                value.boolean = boolean;
                return true;
            }
        }
        const int start = m_pos;
        while (!atEnd() && (peek().isDigit() || QStringLiteral("+-.eE").contains(peek())))
            ++m_pos;
        bool ok = false;
        value.number = m_text.mid(start, m_pos - start).toDouble(&ok);
        if (!ok) {
            m_pos = start;
            return setError(QStringLiteral("expected a value to compare with: a number, a quoted "
                                           "string, true, false or null"));
        }
        value.type = Type::Number;
        return true;
    }

    const QString &m_text;
    int m_pos = 0;
    int m_errorPos = 0;
    QString m_message;
};

// Walks slices of a valid document.
class JsonPathEvaluator
{
public:
    JsonPathEvaluator(const QByteArray &json, const std::atomic_bool *cancel)
        : m_end(json.constData() + json.size())
        , m_cancel(cancel)
    {}

    bool cancelled()
    {
        if ((++m_ticks & 0xFFF) == 0 && m_cancel && m_cancel->load(std::memory_order_relaxed))
            m_stopped = true;
        return m_stopped;
    }

    static QByteArrayView span(const char *begin, const char *end)
    {
        return QByteArrayView(begin, end - begin);
    }

    // Member names (raw, quoted) and values of an object.
    template<typename F>
    void members(QByteArrayView object, F &&f)
    {
        const char *p = skipSpace(object.data() + 1, m_end);
        while (p < m_end && *p == '"') {
            const char *keyEnd = skipString(p, m_end);
            const char *value = skipSpace(skipSpace(keyEnd, m_end) + 1, m_end); // past ':'
            const char *valueEnd = skipValue(value, m_end);
            f(span(p, keyEnd), span(value, valueEnd));
            p = skipSpace(valueEnd, m_end);
            if (p < m_end && *p == ',')
                p = skipSpace(p + 1, m_end);
            else
                break;
        }
    }

    QList<QByteArrayView> elements(QByteArrayView array)
    {
        QList<QByteArrayView> out;
        const char *p = skipSpace(array.data() + 1, m_end);
        while (p < m_end && *p != ']') {
            const char *valueEnd = skipValue(p, m_end);
            out.append(span(p, valueEnd));
            p = skipSpace(valueEnd, m_end);
            if (p < m_end && *p == ',')
                p = skipSpace(p + 1, m_end);
        }
        return out;
    }

    template<typename F>
    void children(QByteArrayView node, F &&f)
    {
        if (node.startsWith('{')) {
            members(node, [&](QByteArrayView, QByteArrayView value) { f(value); });
        } else if (node.startsWith('[')) {
            for (const QByteArrayView &element : elements(node))
                f(element);
        }
    }

    static bool keyIs(QByteArrayView rawKey, const QByteArray &name)
    {
        if (rawKey.size() == name.size() + 2 && !rawKey.contains('\\'))
            return rawKey.sliced(1, name.size()) == QByteArrayView(name);
        return decodeString(rawKey) == name;
    }

    std::optional<QByteArrayView> child(QByteArrayView node, const JsonPath::Key &key)
    {
        std::optional<QByteArrayView> found;
        if (key.isIndex) {
            if (!node.startsWith('['))
                return found;
            const QList<QByteArrayView> list = elements(node);
            const qint64 index = key.index < 0 ? key.index + list.size() : key.index;
            if (index >= 0 && index < list.size())
                found = list.at(index);
        } else if (node.startsWith('{')) {
            members(node, [&](QByteArrayView rawKey, QByteArrayView value) {
                if (!found && keyIs(rawKey, key.name))
                    found = value;
            });
        }
        return found;
    }

    void slice(QByteArrayView node, const JsonPath::Item &item, QList<QByteArrayView> &out)
    {
        if (!node.startsWith('['))
            return;
        const QList<QByteArrayView> list = elements(node);
        const qint64 n = list.size();
        auto clamp = [n](qint64 i, qint64 low, qint64 high) {
            return qBound(low, i < 0 ? i + n : i, high);
        };
        if (item.step > 0) {
            const qint64 start = item.start ? clamp(*item.start, 0, n) : 0;
            const qint64 end = item.end ? clamp(*item.end, 0, n) : n;
            for (qint64 i = start; i < end; i += item.step)
                out.append(list.at(i));
        } else {
            const qint64 start = item.start ? clamp(*item.start, -1, n - 1) : n - 1;
            const qint64 end = item.end ? clamp(*item.end, -1, n - 1) : -1;
            for (qint64 i = start; i > end; i += item.step)
                out.append(list.at(i));
        }
    }

    static bool matches(QByteArrayView value, JsonPath::Op op, const JsonPath::Literal &literal)
    {
        using Type = JsonPath::Literal::Type;
        const char c = value.isEmpty() ? '\0' : value.front();
        int order = 0; // <0, 0, >0 when comparable
        bool comparable = false;
        bool orderable = false;
        if (c == '"' && literal.type == Type::String) {
            const QByteArray text = decodeString(value);
            order = text < literal.string ? -1 : text == literal.string ? 0 : 1;
            comparable = orderable = true;
        } else if ((c == '-' || (c >= '0' && c <= '9')) && literal.type == Type::Number) {
            const double number = value.toByteArray().toDouble();
            order = number < literal.number ? -1 : number == literal.number ? 0 : 1;
            comparable = orderable = true;
        } else if ((c == 't' || c == 'f') && literal.type == Type::Bool) {
            order = (c == 't') == literal.boolean ? 0 : 1;
            comparable = true;
        } else if (c == 'n' && literal.type == Type::Null) {
            comparable = true;
        }
        switch (op) {
        case JsonPath::Op::Exists: return true;
        case JsonPath::Op::Eq: return comparable && order == 0;
        case JsonPath::Op::Ne: return !(comparable && order == 0);
        case JsonPath::Op::Lt: return orderable && order < 0;
        case JsonPath::Op::Le: return orderable && order <= 0;
        case JsonPath::Op::Gt: return orderable && order > 0;
        case JsonPath::Op::Ge: return orderable && order >= 0;
        }
        return false;
    }

    bool passes(QByteArrayView node, const JsonPath::Step &step)
    {
        std::optional<QByteArrayView> value = node;
        for (const JsonPath::Key &key : step.filterPath) {
            value = child(*value, key);
            if (!value)
                return false;
        }
        return matches(*value, step.op, step.value);
    }

    void apply(const JsonPath::Step &step, QByteArrayView node, QList<QByteArrayView> &out)
    {
        switch (step.type) {
        case JsonPath::Step::Type::Wildcard:
            children(node, [&](QByteArrayView value) { out.append(value); });
            break;
        case JsonPath::Step::Type::Filter:
            children(node, [&](QByteArrayView value) {
                if (passes(value, step))
                    out.append(value);
            });
            break;
        case JsonPath::Step::Type::Union:
            for (const JsonPath::Item &item : step.items) {
                if (item.type == JsonPath::Item::Type::Slice) {
                    slice(node, item, out);
                } else if (item.key.isIndex || step.descendant) {
                    if (const auto value = child(node, item.key))
                        out.append(*value);
                } else if (node.startsWith('{')) {
                    // Every member of that name, should the object repeat one.
                    members(node, [&](QByteArrayView rawKey, QByteArrayView value) {
                        if (keyIs(rawKey, item.key.name))
                            out.append(value);
                    });
                }
            }
            break;
        }
    }

    // The step on the node and on every value inside it, in document order.
    void descend(const JsonPath::Step &step, QByteArrayView node, QList<QByteArrayView> &out)
    {
        std::vector<QByteArrayView> stack{node};
        while (!stack.empty()) {
            if (cancelled())
                return;
            const QByteArrayView current = stack.back();
            stack.pop_back();
            if (!current.startsWith('{') && !current.startsWith('['))
                continue;
            apply(step, current, out);
            const size_t mark = stack.size();
            children(current, [&](QByteArrayView value) {
                if (value.startsWith('{') || value.startsWith('['))
                    stack.push_back(value);
            });
            std::reverse(stack.begin() + qsizetype(mark), stack.end());
        }
    }

    bool m_stopped = false;

private:
    const char *m_end;
    const std::atomic_bool *m_cancel;
    quint64 m_ticks = 0;
};

QString JsonPath::Error::text() const
{
    return QStringLiteral("column %1: %2").arg(column).arg(message);
}

std::optional<JsonPath> JsonPath::compile(const QString &expression, Error *error)
{
    return JsonPathParser(expression).parse(error);
}

QList<QByteArrayView> JsonPath::evaluate(const QByteArray &json,
                                         const std::atomic_bool *cancel) const
{
    JsonPathEvaluator evaluator(json, cancel);
    const char *begin = json.constData();
    const char *end = begin + json.size();
    if (json.startsWith("\xEF\xBB\xBF"))
        begin += 3;
    begin = skipSpace(begin, end);
    QList<QByteArrayView> current{JsonPathEvaluator::span(begin, skipValue(begin, end))};
    for (const Step &step : m_steps) {
        QList<QByteArrayView> next;
        for (const QByteArrayView &node : current) {
            if (evaluator.cancelled())
                return {};
            if (step.descendant)
                evaluator.descend(step, node, next);
            else
                evaluator.apply(step, node, next);
        }
        if (evaluator.m_stopped)
            return {};
        current = std::move(next);
    }
    return current;
}

QByteArray JsonPath::joined(const QList<QByteArrayView> &matches)
{
    qsizetype size = 2;
    for (const QByteArrayView &match : matches)
        size += match.size() + 1;
    QByteArray out;
    out.reserve(size);
    out += '[';
    for (qsizetype i = 0; i < matches.size(); ++i) {
        if (i > 0)
            out += ',';
        out += matches.at(i);
    }
    out += ']';
    return out;
}

} // namespace mr
