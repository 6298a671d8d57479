#include "variablespans.h"

namespace mr {

namespace {

// What a generated value is, for the ones that differ each time they are sent.
QString describe(const QString &expression)
{
    const QStringList parts = expression.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString name = parts.value(0);
    if (name == QLatin1String("$uuid") || name == QLatin1String("$random.uuid"))
        return QStringLiteral("a new UUID each request");
    if (name == QLatin1String("$timestamp"))
        return QStringLiteral("the current time in seconds since 1970 (UTC)");
    if (name == QLatin1String("$isoTimestamp"))
        return QStringLiteral("the current time in ISO 8601 (UTC)");
    if (name == QLatin1String("$randomInt"))
        return parts.size() >= 3 ? QStringLiteral("a random integer from %1 to %2 (exclusive)")
                                       .arg(parts[1], parts[2])
                                 : QStringLiteral("a random integer from 0 to 1000 (exclusive)");
    return {};
}

} // namespace

const QStringList &VariableSpans::dynamicNames()
{
    static const QStringList names = {QStringLiteral("$uuid"),      QStringLiteral("$random.uuid"),
                                      QStringLiteral("$timestamp"), QStringLiteral("$isoTimestamp"),
                                      QStringLiteral("$randomInt"), QStringLiteral("$processEnv"),
                                      QStringLiteral("$dotenv")};
    return names;
}

QList<VariableSpans::Span> VariableSpans::find(const QString &text,
                                               const VariableExpander &expander)
{
    QList<Span> spans;
    qsizetype pos = 0;
    qsizetype open = 0;
    qsizetype close = 0;
    while (VariableExpander::nextReference(text, pos, &open, &close)) {
        Span span;
        span.start = open;
        span.length = close + 2 - open;
        span.name = text.mid(open + 2, close - open - 2).trimmed();
        span.dynamic = span.name.startsWith(QLatin1Char('$'));
        // The expander decides what is known, so hover and sending agree.
        const VariableExpander::Result result = expander.expand(text.mid(open, span.length));
        if (span.dynamic) {
            span.known = result.unresolved.isEmpty();
            if (span.known) {
                const QString description = describe(span.name);
                span.value = description.isEmpty() ? result.text : description;
            }
        } else if (expander.variables().contains(span.name)) {
            span.known = true;
            span.value = result.text;
        } else {
            NamedResponses::Reference reference;
            span.reference = NamedResponses::parse(span.name, &reference);
            span.known = span.reference && result.unresolved.isEmpty();
            if (span.known)
                span.value = result.text;
            span.reason = result.reasons.value(span.name);
        }
        spans.append(span);
        pos = close + 2;
    }
    return spans;
}

QStringList VariableSpans::variableNames(const VariableExpander &expander)
{
    QStringList names = expander.variables().keys();
    names.sort();
    return names + dynamicNames();
}

} // namespace mr
