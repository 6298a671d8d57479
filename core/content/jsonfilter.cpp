#include "jsonfilter.h"

#include "jsonpath.h"

#include <QRegularExpression>
#include <QStringList>

// Debian's jq 1.6 headers are C without `extern "C"`.
extern "C" {
#include <jq.h>
}

namespace mr {

namespace {

void collectError(void *data, jv message)
{
    // The callback owns the message; jq_format_error consumes it and returns a string.
    jv text = jq_format_error(message);
    static_cast<QStringList *>(data)->append(QString::fromUtf8(jv_string_value(text)));
    jv_free(text);
}

// "jq: error: syntax error, unexpected $end (Unix shell quoting issues?) at <top-level>,
// line 1:\n.items[\njq: 1 compile error" → "syntax error, unexpected $end".
QString plainJqMessage(const QStringList &messages)
{
    static const QRegularExpression location(QStringLiteral("\\s+at <top-level>, line \\d+:$"));
    static const QRegularExpression count(QStringLiteral("^jq: \\d+ compile errors?$"));
    QStringList parts;
    for (const QString &message : messages) {
        QString line = message.section(QLatin1Char('\n'), 0, 0).trimmed();
        if (count.match(line).hasMatch())
            continue;
        if (line.startsWith(QLatin1String("jq: error: ")))
            line = line.mid(11);
        else if (line.startsWith(QLatin1String("jq: error")))
            line = line.mid(9).trimmed();
        line.remove(location);
        line.remove(QStringLiteral(" (Unix shell quoting issues?)"));
        if (!line.isEmpty() && !parts.contains(line))
            parts.append(line);
    }
    return parts.isEmpty() ? QStringLiteral("the program does not compile")
                           : parts.join(QLatin1String("; "));
}

// The message of an invalid jv (consumed), as text.
QString invalidMessage(jv invalid)
{
    jv message = jv_invalid_get_msg(invalid);
    QString text;
    if (jv_get_kind(message) == JV_KIND_STRING) {
        text = QString::fromUtf8(jv_string_value(message));
        jv_free(message);
    } else {
        jv dumped = jv_dump_string(message, 0);
        text = QString::fromUtf8(jv_string_value(dumped)) + QStringLiteral(" (not a string)");
        jv_free(dumped);
    }
    return text;
}

void printInto(JsonFilter::Result &result, const QByteArray &json, bool sequence,
               const std::atomic_bool *cancel)
{
    if (json.isEmpty())
        return; // jq gave no output
    JsonPrettyPrinter::Options options;
    options.output = JsonPrettyPrinter::Output::Utf16;
    options.allowSequence = sequence;
    options.cancel = cancel;
    JsonPrettyPrinter::Result printed = JsonPrettyPrinter::print(json, options);
    if (printed.cancelled) {
        result.cancelled = true;
        result.ok = false;
        return;
    }
    if (!printed.ok) {
        // Only too-large results get here: what we print was produced as valid JSON.
        result.ok = false;
        if (result.error.isEmpty())
            result.error = printed.error.message;
        result.text = QString::fromUtf8(json);
        return;
    }
    result.text = std::move(printed.text);
    result.folds = std::move(printed.folds);
}

void runJsonPath(const QString &expression, const QByteArray &json, const std::atomic_bool *cancel,
                 JsonFilter::Result &result)
{
    JsonPath::Error error;
    const std::optional<JsonPath> path = JsonPath::compile(expression, &error);
    if (!path) {
        result.error = QStringLiteral("JSONPath ") + error.text();
        return;
    }
    const QList<QByteArrayView> matches = path->evaluate(json, cancel);
    if (cancel && cancel->load()) {
        result.cancelled = true;
        return;
    }
    result.ok = true;
    result.count = int(matches.size());
    printInto(result, JsonPath::joined(matches), false, cancel);
}

void runJq(const QString &program, const QByteArray &json, const std::atomic_bool *cancel,
           JsonFilter::Result &result)
{
    QStringList messages;
    jq_state *jq = jq_init();
    if (!jq) {
        result.error = QStringLiteral("jq: could not start");
        return;
    }
    jq_set_error_cb(jq, collectError, &messages);
    if (!jq_compile(jq, program.toUtf8().constData())) {
        result.error = QStringLiteral("jq: ") + plainJqMessage(messages);
        jq_teardown(&jq);
        return;
    }
    qsizetype skip = json.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    // Validated already: the parse cannot fail on syntax, only on memory.
    jv input = jv_parse_sized(json.constData() + skip, int(json.size() - skip));
    if (!jv_is_valid(input)) {
        result.error = QStringLiteral("jq: ") + invalidMessage(input);
        jq_teardown(&jq);
        return;
    }
    jq_start(jq, input, 0); // consumes input
    QByteArray outputs;
    while (true) {
        if (cancel && cancel->load()) {
            result.cancelled = true;
            break;
        }
        jv output = jq_next(jq);
        if (!jv_is_valid(output)) {
            if (jq_halted(jq)) {
                // halt / halt_error: a message (if any) is the program's own.
                jv message = jq_get_error_message(jq);
                if (jv_get_kind(message) == JV_KIND_STRING)
                    result.error = QStringLiteral("jq: ") +
                                   QString::fromUtf8(jv_string_value(message)).trimmed();
                jv_free(message);
                jv_free(output);
            } else if (jv_invalid_has_msg(jv_copy(output))) {
                result.error = QStringLiteral("jq: ") + invalidMessage(output);
            } else {
                jv_free(output); // the end of the outputs
            }
            break;
        }
        jv dumped = jv_dump_string(output, 0); // consumes output
        const char *text = jv_string_value(dumped);
        const int length = jv_string_length_bytes(jv_copy(dumped));
        if (outputs.size() + length > JsonFilter::MaxOutputBytes) {
            result.truncated = true;
            jv_free(dumped);
            break;
        }
        outputs.append(text, length);
        outputs.append('\n');
        jv_free(dumped);
        ++result.count;
    }
    jq_teardown(&jq);
    if (result.cancelled)
        return;
    result.ok = result.error.isEmpty();
    printInto(result, outputs, true, cancel);
}

} // namespace

JsonFilter::Language JsonFilter::languageOf(const QString &expression)
{
    return expression.trimmed().startsWith(QLatin1Char('$')) ? Language::JsonPath : Language::Jq;
}

JsonFilter::Result JsonFilter::run(const QString &expression, const QByteArray &json,
                                   const std::atomic_bool *cancel)
{
    Result result;
    result.language = languageOf(expression);
    // Our own check first: it says where the body is broken, and jq 1.6 would copy the
    // whole body into its error message.
    const JsonPrettyPrinter::Error invalid = JsonPrettyPrinter::validate(json);
    if (invalid.isError()) {
        result.error = QStringLiteral("The body is not valid JSON at ") + invalid.text();
        return result;
    }
    if (result.language == Language::JsonPath)
        runJsonPath(expression, json, cancel, result);
    else // An empty program is jq's identity, as on its command line.
        runJq(expression.trimmed().isEmpty() ? QStringLiteral(".") : expression, json, cancel,
              result);
    return result;
}

} // namespace mr
