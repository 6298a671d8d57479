#pragma once

#include <QString>
#include <QStringList>

namespace mr {

// Insomnia's Nunjucks templates to .http variables: {{ _.x }}, {{ x }}, {{ _['x-y'] }} and
// {{ _.a.b }} become {{x}}, {{x-y}}, {{a.b}} (nested environment values are flattened to
// dotted names to match); {% uuid %} ('v4') becomes {{$uuid}}, {% now 'unix' %} {{$timestamp}}
// and {% now 'iso-8601' %} {{$isoTimestamp}}, which give the same values. Everything else
// (filters, {% response %}, {% prompt %}, {% now 'millis' %}, {# comments #}) stays as written
// with a message, because guessing would send something else.
class NunjucksConverter
{
public:
    static QString convert(const QString &text, QStringList *problems);
};

} // namespace mr
